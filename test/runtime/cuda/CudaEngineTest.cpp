//===- CudaEngineTest.cpp - The CUDA engine against the CPU engine --------===//
//
// Random networks covering every op of Plan.proto, in float and in each
// fixed-point family, run on both engines with every recordable signal
// recorded. Fixed point must agree bit for bit; float spikes exactly and
// voltages within 1e-5 (they are expected to agree exactly as well). Built
// only with SNN_HAVE_CUDA; every test skips, saying why, without a device.
//
//===----------------------------------------------------------------------===//

#include "../TestUtil.h"

#include "runtime/cuda/CudaEngine.h"
#include "runtime/cuda/NeuronKernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::test;

namespace {

#define SKIP_WITHOUT_DEVICE()                                                  \
  do {                                                                         \
    std::string reason;                                                        \
    if (!cuda::deviceAvailable(reason))                                        \
      GTEST_SKIP() << reason;                                                  \
  } while (0)

enum class Mode { Float, Loihi, Spinnaker, Speck };

/// Random weights: floats, or small integers for the fixed-point modes.
struct Weights {
  std::mt19937 &rng;
  bool integer;
  float next() {
    if (integer)
      return static_cast<float>(std::uniform_int_distribution<int>(-3, 4)(rng));
    return std::normal_distribution<float>(0.1f, 0.6f)(rng);
  }
};

/// A spiking population of `n` neurons in `mode`.
void setNeuron(plan::Node *node, Mode mode, std::mt19937 &rng, int64_t n,
               bool variant) {
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  switch (mode) {
  case Mode::Float: {
    plan::NeuronOp *op = node->mutable_neuron();
    op->set_has_synapse(variant);
    op->set_spiking(true);
    op->set_multi_spike(!variant);
    op->set_reset(variant ? plan::NeuronOp::SUBTRACT
                          : plan::NeuronOp::TO_VALUE);
    op->set_adaptive(variant);
    op->set_has_v_min(true);
    op->set_v_min(-1.0f);
    for (int64_t k = 0; k < n; ++k) {
      op->add_syn_decay(0.5f + 0.5f * u(rng));
      op->add_syn_gain(0.5f + u(rng));
      op->add_mem_decay(0.6f + 0.4f * u(rng));
      op->add_mem_gain(0.3f + u(rng));
      op->add_mem_bias(0.05f * (u(rng) - 0.5f));
      op->add_threshold(0.5f + u(rng));
      op->add_adapt_decay(0.9f);
      op->add_adapt_gain(0.1f * u(rng));
    }
    op->add_v_reset(0.0f);
    break;
  }
  case Mode::Loihi: {
    plan::LoihiNeuronOp *op = node->mutable_loihi_neuron();
    op->set_spiking(true);
    op->set_v_scale(64.0f);
    for (int64_t k = 0; k < n; ++k) {
      op->add_du(std::uniform_int_distribution<int>(0, 4095)(rng));
      op->add_dv(std::uniform_int_distribution<int>(0, 1000)(rng));
      op->add_vth_mant(std::uniform_int_distribution<int>(1, 40)(rng));
    }
    op->add_bias_mant(variant ? 3 : 0);
    op->add_weight_exp(variant ? -1 : 2);
    break;
  }
  case Mode::Spinnaker: {
    plan::SpinnakerNeuronOp *op = node->mutable_spinnaker_neuron();
    op->set_has_synapse(variant);
    op->set_spiking(true);
    op->set_reset(variant ? plan::NeuronOp::SUBTRACT
                          : plan::NeuronOp::TO_VALUE);
    op->set_v_scale(32768.0f);
    for (int64_t k = 0; k < n; ++k) {
      op->add_syn_decay(std::uniform_int_distribution<int>(16384, 32767)(rng));
      op->add_mem_decay(std::uniform_int_distribution<int>(20000, 32767)(rng));
      op->add_mem_gain(std::uniform_int_distribution<int>(8000, 40000)(rng));
      op->add_threshold(std::uniform_int_distribution<int>(20000, 90000)(rng));
    }
    op->add_input_shift(13);
    break;
  }
  case Mode::Speck: {
    plan::SpeckNeuronOp *op = node->mutable_speck_neuron();
    op->set_multi_spike(variant);
    op->set_v_min(-20);
    op->set_v_scale(1.0f);
    for (int64_t k = 0; k < n; ++k)
      op->add_threshold(std::uniform_int_distribution<int>(1, 6)(rng));
    break;
  }
  }
}

/// A CSR projection (out, in) with about `density` of the entries, columns
/// ascending (event-driven capable) unless `shuffled`.
void setSparse(plan::SparseOp *sp, Weights &w, int64_t in, int64_t out,
               float density, bool shuffled) {
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  sp->add_row_ptr(0);
  for (int64_t o = 0; o < out; ++o) {
    std::vector<uint32_t> cols;
    for (int64_t k = 0; k < in; ++k)
      if (u(w.rng) < density)
        cols.push_back(static_cast<uint32_t>(k));
    if (shuffled)
      std::reverse(cols.begin(), cols.end());
    for (uint32_t c : cols) {
      sp->add_col(c);
      sp->add_value(w.next());
    }
    sp->add_row_ptr(static_cast<uint32_t>(sp->col_size()));
  }
}

/// in(24) -> affine(40) [+ recurrent sparse of the population's previous
/// step] -> population(40) -> delay -> sparse(40 -> 16) -> population(16)
/// -> scale -> threshold, and a second branch through a non-spiking float
/// neuron in float mode. Covers input, affine, sparse (event and gather, in
/// both index widths), multi-operand sums, previous_step, delay, scale,
/// threshold, identity.
plan::Plan recurrentPlan(Mode mode, std::mt19937 &rng, bool shuffled) {
  Weights w{rng, mode != Mode::Float};
  plan::Plan p = makePlan("recurrent");
  addInput(p, "in", {24});                                 // 0
  plan::Node *fc1 = addNode(p, "fc1", {40}, {{0, false}}); // 1
  for (int k = 0; k < 40 * 24; ++k)
    fc1->mutable_affine()->add_weight(w.next());
  for (int k = 0; k < 40; ++k)
    fc1->mutable_affine()->add_bias(mode == Mode::Float ? w.next() : 0.0f);
  plan::Node *rec = addNode(p, "rec", {40}, {{3, true}}); // 2, reads pop1@t-1
  rec->add_input_shape(40);
  setSparse(rec->mutable_sparse(), w, 40, 40, 0.2f, shuffled);
  plan::Node *pop1 = addNode(p, "pop1", {40}, {{1, false}, {2, false}}); // 3
  setNeuron(pop1, mode, rng, 40, false);
  plan::Node *delay = addNode(p, "delay", {40}, {{3, false}}); // 4
  for (int k = 0; k < 40; ++k)
    delay->mutable_delay()->add_steps(k % 4);
  plan::Node *fc2 = addNode(p, "fc2", {16}, {{4, false}}); // 5
  setSparse(fc2->mutable_sparse(), w, 40, 16, 0.5f, shuffled);
  plan::Node *pop2 = addNode(p, "pop2", {16}, {{5, false}, {6, true}}); // 6
  setNeuron(pop2, mode, rng, 16, true);
  plan::Node *scale = addNode(p, "scale", {16}, {{6, false}}); // 7
  scale->mutable_scale()->add_scale(mode == Mode::Float ? 0.7f : 2.0f);
  plan::Node *th = addNode(p, "th", {16}, {{7, false}}); // 8
  th->mutable_threshold()->add_threshold(0.5f);
  addNode(p, "output", {16}, {{8, false}})->mutable_identity(); // 9
  plan::Output *o = p.add_outputs();
  o->set_name("output");
  o->set_node(9);
  if (mode == Mode::Float) {
    // A leaky integrator read out of pop1 (non-spiking: output is v).
    plan::Node *li = addNode(p, "li", {40}, {{3, false}}); // 10
    plan::NeuronOp *op = li->mutable_neuron();
    op->set_has_synapse(true);
    op->add_syn_decay(0.8f);
    op->add_syn_gain(1.0f);
    op->add_mem_decay(0.9f);
    op->add_mem_gain(0.1f);
    op->add_threshold(1.0f);
  }
  return p;
}

/// in(2, 9, 9) -> conv 3x3 pad 1 stride 1 (4 channels, 2 groups) ->
/// population -> sum pool 2x2 (or avg) -> flatten -> affine(10) ->
/// population -> output: the convolutional path.
plan::Plan convPlan(Mode mode, std::mt19937 &rng, bool average) {
  Weights w{rng, mode != Mode::Float};
  plan::Plan p = makePlan("conv");
  addInput(p, "in", {2, 9, 9});                                   // 0
  plan::Node *conv = addNode(p, "conv", {4, 9, 9}, {{0, false}}); // 1
  plan::ConvOp *c = conv->mutable_conv();
  for (int64_t k : {3, 3})
    c->add_kernel(k);
  for (int64_t k : {1, 1})
    c->add_padding(k);
  c->set_groups(2);
  for (int k = 0; k < 4 * 1 * 9; ++k)
    c->add_weight(w.next());
  for (int k = 0; k < 4; ++k)
    c->add_bias(mode == Mode::Float ? w.next() : 1.0f);
  setNeuron(addNode(p, "pop1", {4, 9, 9}, {{1, false}}), mode, rng, 324, true);
  plan::Node *pool = addNode(p, "pool", {4, 4, 4}, {{2, false}}); // 3
  pool->mutable_pool()->set_kind(
      average && mode == Mode::Float ? plan::PoolOp::AVG : plan::PoolOp::SUM);
  pool->mutable_pool()->add_kernel(2);
  pool->mutable_pool()->add_kernel(2);
  addNode(p, "flat", {64}, {{3, false}})->mutable_identity(); // 4
  plan::Node *fc = addNode(p, "fc", {10}, {{4, false}});      // 5
  for (int k = 0; k < 640; ++k)
    fc->mutable_affine()->add_weight(w.next());
  setNeuron(addNode(p, "pop2", {10}, {{5, false}}), mode, rng, 10, false);
  plan::Output *o = p.add_outputs();
  o->set_name("pop2");
  o->set_node(6);
  return p;
}

/// Spike-like input: counts 0..2 (integers, as fixed point needs).
Tensor randomInput(std::mt19937 &rng, std::vector<int64_t> shape) {
  Tensor t(std::move(shape));
  std::uniform_int_distribution<int> d(0, 9);
  for (float &v : t.data) {
    int r = d(rng);
    v = r < 6 ? 0.0f : (r < 9 ? 1.0f : 2.0f);
  }
  return t;
}

/// Runs `plan` on both engines recording everything and compares.
void expectSameRuns(const plan::Plan &plan, const Tensor &input, int64_t steps,
                    bool floatMode, const std::string &what) {
  SCOPED_TRACE(what);
  std::string err;
  auto cpu = Engine::create(plan, err);
  ASSERT_TRUE(cpu) << err;
  auto gpu = cuda::CudaEngine::create(plan, err);
  ASSERT_TRUE(gpu) << err;
  RunOptions options;
  options.steps = steps;
  options.record = cpu->recordableNames();
  RunResult a, b;
  ASSERT_TRUE(cpu->run({input}, options, a, err)) << err;
  ASSERT_TRUE(gpu->run({input}, options, b, err)) << err;
  double spikes = 0;
  for (const auto &[name, t] : a.records) {
    const Tensor &g = b.records.at(name);
    ASSERT_EQ(g.shape, t.shape) << name;
    bool state = name.size() > 2 && name[name.size() - 2] == ':';
    if (floatMode && state) {
      float worst = 0.0f;
      for (size_t k = 0; k < t.data.size(); ++k)
        worst = std::max(worst, std::fabs(t.data[k] - g.data[k]));
      EXPECT_LE(worst, 1e-5f) << name;
    } else {
      EXPECT_EQ(g.data, t.data) << name;
    }
  }
  ASSERT_EQ(a.outputs.size(), b.outputs.size());
  for (size_t k = 0; k < a.outputs.size(); ++k)
    EXPECT_EQ(a.outputs[k].second.data, b.outputs[k].second.data);
  ASSERT_EQ(a.stats.size(), b.stats.size());
  for (size_t k = 0; k < a.stats.size(); ++k) {
    EXPECT_EQ(a.stats[k].spikeCount, b.stats[k].spikeCount) << a.stats[k].name;
    for (double c : a.stats[k].spikeCount)
      spikes += c;
  }
  EXPECT_GT(spikes, 0) << "the network never spiked: the test would be weak";
}

const char *modeName(Mode m) {
  switch (m) {
  case Mode::Float:
    return "float";
  case Mode::Loihi:
    return "loihi";
  case Mode::Spinnaker:
    return "spinnaker";
  default:
    return "speck";
  }
}

/// Hints that force every layout choice the engine has.
void setHints(plan::Plan &p, plan::GpuNodeHint::Propagation prop, uint32_t bits,
              uint32_t batch, uint32_t weightBits = 0) {
  p.mutable_gpu()->set_batch(batch);
  for (int i = 0; i < p.nodes_size(); ++i) {
    plan::GpuNodeHint *h = p.mutable_gpu()->add_nodes();
    bool synapses = p.nodes(i).has_affine() || p.nodes(i).has_sparse();
    h->set_propagation(synapses ? prop : plan::GpuNodeHint::AUTO);
    h->set_index_bits(p.nodes(i).has_sparse() ? bits : 0);
    h->set_weight_bits(synapses ? weightBits : 0);
  }
}

class CudaEngineModes : public testing::TestWithParam<Mode> {};

} // namespace

