//===- Capacity.cpp - Core capacity accounting and the baseline -----------===//
//
// Everything that counts per-core resources: input checks with the errors a
// user sees, the sequential fill baseline (also used to split cores that
// break a limit) and evaluate(), which scores any assignment.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/PartitionInternal.h"

#include <algorithm>
#include <numeric>

using namespace snn::mapping;
using namespace snn::mapping::detail;

namespace {
int32_t populationOf(const NeuronGraph &graph, int64_t neuron) {
  if (!graph.population.empty())
    return graph.population[neuron];
  auto it =
      std::upper_bound(graph.popBegin.begin(), graph.popBegin.end(), neuron);
  return static_cast<int32_t>(it - graph.popBegin.begin()) - 1;
}
} // namespace

InEdges detail::transpose(const NeuronGraph &graph) {
  InEdges in;
  int64_t n = graph.numNeurons;
  in.rowPtr.assign(n + 1, 0);
  for (int32_t post : graph.col)
    ++in.rowPtr[post + 1];
  std::partial_sum(in.rowPtr.begin(), in.rowPtr.end(), in.rowPtr.begin());
  in.col.resize(graph.col.size());
  std::vector<int64_t> pos(in.rowPtr.begin(), in.rowPtr.end() - 1);
  // Pre-neurons in increasing order per row: keeps fills deterministic.
  for (int64_t pre = 0; pre < n; ++pre)
    for (int64_t e = graph.rowPtr[pre]; e < graph.rowPtr[pre + 1]; ++e)
      in.col[pos[graph.col[e]]++] = static_cast<int32_t>(pre);
  return in;
}

bool detail::prepare(const NeuronGraph &graph, const PartitionOptions &options,
                     Limits &limits, InEdges &in, std::string &err) {
  int64_t n = graph.numNeurons;
  if (n < 0 || static_cast<int64_t>(graph.rowPtr.size()) != n + 1 ||
      graph.rowPtr[0] != 0 ||
      graph.rowPtr[n] != static_cast<int64_t>(graph.col.size())) {
    err = "neuron graph: rowPtr must have numNeurons + 1 entries from 0 to "
          "the number of synapses";
    return false;
  }
  if (graph.popBegin.size() < 2 || graph.popBegin.front() != 0 ||
      graph.popBegin.back() != n) {
    err = "neuron graph: popBegin must run from 0 to numNeurons";
    return false;
  }
  if (!graph.rate.empty() && static_cast<int64_t>(graph.rate.size()) != n) {
    err = "neuron graph: rate must be empty or have one entry per neuron";
    return false;
  }
  for (int32_t post : graph.col)
    if (post < 0 || post >= n) {
      err = "neuron graph: synapse to neuron " + std::to_string(post) +
            " outside 0.." + std::to_string(n - 1);
      return false;
    }
  const CoreCapacity &cap = options.capacity;
  if (cap.neurons < 0 || cap.fanIn < 0 || cap.synapses < 0 ||
      options.neuronsPerCoreCap < 0) {
    err = "core capacity: limits must be positive (0 = unlimited)";
    return false;
  }
  limits.neurons = cap.neurons;
  if (options.neuronsPerCoreCap > 0)
    limits.neurons = limits.neurons > 0
                         ? std::min(limits.neurons, options.neuronsPerCoreCap)
                         : options.neuronsPerCoreCap;
  if (limits.neurons == 0)
    limits.neurons = std::max<int64_t>(n, 1);
  limits.fanIn = cap.fanIn;
  limits.synapses = cap.synapses;
  // Fan-in and synapse limits need each neuron's incoming synapses.
  if (limits.fanIn > 0 || limits.synapses > 0)
    in = transpose(graph);

  // A neuron whose own inputs exceed a core can never be placed; report the
  // first one (lowest index) so the message is deterministic.
  std::vector<int32_t> seen(limits.fanIn > 0 ? n : 0, -1);
  for (int64_t v = 0; v < n; ++v) {
    int64_t synapsesIn =
        in.rowPtr.empty() ? 0 : in.rowPtr[v + 1] - in.rowPtr[v];
    if (limits.synapses > 0 && synapsesIn > limits.synapses) {
      err = "population " + std::to_string(populationOf(graph, v)) +
            ": neuron " + std::to_string(v) + " needs " +
            std::to_string(synapsesIn) +
            " synapse entries but a core holds at most " +
            std::to_string(limits.synapses) + " (synapses per core)";
      return false;
    }
    if (limits.fanIn > 0 && in.rowPtr[v + 1] - in.rowPtr[v] > limits.fanIn) {
      int64_t distinct = 0;
      for (int64_t e = in.rowPtr[v]; e < in.rowPtr[v + 1]; ++e)
        if (seen[in.col[e]] != v) {
          seen[in.col[e]] = static_cast<int32_t>(v);
          ++distinct;
        }
      if (distinct > limits.fanIn) {
        err = "population " + std::to_string(populationOf(graph, v)) +
              ": neuron " + std::to_string(v) + " needs a fan-in of " +
              std::to_string(distinct) +
              " distinct pre-neurons but a core accepts at most " +
              std::to_string(limits.fanIn) + " (input axons per core)";
        return false;
      }
    }
  }
  return true;
}

