//===- FixedPointPlanTest.cpp - Fixed-point neurons through the engine ----===//
//
// Plans with loihi/spinnaker/speck neuron nodes: recording of the raw integer
// state, spike statistics, the integer input rule, validation messages, and
// a real Loihi chip trace (../shared/data/nir/lif/lif_lava_loihi_fixed.csv).
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::test;

namespace {

plan::LoihiNeuronOp loihiOp(int32_t du, int32_t dv, int32_t vth) {
  plan::LoihiNeuronOp op;
  op.add_du(du);
  op.add_dv(dv);
  op.add_vth_mant(vth);
  op.add_weight_exp(0);
  op.set_spiking(true);
  op.set_v_scale(64.0f);
  return op;
}

/// in (n) -> fc (affine `weights`, 1 x n) -> node "lif" of `op`.
plan::Plan affineLoihi(std::vector<float> weights,
                       const plan::LoihiNeuronOp &op) {
  plan::Plan p = makePlan();
  addInput(p, "in", {static_cast<int64_t>(weights.size())});
  plan::AffineOp *fc = addNode(p, "fc", {1}, {{0, false}})->mutable_affine();
  for (float w : weights)
    fc->add_weight(w);
  *addNode(p, "lif", {1}, {{1, false}})->mutable_loihi_neuron() = op;
  return p;
}

/// Engine::create's error for `p` ("" when it is valid).
std::string validationError(const plan::Plan &p) {
  std::string err;
  auto engine = Engine::create(p, err);
  return engine ? "" : err;
}

/// Runs `p` on `in` recording `names`; returns false with `err`.
bool runPlan(const plan::Plan &p, const Tensor &in,
             std::vector<std::string> names, RunResult &r, std::string &err) {
  auto engine = Engine::create(p, err);
  if (!engine)
    return false;
  RunOptions options;
  options.record = std::move(names);
  options.threads = 1;
  return engine->run({in}, options, r, err);
}

} // namespace

// Tests Input -> Affine (integer weights) -> LoihiNeuron: the recorded raw u
// (":i") and v (":v"), the spikes and the spike statistics.
TEST(FixedPointPlan, LoihiAffine) {
  plan::Plan p = affineLoihi({2, -3}, loihiOp(4095, 0, 2));
  RunResult r;
  std::string err;
  Tensor in = sequence(
      {{1, 0}, {0, 1}, {1, 1}, {1, 0}, {1, 0}, {1, 0}, {1, 1}, {1, 0}, {1, 0}});
  ASSERT_TRUE(runPlan(p, in, {"lif", "lif:v", "lif:i"}, r, err)) << err;
  // x = 2, -3, -1, 2, 2, 2, -1, 2, 2; u = x << 6 (du = 4095 forgets u); v
  // accumulates u (dv = 0) and spikes above 2 << 6 = 128 (128 does not).
  EXPECT_EQ(r.records.at("lif:i").data,
            (std::vector<float>{128, -192, -64, 128, 128, 128, -64, 128, 128}));
  EXPECT_EQ(r.records.at("lif:v").data,
            (std::vector<float>{128, -64, -128, 0, 128, 0, -64, 64, 0}));
  EXPECT_EQ(r.records.at("lif").data,
            (std::vector<float>{0, 0, 0, 0, 0, 1, 0, 0, 1}));
  ASSERT_EQ(r.stats.size(), 1u);
  EXPECT_EQ(r.stats[0].name, "lif");
  EXPECT_EQ(r.stats[0].spikeCount, (std::vector<double>{2.0}));
}

// Tests the run error for a non-integer input, naming node, value and step.
TEST(FixedPointPlan, NonIntegerInput) {
  plan::Plan p = makePlan();
  addInput(p, "in", {1});
  *addNode(p, "lif1", {1}, {{0, false}})->mutable_loihi_neuron() =
      loihiOp(4095, 0, 100);
  std::vector<std::vector<float>> rows(13, {1.0f});
  rows[12] = {0.37f};
  RunResult r;
  std::string err;
  EXPECT_FALSE(runPlan(p, sequence(rows), {}, r, err));
  EXPECT_NE(err.find("node 'lif1' (loihi_neuron): input 0.37 at step 12 is "
                     "not an integer; fixed-point neurons take integer "
                     "inputs (quantize the upstream weights)"),
            std::string::npos)
      << err;
  // Within 1e-3 of an integer is rounded; NaN is rejected.
  EXPECT_TRUE(runPlan(p, sequence({{2.0004f}, {-0.9996f}}), {"lif1:i"}, r, err))
      << err;
  EXPECT_EQ(r.records.at("lif1:i").data, (std::vector<float>{128, -64}));
  EXPECT_FALSE(runPlan(p, sequence({{NAN}}), {}, r, err));
  EXPECT_NE(err.find("input nan at step 0"), std::string::npos) << err;
}

