//===- Assign.cpp - Layer-to-core assignment as max-flow ------------------===//
//
// Each layer needs a core of its own whose kernel, neuron and bias memories
// hold it. That is a bipartite matching of layers to cores, which sinabs
// `mapping.py` (get_valid_mapping) solves as a unit-capacity max-flow with
// Edmonds-Karp. This file builds the same flow network in the same order, so
// the cores it picks are the ones sinabs' `chip_layers_ordering="auto"` picks.
//
//===----------------------------------------------------------------------===//
#include "targets/speck/mapping/SpeckMapping.h"

#include <algorithm>
#include <deque>
#include <string>

namespace snn::speck {

namespace {
/// A residual-graph edge; `rev` is the index of its partner edge.
struct Edge {
  int to;
  int cap;
  int flow;
  int rev;
};

struct FlowGraph {
  std::vector<Edge> edges;
  std::vector<std::vector<int>> adj; ///< Edge indices per node, in order.

  explicit FlowGraph(int nodes) : adj(nodes) {}

  /// Adds from->to with capacity 1 and its zero-capacity reverse; returns the
  /// forward edge's index.
  int add(int from, int to) {
    int fwd = static_cast<int>(edges.size());
    edges.push_back({to, 1, 0, fwd + 1});
    edges.push_back({from, 0, 0, fwd});
    adj[from].push_back(fwd);
    adj[to].push_back(fwd + 1);
    return fwd;
  }

