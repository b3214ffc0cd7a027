//===- StepTeam.h - Threads that share one batch item's step -----*- C++
//-*-===//
//
// When the batch is smaller than the thread count (batch 1 above all), the
// threads of a team run the same Simulation step together, each on its own
// contiguous range of every node's outputs, and meet at a barrier wherever a
// node reads more of another node than its own range. Every output element is
// computed by exactly one thread with the serial arithmetic, so results do
// not depend on the team size.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_STEPTEAM_H
#define SNN_RUNTIME_ENGINE_STEPTEAM_H

#include <atomic>
#include <exception>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace snn::runtime::detail {

class StepTeam {
public:
  explicit StepTeam(unsigned size) : members(size), errors(size) {}

  unsigned size() const { return members; }

  /// Blocks until all members have arrived. Spins briefly (a step is tens of
  /// microseconds, far below a sleep/wake cycle), then yields the core, which
  /// matters on machines shared with other work.
  void arrive() {
    if (members == 1)
      return;
    unsigned gen = generation.load(std::memory_order_acquire);
    if (waiting.fetch_add(1, std::memory_order_acq_rel) + 1 == members) {
      waiting.store(0, std::memory_order_relaxed);
      generation.store(gen + 1, std::memory_order_release);
      return;
    }
    for (unsigned spin = 0; generation.load(std::memory_order_acquire) == gen;
         ++spin) {
      if (spin < 4000) {
#if defined(__x86_64__) || defined(__i386__)
        _mm_pause();
#endif
      } else {
        std::this_thread::yield();
      }
    }
  }

  /// Records member `rank`'s error; the team stops after the current step
  /// and reports the lowest rank's error (the one a serial run would hit
  /// first, since ranks own ascending ranges).
  void fail(unsigned rank, std::exception_ptr e) {
    if (!errors[rank])
      errors[rank] = e;
    failedFlag.store(true, std::memory_order_release);
  }
  /// Read after a barrier, all members see the same value.
  bool failed() const { return failedFlag.load(std::memory_order_acquire); }
  std::exception_ptr firstError() const {
    for (const std::exception_ptr &e : errors)
      if (e)
        return e;
    return nullptr;
  }

private:
  unsigned members;
  std::atomic<unsigned> waiting{0}, generation{0};
  std::atomic<bool> failedFlag{false};
  std::vector<std::exception_ptr> errors;
};

} // namespace snn::runtime::detail

#endif // SNN_RUNTIME_ENGINE_STEPTEAM_H