// Tests SpiNNaker and Speck nodes in one plan: outputs, ":v", statistics,
// and that Speck has no ":i".
TEST(FixedPointPlan, SpinnakerAndSpeck) {
  plan::Plan p = makePlan();
  addInput(p, "in", {2});
  plan::SpinnakerNeuronOp *sp =
      addNode(p, "spin", {2}, {{0, false}})->mutable_spinnaker_neuron();
  sp->add_mem_decay(32768);
  sp->add_mem_gain(32768);
  sp->add_threshold(3 << 15);
  sp->add_input_shift(15);
  sp->set_reset(plan::NeuronOp::SUBTRACT);
  sp->set_spiking(true);
  sp->set_v_scale(32768.0f);
  plan::SpeckNeuronOp *sk =
      addNode(p, "speck", {2}, {{0, false}})->mutable_speck_neuron();
  sk->add_threshold(2);
  sk->add_threshold(3);
  sk->set_v_min(-32768);
  sk->set_multi_spike(true);
  sk->set_v_scale(1.0f);
  RunResult r;
  std::string err;
  Tensor in = sequence({{2, 7}, {2, -1}});
  ASSERT_TRUE(runPlan(p, in, {"spin", "spin:v", "speck", "speck:v"}, r, err))
      << err;
  // spin (threshold 3.0, subtract): v = 2.0, 7.0 -> spike, 4.0; then
  // 4.0 -> spike, 1.0 and 3.0 -> spike (>=), 0.
  EXPECT_EQ(r.records.at("spin").data, (std::vector<float>{0, 1, 1, 1}));
  EXPECT_EQ(r.records.at("spin:v").data,
            (std::vector<float>{65536, 131072, 32768, 0}));
  // speck (thresholds 2, 3): 2 -> 1 spike, 7 -> 2 spikes rest 1; 2 -> 1,
  // 1 - 1 = 0.
  EXPECT_EQ(r.records.at("speck").data, (std::vector<float>{1, 2, 1, 0}));
  EXPECT_EQ(r.records.at("speck:v").data, (std::vector<float>{0, 1, 0, 0}));
  ASSERT_EQ(r.stats.size(), 2u);
  EXPECT_EQ(r.stats[0].spikeCount, (std::vector<double>{3.0}));
  EXPECT_EQ(r.stats[1].spikeCount, (std::vector<double>{4.0}));

  EXPECT_FALSE(runPlan(p, in, {"speck:i"}, r, err));
  EXPECT_NE(err.find("speck_neuron node 'speck'"), std::string::npos) << err;
  auto engine = Engine::create(p, err);
  ASSERT_TRUE(engine) << err;
  EXPECT_EQ(engine->recordableNames(),
            (std::vector<std::string>{"in", "spin", "spin:v", "spin:i", "speck",
                                      "speck:v"}));
}

