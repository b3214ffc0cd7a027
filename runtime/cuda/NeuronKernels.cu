//===- NeuronKernels.cu - CUDA neuron population stepping -----------------===//
//
// One thread per (batch item, neuron); the host launches one kernel per step
// so the step boundary is the same synchronisation point as in the CPU engine
// (and the place where synapse kernels will slot in).
//
//===----------------------------------------------------------------------===//

#include "runtime/cuda/NeuronKernels.h"

#include "runtime/engine/NeuronMath.h"
#include "runtime/engine/Simulation.h"
#include "runtime/engine/Validate.h"

#include <cuda_runtime.h>

#include <vector>

using namespace snn;
using namespace snn::runtime;

namespace {

/// Advances `batch` populations of `n` neurons by step `t`. `x`, `out` and
/// `vOut` are (batch, steps, n); `state` is (batch, n).
__global__ void neuronStepKernel(NeuronConfig config, NeuronParamArrays params,
                                 int64_t batch, int64_t n, int64_t steps,
                                 int64_t t, const float *x, NeuronState *state,
                                 float *out, float *vOut) {
  int64_t idx = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (idx >= batch * n)
    return;
  int64_t b = idx / n, k = idx % n;
  int64_t at = (b * steps + t) * n + k;
  NeuronState s = state[idx];
  out[at] = neuronStep(config, gatherParams(params, k), x[at], s);
  vOut[at] = s.v;
  state[idx] = s;
}

/// Owns device allocations so every early return frees them.
struct DeviceBuffers {
  std::vector<void *> ptrs;
  ~DeviceBuffers() {
    for (void *p : ptrs)
      cudaFree(p);
  }
  cudaError_t alloc(void **p, size_t bytes) {
    cudaError_t e = cudaMalloc(p, bytes ? bytes : 1);
    if (e == cudaSuccess)
      ptrs.push_back(*p);
    return e;
  }
};

bool check(cudaError_t e, const char *what, std::string &err) {
  if (e == cudaSuccess)
    return true;
  err = std::string("CUDA ") + what + " failed: " + cudaGetErrorString(e);
  return false;
}

} // namespace

bool snn::runtime::cuda::deviceAvailable(std::string &reason) {
  int count = 0;
  cudaError_t e = cudaGetDeviceCount(&count);
  if (e != cudaSuccess) {
    reason = std::string("no CUDA device: ") + cudaGetErrorString(e);
    cudaGetLastError(); // Clear the sticky error for later calls.
    return false;
  }
  if (count == 0) {
    reason = "no CUDA device: cudaGetDeviceCount returned 0";
    return false;
  }
  return true;
}

bool snn::runtime::cuda::runNeuronSequence(const plan::NeuronOp &op, int64_t n,
                                           const Tensor &input, Tensor &output,
                                           Tensor &membrane, std::string &err) {
  // Validate the op exactly as the CPU engine would, via a two-node plan.
  plan::Plan check1;
  check1.set_format_version(kPlanFormatVersion);
  plan::Node *in = check1.add_nodes();
  in->set_name("input");
  in->add_shape(n);
  in->mutable_input();
  check1.add_inputs(0);
  plan::Node *neuron = check1.add_nodes();
  neuron->set_name("neuron");
  neuron->add_shape(n);
  neuron->add_input_shape(n);
  neuron->add_operands()->set_node(0);
  *neuron->mutable_neuron() = op;
  std::vector<NodeLayout> layouts;
  if (!validatePlan(check1, layouts, err))
    return false;
  if (input.shape.size() != 3 || input.shape[2] != n ||
      static_cast<int64_t>(input.data.size()) != input.numel()) {
    err = "neuron input has shape " + shapeToString(input.shape) +
          ", expected (B, T, " + std::to_string(n) + ")";
    return false;
  }
  int64_t batch = input.shape[0], steps = input.shape[1];
  size_t bytes = input.data.size() * sizeof(float);

  NeuronConfig config;
  NeuronParamArrays hostParams, params;
  detail::describeNeuron(op, config, hostParams);
  DeviceBuffers buffers;
  for (int f = 0; f < NeuronParamArrays::NumFields; ++f) {
    void *d = nullptr;
    size_t pbytes = hostParams.counts[f] * sizeof(float);
    if (!check(buffers.alloc(&d, pbytes), "cudaMalloc", err) ||
        !check(
            cudaMemcpy(d, hostParams.values[f], pbytes, cudaMemcpyHostToDevice),
            "cudaMemcpy", err))
      return false;
    params.values[f] = static_cast<const float *>(d);
    params.counts[f] = hostParams.counts[f];
  }
  void *x, *out, *v, *state;
  if (!check(buffers.alloc(&x, bytes), "cudaMalloc", err) ||
      !check(buffers.alloc(&out, bytes), "cudaMalloc", err) ||
      !check(buffers.alloc(&v, bytes), "cudaMalloc", err) ||
      !check(buffers.alloc(&state, batch * n * sizeof(NeuronState)),
             "cudaMalloc", err) ||
      !check(cudaMemcpy(x, input.data.data(), bytes, cudaMemcpyHostToDevice),
             "cudaMemcpy", err) ||
      !check(cudaMemset(state, 0, batch * n * sizeof(NeuronState)),
             "cudaMemset", err))
    return false;

  int64_t threads = 256, blocks = (batch * n + threads - 1) / threads;
  for (int64_t t = 0; t < steps && blocks > 0; ++t) {
    neuronStepKernel<<<static_cast<unsigned>(blocks),
                       static_cast<unsigned>(threads)>>>(
        config, params, batch, n, steps, t, static_cast<const float *>(x),
        static_cast<NeuronState *>(state), static_cast<float *>(out),
        static_cast<float *>(v));
    if (!check(cudaGetLastError(), "kernel launch", err))
      return false;
  }
  output = Tensor(input.shape);
  membrane = Tensor(input.shape);
  return check(cudaDeviceSynchronize(), "kernel execution", err) &&
         check(
             cudaMemcpy(output.data.data(), out, bytes, cudaMemcpyDeviceToHost),
             "cudaMemcpy", err) &&
         check(
             cudaMemcpy(membrane.data.data(), v, bytes, cudaMemcpyDeviceToHost),
             "cudaMemcpy", err);
}
