//===- FixedPointTest.cpp - Hand-checked fixed-point neuron steps ---------===//
//
// Every rule of FixedPointMath.h against values worked out by hand from the
// sources it follows (Lava PyLifModelBitAcc / PyDenseModelBitAcc,
// spinnaker_tools stdfix rounding and sPyNNaker thresholds, sinabs IAF).
//
//===----------------------------------------------------------------------===//

#include "runtime/engine/FixedPointMath.h"

#include <gtest/gtest.h>

#include <vector>

using namespace snn::runtime;

namespace {

using F = FixedParamArrays;

/// Scalar parameters of one neuron; get() views them as broadcast vectors
/// (built on each call, so a copied Params never points into another one).
class Params {
public:
  Params &set(F::Field f, int32_t value) {
    vals[f] = value;
    has[f] = true;
    return *this;
  }
  FixedParamArrays get() const {
    FixedParamArrays a;
    for (int f = 0; f < F::NumFields; ++f)
      if (has[f]) {
        a.values[f] = &vals[f];
        a.counts[f] = 1;
      }
    return a;
  }

private:
  int32_t vals[F::NumFields] = {};
  bool has[F::NumFields] = {};
};

struct Trace {
  std::vector<float> z;
  std::vector<int64_t> v, i;
};

Trace run(const FixedConfig &c, const Params &p, const std::vector<int64_t> &xs,
          FixedState s = {}) {
  FixedParamArrays a = p.get();
  Trace t;
  for (int64_t x : xs) {
    t.z.push_back(fixedStep(c, a, 0, x, s));
    t.v.push_back(s.v);
    t.i.push_back(s.i);
  }
  return t;
}

FixedConfig config(FixedFamily family, bool spiking = true) {
  FixedConfig c;
  c.family = family;
  c.spiking = spiking;
  return c;
}

/// Loihi with du = 4095 (u holds only this step's input), no bias.
Params loihi(int32_t dv, int32_t vth = 131071, int32_t wexp = 0) {
  Params p;
  p.set(F::Du, 4095).set(F::Dv, dv).set(F::VthMant, vth);
  p.set(F::WeightExp, wexp);
  return p;
}

using I64 = std::vector<int64_t>;

} // namespace

// Tests the integer shift helpers: the decay rounds toward zero, numpy's
// right_shift floors.
TEST(FixedPointMath, Shifts) {
  EXPECT_EQ(shiftRightSignMagnitude(-5 * 4000, 12), -4);
  EXPECT_EQ(shiftRightFloor(-5 * 4000, 12), -5);
  EXPECT_EQ(shiftRightSignMagnitude(5 * 4000, 12), 4);
  EXPECT_EQ(shiftRightFloor(-5, 1), -3);
  EXPECT_EQ(shiftRightFloor(-4, 2), -1);
  EXPECT_EQ(shiftLeft(-3, 4), -48);
  EXPECT_EQ(loihiDecay(-5, 96), -4); // -5 * (4096 - 96) = -20000
}

// Tests the real Loihi chip trace: one input of 10, du = 4095, dv = 163.
TEST(FixedPointMath, LoihiChipDecay) {
  Trace t =
      run(config(FixedFamily::Loihi), loihi(163, 25), {10, 0, 0, 0, 0, 0});
  EXPECT_EQ(t.v, (I64{640, 614, 589, 565, 542, 520}));
  EXPECT_EQ(t.i, (I64{640, 0, 0, 0, 0, 0}));
  EXPECT_EQ(t.z, (std::vector<float>(6, 0.0f)));
}

// Tests the current decay factor 4096 - (du + 1): u = 4096 decays to 3072
// with du = 1023 (4096 - du would give 3073).
TEST(FixedPointMath, LoihiCurrentDecay) {
  Params p;
  p.set(F::Du, 1023).set(F::Dv, 4095);
  // dv = 4095: v' = v * 1 >> 12, so v is u plus v >> 12.
  Trace t = run(config(FixedFamily::Loihi, false), p, {64, 0, 0});
  EXPECT_EQ(t.i, (I64{4096, 3072, 2304}));
  EXPECT_EQ(t.v, (I64{4096, 3072 + 1, 2304 + 0}));
}

// Tests a negative u decaying toward zero: -5 * 4000 >> 12 is -4, not -5.
TEST(FixedPointMath, LoihiNegativeDecay) {
  Params p;
  p.set(F::Du, 95).set(F::Dv, 0);
  FixedState s;
  s.i = -5;
  Trace t = run(config(FixedFamily::Loihi, false), p, {0}, s);
  EXPECT_EQ(t.i, (I64{-4}));
  EXPECT_EQ(t.v, (I64{-4}));
}

