//===- CudaEngine.h - The step-plan engine on a CUDA device ------*- C++
//-*-===//
//
// Runs a whole validated plan (every op of Plan.proto, float and the
// fixed-point neuron families) over a batch on the GPU, with the CPU
// engine's interface and results: fixed point bit for bit, float spikes
// identical and voltages equal (the same float operations in the same order;
// see CudaEngine.cu). The header is plain C++ so host code compiled without
// nvcc can call it; it exists only in builds with SNN_HAVE_CUDA.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_CUDA_CUDAENGINE_H
#define SNN_RUNTIME_CUDA_CUDAENGINE_H

#include "runtime/cuda/MemoryEstimate.h"
#include "runtime/cuda/Placement.h"
#include "runtime/engine/Engine.h"

#include <memory>
#include <string>
#include <vector>

namespace snn::runtime::cuda {

/// The device the engine runs on (device 0).
struct DeviceInfo {
  std::string name;
  int64_t freeBytes = 0;
  int64_t totalBytes = 0;
};

/// Fills `info`, or returns false with `err` ("no CUDA device: ...").
bool queryDevice(DeviceInfo &info, std::string &err);

class CudaEngine {
public:
  /// Validates `plan` (as the CPU engine does) and its gpu hints; returns
  /// null with `err` naming the offending node. Allocates nothing yet.
  static std::unique_ptr<CudaEngine> create(plan::Plan plan, std::string &err);
  ~CudaEngine();

  /// As Engine::run. Before allocating it checks estimateCuda against the
  /// free device memory and fails with a message giving both when the run
  /// does not fit. `options.threads` is ignored.
  bool run(const std::vector<Tensor> &inputs, const RunOptions &options,
           RunResult &result, std::string &err) const;

  const plan::Plan &getPlan() const { return reference->getPlan(); }
  const std::vector<NodePlacement> &getPlacements() const { return placements; }

private:
  CudaEngine(std::unique_ptr<Engine> reference, std::vector<NodeLayout> layouts,
             std::vector<NodePlacement> placements);

  /// Validation, record names and the plan come from the CPU engine.
  std::unique_ptr<Engine> reference;
  std::vector<NodeLayout> layouts;
  std::vector<NodePlacement> placements;
};

} // namespace snn::runtime::cuda

#endif // SNN_RUNTIME_CUDA_CUDAENGINE_H
