//===- Partition.cpp - The partitioner's driver ---------------------------===//
//
// partition() tries a few candidate assignments and keeps the best one:
//   1. sequential fill (the baseline; wins when fan-in limits dominate),
//   2. contiguous slices of the neuron order, refined (layered and 1-D local
//      networks are numbered with locality already, so slices are near
//      optimal and cost one refinement pass),
//   3. multilevel: cluster by size-constrained label propagation, grow parts
//      on the coarsest graph, refine on the way back (2-D sheets and other
//      structures the numbering does not reveal), then refine the neurons
//      on the exact metric under every capacity, fan-in included.
// The slices use ceil(N / neurons per core) parts (the lower bound), the
// multilevel candidate 3% more (see kSparePercent); cores that break a
// fan-in or synapse limit are then re-filled, and among the candidates
// within 5% of the lower bound the least traffic wins (else the fewest
// cores).
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/PartitionInternal.h"

#include <algorithm>
#include <deque>
#include <numeric>
#include <thread>

using namespace snn::mapping;
using namespace snn::mapping::detail;

namespace {
/// Refinement passes: each is one sweep over the adjacency. Later passes
/// move few nodes, and the sweep over 2e8 entries is what costs time at 1e6
/// neurons, so the finest level gets fewer.
constexpr int kCoarsePasses = 20;
constexpr int kFinePasses = 6;
/// Neuron-level passes stop once one saves under 0.5% of the cut.
constexpr double kFineMinGain = 0.005;
/// Clusters grow gradually, from kFirstCluster neurons by kClusterGrowth
/// per level up to 1/kClustersPerCore of a core, so that refinement works at
/// every scale between neurons and cores (one 50x jump measured 10-25% more
/// traffic on 2-D sheets); the final bound stays small enough that the
/// coarsest graph can be cut into parts of exactly the right size.
constexpr int64_t kFirstCluster = 4;
constexpr int64_t kClusterGrowth = 4;
constexpr int64_t kClustersPerCore = 32;
/// Sweeps of the exact-metric (multicast, fan-in aware) refinement at the
/// end; the first costs about as much as two edge-cut passes, later ones
/// visit only neurons next to a moved one (4 instead of 2 measured 0.6-0.9%
/// less traffic on 1e5-neuron sheets for ~6% more time).
constexpr int kTrafficPasses = 4;
constexpr double kTrafficMinGain = 0.002;
/// Parts of the multilevel candidate beyond the lower bound, in percent of
/// it (rounded down, so small nets keep the lower bound). At the lower bound
/// Loihi parts are >99.9% full at 1e6 neurons and refinement can only swap
/// neurons; spare room lets it move them, which is what edge-cut refinement
/// needs to make parts compact.
constexpr int64_t kSparePercent = 3;
/// Candidates within this much of the lower bound compete on traffic alone.
constexpr int64_t kBudgetPercent = 5;
/// Coarse graphs above this many adjacency entries are grown in index order
/// rather than in Cuthill-McKee order (Boost copies the graph).
constexpr int64_t kMaxOrderedAdjacency = 20'000'000;

/// Weight of the edges between parts (each undirected edge once).
double edgeCut(const WeightedGraph &g, const std::vector<int32_t> &part) {
  double cut = 0;
  for (int64_t v = 0; v < g.numNodes; ++v)
    for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e)
      if (part[v] != part[g.adj[e]])
        cut += g.weight[e];
  return cut / 2;
}

std::vector<int32_t> multilevel(const WeightedGraph &fine, int32_t numParts,
                                const RefineLimits &limits) {
  std::deque<WeightedGraph> levels; // deque: pointers stay valid
  std::vector<std::vector<int32_t>> clusterOf;
  const WeightedGraph *current = &fine;
  int64_t finalCluster =
      std::max<int64_t>(1, limits.neurons / kClustersPerCore);
  int64_t maxCluster = std::min(finalCluster, kFirstCluster);
  for (int level = 0; level < 16; ++level) {
    if (level > 0)
      maxCluster = std::min(finalCluster, maxCluster * kClusterGrowth);
    std::vector<int32_t> cluster;
    // Level 0 holds most of the edges: fewer label propagation rounds there.
    int32_t numClusters =
        clusterNodes(*current, maxCluster, level == 0 ? 4 : 5, cluster);
    if (numClusters < 0 || numClusters > current->numNodes * 9 / 10)
      break;
    WeightedGraph coarse;
    // A coarse graph that keeps over half the adjacency is an expander:
    // coarsening costs memory and finds no structure, so stop there.
    if (!contract(*current, cluster, numClusters,
                  static_cast<int64_t>(current->adj.size()) / 2, coarse))
      break;
    levels.push_back(std::move(coarse));
    clusterOf.push_back(std::move(cluster));
    current = &levels.back();
  }
  if (levels.empty())
    return {};

  std::vector<int32_t> seedOrder;
  if (static_cast<int64_t>(current->adj.size()) <= kMaxOrderedAdjacency) {
    seedOrder = reverseCuthillMcKee(*current);
  } else {
    seedOrder.resize(current->numNodes);
    std::iota(seedOrder.begin(), seedOrder.end(), 0);
  }
  // Two initial partitions, kept by cut after refinement: recursive
  // bisection wins on sheets, growing in Cuthill-McKee order on small nets.
  std::vector<int32_t> part =
      growParts(*current, numParts, limits.neurons, seedOrder);
  refineParts(*current, numParts, limits, kCoarsePasses, 0.0, part);
  std::vector<int32_t> bisected =
      bisectParts(*current, numParts, limits.neurons);
  refineParts(*current, numParts, limits, kCoarsePasses, 0.0, bisected);
  if (edgeCut(*current, bisected) < edgeCut(*current, part))
    part.swap(bisected);
  for (int level = static_cast<int>(levels.size()) - 1; level >= 0; --level) {
    const WeightedGraph &finer = level == 0 ? fine : levels[level - 1];
    std::vector<int32_t> projected(finer.numNodes);
    for (int64_t v = 0; v < finer.numNodes; ++v)
      projected[v] = part[clusterOf[level][v]];
    part.swap(projected);
    levels.pop_back(); // Free coarse levels as soon as they are used.
    // No early stop by gain here: expanders never get this far (see
    // clusterNodes), and sheets keep improving by small steps.
    refineParts(finer, numParts, limits,
                level == 0 ? kFinePasses : kCoarsePasses, 0.0, part);
  }
  return part;
}