// Tests the strict threshold v > vth_mant << 6 and the reset to 0.
TEST(FixedPointMath, LoihiThresholdAndReset) {
  Trace t = run(config(FixedFamily::Loihi), loihi(0, 25), {25, 0, 1, 0});
  EXPECT_EQ(t.v, (I64{1600, 1600, 0, 0}));
  EXPECT_EQ(t.z, (std::vector<float>{0, 0, 1, 0}));
}

// Tests the 24-bit wrap of u into Lava's (-2^23, 2^23] and the clip of v.
TEST(FixedPointMath, LoihiWrapAndClip) {
  const int64_t m = int64_t(1) << 23;
  EXPECT_EQ(loihiWrap24(m), m);
  EXPECT_EQ(loihiWrap24(-m), m);
  EXPECT_EQ(loihiWrap24(m + 64), -m + 64);
  EXPECT_EQ(loihiWrap24(-m - 64), m - 64);
  EXPECT_EQ(loihiWrap24(3 * m + 5), m + 5 - 2 * m);
  // x << 6 = 2^23 stays; v clips to 2^23 - 1.
  Trace t = run(config(FixedFamily::Loihi, false), loihi(4095), {131072});
  EXPECT_EQ(t.i, (I64{m}));
  EXPECT_EQ(t.v, (I64{m - 1}));
  // 2^23 + 64 wraps to -2^23 + 64; two steps of it clip v at -(2^23 - 1).
  t = run(config(FixedFamily::Loihi, false), loihi(0), {131073, 131073});
  EXPECT_EQ(t.i, (I64{-m + 64, -m + 64}));
  EXPECT_EQ(t.v, (I64{-m + 64, -(m - 1)}));
}

// Tests weight_exp: left shift, and a floor right shift of negative sums.
TEST(FixedPointMath, LoihiWeightExp) {
  Trace t =
      run(config(FixedFamily::Loihi, false), loihi(4095, 0, -2), {-5, 5, -4});
  EXPECT_EQ(t.i, (I64{-2 * 64, 1 * 64, -1 * 64}));
  t = run(config(FixedFamily::Loihi, false), loihi(4095, 0, 3), {3, -3});
  EXPECT_EQ(t.i, (I64{24 * 64, -24 * 64}));
}

// Tests the bias bias_mant << bias_exp, added to v every step.
TEST(FixedPointMath, LoihiBias) {
  Params p = loihi(0);
  p.set(F::BiasMant, 3).set(F::BiasExp, 2);
  EXPECT_EQ(run(config(FixedFamily::Loihi, false), p, {0, 0, 0}).v,
            (I64{12, 24, 36}));
  p.set(F::BiasMant, -5).set(F::BiasExp, 1);
  EXPECT_EQ(run(config(FixedFamily::Loihi, false), p, {0, 1}).v,
            (I64{-10, -20 + 64}));
}

// Tests the accum multiply: round half up at bit 15, then int32 saturation.
TEST(FixedPointMath, SpinnakerMulRounding) {
  EXPECT_EQ(accumMul(3, 16384), 2);         // 1.5 -> 2
  EXPECT_EQ(accumMul(-3, 16384), -1);       // -1.5 -> -1 (half up)
  EXPECT_EQ(accumMul(-5, 16384), -2);       // -2.5 -> -2
  EXPECT_EQ(accumMul(-7, 16384), -3);       // -3.5 -> -3
  EXPECT_EQ(accumMul(1, 16383), 0);         // just below one half
  EXPECT_EQ(accumMul(-1, 16385), -1);       // just beyond minus one half
  EXPECT_EQ(accumMul(98304, 32768), 98304); // 3.0 * 1.0
  EXPECT_EQ(accumMul(INT32_MAX, INT32_MAX), INT32_MAX);
  EXPECT_EQ(accumMul(INT32_MIN, INT32_MIN), INT32_MAX);
  EXPECT_EQ(accumMul(INT32_MIN, INT32_MAX), INT32_MIN);
}

// Tests a synaptic current and membrane at 0.5 decay (hand-rounded).
TEST(FixedPointMath, SpinnakerSynapse) {
  FixedConfig c = config(FixedFamily::Spinnaker, false);
  c.hasSynapse = true;
  Params p;
  p.set(F::SynDecay, 16384).set(F::MemDecay, 16384).set(F::MemGain, 32768);
  Trace t = run(c, p, {3, 0, 0});
  // i: 3, mul(0.5, 3) = 1.5 -> 2, mul(0.5, 2) = 1.
  EXPECT_EQ(t.i, (I64{3, 2, 1}));
  // v: 3, mul(0.5, 3) + 2 = 2 + 2, mul(0.5, 4) + 1 = 3.
  EXPECT_EQ(t.v, (I64{3, 4, 3}));
  EXPECT_EQ(t.z, (std::vector<float>{3, 4, 3})); // non-spiking: output v
}