  /// Edmonds-Karp: augment along shortest residual paths until none is left.
  /// Edges are scanned in insertion order, so ties go to the earlier layer
  /// and the lower core index.
  void maxFlow(int source, int sink) {
    const int n = static_cast<int>(adj.size());
    while (true) {
      std::vector<int> pred(n, -1); // Edge that first reached each node.
      std::deque<int> queue{source};
      while (!queue.empty() && pred[sink] < 0) {
        int cur = queue.front();
        queue.pop_front();
        for (int e : adj[cur]) {
          const Edge &edge = edges[e];
          if (pred[edge.to] < 0 && edge.to != source && edge.cap > edge.flow) {
            pred[edge.to] = e;
            queue.push_back(edge.to);
          }
        }
      }
      if (pred[sink] < 0)
        return;
      // Unit capacities: every augmenting path carries exactly 1.
      for (int node = sink; node != source;) {
        Edge &edge = edges[pred[node]];
        edge.flow += 1;
        edges[edge.rev].flow -= 1;
        node = edges[edge.rev].to;
      }
    }
  }
};

std::string needText(const LayerMemory &need) {
  return "kernel " + std::to_string(need.kernel) + ", neuron " +
         std::to_string(need.neuron) + ", bias " + std::to_string(need.bias) +
         " entries";
}

bool fits(const LayerMemory &need, const CoreMemory &core) {
  return need.kernel <= core.kernel && need.neuron <= core.neuron &&
         need.bias <= core.bias;
}

/// Index of the first core with the largest value of one memory.
template <typename Get> int largestCore(const Chip &chip, Get get) {
  int best = 0;
  for (int c = 1; c < static_cast<int>(chip.cores.size()); ++c)
    if (get(chip.cores[c]) > get(chip.cores[best]))
      best = c;
  return best;
}

/// Explains why a layer fits no core at all.
std::string noCoreMessage(const Layer &layer, const LayerMemory &need,
                          const Chip &chip) {
  int k = largestCore(chip, [](const CoreMemory &m) { return m.kernel; });
  int n = largestCore(chip, [](const CoreMemory &m) { return m.neuron; });
  int b = largestCore(chip, [](const CoreMemory &m) { return m.bias; });
  std::string msg =
      "layer '" + layer.name + "' fits no core: it needs " + needText(need) +
      "; the largest core memories are kernel " +
      std::to_string(chip.cores[k].kernel) + " (core " + std::to_string(k) +
      "), neuron " + std::to_string(chip.cores[n].neuron) + " (core " +
      std::to_string(n) + "), bias " + std::to_string(chip.cores[b].bias) +
      " (core " + std::to_string(b) + ")";
  bool single = false;
  if (need.kernel > chip.cores[k].kernel) {
    msg += "; reduce the input channels, output channels or kernel size "
           "(each is rounded up to a power of two)";
    single = true;
  }
  if (need.neuron > chip.cores[n].neuron) {
    msg += "; reduce the output channels or the feature map (each side is "
           "rounded up to a power of two)";
    single = true;
  }
  if (need.bias > chip.cores[b].bias) {
    msg += "; reduce the output channels";
    single = true;
  }
  // Kernel memory grows while neuron memory shrinks across the cores, so a
  // layer can exceed no single maximum yet find no core with both.
  if (!single)
    msg += "; no single core has that much kernel and neuron memory together: "
           "shrink either need";
  return msg;
}

std::string listCores(const std::vector<int> &cores) {
  std::string text;
  for (size_t i = 0; i < cores.size(); ++i)
    text += (i ? ", " : "") + std::to_string(cores[i]);
  return text;
}
} // namespace

bool matchLayersToCores(const std::vector<std::vector<int>> &candidates,
                        int numCores, std::vector<int> &coreOf) {
  const int numLayers = static_cast<int>(candidates.size());
  // Nodes: source, layers, cores, sink (sinabs make_flow_graph's layout).
  const int source = 0, firstCore = numLayers + 1;
  const int sink = firstCore + numCores;
  FlowGraph graph(sink + 1);
  for (int i = 0; i < numLayers; ++i)
    graph.add(source, 1 + i);
  std::vector<std::vector<int>> layerEdges(numLayers);
  for (int i = 0; i < numLayers; ++i) {
    std::vector<int> cores = candidates[i];
    std::sort(cores.begin(), cores.end());
    cores.erase(std::unique(cores.begin(), cores.end()), cores.end());
    for (int c : cores)
      if (c >= 0 && c < numCores)
        layerEdges[i].push_back(graph.add(1 + i, firstCore + c));
  }
  for (int c = 0; c < numCores; ++c)
    graph.add(firstCore + c, sink);

  graph.maxFlow(source, sink);

  coreOf.assign(numLayers, -1);
  bool complete = true;
  for (int i = 0; i < numLayers; ++i) {
    for (int e : layerEdges[i])
      if (graph.edges[e].flow == 1)
        coreOf[i] = graph.edges[e].to - firstCore;
    complete &= coreOf[i] >= 0;
  }
  return complete;
}

bool assignCores(const std::vector<Layer> &layers, const Chip &chip,
                 std::vector<int> &coreOf, std::string &err) {
  coreOf.assign(layers.size(), -1);
  const size_t numCores = chip.cores.size();
  if (layers.size() > numCores) {
    err = "the network has " + std::to_string(layers.size()) +
          " layers but the chip has " + std::to_string(numCores) +
          " cores, and each layer needs a core of its own: the layers need "
          "more than " +
          std::to_string(numCores) + " cores; merge or remove layers";
    return false;
  }

  std::vector<LayerMemory> needs;
  std::vector<std::vector<int>> candidates(layers.size());
  for (size_t i = 0; i < layers.size(); ++i) {
    needs.push_back(memoryNeed(layers[i]));
    for (size_t c = 0; c < numCores; ++c)
      if (fits(needs[i], chip.cores[c]))
        candidates[i].push_back(static_cast<int>(c));
    if (candidates[i].empty()) {
      err = noCoreMessage(layers[i], needs[i], chip);
      return false;
    }
  }

  if (matchLayersToCores(candidates, static_cast<int>(numCores), coreOf))
    return true;

  // Every layer fits some core, but too many compete for the same ones. The
  // layers reachable from the first unplaced one by alternating paths (its
  // cores, their layers, their cores, ...) form a set with more layers than
  // cores (Hall's condition fails); name them so the user knows which to
  // shrink.
  size_t first = 0;
  while (coreOf[first] >= 0)
    ++first;
  std::vector<int> layerOfCore(numCores, -1);
  for (size_t i = 0; i < layers.size(); ++i)
    if (coreOf[i] >= 0)
      layerOfCore[coreOf[i]] = static_cast<int>(i);
  std::vector<bool> seenLayer(layers.size(), false), seenCore(numCores, false);
  std::deque<size_t> queue{first};
  seenLayer[first] = true;
  while (!queue.empty()) {
    size_t i = queue.front();
    queue.pop_front();
    for (int c : candidates[i]) {
      if (seenCore[c])
        continue;
      seenCore[c] = true;
      int j = layerOfCore[c];
      if (j >= 0 && !seenLayer[j]) {
        seenLayer[j] = true;
        queue.push_back(static_cast<size_t>(j));
      }
    }
  }
  std::string names;
  int count = 0;
  for (size_t i = 0; i < layers.size(); ++i)
    if (seenLayer[i]) {
      names += (count ? ", '" : "'") + layers[i].name + "'";
      ++count;
    }
  std::vector<int> cores;
  for (size_t c = 0; c < numCores; ++c)
    if (seenCore[c])
      cores.push_back(static_cast<int>(c));
  err = "layer '" + layers[first].name + "' cannot be placed: it needs " +
        needText(needs[first]) + " and fits only cores " +
        listCores(candidates[first]) + "; layers " + names +
        " fit only cores " + listCores(cores) + " (" + std::to_string(count) +
        " layers for " + std::to_string(cores.size()) +
        " cores); shrink one of them so it fits another core";
  return false;
}

} // namespace snn::speck
