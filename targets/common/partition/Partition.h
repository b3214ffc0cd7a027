//===- Partition.h - Assign neurons to cores under capacity limits -*- C++
//-*-===//
//
// The core mapper's partitioner: given a neuron-level network and a chip's
// per-core capacities, it assigns every neuron to a core so that no core
// exceeds its capacity, the number of cores stays near the lower bound
// ceil(N / neurons per core), and the spike traffic between cores is small.
// No MLIR dependency: the mapper lowers the IR to a NeuronGraph first.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TARGETS_COMMON_PARTITION_PARTITION_H
#define SNN_TARGETS_COMMON_PARTITION_PARTITION_H

#include <cstdint>
#include <string>
#include <vector>

namespace snn::mapping {

/// A neuron-level network: neurons 0..N-1 grouped into populations (layers);
/// synapses pre->post in CSR by pre-neuron.
struct NeuronGraph {
  int64_t numNeurons = 0;
  /// Population id per neuron; population p is [popBegin[p], popBegin[p+1]).
  std::vector<int32_t> population;
  std::vector<int64_t> popBegin; ///< Size P+1.
  std::vector<int64_t> rowPtr;   ///< Size N+1, CSR of outgoing synapses.
  std::vector<int32_t> col;      ///< Post-neuron per synapse.
  /// Expected spikes per step of each neuron (traffic weight). Empty means
  /// 1 for every neuron.
  std::vector<float> rate;
};

/// What one core holds. Synapses are stored at the post-neuron's core (as on
/// Loihi and SpiNNaker), so fan-in and synapse entries are counted there.
struct CoreCapacity {
  int64_t neurons = 0;  ///< Neurons per core, 0 = unlimited.
  int64_t fanIn = 0;    ///< Distinct pre-neurons (input axons), 0 = unlimited.
  int64_t synapses = 0; ///< Synapse entries per core, 0 = unlimited.
  int64_t fanOut = 0;   ///< Distinct destination cores per neuron, 0 = none.
};

struct PartitionOptions {
  CoreCapacity capacity;
  int64_t neuronsPerCoreCap = 0; ///< User cap (neurons-per-core=), 0 = none.
  bool refine = true; ///< Run the multilevel partitioner and refinement.
  /// Cores per chip, 0 = unknown. Spare cores (up to 3% over the lower
  /// bound, room for refinement) are taken only where they do not need one
  /// more chip than the lower bound does.
  int64_t coresPerChip = 0;
};

struct PartitionResult {
  std::vector<int32_t> coreOf; ///< Core of each neuron.
  int32_t numCores = 0;
  int64_t lowerBound = 0; ///< ceil(N / neurons per core).
  /// Multicast packets per step between cores; see evaluate().
  double interCoreTraffic = 0;
  std::vector<int64_t> neuronsPerCore, fanInPerCore, synapsesPerCore;
};

/// Partitions `graph` onto cores of `options.capacity`. Deterministic (same
/// input, same result; the algorithm is single-threaded). Fails, with a
/// message naming the population, the resource, the need and the limit, when
/// a single neuron cannot fit on any core.
bool partition(const NeuronGraph &graph, const PartitionOptions &options,
               PartitionResult &result, std::string &err);

/// Baseline: neurons in index order, a new core whenever adding the next
/// neuron would exceed any capacity. Fails like partition().
bool sequentialFill(const NeuronGraph &graph, const PartitionOptions &options,
                    PartitionResult &result, std::string &err);

/// Metrics of any assignment (cores are numbered 0..max(coreOf)).
///
/// Traffic counts multicast packets: a spike of neuron `pre` is sent once to
/// every core that holds at least one of its post-neurons, since the core's
/// router fans it out to the synapses locally. The core of `pre` itself costs
/// nothing. So traffic = sum over pre of rate(pre) x (number of distinct
/// remote cores among its post-neurons), i.e. the (lambda - 1) connectivity
/// of the hyperedge {pre} + posts(pre). `neuronsPerCore` > 0 fills in
/// lowerBound.
PartitionResult evaluate(const NeuronGraph &graph, std::vector<int32_t> coreOf,
                         int64_t neuronsPerCore = 0);

} // namespace snn::mapping

#endif // SNN_TARGETS_COMMON_PARTITION_PARTITION_H
