//===- PartitionTest.cpp - Tests of the core mapper's partitioner ---------===//
//
// Hand-computed metrics, capacity limits in every result, determinism, the
// lower bound, the errors a user sees, and the refinement beating the
// sequential baseline on a locally connected sheet.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/Partition.h"
#include "targets/common/partition/SyntheticGraphs.h"

#include <gtest/gtest.h>

using namespace snn::mapping;

namespace {

/// A graph from an edge list; populations of the given sizes.
NeuronGraph fromEdges(int64_t n,
                      const std::vector<std::pair<int32_t, int32_t>> &edges,
                      std::vector<int64_t> popSizes = {}) {
  NeuronGraph g;
  g.numNeurons = n;
  if (popSizes.empty())
    popSizes = {n};
  g.popBegin = {0};
  for (int64_t size : popSizes)
    g.popBegin.push_back(g.popBegin.back() + size);
  for (size_t p = 0; p + 1 < g.popBegin.size(); ++p)
    for (int64_t v = g.popBegin[p]; v < g.popBegin[p + 1]; ++v)
      g.population.push_back(static_cast<int32_t>(p));
  g.rowPtr.assign(n + 1, 0);
  for (auto [pre, post] : edges)
    ++g.rowPtr[pre + 1];
  for (int64_t v = 0; v < n; ++v)
    g.rowPtr[v + 1] += g.rowPtr[v];
  g.col.resize(edges.size());
  std::vector<int64_t> pos(g.rowPtr.begin(), g.rowPtr.end() - 1);
  for (auto [pre, post] : edges)
    g.col[pos[pre]++] = post;
  return g;
}

/// Every core of `r` within `cap` (and the user cap), every neuron placed.
void expectWithinCapacity(const NeuronGraph &g, const PartitionResult &r,
                          const CoreCapacity &cap) {
  ASSERT_EQ(static_cast<int64_t>(r.coreOf.size()), g.numNeurons);
  PartitionResult m = evaluate(g, r.coreOf);
  EXPECT_EQ(m.numCores, r.numCores);
  for (int32_t c = 0; c < m.numCores; ++c) {
    EXPECT_GT(m.neuronsPerCore[c], 0) << "empty core " << c;
    if (cap.neurons) {
      EXPECT_LE(m.neuronsPerCore[c], cap.neurons) << "core " << c;
    }
    if (cap.fanIn) {
      EXPECT_LE(m.fanInPerCore[c], cap.fanIn) << "core " << c;
    }
    if (cap.synapses) {
      EXPECT_LE(m.synapsesPerCore[c], cap.synapses) << "core " << c;
    }
  }
  EXPECT_DOUBLE_EQ(m.interCoreTraffic, r.interCoreTraffic);
}

PartitionResult mustPartition(const NeuronGraph &g,
                              const PartitionOptions &options) {
  PartitionResult r;
  std::string err;
  EXPECT_TRUE(partition(g, options, r, err)) << err;
  return r;
}

// Tests that evaluate() counts one packet per (pre, remote core), weighted by
// the pre-neuron's rate, and counts fan-in and synapses at the post's core.
TEST(EvaluateTest, HandComputedMulticastTraffic) {
  // 0 -> {1, 2, 3}, 1 -> {2}, 3 -> {0}; cores {0, 1} | {2, 3}.
  NeuronGraph g = fromEdges(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {3, 0}});
  g.rate = {2.0f, 1.0f, 1.0f, 0.5f};
  PartitionResult r = evaluate(g, {0, 0, 1, 1}, 2);
  EXPECT_EQ(r.numCores, 2);
  EXPECT_EQ(r.lowerBound, 2);
  // Neuron 0: posts 2 and 3 share core 1 -> one packet of rate 2.
  // Neuron 1: post 2 on core 1 -> 1. Neuron 3: post 0 on core 0 -> 0.5.
  EXPECT_DOUBLE_EQ(r.interCoreTraffic, 3.5);
  EXPECT_EQ(r.neuronsPerCore, (std::vector<int64_t>{2, 2}));
  // Core 0 hears from 0 (local) and 3; core 1 from 0 and 1.
  EXPECT_EQ(r.fanInPerCore, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(r.synapsesPerCore, (std::vector<int64_t>{2, 3}));
}

// Tests that traffic is zero on one core and grows with every remote core.
TEST(EvaluateTest, OneCoreAndAllSeparate) {
  NeuronGraph g = fromEdges(3, {{0, 1}, {0, 2}, {1, 2}});
  EXPECT_DOUBLE_EQ(evaluate(g, {0, 0, 0}).interCoreTraffic, 0.0);
  // 0 -> cores 1 and 2 (2 packets), 1 -> core 2 (1 packet).
  PartitionResult r = evaluate(g, {0, 1, 2});
  EXPECT_DOUBLE_EQ(r.interCoreTraffic, 3.0);
  EXPECT_EQ(r.fanInPerCore, (std::vector<int64_t>{0, 1, 2}));
}

// Tests that a net needing more than one core is split, within capacity.
TEST(PartitionTest, SplitsAcrossCores) {
  NeuronGraph g = makeLayeredGraph(3, 1000, 16, 20, 1);
  PartitionOptions options;
  options.capacity.neurons = 1024;
  PartitionResult r = mustPartition(g, options);
  EXPECT_EQ(r.lowerBound, 3);
  EXPECT_EQ(r.numCores, 3);
  expectWithinCapacity(g, r, options.capacity);
}

// Tests that layered nets use exactly ceil(N / neurons per core) cores, also
// when population sizes do not divide the core size.
TEST(PartitionTest, LayeredNetHitsLowerBound) {
  for (int64_t width : {100, 700, 1000, 2500}) {
    NeuronGraph g = makeLayeredGraph(5, width, 20, 30, 7);
    for (int64_t neurons : {256, 1024}) {
      PartitionOptions options;
      options.capacity.neurons = neurons;
      options.capacity.fanIn = 4096;
      PartitionResult r = mustPartition(g, options);
      EXPECT_EQ(r.numCores, r.lowerBound) << width << " x " << neurons;
      EXPECT_EQ(r.lowerBound, (5 * width + neurons - 1) / neurons);
      expectWithinCapacity(g, r, options.capacity);
    }
  }
}

// Tests that the user's neurons-per-core cap tightens the chip's capacity.
TEST(PartitionTest, UserCapTightensCapacity) {
  NeuronGraph g = makeSheetGraph(4096, 20, 3, 3);
  PartitionOptions options;
  options.capacity.neurons = 1024;
  options.neuronsPerCoreCap = 300;
  PartitionResult r = mustPartition(g, options);
  EXPECT_EQ(r.lowerBound, 14);
  EXPECT_EQ(r.numCores, 14);
  CoreCapacity effective = options.capacity;
  effective.neurons = 300;
  expectWithinCapacity(g, r, effective);
}

// Tests that fan-in and synapse limits hold in every result, including
// random graphs where they, not the neuron count, decide the core count.
TEST(PartitionTest, RespectsAllCapacities) {
  struct Case {
    const char *name;
    NeuronGraph graph;
    CoreCapacity cap;
  };
  std::vector<Case> cases;
  cases.push_back(
      {"random/loihi", makeRandomGraph(5000, 50, 11), {1024, 4096, 0, 0}});
  cases.push_back(
      {"random/synapses", makeRandomGraph(5000, 50, 12), {256, 0, 6000, 0}});
  cases.push_back(
      {"sheet/loihi", makeSheetGraph(10000, 60, 5, 13), {1024, 4096, 0, 0}});
  cases.push_back({"sheet/tight-fan-in",
                   makeSheetGraph(10000, 60, 5, 14),
                   {1024, 300, 20000, 0}});
  cases.push_back({"layered/spinnaker",
                   makeLayeredGraph(4, 3000, 40, 60, 15),
                   {256, 0, 0, 0}});
  for (Case &c : cases) {
    SCOPED_TRACE(c.name);
    PartitionOptions options;
    options.capacity = c.cap;
    PartitionResult r = mustPartition(c.graph, options);
    expectWithinCapacity(c.graph, r, c.cap);
    PartitionResult fill;
    std::string err;
    ASSERT_TRUE(sequentialFill(c.graph, options, fill, err)) << err;
    expectWithinCapacity(c.graph, fill, c.cap);
    EXPECT_LE(r.numCores, fill.numCores);
  }
}

// Tests that spare cores (room for refinement) stay within 5% of the lower
// bound and never need one more chip than the lower bound does.
TEST(PartitionTest, SpareCoresWithinBudgetAndChip) {
  NeuronGraph g = makeSheetGraph(20000, 30, 4, 41); // Lower bound 157.
  PartitionOptions options;
  options.capacity = {128, 0, 0, 0};
  PartitionResult free = mustPartition(g, options);
  EXPECT_EQ(free.lowerBound, 157);
  EXPECT_GT(free.numCores, 158); // Spare cores taken, past the chip below.
  EXPECT_LE(free.numCores, 157 + 157 * 5 / 100);
  expectWithinCapacity(g, free, options.capacity);
  options.coresPerChip = 158; // Room for one spare core on the chip.
  PartitionResult chip = mustPartition(g, options);
  EXPECT_LE(chip.numCores, 158);
  expectWithinCapacity(g, chip, options.capacity);
}

// Tests that the same input gives the same assignment.
TEST(PartitionTest, Deterministic) {
  NeuronGraph sheet = makeSheetGraph(20000, 50, 5, 21);
  NeuronGraph random = makeRandomGraph(8000, 50, 22);
  for (const NeuronGraph *g : {&sheet, &random}) {
    PartitionOptions options;
    options.capacity = {256, 4096, 0, 0};
    PartitionResult a = mustPartition(*g, options);
    PartitionResult b = mustPartition(*g, options);
    EXPECT_EQ(a.coreOf, b.coreOf);
    EXPECT_EQ(a.interCoreTraffic, b.interCoreTraffic);
  }
}

// Tests that refinement beats the sequential fill on a locally connected
// sheet, where row-major slices cut every neuron's neighbourhood.
TEST(PartitionTest, RefinedBeatsSequentialFillOnLocalSheet) {
  NeuronGraph g = makeSheetGraph(40000, 60, 5, 31);
  PartitionOptions options;
  options.capacity = {256, 4096, 0, 0};
  PartitionResult r = mustPartition(g, options);
  PartitionResult fill;
  std::string err;
  ASSERT_TRUE(sequentialFill(g, options, fill, err)) << err;
  // The multilevel candidate may use up to 5% more cores than the lower
  // bound (the fill's 157 here) to leave room for moves.
  EXPECT_GE(r.numCores, r.lowerBound);
  EXPECT_LE(r.numCores, r.lowerBound + r.lowerBound * 5 / 100);
  EXPECT_LE(r.interCoreTraffic, fill.interCoreTraffic);
  // Blocks of ~16x16 against rows of 256 with radius 5: far less traffic.
  EXPECT_LT(r.interCoreTraffic, 0.5 * fill.interCoreTraffic);
  // Without refinement the result is the fill itself.
  options.refine = false;
  PartitionResult plain = mustPartition(g, options);
  EXPECT_EQ(plain.coreOf, fill.coreOf);
}

// Tests the error for a neuron whose fan-in exceeds a core's input axons.
TEST(PartitionErrorTest, NeuronFanInOverCapacity) {
  // Population 0: neurons 0..9; population 1: neuron 10 hears all ten.
  std::vector<std::pair<int32_t, int32_t>> edges;
  for (int32_t pre = 0; pre < 10; ++pre)
    edges.push_back({pre, 10});
  NeuronGraph g = fromEdges(11, edges, {10, 1});
  PartitionOptions options;
  options.capacity = {4, 5, 0, 0};
  for (bool baseline : {false, true}) {
    PartitionResult r;
    std::string err;
    bool ok = baseline ? sequentialFill(g, options, r, err)
                       : partition(g, options, r, err);
    EXPECT_FALSE(ok);
    EXPECT_NE(err.find("population 1"), std::string::npos) << err;
    EXPECT_NE(err.find("fan-in"), std::string::npos) << err;
    EXPECT_NE(err.find("10 distinct pre-neurons"), std::string::npos) << err;
    EXPECT_NE(err.find("at most 5"), std::string::npos) << err;
  }
}

// Tests the error for a neuron with more synapses than a core stores.
TEST(PartitionErrorTest, NeuronSynapsesOverCapacity) {
  std::vector<std::pair<int32_t, int32_t>> edges;
  for (int32_t pre = 0; pre < 6; ++pre) {
    edges.push_back({pre, 7});
    edges.push_back({pre, 7}); // Two synapses from the same pre.
  }
  NeuronGraph g = fromEdges(8, edges, {3, 3, 2});
  PartitionOptions options;
  options.capacity = {4, 0, 8, 0};
  PartitionResult r;
  std::string err;
  EXPECT_FALSE(partition(g, options, r, err));
  EXPECT_NE(err.find("population 2"), std::string::npos) << err;
  EXPECT_NE(err.find("synapse entries"), std::string::npos) << err;
  EXPECT_NE(err.find("needs 12"), std::string::npos) << err;
  EXPECT_NE(err.find("at most 8"), std::string::npos) << err;
}

// Tests the error when a neuron reaches more cores than its fan-out allows.
TEST(PartitionErrorTest, NeuronFanOutOverCapacity) {
  std::vector<std::pair<int32_t, int32_t>> edges;
  for (int32_t post = 1; post < 9; ++post)
    edges.push_back({0, post});
  NeuronGraph g = fromEdges(9, edges);
  PartitionOptions options;
  options.capacity = {2, 0, 0, 3};
  PartitionResult r;
  std::string err;
  EXPECT_FALSE(partition(g, options, r, err));
  EXPECT_NE(err.find("population 0"), std::string::npos) << err;
  EXPECT_NE(err.find("fan-out"), std::string::npos) << err;
  EXPECT_NE(err.find("at most 3"), std::string::npos) << err;
}

// Tests that malformed graphs are rejected rather than read out of bounds.
TEST(PartitionErrorTest, MalformedGraph) {
  NeuronGraph g = fromEdges(3, {{0, 1}});
  g.col[0] = 7;
  PartitionResult r;
  std::string err;
  EXPECT_FALSE(partition(g, PartitionOptions(), r, err));
  EXPECT_NE(err.find("outside"), std::string::npos) << err;
}

} // namespace
