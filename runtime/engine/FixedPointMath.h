//===- FixedPointMath.h - Bit-accurate chip neuron steps ----------*- C++
//-*-===//
//
// The one definition of the fixed-point neuron families of the step plan
// (LoihiNeuronOp, SpinnakerNeuronOp, SpeckNeuronOp in runtime/plan/Plan.proto).
// Like NeuronMath.h the functions are SNN_HD so a device engine can run the
// very same code as the CPU engine.
//
// Everything is integer arithmetic on int64 intermediates: the chips (and the
// vendor models the plan cites) are integer machines, so a float detour would
// change results. Right shifts of signed values are spelled out (sign and
// magnitude, or floor) instead of relying on `>>` of a negative number, whose
// result C++17 leaves to the implementation.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_FIXEDPOINTMATH_H
#define SNN_RUNTIME_ENGINE_FIXEDPOINTMATH_H

#include "runtime/engine/NeuronMath.h"

#include <cstdint>

namespace snn::runtime {

/// Which chip family a fixed-point population emulates.
enum class FixedFamily : int32_t { Loihi, Spinnaker, Speck };

/// Flags and scalars shared by a population.
struct FixedConfig {
  FixedFamily family = FixedFamily::Loihi;
  bool spiking = true;
  bool hasSynapse = false;                  ///< SpiNNaker.
  NeuronReset reset = NeuronReset::ToValue; ///< SpiNNaker.
  bool multiSpike = false;                  ///< Speck.
  int32_t vMin = -32768;                    ///< Speck.
};

/// Per-neuron integer parameter vectors (1 value broadcast, N, or 0 = the
/// field's default). Slots are named per family; unused slots stay empty.
struct FixedParamArrays {
  enum Field {
    // Loihi.
    Du = 0,
    Dv,
    VthMant,
    BiasMant,
    BiasExp,
    WeightExp,
    // SpiNNaker.
    SynDecay = 0,
    MemDecay,
    MemGain,
    MemBias,
    SpinThreshold,
    VReset,
    InputShift,
    // Speck.
    SpeckThreshold = 0,
    NumFields = 7
  };
  const int32_t *values[NumFields] = {};
  int64_t counts[NumFields] = {};

