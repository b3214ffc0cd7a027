//===- CudaNeuronTest.cpp - GPU neuron path against the CPU engine --------===//
//
// Built only with SNN_HAVE_CUDA; skipped (never passed) without a device.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "runtime/cuda/NeuronKernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::test;

namespace {

/// A NeuronOp with random per-neuron parameters and the given flags.
plan::NeuronOp randomOp(std::mt19937 &rng, int n, bool synapse, bool multi,
                        plan::NeuronOp::Reset reset, bool vMin, bool adaptive) {
  std::uniform_real_distribution<float> decay(0.5f, 1.0f), gain(0.1f, 1.5f),
      th(0.5f, 1.5f), bias(-0.05f, 0.05f);
  plan::NeuronOp op;
  op.set_has_synapse(synapse);
  op.set_spiking(true);
  op.set_multi_spike(multi);
  op.set_reset(reset);
  op.set_has_v_min(vMin);
  op.set_v_min(-0.5f);
  op.set_adaptive(adaptive);
  for (int k = 0; k < n; ++k) {
    op.add_syn_decay(decay(rng));
    op.add_syn_gain(gain(rng));
    op.add_mem_decay(decay(rng));
    op.add_mem_gain(gain(rng));
    op.add_mem_bias(bias(rng));
    op.add_threshold(th(rng));
    op.add_v_reset(bias(rng));
    op.add_adapt_decay(decay(rng));
    op.add_adapt_gain(gain(rng) * 0.2f);
  }
  return op;
}

} // namespace

// Tests bit-identical spikes and v within 1e-5 for every flag combination.
TEST(CudaNeuron, MatchesCpuEngine) {
  std::string reason;
  if (!cuda::deviceAvailable(reason))
    GTEST_SKIP() << reason;
  std::mt19937 rng(1234);
  const int n = 300, batch = 3, steps = 200;
  int combos = 0;
  for (int mask = 0; mask < 48; ++mask) {
    auto reset = static_cast<plan::NeuronOp::Reset>(mask % 3);
    bool synapse = mask & 4, multi = mask & 8, vMin = mask & 16,
         adaptive = mask >= 32;
    plan::NeuronOp op = randomOp(rng, n, synapse, multi, reset, vMin, adaptive);
    Tensor in({batch, steps, n});
    std::normal_distribution<float> normal(0.3f, 0.8f);
    for (float &v : in.data)
      v = normal(rng);

    plan::Plan p = makePlan();
    addInput(p, "in", {n});
    *addNode(p, "pop", {n}, {{0, false}})->mutable_neuron() = op;
    std::string err;
    auto engine = Engine::create(p, err);
    ASSERT_TRUE(engine) << err;
    RunOptions options;
    options.record = {"pop", "pop:v"};
    RunResult cpu;
    ASSERT_TRUE(engine->run({in}, options, cpu, err)) << err;

    Tensor spikes, v;
    ASSERT_TRUE(cuda::runNeuronSequence(op, n, in, spikes, v, err)) << err;
    EXPECT_EQ(spikes.data, cpu.records.at("pop").data) << "combo " << mask;
    const std::vector<float> &cv = cpu.records.at("pop:v").data;
    ASSERT_EQ(v.data.size(), cv.size());
    float worst = 0;
    for (size_t k = 0; k < cv.size(); ++k)
      worst = std::max(worst, std::fabs(v.data[k] - cv[k]));
    EXPECT_LE(worst, 1e-5f) << "combo " << mask;
    double total = 0;
    for (float z : spikes.data)
      total += z;
    EXPECT_GT(total, 0) << "combo " << mask << " never spiked";
    ++combos;
  }
  EXPECT_EQ(combos, 48);
}

// Tests that an invalid op is rejected with the engine's message.
TEST(CudaNeuron, RejectsInvalidOp) {
  std::string reason;
  if (!cuda::deviceAvailable(reason))
    GTEST_SKIP() << reason;
  plan::NeuronOp op = iafOp();
  op.clear_mem_decay();
  Tensor spikes, v;
  std::string err;
  EXPECT_FALSE(
      cuda::runNeuronSequence(op, 4, Tensor({1, 2, 4}), spikes, v, err));
  EXPECT_NE(err.find("mem_decay has 0 values"), std::string::npos) << err;
}
