//===- EngineTest.cpp - Stepping, recurrence, recording and batching ------===//

#include "TestUtil.h"

#include <gtest/gtest.h>

#include <random>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::test;

namespace {

/// in -> iaf (subtract reset) <- scale(-0.5) of iaf's previous spikes.
plan::Plan inhibitoryLoop() {
  plan::Plan p = makePlan("loop");
  addInput(p, "in", {1});
  plan::NeuronOp op = iafOp();
  op.set_reset(plan::NeuronOp::SUBTRACT);
  // Operand 2 comes later in the order: read with previous_step.
  *addNode(p, "iaf", {1}, {{0, false}, {2, true}})->mutable_neuron() = op;
  addNode(p, "inh", {1}, {{1, false}})->mutable_scale()->add_scale(-0.5f);
  plan::Output *o = p.add_outputs();
  o->set_name("spikes");
  o->set_node(1);
  return p;
}

} // namespace

// Tests a recurrent edge to a later node, hand-checked: input 0.9 per step,
// each spike inhibits the next step's input by 0.5.
TEST(Engine, RecurrentPreviousStep) {
  plan::Plan p = inhibitoryLoop();
  Tensor in = sequence({{0.9f}, {0.9f}, {0.9f}, {0.9f}, {0.9f}, {0.9f}});
  EXPECT_EQ(runAndRecord(p, in, "iaf").data,
            (std::vector<float>{0, 1, 1, 0, 1, 0}));
  EXPECT_EQ(runAndRecord(p, in, "inh").data,
            (std::vector<float>{0, -0.5f, -0.5f, 0, -0.5f, 0}));
}

// Tests previous_step reads of the node itself and of an earlier node, which
// need the engine's snapshot: acc[t] = in[t] + acc[t-1]; lag[t] = acc[t-1].
TEST(Engine, SelfLoopAndEarlierNode) {
  plan::Plan p = makePlan();
  addInput(p, "in", {1});
  addNode(p, "acc", {1}, {{0, false}, {1, true}})->mutable_identity();
  addNode(p, "lag", {1}, {{1, true}})->mutable_identity();
  // Several operands are summed: both == acc[t] + acc[t-1].
  addNode(p, "both", {1}, {{1, false}, {1, true}})->mutable_identity();
  Tensor in = sequence({{1}, {2}, {3}, {4}});
  EXPECT_EQ(runAndRecord(p, in, "acc").data, (std::vector<float>{1, 3, 6, 10}));
  EXPECT_EQ(runAndRecord(p, in, "lag").data, (std::vector<float>{0, 1, 3, 6}));
  EXPECT_EQ(runAndRecord(p, in, "both").data,
            (std::vector<float>{1, 4, 9, 16}));
}

// Tests steps > T (zero input afterwards), outputs and spike statistics.
TEST(Engine, StepsOutputsAndStats) {
  plan::Plan p = inhibitoryLoop();
  auto engine = [&] {
    std::string err;
    auto e = Engine::create(p, err);
    EXPECT_TRUE(e) << err;
    return e;
  }();
  ASSERT_TRUE(engine);
  RunOptions options;
  options.steps = 5;
  options.record = {"in", "iaf:v"};
  RunResult r;
  std::string err;
  ASSERT_TRUE(engine->run({sequence({{1.5f}, {1.5f}})}, options, r, err))
      << err;
  EXPECT_EQ(r.records.at("in").data, (std::vector<float>{1.5f, 1.5f, 0, 0, 0}));
  EXPECT_EQ(r.records.at("in").shape, (std::vector<int64_t>{1, 5, 1}));
  // v: 1.5 -> spike, 0.5; 0.5 + 1.5 - 0.5 = 1.5 -> spike, 0.5; 0.5 - 0.5 = 0.
  EXPECT_EQ(r.records.at("iaf:v").data,
            (std::vector<float>{0.5f, 0.5f, 0.0f, 0.0f, 0.0f}));
  ASSERT_EQ(r.outputs.size(), 1u);
  EXPECT_EQ(r.outputs[0].first, "spikes");
  EXPECT_EQ(r.outputs[0].second.data, (std::vector<float>{1, 1, 0, 0, 0}));
  ASSERT_EQ(r.stats.size(), 1u);
  EXPECT_EQ(r.stats[0].name, "iaf");
  EXPECT_EQ(r.stats[0].spikeCount, std::vector<double>{2.0});
}