// Tests the recurrent/delay/sparse network in every arithmetic mode, with
// the automatic layout (int8 weights in the fixed-point modes) and with every
// forced layout (dense gather, event scatter, 16- and 32-bit indices, float
// weights, batch groups of 2 of 3 items).
TEST_P(CudaEngineModes, RecurrentNetworkMatchesCpu) {
  SKIP_WITHOUT_DEVICE();
  Mode mode = GetParam();
  std::mt19937 rng(7 + static_cast<int>(mode));
  plan::Plan p = recurrentPlan(mode, rng, false);
  Tensor in = randomInput(rng, {3, 60, 24});
  bool f = mode == Mode::Float;
  expectSameRuns(p, in, 80, f, std::string(modeName(mode)) + " auto");
  for (auto prop : {plan::GpuNodeHint::DENSE, plan::GpuNodeHint::EVENT})
    for (uint32_t bits : {16u, 32u}) {
      plan::Plan h = p;
      setHints(h, prop, bits, 2);
      expectSameRuns(h, in, 80, f,
                     std::string(modeName(mode)) + " propagation " +
                         std::to_string(prop) + " bits " +
                         std::to_string(bits) + " batch groups of 2");
    }
  // Float weights even where int8 would hold them (fixed-point modes).
  plan::Plan wide = p;
  setHints(wide, plan::GpuNodeHint::EVENT, 32, 0, 32);
  expectSameRuns(wide, in, 80, f,
                 std::string(modeName(mode)) + " 32-bit weights");
  // Unsorted CSR rows can only be gathered.
  std::mt19937 rng2(99);
  expectSameRuns(recurrentPlan(mode, rng2, true), in, 60, f,
                 std::string(modeName(mode)) + " unsorted rows");
}

