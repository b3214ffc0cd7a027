//===- NeuronLoop.cpp - A population's neuron step on the CPU -------------===//
//
// Built with -fno-trapping-math (runtime/CMakeLists.txt): GCC sinks the
// subtract-reset value into the branch that uses it and, while FP traps are
// assumed observable, will not hoist it back, so the loop would keep its
// branch and stay scalar. The flag changes no value (no reassociation, no
// contraction, signed zeros and NaNs kept); it only lets the compiler
// evaluate both sides of a select.
//
//===----------------------------------------------------------------------===//

#include "runtime/engine/NeuronLoop.h"

using namespace snn::runtime;

namespace {

/// Whether every parameter has one value (or none: the default).
bool allParamsBroadcast(const NeuronParamArrays &p) {
  for (int64_t count : p.counts)
    if (count > 1)
      return false;
  return true;
}

/// neuronStep() for broadcast parameters, at most one spike, no adaptation,
/// with the flags as template arguments so each variant is one straight
/// loop. Every value is computed as neuronStep() computes it; where
/// neuronStep() branches, this selects between values computed on both
/// sides.
template <bool Syn, bool Spiking, NeuronReset Reset, bool VMin, int NX>
void broadcastLoop(const NeuronParams &p, float vMin, const float *const *xs,
                   float *__restrict y, float *__restrict si,
                   float *__restrict sv, int64_t lo, int64_t hi) {
  const float synDecay = p.synDecay, synGain = p.synGain;
  const float memDecay = p.memDecay, memGain = p.memGain, bias = p.memBias;
  const float theta = p.threshold, vReset = p.vReset;
  const float *__restrict x0 = xs[0];
  const float *__restrict x1 = NX > 1 ? xs[1] : nullptr;
  const float *__restrict x2 = NX > 2 ? xs[2] : nullptr;
  const float *__restrict x3 = NX > 3 ? xs[3] : nullptr;
  for (int64_t k = lo; k < hi; ++k) {
    // The operands' sum in the engine's order (see sumOperands).
    float x = x0[k];
    if (NX > 1)
      x = x + x1[k];
    if (NX > 2)
      x = x + x2[k];
    if (NX > 3)
      x = x + x3[k];
    float drive = synGain * x;
    float decayed = synDecay * si[k] + drive;
    float i = Syn ? decayed : drive;
    float v = memDecay * sv[k] + memGain * i + bias;
    float z = 0.0f;
    if (Spiking) {
      z = v > theta ? 1.0f : 0.0f;
      // neuronStep subtracts z * theta with z == 1 here, i.e. theta exactly.
      float subtracted = v + -theta;
      if (Reset == NeuronReset::ToValue)
        v = z > 0.0f ? vReset : v;
      else if (Reset == NeuronReset::Subtract)
        v = z > 0.0f ? subtracted : v;
    }
    if (VMin)
      v = v < vMin ? vMin : v;
    si[k] = i;
    sv[k] = v;
    y[k] = Spiking ? z : v;
  }
}

using LoopFn = void (*)(const NeuronParams &, float, const float *const *,
                        float *, float *, float *, int64_t, int64_t);

template <bool Syn, bool Spiking, NeuronReset Reset, bool VMin>
LoopFn pickOperands(int nx) {
  switch (nx) {
  case 1:
    return broadcastLoop<Syn, Spiking, Reset, VMin, 1>;
  case 2:
    return broadcastLoop<Syn, Spiking, Reset, VMin, 2>;
  case 3:
    return broadcastLoop<Syn, Spiking, Reset, VMin, 3>;
  default:
    return broadcastLoop<Syn, Spiking, Reset, VMin, 4>;
  }
}

template <bool Syn, bool Spiking, NeuronReset Reset>
LoopFn pickVMin(bool vMin, int nx) {
  return vMin ? pickOperands<Syn, Spiking, Reset, true>(nx)
              : pickOperands<Syn, Spiking, Reset, false>(nx);
}

template <bool Syn, bool Spiking>
LoopFn pickReset(NeuronReset r, bool vMin, int nx) {
  // A non-spiking neuron never resets.
  if (!Spiking || r == NeuronReset::None)
    return pickVMin<Syn, Spiking, NeuronReset::None>(vMin, nx);
  if (r == NeuronReset::ToValue)
    return pickVMin<Syn, Spiking, NeuronReset::ToValue>(vMin, nx);
  return pickVMin<Syn, Spiking, NeuronReset::Subtract>(vMin, nx);
}

LoopFn pickLoop(const NeuronConfig &c, int nx) {
  if (c.hasSynapse)
    return c.spiking ? pickReset<true, true>(c.reset, c.hasVMin, nx)
                     : pickReset<true, false>(c.reset, c.hasVMin, nx);
  return c.spiking ? pickReset<false, true>(c.reset, c.hasVMin, nx)
                   : pickReset<false, false>(c.reset, c.hasVMin, nx);
}

} // namespace

void snn::runtime::neuronStepRange(const NeuronConfig &c,
                                   const NeuronParamArrays &p, const float *x,
                                   float *y, NeuronStateArrays s, int64_t lo,
                                   int64_t hi) {
  neuronStepRange(c, p, &x, 1, y, s, lo, hi);
}

void snn::runtime::neuronStepRange(const NeuronConfig &c,
                                   const NeuronParamArrays &p,
                                   const float *const *xs, int nx, float *y,
                                   NeuronStateArrays s, int64_t lo,
                                   int64_t hi) {
  if (lo >= hi)
    return;
  if (!c.multiSpike && !c.adaptive && allParamsBroadcast(p)) {
    pickLoop(c, nx)(gatherParams(p, 0), c.vMin, xs, y, s.i, s.v, lo, hi);
    return;
  }
  for (int64_t k = lo; k < hi; ++k) {
    float x = xs[0][k];
    for (int j = 1; j < nx; ++j)
      x = x + xs[j][k];
    NeuronState st{s.i[k], s.v[k], s.a[k]};
    y[k] = neuronStep(c, gatherParams(p, k), x, st);
    s.i[k] = st.i;
    s.v[k] = st.v;
    s.a[k] = st.a;
  }
}
