//===- RefineTrafficTest.cpp - Tests of the exact-metric refinement -------===//
//
// refineTraffic() scores moves by their exact change in multicast packets and
// checks every capacity, fan-in included; these tests check both against
// evaluate(), which counts the same quantities independently.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/PartitionInternal.h"
#include "targets/common/partition/SyntheticGraphs.h"

#include <gtest/gtest.h>

using namespace snn::mapping;
using namespace snn::mapping::detail;

namespace {

/// Row-major stripes of `perPart` neurons: a valid but poor start on a sheet.
std::vector<int32_t> stripes(int64_t n, int64_t perPart) {
  std::vector<int32_t> part(n);
  for (int64_t v = 0; v < n; ++v)
    part[v] = static_cast<int32_t>(v / perPart);
  return part;
}

void expectWithin(const PartitionResult &m, const Limits &limits) {
  for (int32_t c = 0; c < m.numCores; ++c) {
    EXPECT_LE(m.neuronsPerCore[c], limits.neurons) << "core " << c;
    if (limits.fanIn) {
      EXPECT_LE(m.fanInPerCore[c], limits.fanIn) << "core " << c;
    }
    if (limits.synapses) {
      EXPECT_LE(m.synapsesPerCore[c], limits.synapses) << "core " << c;
    }
  }
}

// Tests that moves lower the packets evaluate() counts and never break the
// neuron, fan-in or synapse limits, even where the limits are tight.
TEST(RefineTrafficTest, LowersTrafficWithinEveryCapacity) {
  NeuronGraph g = makeSheetGraph(4096, 30, 4, 7); // 64 x 64 sheet.
  InEdges in = transpose(g);
  std::vector<int32_t> part = stripes(g.numNeurons, 512);
  PartitionResult before = evaluate(g, part);
  int64_t maxFanIn = 0, maxSynapses = 0;
  for (int32_t c = 0; c < before.numCores; ++c) {
    maxFanIn = std::max(maxFanIn, before.fanInPerCore[c]);
    maxSynapses = std::max(maxSynapses, before.synapsesPerCore[c]);
  }
  // Limits just above the start: room for 32 neurons, a few inputs.
  Limits limits{544, maxFanIn + 8, maxSynapses + 200};
  refineTraffic(g, in, limits, before.numCores, 10, 0.0, part);
  PartitionResult after = evaluate(g, part);
  EXPECT_LT(after.interCoreTraffic, before.interCoreTraffic);
  expectWithin(after, limits);
}

// Tests that a core over its fan-in limit is drained below it: scattered
// neurons from a far stripe inflate core 0's distinct pre-neurons.
TEST(RefineTrafficTest, DrainsCoreOverFanIn) {
  NeuronGraph g = makeSheetGraph(4096, 30, 4, 8);
  InEdges in = transpose(g);
  std::vector<int32_t> part = stripes(g.numNeurons, 1024);
  PartitionResult clean = evaluate(g, part);
  int64_t limit = 0;
  for (int64_t f : clean.fanInPerCore)
    limit = std::max(limit, f);
  for (int64_t v = 3 * 1024; v < 4 * 1024; v += 16)
    part[v] = 0;
  PartitionResult messy = evaluate(g, part);
  ASSERT_GT(messy.fanInPerCore[0], limit);
  Limits limits{1024 + 64, limit, 0};
  refineTraffic(g, in, limits, 4, 4, 0.0, part);
  PartitionResult after = evaluate(g, part);
  expectWithin(after, limits);
  EXPECT_LT(after.interCoreTraffic, messy.interCoreTraffic);
}

// Tests that rates weight the moves: with every rate scaled by 3 the same
// moves happen and the traffic scales by 3.
TEST(RefineTrafficTest, RatesWeightTraffic) {
  NeuronGraph g = makeSheetGraph(2500, 20, 3, 9);
  InEdges in = transpose(g);
  Limits limits{700, 0, 0};
  std::vector<int32_t> a = stripes(g.numNeurons, 625), b = a;
  refineTraffic(g, in, limits, 4, 5, 0.0, a);
  double trafficA = evaluate(g, a).interCoreTraffic;
  for (float &r : g.rate)
    r = 3.0f;
  refineTraffic(g, in, limits, 4, 5, 0.0, b);
  EXPECT_EQ(a, b);
  EXPECT_DOUBLE_EQ(evaluate(g, b).interCoreTraffic, 3.0 * trafficA);
}

} // namespace
