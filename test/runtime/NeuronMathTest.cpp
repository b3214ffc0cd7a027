//===- NeuronMathTest.cpp - Hand-checked neuron updates -------------------===//

#include "TestUtil.h"

#include "runtime/engine/NeuronLoop.h"
#include "runtime/engine/NeuronMath.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::test;

namespace {

/// Runs one neuron over `inputs`, returning (outputs, v after each step).
std::pair<std::vector<float>, std::vector<float>>
trace(const NeuronConfig &c, const NeuronParams &p,
      const std::vector<float> &inputs) {
  NeuronState s;
  std::vector<float> out, v;
  for (float x : inputs) {
    out.push_back(neuronStep(c, p, x, s));
    v.push_back(s.v);
  }
  return {out, v};
}

NeuronConfig spikingConfig(NeuronReset reset) {
  NeuronConfig c;
  c.spiking = true;
  c.reset = reset;
  return c;
}

} // namespace

// Tests a forward-Euler LIF (decay 1 - dt/tau = 0.9, gain dt/tau = 0.1).
TEST(NeuronMath, LifForwardEuler) {
  NeuronParams p;
  p.memDecay = 0.9f, p.memGain = 0.1f, p.threshold = 1.0f;
  auto [z, v] =
      trace(spikingConfig(NeuronReset::ToValue), p, {5, 5, 5, 5, 5, 5});
  EXPECT_EQ(z, (std::vector<float>{0, 0, 1, 0, 0, 1}));
  std::vector<float> expected = {0.5f, 0.95f, 0.0f, 0.5f, 0.95f, 0.0f};
  for (size_t t = 0; t < v.size(); ++t)
    EXPECT_NEAR(v[t], expected[t], 1e-6) << "t = " << t;
}

// Tests that v == threshold does not spike (strict) and v above it does.
TEST(NeuronMath, StrictThreshold) {
  NeuronParams p;
  p.memDecay = 0.0f;
  NeuronConfig c = spikingConfig(NeuronReset::ToValue);
  NeuronState s;
  EXPECT_EQ(neuronStep(c, p, 1.0f, s), 0.0f);
  EXPECT_EQ(s.v, 1.0f);
  EXPECT_EQ(neuronStep(c, p, 1.0000001f, s), 1.0f);
}

// Tests the three reset modes after v = 1.5 crosses threshold 1.
TEST(NeuronMath, ResetModes) {
  NeuronParams p;
  p.vReset = -0.5f;
  NeuronState s;
  EXPECT_EQ(neuronStep(spikingConfig(NeuronReset::ToValue), p, 1.5f, s), 1.0f);
  EXPECT_EQ(s.v, -0.5f);
  s = NeuronState();
  EXPECT_EQ(neuronStep(spikingConfig(NeuronReset::Subtract), p, 1.5f, s), 1.0f);
  EXPECT_EQ(s.v, 0.5f);
  s = NeuronState();
  EXPECT_EQ(neuronStep(spikingConfig(NeuronReset::None), p, 1.5f, s), 1.0f);
  EXPECT_EQ(s.v, 1.5f);
}

// Tests Sinabs IAF(spike_fn=MultiSpike, reset_fn=MembraneSubtract,
// min_v_mem=-1): spikes = floor(v / theta), v -= spikes * theta, then clamp.
TEST(NeuronMath, SinabsMultiSpikeSubtractVMin) {
  NeuronConfig c = spikingConfig(NeuronReset::Subtract);
  c.multiSpike = true, c.hasVMin = true, c.vMin = -1.0f;
  NeuronParams p;
  auto [z, v] = trace(c, p, {2.5f, -4.0f, 0.7f, 3.2f, 1.0f});
  EXPECT_EQ(z, (std::vector<float>{2, 0, 0, 2, 1}));
  std::vector<float> expected = {0.5f, -1.0f, -0.3f, 0.9f, 0.9f};
  for (size_t t = 0; t < v.size(); ++t)
    EXPECT_NEAR(v[t], expected[t], 1e-6) << "t = " << t;
  // Multi-spike is non-strict like Sinabs: v == theta gives one spike.
  NeuronState s;
  EXPECT_EQ(neuronStep(c, p, 1.0f, s), 1.0f);
  EXPECT_EQ(s.v, 0.0f);
}

// Tests that the v_min floor applies after the reset.
TEST(NeuronMath, FloorAfterReset) {
  NeuronConfig c = spikingConfig(NeuronReset::ToValue);
  c.hasVMin = true, c.vMin = -1.0f;
  NeuronParams p;
  p.vReset = -2.0f;
  NeuronState s;
  EXPECT_EQ(neuronStep(c, p, 3.0f, s), 1.0f);
  EXPECT_EQ(s.v, -1.0f);
}

// Tests theta = threshold + adapt_gain * a[t-1], a[t] = decay * a + z.
TEST(NeuronMath, AdaptiveThreshold) {
  NeuronConfig c = spikingConfig(NeuronReset::ToValue);
  c.adaptive = true;
  NeuronParams p;
  p.adaptGain = 0.5f, p.adaptDecay = 0.5f;
  NeuronState s;
  std::vector<float> z;
  std::vector<float> a;
  for (int t = 0; t < 5; ++t) {
    z.push_back(neuronStep(c, p, 1.2f, s));
    a.push_back(s.a);
  }
  EXPECT_EQ(z, (std::vector<float>{1, 0, 1, 0, 1}));
  EXPECT_EQ(a, (std::vector<float>{1.0f, 0.5f, 1.25f, 0.625f, 1.3125f}));
}

