//===- SyntheticGraphs.h - Generated networks for tests and benches -*- C++
//-*-===//
//
// Seeded generators of the network shapes the mapping benchmark names
// (BENCHMARKS.md item 4): random, locally connected 2-D sheets and layered
// feedforward nets. Shared by the partitioner's tests and its benchmark so
// both measure the same graphs.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TARGETS_COMMON_PARTITION_SYNTHETICGRAPHS_H
#define SNN_TARGETS_COMMON_PARTITION_SYNTHETICGRAPHS_H

#include "targets/common/partition/Partition.h"

namespace snn::mapping {

/// `n` neurons, each with `fanOut` distinct posts drawn uniformly.
NeuronGraph makeRandomGraph(int64_t n, int fanOut, uint64_t seed);

/// `n` neurons on a ceil(sqrt(n))-wide sheet (row-major, torus), each with
/// `fanOut` distinct posts drawn from the square of radius `radius` around
/// it: the locally connected case (cortical sheets, conv layers).
NeuronGraph makeSheetGraph(int64_t n, int fanOut, int radius, uint64_t seed);

/// `layers` populations of `width` neurons; neuron i of layer l connects to
/// `fanOut` distinct neurons of layer l+1 within `window` of position i.
NeuronGraph makeLayeredGraph(int layers, int64_t width, int fanOut,
                             int64_t window, uint64_t seed);

} // namespace snn::mapping

#endif // SNN_TARGETS_COMMON_PARTITION_SYNTHETICGRAPHS_H
