//===- BenchTiming.h - Wall-clock helpers of the benchmark binaries -*- C++
//-*-===//
//
// Shared by snn-runtime-bench and snn-gpu-bench: a steady clock and the
// median every benchmark reports (BENCHMARKS.md: medians of several runs).
//
//===----------------------------------------------------------------------===//

#ifndef SNN_BENCH_RUNTIME_BENCHTIMING_H
#define SNN_BENCH_RUNTIME_BENCHTIMING_H

#include <algorithm>
#include <chrono>
#include <vector>

namespace snn::bench {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The median of `v` (the mean of the middle two for an even count).
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

} // namespace snn::bench

#endif // SNN_BENCH_RUNTIME_BENCHTIMING_H