// Tests validation of counts, value ranges and v_scale, naming node, field
// and value.
TEST(FixedPointPlan, ValidationErrors) {
  auto loihiError = [](auto edit) {
    plan::LoihiNeuronOp op = loihiOp(4095, 163, 25);
    edit(op);
    plan::Plan p = makePlan();
    addInput(p, "in", {3});
    *addNode(p, "lif1", {3}, {{0, false}})->mutable_loihi_neuron() = op;
    return validationError(p);
  };
  using Op = plan::LoihiNeuronOp;
  EXPECT_EQ(loihiError([](Op &) {}), "");
  EXPECT_EQ(loihiError([](Op &o) { o.set_du(0, 5000); }),
            "node 1 'lif1': loihi_neuron du = 5000 is out of range 0..4095");
  EXPECT_EQ(loihiError([](Op &o) { o.set_dv(0, -1); }),
            "node 1 'lif1': loihi_neuron dv = -1 is out of range 0..4095");
  EXPECT_EQ(loihiError([](Op &o) { o.set_vth_mant(0, 131072); }),
            "node 1 'lif1': loihi_neuron vth_mant = 131072 is out of range "
            "0..131071");
  EXPECT_EQ(
      loihiError([](Op &o) { o.set_weight_exp(0, -9); }),
      "node 1 'lif1': loihi_neuron weight_exp = -9 is out of range -8..7");
  EXPECT_EQ(loihiError([](Op &o) {
              o.add_bias_exp(0), o.add_bias_exp(8), o.add_bias_exp(0);
            }),
            "node 1 'lif1': loihi_neuron bias_exp[1] = 8 is out of range 0..7");
  EXPECT_EQ(loihiError([](Op &o) { o.add_bias_mant(4096); }),
            "node 1 'lif1': loihi_neuron bias_mant = 4096 is out of range "
            "-4096..4095");
  EXPECT_EQ(loihiError([](Op &o) { o.add_du(1); }),
            "node 1 'lif1': loihi_neuron du has 2 values, expected 1 or 3");
  EXPECT_EQ(loihiError([](Op &o) { o.clear_vth_mant(); }),
            "node 1 'lif1': loihi_neuron vth_mant has 0 values, expected 1 "
            "or 3");
  EXPECT_EQ(loihiError([](Op &o) { o.set_v_scale(0.0f); }),
            "node 1 'lif1': loihi_neuron v_scale = 0 must be > 0");

  plan::Plan p = makePlan();
  addInput(p, "in", {1});
  plan::SpinnakerNeuronOp *sp =
      addNode(p, "sp", {1}, {{0, false}})->mutable_spinnaker_neuron();
  sp->add_mem_decay(1), sp->add_mem_gain(1), sp->set_v_scale(1.0f);
  sp->add_input_shift(32);
  EXPECT_EQ(validationError(p), "node 1 'sp': spinnaker_neuron input_shift = "
                                "32 is out of range 0..31");
  sp->set_input_shift(0, 31);
  sp->set_has_synapse(true);
  EXPECT_EQ(validationError(p), "node 1 'sp': spinnaker_neuron syn_decay has "
                                "0 values, expected 1 or 1");
  sp->add_syn_decay(5);
  EXPECT_EQ(validationError(p), "");
  sp->set_reset(static_cast<plan::NeuronOp::Reset>(7));
  EXPECT_EQ(validationError(p),
            "node 1 'sp': spinnaker_neuron reset = 7 is not a reset mode");

  p = makePlan();
  addInput(p, "in", {1});
  plan::SpeckNeuronOp *sk =
      addNode(p, "sk", {1}, {{0, false}})->mutable_speck_neuron();
  sk->add_threshold(0), sk->set_v_scale(2.0f);
  EXPECT_EQ(validationError(p), "node 1 'sk': speck_neuron threshold = 0 is "
                                "out of range 1..32767");
  sk->set_threshold(0, 32767);
  sk->set_v_min(1);
  EXPECT_EQ(validationError(p),
            "node 1 'sk': speck_neuron v_min = 1 is out of range -32768..0");
  sk->set_v_min(-32769);
  EXPECT_NE(validationError(p).find("v_min = -32769"), std::string::npos);
  sk->set_v_min(-32768);
  sk->set_v_scale(-1.0f);
  EXPECT_EQ(validationError(p),
            "node 1 'sk': speck_neuron v_scale = -1 must be > 0");
}

// Tests the engine against a real Loihi chip: Input -> Delay(1) (Lava's Dense
// delivers one step late) -> Affine(10) -> LoihiNeuron(du 4095, dv 163,
// vth_mant 25). The chip reports v = 128 instead of 0 on its 4 spike steps.
TEST(FixedPointPlan, LoihiChipTrace) {
  std::ifstream csv(SNN_SHARED_DATA_DIR "/lif/lif_lava_loihi_fixed.csv");
  if (!csv)
    GTEST_SKIP() << "no " SNN_SHARED_DATA_DIR "/lif/lif_lava_loihi_fixed.csv";
  std::vector<std::vector<float>> rows;
  std::vector<float> chipV, chipSpike;
  for (std::string line; std::getline(csv, line);) {
    std::istringstream fields(line);
    float in, v, z;
    char comma;
    if (fields >> in >> comma >> v >> comma >> z) {
      rows.push_back({in});
      chipV.push_back(v);
      chipSpike.push_back(z);
    }
  }
  ASSERT_EQ(rows.size(), 1000u);

  plan::Plan p = makePlan("lif_loihi");
  addInput(p, "in", {1});
  addNode(p, "delay", {1}, {{0, false}})->mutable_delay()->add_steps(1);
  addNode(p, "fc", {1}, {{1, false}})->mutable_affine()->add_weight(10.0f);
  *addNode(p, "lif", {1}, {{2, false}})->mutable_loihi_neuron() =
      loihiOp(4095, 163, 25);
  RunResult r;
  std::string err;
  ASSERT_TRUE(runPlan(p, sequence(rows), {"lif", "lif:v"}, r, err)) << err;
  const std::vector<float> &v = r.records.at("lif:v").data;
  const std::vector<float> &z = r.records.at("lif").data;
  int matches = 0;
  std::vector<int> spikes, chipSpikes;
  for (int t = 0; t < 1000; ++t) {
    matches += v[t] == chipV[t];
    if (z[t] != 0.0f)
      spikes.push_back(t);
    if (chipSpike[t] != 0.0f)
      chipSpikes.push_back(t);
  }
  EXPECT_GE(matches, 996);
  EXPECT_EQ(spikes, (std::vector<int>{461, 511, 711, 761}));
  EXPECT_EQ(spikes, chipSpikes);
  // The first input (step 60) reaches the neuron at step 61.
  EXPECT_EQ(std::vector<float>(v.begin() + 61, v.begin() + 67),
            (std::vector<float>{640, 614, 589, 565, 542, 520}));
  RecordProperty("matching_steps", matches);
}
