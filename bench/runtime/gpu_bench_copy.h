//===- gpu_bench_copy.h - Device copy bandwidth for snn-gpu-bench -*- C++
//-*-===//
//
// The limit the GPU benchmarks are measured against: device-to-device copy
// bandwidth from a plain copy kernel (STREAM "copy"). Plain C++ so the
// host-compiled benchmark can call it.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_BENCH_RUNTIME_GPU_BENCH_COPY_H
#define SNN_BENCH_RUNTIME_GPU_BENCH_COPY_H

#include <cstdint>
#include <string>

namespace snn::bench {

struct CopyBandwidth {
  double gbPerS = 0; ///< Median (bytes read + bytes written) / s, in 1e9.
  double minGbPerS = 0, maxGbPerS = 0;
  int64_t bytes = 0; ///< Size of each of the two buffers.
  int repeats = 0;
  std::string device;
};

/// Copies a `mib` MiB float buffer into another with a grid-stride float4
/// kernel `repeats` times (after one warm-up copy), each timed by CUDA events
/// around the launch and ended by cudaEventSynchronize. False with `err` on
/// any CUDA failure (out of memory included).
bool measureCopyBandwidth(int64_t mib, int repeats, CopyBandwidth &result,
                          std::string &err);

} // namespace snn::bench

#endif // SNN_BENCH_RUNTIME_GPU_BENCH_COPY_H