// Tests conv, pool (sum and average), flatten and an event-driven affine
// layer in every arithmetic mode.
TEST_P(CudaEngineModes, ConvNetworkMatchesCpu) {
  SKIP_WITHOUT_DEVICE();
  Mode mode = GetParam();
  for (bool average : {false, true}) {
    std::mt19937 rng(11 + static_cast<int>(mode));
    plan::Plan p = convPlan(mode, rng, average);
    Tensor in = randomInput(rng, {2, 40, 2, 9, 9});
    expectSameRuns(p, in, 40, mode == Mode::Float,
                   std::string(modeName(mode)) +
                       (average ? " avg pool" : " sum pool"));
  }
}

INSTANTIATE_TEST_SUITE_P(AllModes, CudaEngineModes,
                         testing::Values(Mode::Float, Mode::Loihi,
                                         Mode::Spinnaker, Mode::Speck),
                         [](const testing::TestParamInfo<Mode> &info) {
                           return std::string(modeName(info.param));
                         });

// Tests that a fractional input to a fixed-point neuron fails on the GPU
// with the CPU engine's message (same node, element, value and step).
TEST(CudaEngine, NonIntegerFixedPointInputMatchesCpuError) {
  SKIP_WITHOUT_DEVICE();
  plan::Plan p = makePlan("frac");
  addInput(p, "in", {3});
  plan::Node *fc = addNode(p, "fc", {3}, {{0, false}});
  for (float v : {1.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 0.0f, 0.25f})
    fc->mutable_affine()->add_weight(v);
  plan::Node *pop = addNode(p, "pop", {3}, {{1, false}});
  pop->mutable_speck_neuron()->add_threshold(2);
  pop->mutable_speck_neuron()->set_v_scale(1.0f);
  Tensor in = sequence({{1, 1, 0}, {1, 0, 0}, {0, 1, 1}, {1, 1, 1}});
  std::string errCpu, errGpu;
  auto cpu = Engine::create(p, errCpu);
  auto gpu = cuda::CudaEngine::create(p, errGpu);
  ASSERT_TRUE(cpu && gpu);
  RunOptions options;
  RunResult a, b;
  EXPECT_FALSE(cpu->run({in}, options, a, errCpu));
  EXPECT_FALSE(gpu->run({in}, options, b, errGpu));
  EXPECT_NE(errGpu.find("step 2"), std::string::npos) << errGpu;
  EXPECT_EQ(errGpu, errCpu);
}

