//===- ParallelStepTest.cpp - Teams and event-driven sparse are bit-exact -===//
//
// The fast paths (StepTeam splitting one batch item's step over threads,
// EventSparse pushing only non-zero inputs) must give the same bits as the
// serial pull engine; these tests compare them on random networks.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "runtime/engine/Engine.h"
#include "runtime/engine/Kernels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <tuple>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::test;

namespace {

/// Random CSR (rows x cols, ~density), columns ascending, signed weights.
void randomCsr(std::mt19937 &rng, int64_t rows, int64_t cols, double density,
               plan::SparseOp &sp) {
  std::bernoulli_distribution edge(density);
  std::normal_distribution<float> w(0.0f, 0.7f);
  sp.add_row_ptr(0);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c)
      if (edge(rng)) {
        sp.add_col(static_cast<uint32_t>(c));
        sp.add_value(w(rng));
      }
    sp.add_row_ptr(static_cast<uint32_t>(sp.col_size()));
  }
}

} // namespace

// Tests push against pull bit for bit, with signed zeros among the inputs.
TEST(EventSparse, MatchesPullBitForBit) {
  std::mt19937 rng(7);
  plan::SparseOp sp;
  randomCsr(rng, 50, 40, 0.3, sp);
  std::vector<float> x(40, 0.0f);
  x[3] = 1.0f, x[17] = 2.5f, x[18] = -0.0f, x[39] = -1.0f;
  std::vector<float> pull(50), push(50, 123.0f);
  sparseKernel(sp.row_ptr().data(), sp.col().data(), sp.value().data(), 50,
               x.data(), pull.data());
  for (unsigned blocks : {1u, 3u}) {
    EventSparse e;
    ASSERT_TRUE(e.build(sp.row_ptr().data(), sp.col().data(), sp.value().data(),
                        50, 40, blocks));
    std::vector<uint32_t> active(40);
    int64_t n = nonZeroIndices(x.data(), 40, active.data());
    EXPECT_EQ(n, 3);
    for (unsigned b = 0; b < blocks; ++b)
      e.push(b, active.data(), n, x.data(), push.data());
    for (int k = 0; k < 50; ++k)
      EXPECT_EQ(std::signbit(pull[k]), std::signbit(push[k])) << k;
    EXPECT_EQ(pull, push);
  }
}

// Tests the segmented layout (16-bit row offsets, so more than 65536 rows
// span several segments) and columns that share one weight (stored once),
// against pull bit for bit, with non-unit and negative inputs and a row that
// lists a column twice.
TEST(EventSparse, SegmentsAndUniformColumnsMatchPull) {
  constexpr int64_t rows = 140000, cols = 64;
  std::mt19937 rng(11);
  std::uniform_int_distribution<uint32_t> pick(0, cols - 1);
  std::normal_distribution<float> jitter(0.0f, 0.3f);
  for (bool uniform : {true, false}) {
    plan::SparseOp sp;
    sp.add_row_ptr(0);
    for (int64_t r = 0; r < rows; ++r) {
      std::vector<uint32_t> c = {pick(rng), pick(rng), pick(rng)};
      std::sort(c.begin(), c.end()); // Duplicates stay: a doubled synapse.
      for (uint32_t k : c) {
        sp.add_col(k);
        // Per-column weights (Dale's law) or per synapse.
        sp.add_value(0.01f * (int(k) - 20) + (uniform ? 0.0f : jitter(rng)));
      }
      sp.add_row_ptr(static_cast<uint32_t>(sp.col_size()));
    }
    std::vector<float> x(cols, 0.0f);
    x[0] = 1.0f, x[5] = 0.5f, x[6] = -3.0f, x[31] = 1.0f, x[63] = 1.0f;
    std::vector<float> pull(rows), push(rows, 7.0f);
    sparseKernel(sp.row_ptr().data(), sp.col().data(), sp.value().data(), rows,
                 x.data(), pull.data());
    for (unsigned blocks : {1u, 2u, 5u}) {
      EventSparse e;
      ASSERT_TRUE(e.build(sp.row_ptr().data(), sp.col().data(),
                          sp.value().data(), rows, cols, blocks));
      std::vector<uint32_t> active(cols);
      int64_t n = nonZeroIndices(x.data(), cols, active.data());
      ASSERT_EQ(n, 5);
      std::fill(push.begin(), push.end(), 7.0f);
      for (unsigned b = 0; b < blocks; ++b)
        e.push(b, active.data(), n, x.data(), push.data());
      EXPECT_EQ(pull, push) << "uniform=" << uniform << " blocks=" << blocks;
    }
  }
}

