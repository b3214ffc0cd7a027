//===- NeuronLoop.h - A population's neuron step on the CPU ------*- C++
//-*-===//
//
// The CPU engine keeps neuron state as separate arrays (i, v, a) rather than
// NeuronState structs, so a population's update is a loop over contiguous
// floats. When every parameter is one broadcast value and the neuron has at
// most one spike per step and no adaptation (LIF/IF/LI populations built
// from scalar hyper-parameters), NeuronLoop.cpp runs a branch-free loop that
// GCC vectorises at -O3 with baseline x86-64 SSE2 (no -march needed). It
// performs neuronStep()'s operations in the same order, each rounded
// separately, with the reset and floor as selects: the same bits
// (test/runtime/NeuronMathTest.cpp). Other populations take neuronStep() per
// element.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_NEURONLOOP_H
#define SNN_RUNTIME_ENGINE_NEURONLOOP_H

#include "runtime/engine/NeuronMath.h"

namespace snn::runtime {

/// The state arrays of a population (`n` floats each).
struct NeuronStateArrays {
  float *i, *v, *a;
};

/// Steps neurons [lo, hi) of a population with summed inputs `x`, writing
/// outputs `y` and updating `s`: per neuron, the values of neuronStep().
void neuronStepRange(const NeuronConfig &c, const NeuronParamArrays &p,
                     const float *x, float *y, NeuronStateArrays s, int64_t lo,
                     int64_t hi);

/// The same with the input given as `nx` operands, summed per neuron in
/// order, ((x0 + x1) + x2) ..., as the engine sums a node's operands, but
/// without writing the sum to memory first.
void neuronStepRange(const NeuronConfig &c, const NeuronParamArrays &p,
                     const float *const *xs, int nx, float *y,
                     NeuronStateArrays s, int64_t lo, int64_t hi);

/// The most operands the second form takes.
constexpr int kMaxFusedOperands = 4;

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_NEURONLOOP_H