// Tests the input and record checks, which must read as the CPU engine's.
TEST(CudaEngine, RejectsBadInputsAndRecordsLikeCpu) {
  SKIP_WITHOUT_DEVICE();
  std::mt19937 rng(3);
  plan::Plan p = recurrentPlan(Mode::Float, rng, false);
  std::string errCpu, errGpu;
  auto cpu = Engine::create(p, errCpu);
  auto gpu = cuda::CudaEngine::create(p, errGpu);
  ASSERT_TRUE(cpu && gpu);
  RunResult r;
  RunOptions options;
  Tensor wrong({1, 5, 23});
  EXPECT_FALSE(cpu->run({wrong}, options, r, errCpu));
  EXPECT_FALSE(gpu->run({wrong}, options, r, errGpu));
  EXPECT_EQ(errGpu, errCpu);
  options.record = {"nope"};
  Tensor right({1, 5, 24});
  EXPECT_FALSE(cpu->run({right}, options, r, errCpu));
  EXPECT_FALSE(gpu->run({right}, options, r, errGpu));
  EXPECT_EQ(errGpu, errCpu);
}

// Tests that a run larger than the device's free memory is refused before
// anything is allocated, naming the sizes.
TEST(CudaEngine, RefusesRunsBeyondFreeMemory) {
  SKIP_WITHOUT_DEVICE();
  cuda::DeviceInfo info;
  std::string err;
  ASSERT_TRUE(cuda::queryDevice(info, err)) << err;
  // A delay ring of 2^20 frames of 256 floats is 1 GiB per batch item on
  // the device, while the host input stays 1 KiB per item.
  plan::Plan p = makePlan("huge");
  addInput(p, "in", {256});
  plan::Node *d = addNode(p, "d", {256}, {{0, false}});
  d->mutable_delay()->add_steps((int64_t(1) << 20) - 1);
  auto gpu = cuda::CudaEngine::create(p, err);
  ASSERT_TRUE(gpu) << err;
  int64_t items = (info.freeBytes >> 30) + 1;
  Tensor in({items, 1, 256});
  RunResult r;
  RunOptions options;
  EXPECT_FALSE(gpu->run({in}, options, r, err));
  EXPECT_NE(err.find("of GPU memory"), std::string::npos) << err;
  EXPECT_NE(err.find("free"), std::string::npos) << err;
}