// Tests the synaptic current and a non-spiking (LI) output through the
// engine's ":i" and ":v" recordings.
TEST(NeuronMath, SynapseAndLeakyIntegrator) {
  plan::Plan p = makePlan();
  addInput(p, "in", {1});
  plan::NeuronOp *op = addNode(p, "li", {1}, {{0, false}})->mutable_neuron();
  op->set_has_synapse(true);
  op->add_syn_decay(0.5f);
  op->add_syn_gain(2.0f);
  op->add_mem_decay(1.0f);
  op->add_mem_gain(1.0f);
  op->add_mem_bias(0.25f);
  op->set_spiking(false);
  Tensor in = sequence({{1}, {0}, {0}});
  EXPECT_EQ(runAndRecord(p, in, "li:i").data,
            (std::vector<float>{2.0f, 1.0f, 0.5f}));
  EXPECT_EQ(runAndRecord(p, in, "li:v").data,
            (std::vector<float>{2.25f, 3.5f, 4.25f}));
  EXPECT_EQ(runAndRecord(p, in, "li").data,
            (std::vector<float>{2.25f, 3.5f, 4.25f}));
}

// Tests per-neuron parameter vectors (N values) next to broadcast ones.
TEST(NeuronMath, PerNeuronParameters) {
  plan::Plan p = makePlan();
  addInput(p, "in", {3});
  plan::NeuronOp op = iafOp();
  op.clear_threshold();
  for (float th : {0.5f, 1.0f, 2.0f})
    op.add_threshold(th);
  *addNode(p, "iaf", {3}, {{0, false}})->mutable_neuron() = op;
  Tensor z = runAndRecord(
      p, sequence({{0.75f, 0.75f, 0.75f}, {0.75f, 0.75f, 0.75f}}), "iaf");
  EXPECT_EQ(z.data, (std::vector<float>{1, 0, 0, 1, 1, 0}));
}

// Tests that the population loop (vectorised for broadcast parameters) gives
// neuronStep()'s bits for every neuron and step, over all reset modes, with
// and without synapse, floor, spiking, multi-spike and adaptation, with
// broadcast and per-neuron parameters, and with 1 to kMaxFusedOperands
// operands summed in the loop.
TEST(NeuronMath, PopulationLoopMatchesNeuronStepBitForBit) {
  const int64_t n = 37, steps = 40;
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> uni(-0.5f, 1.5f);
  int configs = 0;
  for (int reset = 0; reset < 3; ++reset)
    for (int flags = 0; flags < 32; ++flags) {
      NeuronConfig c;
      c.reset = static_cast<NeuronReset>(reset);
      c.hasSynapse = flags & 1;
      c.hasVMin = flags & 2;
      c.spiking = flags & 4;
      c.multiSpike = (flags & 8) && c.spiking;
      c.adaptive = (flags & 16) && c.spiking;
      c.vMin = -0.3f;
      for (bool perNeuron : {false, true}) {
        // Parameter vectors: 1 value (broadcast) or n values.
        int64_t count = perNeuron ? n : 1;
        std::vector<std::vector<float>> values(NeuronParamArrays::NumFields);
        NeuronParamArrays arrays;
        for (int f = 0; f < NeuronParamArrays::NumFields; ++f) {
          for (int64_t k = 0; k < count; ++k)
            values[f].push_back(f == NeuronParamArrays::Threshold
                                    ? 0.5f + uni(rng) * 0.5f
                                    : uni(rng) * 0.9f);
          arrays.values[f] = values[f].data();
          arrays.counts[f] = count;
        }
        std::vector<NeuronState> ref(n);
        std::vector<float> si(n), sv(n), sa(n), x(n), y(n), want(n);
        std::vector<std::vector<float>> ops(kMaxFusedOperands,
                                            std::vector<float>(n));
        for (int64_t t = 0; t < steps; ++t) {
          // 1 to kMaxFusedOperands operands, summed in order for the
          // reference; some are -0, whose sign the sum must keep or drop as
          // the ordered sum does.
          int nx = 1 + static_cast<int>(t % kMaxFusedOperands);
          const float *xs[kMaxFusedOperands];
          for (int j = 0; j < nx; ++j) {
            for (float &v : ops[j])
              v = uni(rng) < 0.0f ? -0.0f : uni(rng);
            xs[j] = ops[j].data();
          }
          for (int64_t k = 0; k < n; ++k) {
            x[k] = ops[0][k];
            for (int j = 1; j < nx; ++j)
              x[k] = x[k] + ops[j][k];
          }
          for (int64_t k = 0; k < n; ++k)
            want[k] = neuronStep(c, gatherParams(arrays, k), x[k], ref[k]);
          // Two ranges, as a team of two splits the population; one operand
          // through the single-input form.
          NeuronStateArrays st{si.data(), sv.data(), sa.data()};
          for (auto [lo, hi] : {std::pair<int64_t, int64_t>{0, n / 2},
                                std::pair<int64_t, int64_t>{n / 2, n}}) {
            if (nx == 1)
              neuronStepRange(c, arrays, x.data(), y.data(), st, lo, hi);
            else
              neuronStepRange(c, arrays, xs, nx, y.data(), st, lo, hi);
          }
          for (int64_t k = 0; k < n; ++k) {
            ASSERT_EQ(0, std::memcmp(&want[k], &y[k], sizeof(float)))
                << "reset=" << reset << " flags=" << flags
                << " perNeuron=" << perNeuron << " t=" << t << " k=" << k;
            ASSERT_EQ(0, std::memcmp(&ref[k].v, &sv[k], sizeof(float)));
            ASSERT_EQ(0, std::memcmp(&ref[k].i, &si[k], sizeof(float)));
            ASSERT_EQ(0, std::memcmp(&ref[k].a, &sa[k], sizeof(float)));
          }
        }
        ++configs;
      }
    }
  EXPECT_EQ(configs, 3 * 32 * 2);
}
