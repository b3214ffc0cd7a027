//===- Coarsen.cpp - The multilevel scheme's graphs and coarsening --------===//
//
// Builds the undirected weighted graph the partitioner works on and shrinks
// it by size-constrained label propagation (as KaHIP's SCLaP): each node
// joins the neighbouring cluster it is most strongly connected to, as long as
// the cluster stays below a neuron bound. Unlike matching, one pass can merge
// many nodes, so a 1e6-neuron sheet shrinks to a few thousand clusters in two
// or three levels, and the clusters are compact blobs, which is what makes
// the later parts compact.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/PartitionInternal.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/cuthill_mckee_ordering.hpp>

#include <algorithm>
#include <numeric>

using namespace snn::mapping;
using namespace snn::mapping::detail;

WeightedGraph detail::symmetrize(const NeuronGraph &graph) {
  WeightedGraph g;
  int64_t n = graph.numNeurons;
  g.numNodes = n;
  g.xadj.assign(n + 1, 0);
  for (int64_t pre = 0; pre < n; ++pre)
    for (int64_t e = graph.rowPtr[pre]; e < graph.rowPtr[pre + 1]; ++e) {
      int32_t post = graph.col[e];
      if (post == pre)
        continue;
      ++g.xadj[pre + 1];
      ++g.xadj[post + 1];
    }
  std::partial_sum(g.xadj.begin(), g.xadj.end(), g.xadj.begin());
  g.adj.resize(g.xadj[n]);
  g.weight.resize(g.xadj[n]);
  std::vector<int64_t> pos(g.xadj.begin(), g.xadj.end() - 1);
  for (int64_t pre = 0; pre < n; ++pre) {
    float r = rateOf(graph, pre);
    for (int64_t e = graph.rowPtr[pre]; e < graph.rowPtr[pre + 1]; ++e) {
      int32_t post = graph.col[e];
      if (post == pre)
        continue;
      g.adj[pos[pre]] = post;
      g.weight[pos[pre]++] = r;
      g.adj[pos[post]] = static_cast<int32_t>(pre);
      g.weight[pos[post]++] = r;
    }
  }
  g.nodeNeurons.assign(n, 1);
  g.nodeSynapses.assign(n, 0);
  for (int32_t post : graph.col)
    ++g.nodeSynapses[post];
  return g;
}

namespace {
/// A fixed hash for tie-breaking. Breaking ties by the smaller label makes
/// every node on a uniform sheet join its lowest-numbered neighbour, which
/// grows long stripes instead of blobs; a hash spreads the choices while
/// staying deterministic.
uint32_t tieHash(uint64_t a, uint64_t b) {
  uint64_t z = a * 0x9e3779b97f4a7c15ULL ^ (b + 0xbf58476d1ce4e5b9ULL);
  z = (z ^ (z >> 31)) * 0x94d049bb133111ebULL;
  return static_cast<uint32_t>(z >> 32);
}
} // namespace

