//===- MemoryEstimate.h - Bytes a run needs, per component -------*- C++
//-*-===//
//
// What `snn-run --dry-run` prints and what the CUDA engine checks against the
// free device memory before it allocates anything. The CUDA figures are the
// engine's allocations exactly (CudaEngine.cu sizes its buffers with the same
// functions); allocator rounding is not counted. The CPU figures count the
// engine's buffers per worker thread, the plan's parameters and the result
// tensors.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_CUDA_MEMORYESTIMATE_H
#define SNN_RUNTIME_CUDA_MEMORYESTIMATE_H

#include "runtime/cuda/Placement.h"

#include <cstdint>
#include <string>
#include <vector>

namespace snn::runtime::cuda {

/// Bytes per component on one device.
struct MemoryParts {
  int64_t weights = 0;      ///< Synapse weights, indices and parameters.
  int64_t state = 0;        ///< Neuron states, delay rings, snapshots.
  int64_t spikeBuffers = 0; ///< Node outputs per step, scratch, spike lists.
  int64_t recordings = 0;   ///< Recorded signals and spike counters.
  int64_t inputs = 0;       ///< The input sequences.
  int64_t total() const {
    return weights + state + spikeBuffers + recordings + inputs;
  }
};

/// The shape of a run.
struct RunShape {
  int64_t batch = 1;
  int64_t length = 0; ///< T of the inputs.
  int64_t steps = 0;  ///< Steps simulated.
  /// Element count per step of every recorded signal, plan outputs included.
  std::vector<int64_t> recordNumel;
};

/// Steps whose recordings the CUDA engine keeps on the device before copying
/// them to the host: at most 1024, and at most 64 MiB of recordings.
int64_t recordChunk(const RunShape &run);

/// Device memory of the CUDA engine for `batch` items at once.
MemoryParts estimateCuda(const plan::Plan &plan,
                         const std::vector<NodeLayout> &layouts,
                         const std::vector<NodePlacement> &placements,
                         const RunShape &run, int64_t batch);

/// Host memory of a run: the CPU engine with `workers` threads, or the host
/// side of a CUDA run (`workers` = 0: the plan, inputs and results only).
MemoryParts estimateHost(const plan::Plan &plan,
                         const std::vector<NodeLayout> &layouts,
                         const RunShape &run, int64_t workers);

/// Element count per step of each name `record` lists ("NODE", "NODE:v",
/// "NODE:i"), followed by the plan outputs; false with `err` for an unknown
/// name.
bool recordSizes(const plan::Plan &plan, const std::vector<NodeLayout> &layouts,
                 const std::vector<std::string> &record,
                 std::vector<int64_t> &numel, std::string &err);

/// "1.5 MiB (1572864 bytes)".
std::string formatBytes(int64_t bytes);

} // namespace snn::runtime::cuda

#endif // SNN_RUNTIME_CUDA_MEMORYESTIMATE_H