/// Checks the fan-out limit (distinct destination cores per neuron).
bool checkFanOut(const NeuronGraph &graph, const PartitionOptions &options,
                 const PartitionResult &result, std::string &err) {
  int64_t limit = options.capacity.fanOut;
  if (limit <= 0)
    return true;
  std::vector<int64_t> stamp(result.numCores, -1);
  for (int64_t pre = 0; pre < graph.numNeurons; ++pre) {
    int64_t cores = 0;
    for (int64_t e = graph.rowPtr[pre]; e < graph.rowPtr[pre + 1]; ++e) {
      int32_t c = result.coreOf[graph.col[e]];
      if (stamp[c] != pre) {
        stamp[c] = pre;
        ++cores;
      }
    }
    if (cores > limit) {
      int32_t pop = graph.population.empty() ? -1 : graph.population[pre];
      err = "population " + std::to_string(pop) + ": neuron " +
            std::to_string(pre) + " needs a fan-out of " +
            std::to_string(cores) +
            " destination cores but a neuron reaches "
            "at most " +
            std::to_string(limit) + " (fan-out per neuron)";
      return false;
    }
  }
  return true;
}
} // namespace

bool snn::mapping::partition(const NeuronGraph &graph,
                             const PartitionOptions &options,
                             PartitionResult &result, std::string &err) {
  Limits limits;
  InEdges in;
  if (!prepare(graph, options, limits, in, err))
    return false;
  const InEdges *inPtr = in.rowPtr.empty() ? nullptr : &in;
  int64_t n = graph.numNeurons;
  int64_t cap = limits.neurons;
  int64_t lowerBound = (n + cap - 1) / cap;

  std::vector<int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::vector<int32_t> fill(n, 0);
  FillScratch scratch;
  fillCores(graph, inPtr, limits, order, 0, fill, scratch);
  order = {};
  PartitionResult best = evaluate(graph, std::move(fill), cap);
  int64_t budget = lowerBound + lowerBound * kBudgetPercent / 100;
  auto consider = [&](std::vector<int32_t> coreOf) {
    splitOverfullCores(graph, inPtr, limits, coreOf);
    PartitionResult r = evaluate(graph, std::move(coreOf), cap);
    bool inBudget = r.numCores <= budget, bestIn = best.numCores <= budget;
    bool better = inBudget != bestIn ? inBudget
                  : r.numCores == best.numCores || inBudget
                      ? r.interCoreTraffic < best.interCoreTraffic
                      : r.numCores < best.numCores;
    if (better)
      best = std::move(r);
  };

  if (options.refine && lowerBound > 1) {
    int32_t numParts = static_cast<int32_t>(lowerBound);
    int64_t spare = lowerBound * kSparePercent / 100;
    if (int64_t chip = options.coresPerChip; chip > 0)
      spare =
          std::min(spare, (lowerBound + chip - 1) / chip * chip - lowerBound);
    int32_t spareParts = static_cast<int32_t>(lowerBound + spare);
    RefineLimits refineLimits{cap, limits.synapses};
    WeightedGraph fine = symmetrize(graph);
    // The two candidates are independent and read `fine` only, so they run
    // on two threads; each is sequential inside, so the result does not
    // depend on scheduling.
    // The exact-metric refinement needs every neuron's pre-neurons.
    if (in.rowPtr.empty())
      in = transpose(graph);
    std::vector<int32_t> ml;
    std::thread multilevelThread([&] {
      ml = multilevel(fine, spareParts, refineLimits);
      // Only structured graphs get here (random ones skip the multilevel
      // candidate), where boundary moves on the exact metric still pay.
      if (!ml.empty())
        refineTraffic(graph, in, limits, spareParts, kTrafficPasses,
                      kTrafficMinGain, ml);
    });
    std::vector<int32_t> slices(n);
    for (int64_t v = 0; v < n; ++v)
      slices[v] = static_cast<int32_t>(v * numParts / n);
    refineParts(fine, numParts, refineLimits, kFinePasses, kFineMinGain,
                slices);
    multilevelThread.join();
    consider(std::move(slices));
    if (!ml.empty())
      consider(std::move(ml));
  }
  if (!checkFanOut(graph, options, best, err))
    return false;
  result = std::move(best);
  return true;
}