int32_t detail::clusterNodes(const WeightedGraph &g, int64_t maxNeurons,
                             int iterations, std::vector<int32_t> &cluster) {
  int64_t n = g.numNodes;
  std::vector<int32_t> label(n);
  std::iota(label.begin(), label.end(), 0);
  std::vector<int64_t> clusterNeurons(g.nodeNeurons.begin(),
                                      g.nodeNeurons.end());
  std::vector<float> conn(n, 0.0f);
  std::vector<char> touchedFlag(n, 0);
  std::vector<int32_t> touched;
  double totalWeight = 0;
  for (float w : g.weight)
    totalWeight += w;
  for (int it = 0; it < iterations; ++it) {
    int64_t moved = 0;
    double inside = 0;
    for (int64_t v = 0; v < n; ++v) {
      for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
        int32_t c = label[g.adj[e]];
        if (!touchedFlag[c]) {
          touchedFlag[c] = 1;
          touched.push_back(c);
        }
        conn[c] += g.weight[e];
      }
      int32_t from = label[v];
      int32_t best = from;
      float bestConn = touchedFlag[from] ? conn[from] : 0.0f;
      uint32_t bestHash = 0;
      int64_t w = g.nodeNeurons[v];
      for (int32_t c : touched) {
        if (c == from || clusterNeurons[c] + w > maxNeurons)
          continue;
        // Strictly better than staying; ties among others by hash, so the
        // result does not depend on the order `touched` was filled in.
        uint32_t h = tieHash(v + it, c);
        if (conn[c] > bestConn ||
            (conn[c] == bestConn && best != from &&
             (h < bestHash || (h == bestHash && c < best)))) {
          best = c;
          bestConn = conn[c];
          bestHash = h;
        }
      }
      for (int32_t c : touched) {
        conn[c] = 0.0f;
        touchedFlag[c] = 0;
      }
      touched.clear();
      inside += bestConn;
      if (best != from) {
        clusterNeurons[from] -= w;
        clusterNeurons[best] += w;
        label[v] = best;
        ++moved;
      }
    }
    // Clusters that keep under 1.5% of the edges inside mean an expander
    // (random graphs measure ~0.7%, a radius-7 sheet ~3%): no structure to
    // find, and coarsening would cost as much as the rest of the partitioner.
    // Say so after one round.
    if (it == 0 && inside < 0.015 * totalWeight)
      return -1;
    if (moved < n / 100 + 1)
      break;
  }
  // Renumber in order of first node: clusters inherit the nodes' order, which
  // keeps the locality of the neuron numbering at every level.
  std::vector<int32_t> renumber(n, -1);
  int32_t numClusters = 0;
  cluster.resize(n);
  for (int64_t v = 0; v < n; ++v) {
    int32_t &r = renumber[label[v]];
    if (r < 0)
      r = numClusters++;
    cluster[v] = r;
  }
  return numClusters;
}

bool detail::contract(const WeightedGraph &g,
                      const std::vector<int32_t> &cluster, int32_t numClusters,
                      int64_t maxAdjacency, WeightedGraph &coarse) {
  int64_t n = g.numNodes;
  std::vector<int64_t> start(numClusters + 1, 0);
  for (int64_t v = 0; v < n; ++v)
    ++start[cluster[v] + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<int32_t> members(n);
  {
    std::vector<int64_t> pos(start.begin(), start.end() - 1);
    for (int64_t v = 0; v < n; ++v)
      members[pos[cluster[v]]++] = static_cast<int32_t>(v);
  }
  coarse = WeightedGraph();
  coarse.numNodes = numClusters;
  coarse.xadj.assign(numClusters + 1, 0);
  coarse.nodeNeurons.assign(numClusters, 0);
  coarse.nodeSynapses.assign(numClusters, 0);
  std::vector<float> acc(numClusters, 0.0f);
  std::vector<int32_t> stamp(numClusters, -1);
  std::vector<int32_t> touched;
  for (int32_t c = 0; c < numClusters; ++c) {
    for (int64_t i = start[c]; i < start[c + 1]; ++i) {
      int32_t v = members[i];
      coarse.nodeNeurons[c] += g.nodeNeurons[v];
      coarse.nodeSynapses[c] += g.nodeSynapses[v];
      for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
        int32_t d = cluster[g.adj[e]];
        if (d == c)
          continue;
        if (stamp[d] != c) {
          stamp[d] = c;
          acc[d] = 0.0f;
          touched.push_back(d);
        }
        acc[d] += g.weight[e];
      }
    }
    // Sorted neighbours: the coarse graph is then independent of the order
    // members were visited in.
    std::sort(touched.begin(), touched.end());
    for (int32_t d : touched) {
      coarse.adj.push_back(d);
      coarse.weight.push_back(acc[d]);
    }
    touched.clear();
    coarse.xadj[c + 1] = static_cast<int64_t>(coarse.adj.size());
    if (static_cast<int64_t>(coarse.adj.size()) > maxAdjacency) {
      coarse = WeightedGraph();
      return false;
    }
  }
  coarse.adj.shrink_to_fit();
  coarse.weight.shrink_to_fit();
  return true;
}

std::vector<int32_t> detail::reverseCuthillMcKee(const WeightedGraph &g) {
  using BoostGraph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  int64_t n = g.numNodes;
  BoostGraph bg(n);
  for (int64_t v = 0; v < n; ++v)
    for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e)
      if (g.adj[e] > v)
        boost::add_edge(v, g.adj[e], bg);
  std::vector<BoostGraph::vertex_descriptor> order(n);
  // Reverse order, as recommended: fronts then sweep from a peripheral node.
  boost::cuthill_mckee_ordering(bg, order.rbegin());
  return std::vector<int32_t>(order.begin(), order.end());
}