// Tests that unknown names and ":v" on a non-neuron list the valid names.
TEST(Engine, RecordErrors) {
  std::string err;
  auto engine = Engine::create(inhibitoryLoop(), err);
  ASSERT_TRUE(engine) << err;
  for (const char *bad : {"nope", "inh:v", "iaf:x"}) {
    RunOptions options;
    options.record = {bad};
    RunResult r;
    EXPECT_FALSE(engine->run({sequence({{1}})}, options, r, err));
    EXPECT_NE(err.find(std::string("cannot record '") + bad + "'"),
              std::string::npos)
        << err;
    EXPECT_NE(err.find("in iaf iaf:v iaf:i inh"), std::string::npos) << err;
  }
  RunResult r;
  EXPECT_FALSE(engine->run({Tensor({1, 3, 2})}, RunOptions(), r, err));
  EXPECT_NE(err.find("input 0 ('in') has shape (1, 3, 2)"), std::string::npos)
      << err;
}

namespace {

/// A random 8 -> 16 LIF layer with recurrent affine weights.
plan::Plan randomRecurrentPlan(std::mt19937 &rng) {
  std::normal_distribution<float> normal(0.0f, 0.6f);
  plan::Plan p = makePlan("random");
  addInput(p, "in", {8});
  plan::AffineOp *fc = addNode(p, "fc", {16}, {{0, false}})->mutable_affine();
  for (int k = 0; k < 16 * 8; ++k)
    fc->add_weight(normal(rng));
  plan::NeuronOp op = iafOp();
  op.set_has_synapse(true);
  op.add_syn_decay(0.8f);
  op.set_mem_decay(0, 0.9f);
  op.set_reset(plan::NeuronOp::SUBTRACT);
  *addNode(p, "lif", {16}, {{1, false}, {3, true}})->mutable_neuron() = op;
  plan::AffineOp *rec = addNode(p, "rec", {16}, {{2, false}})->mutable_affine();
  for (int k = 0; k < 16 * 16; ++k)
    rec->add_weight(normal(rng) * 0.3f);
  return p;
}

RunResult runWithThreads(const Engine &e, const Tensor &in, unsigned threads) {
  RunOptions options;
  options.threads = threads;
  options.record = {"lif", "lif:v", "lif:i"};
  RunResult r;
  std::string err;
  EXPECT_TRUE(e.run({in}, options, r, err)) << err;
  return r;
}

} // namespace

// Tests that results do not depend on the thread count and that batch items
// are independent (an item run alone matches its slice of the batch).
TEST(Engine, BatchThreadsDeterministic) {
  std::mt19937 rng(42);
  std::string err;
  auto e = Engine::create(randomRecurrentPlan(rng), err);
  ASSERT_TRUE(e) << err;
  Tensor in({5, 60, 8});
  std::uniform_real_distribution<float> uni(0.0f, 1.0f);
  for (float &v : in.data)
    v = uni(rng);
  RunResult one = runWithThreads(*e, in, 1);
  RunResult two = runWithThreads(*e, in, 2);
  RunResult three = runWithThreads(*e, in, 3);
  double total = 0;
  for (const auto &[name, t] : one.records) {
    EXPECT_EQ(t.data, two.records.at(name).data) << name;
    EXPECT_EQ(t.data, three.records.at(name).data) << name;
  }
  for (double c : one.stats[0].spikeCount)
    total += c;
  EXPECT_GT(total, 0.0) << "the test network should spike";
  EXPECT_EQ(one.stats[0].spikeCount, two.stats[0].spikeCount);

  Tensor item3({1, 60, 8});
  std::copy(in.data.begin() + 3 * 60 * 8, in.data.begin() + 4 * 60 * 8,
            item3.data.begin());
  RunResult alone = runWithThreads(*e, item3, 1);
  const Tensor &all = one.records.at("lif:v");
  std::vector<float> slice(all.data.begin() + 3 * 60 * 16,
                           all.data.begin() + 4 * 60 * 16);
  EXPECT_EQ(alone.records.at("lif:v").data, slice);
  EXPECT_EQ(alone.stats[0].spikeCount[0], one.stats[0].spikeCount[3]);
}

// Tests that progress reaches the total and is called periodically.
TEST(Engine, Progress) {
  std::string err;
  auto e = Engine::create(inhibitoryLoop(), err);
  ASSERT_TRUE(e) << err;
  RunOptions options;
  options.threads = 2;
  options.progressEvery = 10;
  int64_t calls = 0, last = 0, total = 0;
  options.progress = [&](int64_t done, int64_t all) {
    ++calls;
    EXPECT_GT(done, last);
    last = done, total = all;
  };
  RunResult r;
  ASSERT_TRUE(e->run({Tensor({3, 35, 1})}, options, r, err)) << err;
  EXPECT_EQ(total, 105);
  EXPECT_EQ(last, 105);
  EXPECT_EQ(calls, 12); // 3 items x (3 periodic + 1 final).
}