// Tests nonZeroIndices on every position of a group and the scalar tail,
// with NaN (non-zero) and -0 (zero).
TEST(EventSparse, NonZeroIndicesListsExactlyTheNonZeros) {
  std::vector<float> x(37, 0.0f);
  x[0] = 1.0f, x[15] = -2.0f, x[16] = std::nanf(""), x[20] = -0.0f;
  x[31] = 1e-30f, x[32] = 3.0f, x[36] = 1.0f;
  std::vector<uint32_t> active(37);
  int64_t n = nonZeroIndices(x.data(), 37, active.data());
  active.resize(n);
  EXPECT_EQ(active, (std::vector<uint32_t>{0, 15, 16, 31, 32, 36}));
}

// Tests that build refuses what push could not reproduce exactly.
TEST(EventSparse, RefusesUnsortedRowsAndNonFiniteWeights) {
  uint32_t rowPtr[] = {0, 2}, unsorted[] = {1, 0}, sorted[] = {0, 1};
  float finite[] = {1, 2}, inf[] = {1, std::numeric_limits<float>::infinity()};
  EventSparse e;
  EXPECT_FALSE(e.build(rowPtr, unsorted, finite, 1, 2, 1));
  EXPECT_FALSE(e.usable());
  EXPECT_FALSE(e.build(rowPtr, sorted, inf, 1, 2, 1));
  EXPECT_TRUE(e.build(rowPtr, sorted, finite, 1, 2, 2));
}

namespace {

/// in(12) -> sparse(40) -> lif(40) <- sparse rec (previous step); lif ->
/// delay -> affine(5) -> threshold; and a conv -> lif -> pool branch.
plan::Plan mixedPlan(std::mt19937 &rng) {
  plan::Plan p = makePlan("mixed");
  addInput(p, "in", {12}); // 0
  randomCsr(rng, 40, 12, 0.5,
            *addNode(p, "fc", {40}, {{0, false}})->mutable_sparse()); // 1
  plan::Node *rec = addNode(p, "rec", {40}, {{3, true}});             // 2
  rec->clear_input_shape();
  rec->add_input_shape(40); // Node 3 is added below.
  randomCsr(rng, 40, 40, 0.2, *rec->mutable_sparse());
  plan::NeuronOp op = iafOp();
  op.set_mem_decay(0, 0.9f);
  *addNode(p, "lif", {40}, {{1, false}, {2, false}})->mutable_neuron() =
      op;                                                                 // 3
  addNode(p, "delay", {40}, {{3, false}})->mutable_delay()->add_steps(2); // 4
  plan::AffineOp *ro =
      addNode(p, "readout", {5}, {{4, false}})->mutable_affine(); // 5
  std::normal_distribution<float> w(0.0f, 0.5f);
  for (int k = 0; k < 5 * 40; ++k)
    ro->add_weight(w(rng));
  addNode(p, "th", {5}, {{5, false}})
      ->mutable_threshold()
      ->add_threshold(0.3f); // 6
  // (12) viewed as (3, 2, 2): 3 -> 4 channels, 1x1 kernel.
  addNode(p, "view", {3, 2, 2}, {{0, false}})->mutable_identity(); // 7
  plan::Node *conv = addNode(p, "conv", {4, 2, 2}, {{7, false}});  // 8
  plan::ConvOp *c = conv->mutable_conv();
  for (int k = 0; k < 4 * 3; ++k)
    c->add_weight(w(rng));
  for (int k = 0; k < 2; ++k)
    c->add_kernel(1), c->add_stride(1), c->add_padding(0), c->add_dilation(1);
  c->set_groups(1);
  c->set_out_channels(4);
  *addNode(p, "clif", {4, 2, 2}, {{8, false}})->mutable_neuron() = iafOp(); // 9
  plan::PoolOp *pool =
      addNode(p, "pool", {4, 1, 1}, {{9, false}})->mutable_pool(); // 10
  for (int k = 0; k < 2; ++k)
    pool->add_kernel(2), pool->add_stride(2), pool->add_padding(0);
  return p;
}

RunResult runThreads(const Engine &e, const Tensor &in, unsigned threads) {
  RunOptions o;
  o.threads = threads;
  o.forceTeams = true;
  o.record = {"fc", "rec",  "lif",  "lif:v", "readout",
              "th", "conv", "clif", "pool"};
  RunResult r;
  std::string err;
  EXPECT_TRUE(e.run({in}, o, r, err)) << err;
  return r;
}

} // namespace

