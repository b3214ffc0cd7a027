//===- NeuronMath.h - Per-step neuron update shared by CPU and GPU -*- C++
//-*-===//
//
// The one definition of the NeuronOp step (runtime/plan/Plan.proto). Both the
// CPU engine and the CUDA kernels call neuronStep(), so the two engines run the
// same arithmetic in the same order.
//
// Arithmetic is float32 because the reference frameworks (snnTorch as used in
// the NIR paper, Sinabs, Norse) run float32 tensors. Every multiply and add is
// a separately rounded IEEE operation (no FMA) so CPU, GPU and PyTorch agree
// bit for bit; the build also disables contraction (-ffp-contract=off,
// --fmad=false) and on the device the _rn intrinsics make it explicit.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_NEURONMATH_H
#define SNN_RUNTIME_ENGINE_NEURONMATH_H

#include <cmath>
#include <cstdint>

#ifdef __CUDACC__
#define SNN_HD __host__ __device__
#else
#define SNN_HD
#endif

namespace snn::runtime {

/// Reset modes, numbered as plan::NeuronOp::Reset.
enum class NeuronReset : int32_t { ToValue = 0, Subtract = 1, None = 2 };

/// Flags and scalar settings shared by every neuron of a population.
struct NeuronConfig {
  bool hasSynapse = false;
  bool spiking = true;
  bool multiSpike = false;
  bool hasVMin = false;
  bool adaptive = false;
  NeuronReset reset = NeuronReset::ToValue;
  float vMin = 0.0f;
};

/// The parameters of one neuron after broadcasting.
struct NeuronParams {
  float synDecay = 0.0f, synGain = 1.0f;
  float memDecay = 1.0f, memGain = 1.0f, memBias = 0.0f;
  float threshold = 1.0f, vReset = 0.0f;
  float adaptDecay = 0.0f, adaptGain = 0.0f;
};

/// Parameter vectors of a population: each has 1 (broadcast) or N values.
/// Pointers may be host or device memory; a count of 0 means "use default".
struct NeuronParamArrays {
  enum Field {
    SynDecay,
    SynGain,
    MemDecay,
    MemGain,
    MemBias,
    Threshold,
    VReset,
    AdaptDecay,
    AdaptGain,
    NumFields
  };
  const float *values[NumFields] = {};
  int64_t counts[NumFields] = {};
};

/// The state of one neuron carried between steps.
struct NeuronState {
  float i = 0.0f; ///< Synaptic current.
  float v = 0.0f; ///< Membrane potential after reset and floor.
  float a = 0.0f; ///< Adaptation variable.
};

// Explicitly rounded operations: on the device, plain `a * b + c` may become an
// FMA whatever the flags say in future toolchains; the intrinsics never do.
SNN_HD inline float mulRn(float a, float b) {
#ifdef __CUDA_ARCH__
  return __fmul_rn(a, b);
#else
  return a * b;
#endif
}
SNN_HD inline float addRn(float a, float b) {
#ifdef __CUDA_ARCH__
  return __fadd_rn(a, b);
#else
  return a + b;
#endif
}
SNN_HD inline float divRn(float a, float b) {
#ifdef __CUDA_ARCH__
  return __fdiv_rn(a, b);
#else
  return a / b;
#endif
}

/// Value `k` of a broadcastable vector, or `dflt` when it is empty.
SNN_HD inline float paramAt(const float *values, int64_t count, int64_t k,
                            float dflt) {
  if (count == 0)
    return dflt;
  return values[count == 1 ? 0 : k];
}

/// Gathers the parameters of neuron `k`.
SNN_HD inline NeuronParams gatherParams(const NeuronParamArrays &p, int64_t k) {
  using F = NeuronParamArrays;
  NeuronParams r;
  r.synDecay = paramAt(p.values[F::SynDecay], p.counts[F::SynDecay], k, 0.0f);
  r.synGain = paramAt(p.values[F::SynGain], p.counts[F::SynGain], k, 1.0f);
  r.memDecay = paramAt(p.values[F::MemDecay], p.counts[F::MemDecay], k, 1.0f);
  r.memGain = paramAt(p.values[F::MemGain], p.counts[F::MemGain], k, 1.0f);
  r.memBias = paramAt(p.values[F::MemBias], p.counts[F::MemBias], k, 0.0f);
  r.threshold =
      paramAt(p.values[F::Threshold], p.counts[F::Threshold], k, 1.0f);
  r.vReset = paramAt(p.values[F::VReset], p.counts[F::VReset], k, 0.0f);
  r.adaptDecay =
      paramAt(p.values[F::AdaptDecay], p.counts[F::AdaptDecay], k, 0.0f);
  r.adaptGain =
      paramAt(p.values[F::AdaptGain], p.counts[F::AdaptGain], k, 0.0f);
  return r;
}

/// Spike count for membrane `v` against threshold `theta`.
///
/// Single spike is strict (`v > theta`), the snnTorch/NIR convention.
/// Multi-spike follows Sinabs' MultiSpike: `(v > 0) * trunc(v / theta)`, which
/// for theta > 0 is floor(v / theta) when v >= theta (non-strict: v == theta
/// emits one spike) and 0 otherwise. A non-positive theta (possible only with
/// a negative adaptation gain) emits nothing rather than an infinite count.
SNN_HD inline float spikeCount(const NeuronConfig &c, float v, float theta) {
  if (!c.multiSpike)
    return v > theta ? 1.0f : 0.0f;
  if (!(theta > 0.0f) || !(v >= theta))
    return 0.0f;
  return floorf(divRn(v, theta));
}

/// Advances one neuron by one step with summed input `x`; returns its output
/// (spike count if spiking, else the membrane potential). The order is the
/// Sinabs/snnTorch one: current, membrane, threshold, spike, reset, v_min
/// floor, adaptation update.
SNN_HD inline float neuronStep(const NeuronConfig &c, const NeuronParams &p,
                               float x, NeuronState &s) {
  float drive = mulRn(p.synGain, x);
  s.i = c.hasSynapse ? addRn(mulRn(p.synDecay, s.i), drive) : drive;
  s.v = addRn(addRn(mulRn(p.memDecay, s.v), mulRn(p.memGain, s.i)), p.memBias);

  float out = 0.0f;
  float z = 0.0f;
  if (c.spiking) {
    float theta =
        c.adaptive ? addRn(p.threshold, mulRn(p.adaptGain, s.a)) : p.threshold;
    z = spikeCount(c, s.v, theta);
    if (z > 0.0f) {
      if (c.reset == NeuronReset::ToValue)
        s.v = p.vReset;
      else if (c.reset == NeuronReset::Subtract)
        s.v = addRn(s.v, -mulRn(z, theta));
    }
    out = z;
  }
  // The floor comes after the reset, as Sinabs' min_v_mem clamp does.
  if (c.hasVMin && s.v < c.vMin)
    s.v = c.vMin;
  if (!c.spiking)
    out = s.v;
  if (c.adaptive)
    s.a = addRn(mulRn(p.adaptDecay, s.a), z);
  return out;
}

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_NEURONMATH_H