// Tests, on the CPU engine alone (so also without a GPU), that every random
// network above is valid and spikes in every layer that can, so the GPU
// comparisons cannot pass on silent networks.
TEST(CudaEngineNetworks, AreValidAndSpikeOnTheCpu) {
  for (Mode mode : {Mode::Float, Mode::Loihi, Mode::Spinnaker, Mode::Speck}) {
    std::mt19937 rng(7 + static_cast<int>(mode));
    std::vector<std::pair<plan::Plan, Tensor>> cases;
    cases.emplace_back(recurrentPlan(mode, rng, false), Tensor());
    cases.back().second = randomInput(rng, {3, 60, 24});
    cases.emplace_back(convPlan(mode, rng, true), Tensor());
    cases.back().second = randomInput(rng, {2, 40, 2, 9, 9});
    for (auto &[plan, input] : cases) {
      SCOPED_TRACE(std::string(modeName(mode)) + " " + plan.name());
      std::string err;
      auto cpu = Engine::create(plan, err);
      ASSERT_TRUE(cpu) << err;
      RunOptions options;
      RunResult r;
      ASSERT_TRUE(cpu->run({input}, options, r, err)) << err;
      for (const NodeStats &s : r.stats) {
        double total = 0;
        for (double c : s.spikeCount)
          total += c;
        EXPECT_GT(total, 0) << s.name << " never spiked";
      }
    }
  }
}