int32_t detail::fillCores(const NeuronGraph &graph, const InEdges *in,
                          const Limits &limits,
                          const std::vector<int32_t> &neurons, int32_t nextCore,
                          std::vector<int32_t> &coreOf, FillScratch &scratch) {
  if (neurons.empty())
    return nextCore;
  bool trackFanIn = limits.fanIn > 0 && in;
  // lastCore[pre] == core: pre already has an input axon on `core`; core
  // numbers only grow, so the arrays are shared across calls uncleared.
  std::vector<int32_t> &lastCore = scratch.lastCore;
  std::vector<int32_t> &lastNeuron = scratch.lastNeuron;
  if (trackFanIn && lastCore.empty()) {
    lastCore.assign(graph.numNeurons, -1);
    lastNeuron.assign(graph.numNeurons, -1);
  }
  int32_t core = nextCore;
  int64_t neuronsOn = 0, fanIn = 0, synapses = 0;
  for (int32_t v : neurons) {
    int64_t synapsesIn = in ? in->rowPtr[v + 1] - in->rowPtr[v] : 0;
    int64_t newPres = 0, distinctPres = 0;
    if (trackFanIn) {
      for (int64_t e = in->rowPtr[v]; e < in->rowPtr[v + 1]; ++e) {
        int32_t pre = in->col[e];
        if (lastNeuron[pre] == v)
          continue;
        lastNeuron[pre] = v;
        ++distinctPres;
        newPres += lastCore[pre] != core;
      }
    }
    bool fits =
        neuronsOn + 1 <= limits.neurons &&
        (!trackFanIn || fanIn + newPres <= limits.fanIn) &&
        (limits.synapses == 0 || synapses + synapsesIn <= limits.synapses);
    if (!fits && neuronsOn > 0) {
      ++core;
      neuronsOn = fanIn = synapses = 0;
      newPres = distinctPres;
    }
    coreOf[v] = core;
    ++neuronsOn;
    fanIn += newPres;
    synapses += synapsesIn;
    if (trackFanIn)
      for (int64_t e = in->rowPtr[v]; e < in->rowPtr[v + 1]; ++e)
        lastCore[in->col[e]] = core;
  }
  return core + 1;
}

int32_t detail::splitOverfullCores(const NeuronGraph &graph, const InEdges *in,
                                   const Limits &limits,
                                   std::vector<int32_t> &coreOf) {
  PartitionResult metrics = evaluate(graph, coreOf);
  int32_t numCores = metrics.numCores;
  // Members of each core in neuron order (counting sort).
  std::vector<int64_t> start(numCores + 1, 0);
  for (int32_t c : coreOf)
    ++start[c + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<int32_t> members(coreOf.size());
  {
    std::vector<int64_t> pos(start.begin(), start.end() - 1);
    for (size_t v = 0; v < coreOf.size(); ++v)
      members[pos[coreOf[v]]++] = static_cast<int32_t>(v);
  }
  std::vector<int32_t> newCore(coreOf.size());
  int32_t next = 0;
  std::vector<int32_t> group;
  FillScratch scratch;
  for (int32_t c = 0; c < numCores; ++c) {
    if (start[c] == start[c + 1])
      continue; // Empty cores disappear.
    group.assign(members.begin() + start[c], members.begin() + start[c + 1]);
    bool over =
        metrics.neuronsPerCore[c] > limits.neurons ||
        (limits.fanIn > 0 && metrics.fanInPerCore[c] > limits.fanIn) ||
        (limits.synapses > 0 && metrics.synapsesPerCore[c] > limits.synapses);
    if (!over) {
      for (int32_t v : group)
        newCore[v] = next;
      ++next;
      continue;
    }
    next = fillCores(graph, in, limits, group, next, newCore, scratch);
  }
  coreOf.swap(newCore);
  return next;
}

bool snn::mapping::sequentialFill(const NeuronGraph &graph,
                                  const PartitionOptions &options,
                                  PartitionResult &result, std::string &err) {
  Limits limits;
  InEdges in;
  if (!prepare(graph, options, limits, in, err))
    return false;
  std::vector<int32_t> order(graph.numNeurons);
  std::iota(order.begin(), order.end(), 0);
  std::vector<int32_t> coreOf(graph.numNeurons, 0);
  FillScratch scratch;
  fillCores(graph, in.rowPtr.empty() ? nullptr : &in, limits, order, 0, coreOf,
            scratch);
  result = evaluate(graph, std::move(coreOf), limits.neurons);
  return true;
}

PartitionResult snn::mapping::evaluate(const NeuronGraph &graph,
                                       std::vector<int32_t> coreOf,
                                       int64_t neuronsPerCore) {
  PartitionResult r;
  int64_t n = graph.numNeurons;
  int32_t numCores = 0;
  for (int32_t c : coreOf)
    numCores = std::max(numCores, c + 1);
  r.numCores = numCores;
  r.lowerBound =
      neuronsPerCore > 0 ? (n + neuronsPerCore - 1) / neuronsPerCore : 0;
  r.neuronsPerCore.assign(numCores, 0);
  r.fanInPerCore.assign(numCores, 0);
  r.synapsesPerCore.assign(numCores, 0);
  for (int32_t c : coreOf)
    ++r.neuronsPerCore[c];
  // One pass over the synapses serves traffic and fan-in: pre reaches core c
  // (one input axon there, one packet if c is remote) the first time one of
  // its posts is seen on c; stamp[c] == pre marks "already seen".
  std::vector<int64_t> stamp(numCores, -1);
  double traffic = 0;
  for (int64_t pre = 0; pre < n; ++pre) {
    int32_t home = coreOf[pre];
    int64_t remote = 0;
    for (int64_t e = graph.rowPtr[pre]; e < graph.rowPtr[pre + 1]; ++e) {
      int32_t c = coreOf[graph.col[e]];
      ++r.synapsesPerCore[c];
      if (stamp[c] == pre)
        continue;
      stamp[c] = pre;
      ++r.fanInPerCore[c];
      remote += c != home;
    }
    traffic += static_cast<double>(rateOf(graph, pre)) * remote;
  }
  r.interCoreTraffic = traffic;
  r.coreOf = std::move(coreOf);
  return r;
}