// Tests input_shift (weight LSB 2^(shift - 15)) and its saturation.
TEST(FixedPointMath, SpinnakerInputShift) {
  FixedConfig c = config(FixedFamily::Spinnaker, false);
  Params p;
  p.set(F::MemDecay, 0).set(F::MemGain, 32768).set(F::InputShift, 15);
  EXPECT_EQ(run(c, p, {3, -2}).v, (I64{98304, -65536}));
  EXPECT_EQ(run(c, p, {int64_t(1) << 20, -(int64_t(1) << 20)}).v,
            (I64{INT32_MAX, INT32_MIN}));
  EXPECT_EQ(accumInput(-(int64_t(1) << 16), 15), INT32_MIN);
  EXPECT_EQ(accumInput((int64_t(1) << 16) - 1, 15), INT32_MAX - 32767);
}

// Tests that every sum saturates to int32 instead of wrapping.
TEST(FixedPointMath, SpinnakerSaturation) {
  Params p;
  p.set(F::MemDecay, 32768).set(F::MemGain, 32768).set(F::MemBias, 1 << 30);
  EXPECT_EQ(run(config(FixedFamily::Spinnaker, false), p, {0, 0, 0}).v,
            (I64{1 << 30, INT32_MAX, INT32_MAX}));
}

// Tests v >= threshold (sPyNNaker) and each reset mode.
TEST(FixedPointMath, SpinnakerResets) {
  FixedConfig c = config(FixedFamily::Spinnaker);
  Params p;
  p.set(F::MemDecay, 32768).set(F::MemGain, 32768).set(F::SpinThreshold, 100);
  p.set(F::VReset, -7);
  c.reset = NeuronReset::ToValue;
  Trace t = run(c, p, {99, 1, 150});
  EXPECT_EQ(t.z, (std::vector<float>{0, 1, 1}));
  EXPECT_EQ(t.v, (I64{99, -7, -7}));
  c.reset = NeuronReset::Subtract;
  t = run(c, p, {150, 0, 49});
  EXPECT_EQ(t.z, (std::vector<float>{1, 0, 0}));
  EXPECT_EQ(t.v, (I64{50, 50, 99}));
  c.reset = NeuronReset::None;
  t = run(c, p, {100, 0});
  EXPECT_EQ(t.z, (std::vector<float>{1, 1}));
  EXPECT_EQ(t.v, (I64{100, 100}));
}

// Tests the 16-bit saturation of v (multi-spike sees 32767, not 40000).
TEST(FixedPointMath, SpeckSaturation) {
  FixedConfig c = config(FixedFamily::Speck);
  c.multiSpike = true;
  c.vMin = -32768;
  Params p;
  p.set(F::SpeckThreshold, 10000);
  Trace t = run(c, p, {40000, -80000, -1});
  EXPECT_EQ(t.z, (std::vector<float>{3, 0, 0}));
  EXPECT_EQ(t.v, (I64{2767, -32768, -32768}));
}

// Tests the non-strict threshold and single versus multi spike.
TEST(FixedPointMath, SpeckSpikes) {
  FixedConfig c = config(FixedFamily::Speck);
  c.vMin = -32768;
  Params p;
  p.set(F::SpeckThreshold, 5);
  Trace t = run(c, p, {4, 1, 12});
  EXPECT_EQ(t.z, (std::vector<float>{0, 1, 1}));
  EXPECT_EQ(t.v, (I64{4, 0, 7}));
  c.multiSpike = true;
  t = run(c, p, {4, 1, 12, 3});
  EXPECT_EQ(t.z, (std::vector<float>{0, 1, 2, 1}));
  EXPECT_EQ(t.v, (I64{4, 0, 2, 0}));
}

// Tests the v_min floor, applied after the subtraction.
TEST(FixedPointMath, SpeckFloor) {
  FixedConfig c = config(FixedFamily::Speck);
  c.vMin = -10;
  Params p;
  p.set(F::SpeckThreshold, 5);
  Trace t = run(c, p, {-25, 3, -4, 20});
  EXPECT_EQ(t.v, (I64{-10, -7, -10, 5})); // single spike: 10 - 5
  EXPECT_EQ(t.z, (std::vector<float>{0, 0, 0, 1}));
  EXPECT_EQ(t.i, (I64{0, 0, 0, 0})); // Speck has no current
}