// Tests that a team of 2-4 threads on one batch item, and on 2 items, gives
// the bits of the serial run.
TEST(StepTeam, SameBitsAsSerial) {
  std::mt19937 rng(3);
  std::string err;
  plan::Plan p = mixedPlan(rng);
  auto e = Engine::create(p, err);
  ASSERT_TRUE(e) << err;
  for (int64_t batch : {1, 2}) {
    Tensor in({batch, 80, 12});
    std::bernoulli_distribution spike(0.3);
    for (float &v : in.data)
      v = spike(rng) ? 1.0f : 0.0f;
    RunResult serial = runThreads(*e, in, 1);
    double spikes = 0;
    for (double c : serial.stats[0].spikeCount)
      spikes += c;
    EXPECT_GT(spikes, 0.0) << "the test network should spike";
    for (unsigned threads : {2u, 3u, 4u}) {
      RunResult team = runThreads(*e, in, threads);
      for (const auto &[name, t] : serial.records)
        EXPECT_EQ(t.data, team.records.at(name).data)
            << name << " batch " << batch << " threads " << threads;
      for (size_t s = 0; s < serial.stats.size(); ++s)
        EXPECT_EQ(serial.stats[s].spikeCount, team.stats[s].spikeCount);
    }
  }
}

// Tests two sparse nodes that read the same spikes (their non-zero list is
// made once per step and kept while that input is unchanged): each gives
// W x at every step, as the textbook sum computes it, though the spikes
// change from step to step.
TEST(EventSparse, ProjectionsOfTheSameSpikesFollowEveryStep) {
  std::mt19937 rng(5);
  plan::Plan p = makePlan("two_projections");
  addInput(p, "in", {30}); // 0
  plan::SparseOp *a =
      addNode(p, "a", {20}, {{0, false}})->mutable_sparse(); // 1
  plan::SparseOp *b =
      addNode(p, "b", {25}, {{0, false}})->mutable_sparse(); // 2
  randomCsr(rng, 20, 30, 0.4, *a);
  randomCsr(rng, 25, 30, 0.4, *b);
  std::bernoulli_distribution spike(0.1);
  std::vector<std::vector<float>> rows(12, std::vector<float>(30, 0.0f));
  for (auto &row : rows)
    for (float &v : row)
      v = spike(rng) ? 1.0f : 0.0f;
  rows[3][7] = 2.5f; // A non-unit input.
  Tensor in = sequence(rows);
  for (const auto &[name, sp, n] :
       {std::tuple<const char *, const plan::SparseOp *, int64_t>{"a", a, 20},
        {"b", b, 25}}) {
    Tensor got = runAndRecord(p, in, name);
    for (int64_t t = 0; t < 12; ++t) {
      std::vector<float> want(n);
      sparseKernel(sp->row_ptr().data(), sp->col().data(), sp->value().data(),
                   n, rows[t].data(), want.data());
      EXPECT_EQ(stepValues(got, 0, t), want) << name << " step " << t;
    }
  }
}
