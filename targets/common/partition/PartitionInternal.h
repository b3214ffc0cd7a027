//===- PartitionInternal.h - Pieces of the partitioner ------------*- C++
//-*-===//
//
// Internal interfaces between the partitioner's files: the undirected graph
// the multilevel scheme works on, its coarsening, initial partitioning and
// refinement, and the capacity bookkeeping shared with the baseline.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TARGETS_COMMON_PARTITION_PARTITIONINTERNAL_H
#define SNN_TARGETS_COMMON_PARTITION_PARTITIONINTERNAL_H

#include "targets/common/partition/Partition.h"

namespace snn::mapping::detail {

inline float rateOf(const NeuronGraph &graph, int64_t neuron) {
  return graph.rate.empty() ? 1.0f : graph.rate[neuron];
}

/// Undirected graph with edge weights (spike rate over the synapse, summed
/// for both directions) and two node weights (neurons, incoming synapses).
/// Duplicate edges are allowed: every consumer accumulates weights anyway.
struct WeightedGraph {
  int64_t numNodes = 0;
  std::vector<int64_t> xadj;
  std::vector<int32_t> adj;
  std::vector<float> weight;
  std::vector<int32_t> nodeNeurons;
  std::vector<int64_t> nodeSynapses;
};

/// The neuron graph as an undirected weighted graph (self loops dropped).
WeightedGraph symmetrize(const NeuronGraph &graph);

/// Size-constrained label propagation: clusters of at most `maxNeurons`
/// neurons, numbered 0..C-1 in order of their first node. Returns C, or -1
/// when the graph has no cluster structure (random graphs).
int32_t clusterNodes(const WeightedGraph &graph, int64_t maxNeurons,
                     int iterations, std::vector<int32_t> &cluster);

/// Contracts clusters into nodes. Returns false (and leaves `coarse` empty)
/// when the coarse graph would have more than `maxAdjacency` entries, which
/// happens on expander-like (random) graphs where coarsening does not pay.
bool contract(const WeightedGraph &graph, const std::vector<int32_t> &cluster,
              int32_t numClusters, int64_t maxAdjacency, WeightedGraph &coarse);

/// Greedy graph growing: parts are grown one after another from seeds taken
/// in `seedOrder`, each to about (remaining neurons / remaining parts).
std::vector<int32_t> growParts(const WeightedGraph &graph, int32_t numParts,
                               int64_t neuronCap,
                               const std::vector<int32_t> &seedOrder);

/// Recursive bisection by graph growing from pseudo-peripheral nodes, each
/// split refined by Fiduccia-Mattheyses; part sizes follow the number of
/// parts on each side, within the slack `neuronCap` leaves.
std::vector<int32_t> bisectParts(const WeightedGraph &graph, int32_t numParts,
                                 int64_t neuronCap);

/// Reverse Cuthill-McKee order of the graph's nodes (Boost.Graph).
std::vector<int32_t> reverseCuthillMcKee(const WeightedGraph &graph);

struct RefineLimits {
  int64_t neurons = 0;  ///< Hard neuron capacity per part.
  int64_t synapses = 0; ///< Synapse entries per part, 0 = unlimited.
};

/// Greedy boundary refinement: moves nodes to the neighbouring part they are
/// most connected to while capacities allow, swaps nodes between full parts,
/// and drains overloaded parts. Stops after a pass that saves less than
/// `minGain` (a fraction) of the cut.
void refineParts(const WeightedGraph &graph, int32_t numParts,
                 const RefineLimits &limits, int maxPasses, double minGain,
                 std::vector<int32_t> &part);

/// Incoming synapses (CSR by post-neuron), needed for fan-in accounting.
struct InEdges {
  std::vector<int64_t> rowPtr;
  std::vector<int32_t> col; ///< Pre-neuron per synapse.
};
InEdges transpose(const NeuronGraph &graph);

/// The per-core limits after the user cap is applied (0 = unlimited).
struct Limits {
  int64_t neurons = 0, fanIn = 0, synapses = 0;
};

/// Scratch arrays of fillCores, reused across calls.
struct FillScratch {
  std::vector<int32_t> lastCore, lastNeuron;
};

/// Assigns `neurons` (in the given order) to cores numbered from `nextCore`
/// up, opening a new core whenever the next neuron would exceed a limit.
/// Returns the next unused core number.
int32_t fillCores(const NeuronGraph &graph, const InEdges *in,
                  const Limits &limits, const std::vector<int32_t> &neurons,
                  int32_t nextCore, std::vector<int32_t> &coreOf,
                  FillScratch &scratch);

/// Re-fills every core that breaks a limit (fan-in, synapses, neurons) and
/// renumbers cores 0..C-1 in order of their old number. Returns C.
int32_t splitOverfullCores(const NeuronGraph &graph, const InEdges *in,
                           const Limits &limits, std::vector<int32_t> &coreOf);

/// Neuron-level refinement on the exact metric (multicast packets) under
/// every capacity, fan-in included: moves a neuron to a core holding its
/// pre- or post-neurons when that lowers traffic and the core has room;
/// first drains cores over their fan-in. Stops after `maxPasses` sweeps or
/// a sweep that saves under `minGain` (a fraction) of the traffic.
void refineTraffic(const NeuronGraph &graph, const InEdges &in,
                   const Limits &limits, int32_t numParts, int maxPasses,
                   double minGain, std::vector<int32_t> &part);

/// Checks the graph's arrays and that every single neuron fits on a core;
/// fills `limits` (user cap applied) and `in` (when fan-in is limited).
bool prepare(const NeuronGraph &graph, const PartitionOptions &options,
             Limits &limits, InEdges &in, std::string &err);

} // namespace snn::mapping::detail

#endif // SNN_TARGETS_COMMON_PARTITION_PARTITIONINTERNAL_H
