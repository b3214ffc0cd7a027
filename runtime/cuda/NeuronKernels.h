//===- NeuronKernels.h - CUDA neuron population stepping ---------*- C++
//-*-===//
//
// The GPU side of the neuron math: a kernel advancing a batch of neuron
// populations by one step with neuronStep() from NeuronMath.h, and a host
// driver running a NeuronOp over a whole input sequence. The header is plain
// C++ so host code compiled without nvcc can call it.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_CUDA_NEURONKERNELS_H
#define SNN_RUNTIME_CUDA_NEURONKERNELS_H

#include "runtime/engine/Tensor.h"
#include "runtime/plan/Plan.pb.h"

#include <string>

namespace snn::runtime::cuda {

/// True when at least one CUDA device can be used; otherwise false with
/// `reason` (for example "no CUDA device: CUDA driver version is
/// insufficient for CUDA runtime version").
bool deviceAvailable(std::string &reason);

/// Runs the neuron population `op` of `n` neurons over the input currents
/// `input` of shape (B, T, n) on the GPU, from zero state. Fills `output`
/// (spike counts, or v for a non-spiking neuron) and `membrane` (v after
/// reset and floor), both (B, T, n). Returns false with `err` for an invalid
/// op or shape, or a CUDA failure.
bool runNeuronSequence(const plan::NeuronOp &op, int64_t n, const Tensor &input,
                       Tensor &output, Tensor &membrane, std::string &err);

} // namespace snn::runtime::cuda

#endif // SNN_RUNTIME_CUDA_NEURONKERNELS_H