  SNN_HD int64_t at(Field f, int64_t k, int64_t dflt = 0) const {
    if (counts[f] == 0)
      return dflt;
    return values[f][counts[f] == 1 ? 0 : k];
  }
};

/// The integer state of one neuron. `i` is Loihi's u or SpiNNaker's i (Speck
/// has none); both are kept in 64 bits and narrowed as each family says.
struct FixedState {
  int64_t i = 0;
  int64_t v = 0;
};

//===----------------------------------------------------------------------===//
// Integer helpers.
//===----------------------------------------------------------------------===//

/// x * 2^s for s >= 0 without the undefined left shift of a negative value.
SNN_HD inline int64_t shiftLeft(int64_t x, int s) {
  return x * (int64_t(1) << s);
}

/// floor(x / 2^s): numpy's right_shift of a signed integer.
SNN_HD inline int64_t shiftRightFloor(int64_t x, int s) {
  return x >= 0 ? x >> s : ~((~x) >> s);
}

/// sgn(x) * (|x| >> s): Lava's decay shift, rounding toward zero, so
/// -20000 >> 12 is -4 where a floor shift would give -5.
SNN_HD inline int64_t shiftRightSignMagnitude(int64_t x, int s) {
  return x >= 0 ? x >> s : -((-x) >> s);
}

SNN_HD inline int64_t clampInt(int64_t x, int64_t lo, int64_t hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}

SNN_HD inline int64_t saturate32(int64_t x) {
  return clampInt(x, INT32_MIN, INT32_MAX);
}

//===----------------------------------------------------------------------===//
// Loihi 1 (Lava PyLifModelBitAcc + PyDenseModelBitAcc).
//===----------------------------------------------------------------------===//

/// 2^23: Lava's max_uv_val for the 24-bit u and v registers.
constexpr int64_t kLoihiUvMax = int64_t(1) << 23;

/// Wraps u modulo 2^24 into (-2^23, 2^23]. Lava's range is this half-open one
/// (it wraps u > 2^23 down and u <= -2^23 up, once); for any |u| < 3 * 2^23,
/// which every 16-bit a_in stays within, the two agree exactly.
SNN_HD inline int64_t loihiWrap24(int64_t u) {
  int64_t m = u - shiftLeft(shiftRightFloor(u, 24), 24); // 0 <= m < 2^24
  return m > kLoihiUvMax ? m - 2 * kLoihiUvMax : m;
}

/// Lava's decay: sgn(s * (4096 - d)) * (|s * (4096 - d)| >> 12).
SNN_HD inline int64_t loihiDecay(int64_t s, int64_t decay) {
  return shiftRightSignMagnitude(s * (4096 - decay), 12);
}

/// One Loihi step with integer input `x`; returns z (0/1) or v.
SNN_HD inline float loihiStep(const FixedConfig &c, const FixedParamArrays &p,
                              int64_t k, int64_t x, FixedState &s) {
  using F = FixedParamArrays;
  // Dense: weight_exp scales the accumulated input; numpy's right_shift
  // floors negative sums.
  int64_t wexp = p.at(F::WeightExp, k);
  int64_t a = wexp >= 0 ? shiftLeft(x, static_cast<int>(wexp))
                        : shiftRightFloor(x, static_cast<int>(-wexp));
  // Current: ds_offset = 1 makes the factor 4096 - (du + 1); the activation
  // is MSB-aligned by 6 bits after the decay.
  s.i = loihiWrap24(loihiDecay(s.i, p.at(F::Du, k) + 1) + shiftLeft(a, 6));
  // Voltage: dm_offset = 0; bias_mant << bias_exp; clip before the spike
  // check.
  int64_t bias =
      shiftLeft(p.at(F::BiasMant, k), static_cast<int>(p.at(F::BiasExp, k)));
  s.v = clampInt(loihiDecay(s.v, p.at(F::Dv, k)) + s.i + bias,
                 -(kLoihiUvMax - 1), kLoihiUvMax - 1);
  if (!c.spiking)
    return static_cast<float>(s.v);
  bool z = s.v > shiftLeft(p.at(F::VthMant, k), 6);
  if (z)
    s.v = 0;
  return z ? 1.0f : 0.0f;
}

//===----------------------------------------------------------------------===//
// SpiNNaker (s16.15 accum).
//===----------------------------------------------------------------------===//

/// spinnaker_tools' __stdfix_smul_k_round_nearest: the 64-bit product rounded
/// half up at bit 15 (floor((a b + 2^14) / 2^15)), then saturated to int32.
SNN_HD inline int64_t accumMul(int64_t a, int64_t b) {
  return saturate32(shiftRightFloor(a * b + (int64_t(1) << 14), 15));
}

/// x << shift saturated to int32 (x is bounded by the engine to +-2^40).
SNN_HD inline int64_t accumInput(int64_t x, int shift) {
  if (x > (int64_t(INT32_MAX) >> shift))
    return INT32_MAX;
  if (x < shiftRightFloor(INT32_MIN, shift))
    return INT32_MIN;
  return shiftLeft(x, shift);
}

/// One SpiNNaker step with integer input `x`; returns z (0/1) or v.
SNN_HD inline float spinnakerStep(const FixedConfig &c,
                                  const FixedParamArrays &p, int64_t k,
                                  int64_t x, FixedState &s) {
  using F = FixedParamArrays;
  int64_t in = accumInput(x, static_cast<int>(p.at(F::InputShift, k)));
  s.i =
      c.hasSynapse ? saturate32(accumMul(p.at(F::SynDecay, k), s.i) + in) : in;
  int64_t v = saturate32(accumMul(p.at(F::MemDecay, k), s.v) +
                         accumMul(p.at(F::MemGain, k), s.i));
  s.v = saturate32(v + p.at(F::MemBias, k));
  if (!c.spiking)
    return static_cast<float>(s.v);
  // sPyNNaker's threshold_type_static: REAL_COMPARE(value, >=, threshold).
  int64_t theta = p.at(F::SpinThreshold, k);
  bool z = s.v >= theta;
  if (z) {
    if (c.reset == NeuronReset::ToValue)
      s.v = p.at(F::VReset, k);
    else if (c.reset == NeuronReset::Subtract)
      s.v = saturate32(s.v - theta);
  }
  return z ? 1.0f : 0.0f;
}

//===----------------------------------------------------------------------===//
// Speck / DYNAP-CNN (sinabs IAF on 16-bit state).
//===----------------------------------------------------------------------===//

/// One Speck step with integer input `x`; returns the spike count.
SNN_HD inline float speckStep(const FixedConfig &c, const FixedParamArrays &p,
                              int64_t k, int64_t x, FixedState &s) {
  int64_t theta = p.at(FixedParamArrays::SpeckThreshold, k, 1);
  s.v = clampInt(s.v + x, -32768, 32767);
  // sinabs: SingleSpike is v - theta >= 0, MultiSpike (v > 0) * trunc(v /
  // theta); theta >= 1, so both fire at v == theta.
  int64_t z = s.v >= theta ? (c.multiSpike ? s.v / theta : 1) : 0;
  s.v -= z * theta; // MembraneSubtract
  if (s.v < c.vMin) // min_v_mem, after the reset
    s.v = c.vMin;
  return static_cast<float>(z);
}

//===----------------------------------------------------------------------===//
// The integer input rule (Plan.proto, "Common rules").
//===----------------------------------------------------------------------===//

/// Bound on |x| after rounding: keeps every shift of the families within
/// int64 (2^40 << 7 << 6 < 2^63) while being far beyond any chip's input.
constexpr double kMaxFixedInput = 1099511627776.0; // 2^40

/// Rounds a summed input to the nearest integer (half away from zero).
/// Returns false when it is not finite or lies more than 1e-3 from an
/// integer; inputs beyond +-2^40 are clamped there. Shared by both engines so
/// that they accept and reject the same inputs.
SNN_HD inline bool roundFixedInput(float x, int64_t &out) {
  double d = static_cast<double>(x);
  if (!(d - d == 0.0)) // inf - inf and NaN - NaN are NaN.
    return false;
  double r = ::round(d);
  if (::fabs(d - r) > 1e-3)
    return false;
  r = r < -kMaxFixedInput ? -kMaxFixedInput
                          : (r > kMaxFixedInput ? kMaxFixedInput : r);
  out = static_cast<int64_t>(r);
  return true;
}

/// Advances neuron `k` of a population by one step.
SNN_HD inline float fixedStep(const FixedConfig &c, const FixedParamArrays &p,
                              int64_t k, int64_t x, FixedState &s) {
  switch (c.family) {
  case FixedFamily::Loihi:
    return loihiStep(c, p, k, x, s);
  case FixedFamily::Spinnaker:
    return spinnakerStep(c, p, k, x, s);
  default:
    return speckStep(c, p, k, x, s);
  }
}

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_FIXEDPOINTMATH_H
