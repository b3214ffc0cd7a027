//===- gpu_bench_copy.cu - Device copy bandwidth for snn-gpu-bench --------===//

#include "bench/runtime/gpu_bench_copy.h"

#include <cuda_runtime.h>

#include <algorithm>
#include <vector>

namespace {

/// dst = src, 16 bytes per thread and iteration, coalesced.
__global__ void copyKernel(const float4 *__restrict__ src,
                           float4 *__restrict__ dst, int64_t count) {
  int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
       i < count; i += stride)
    dst[i] = src[i];
}

bool ok(cudaError_t e, const char *what, std::string &err) {
  if (e == cudaSuccess)
    return true;
  err = std::string(what) + ": " + cudaGetErrorString(e);
  return false;
}

} // namespace

bool snn::bench::measureCopyBandwidth(int64_t mib, int repeats,
                                      CopyBandwidth &result, std::string &err) {
  cudaDeviceProp prop;
  if (!ok(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties", err))
    return false;
  int64_t bytes = mib << 20, count = bytes / sizeof(float4);
  float4 *src = nullptr, *dst = nullptr;
  cudaEvent_t start = nullptr, stop = nullptr;
  std::vector<double> gbs;
  // A few waves of full blocks on every SM; the grid-stride loop does the rest.
  unsigned blocks = static_cast<unsigned>(prop.multiProcessorCount * 8);
  bool good = ok(cudaMalloc(&src, bytes), "cudaMalloc", err) &&
              ok(cudaMalloc(&dst, bytes), "cudaMalloc", err) &&
              ok(cudaMemset(src, 0, bytes), "cudaMemset", err) &&
              ok(cudaMemset(dst, 0, bytes), "cudaMemset", err) &&
              ok(cudaEventCreate(&start), "cudaEventCreate", err) &&
              ok(cudaEventCreate(&stop), "cudaEventCreate", err);
  for (int k = -1; good && k < repeats; ++k) {
    float ms = 0;
    good = ok(cudaEventRecord(start), "cudaEventRecord", err);
    copyKernel<<<blocks, 256>>>(src, dst, count);
    good =
        good && ok(cudaGetLastError(), "copy kernel launch", err) &&
        ok(cudaEventRecord(stop), "cudaEventRecord", err) &&
        ok(cudaEventSynchronize(stop), "cudaEventSynchronize", err) &&
        ok(cudaEventElapsedTime(&ms, start, stop), "cudaEventElapsedTime", err);
    if (good && k >= 0) // k = -1 is the warm-up.
      gbs.push_back(2.0 * bytes / (ms * 1e-3) / 1e9);
  }
  if (start)
    cudaEventDestroy(start);
  if (stop)
    cudaEventDestroy(stop);
  cudaFree(src);
  cudaFree(dst);
  if (!good)
    return false;
  std::sort(gbs.begin(), gbs.end());
  size_t n = gbs.size();
  result.gbPerS = n % 2 ? gbs[n / 2] : 0.5 * (gbs[n / 2 - 1] + gbs[n / 2]);
  result.minGbPerS = gbs.front();
  result.maxGbPerS = gbs.back();
  result.bytes = bytes;
  result.repeats = repeats;
  result.device = prop.name;
  return true;
}
