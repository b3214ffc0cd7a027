//===- Calibration.cpp - Per-circuit code search, as calix does -----------===//
#include "runtime/analog/Calibration.h"
#include "runtime/analog/Circuit.h"
#include "runtime/artifact/BrainScaleS2Params.h"

#include <algorithm>
#include <cmath>
#include <functional>

using namespace snn;
using namespace snn::runtime::analog;

double snn::runtime::analog::cadcRead(double lsb) {
  return std::clamp(std::nearbyint(lsb), 0.0,
                    static_cast<double>(bss2::kCadcMax));
}

namespace {
/// Binary search over codes lo..hi for the one whose measurement is closest
/// to `target`, given that measure() increases with the code. Sets `ok` to
/// false when the target is beyond the reachable range by more than one
/// code step.
uint32_t search(uint32_t lo, uint32_t hi,
                const std::function<double(uint32_t)> &measure, double target,
                bool &ok) {
  uint32_t a = lo, b = hi; // first code with measure >= target is in [a, b]
  if (measure(hi) < target) {
    a = hi;
  } else {
    while (a < b) {
      uint32_t mid = a + (b - a) / 2;
      if (measure(mid) >= target)
        b = mid;
      else
        a = mid + 1;
    }
  }
  uint32_t best = a;
  if (a > lo &&
      std::abs(measure(a - 1) - target) < std::abs(measure(a) - target))
    best = a - 1;
  // Unreachable: the best code sits at an end and still misses by more than
  // the step to its neighbour.
  double miss = std::abs(measure(best) - target);
  if (best == hi && hi > lo)
    ok = miss <= std::abs(measure(hi) - measure(hi - 1));
  else if (best == lo && hi > lo)
    ok = miss <= std::abs(measure(lo + 1) - measure(lo));
  else
    ok = true;
  return best;
}
/// First code in lo..hi whose measurement is >= target (hi + 1 if none).
uint32_t firstAtLeast(uint32_t lo, uint32_t hi,
                      const std::function<double(uint32_t)> &measure,
                      double target) {
  uint32_t a = lo, b = hi + 1;
  while (a < b) {
    uint32_t mid = a + (b - a) / 2;
    if (measure(mid) >= target)
      b = mid;
    else
      a = mid + 1;
  }
  return a;
}
} // namespace

CalibrationResult
snn::runtime::analog::calibrate(const artifact::bss2::Targets &t,
                                const artifact::bss2::Codes &nominal,
                                const CircuitMismatch &m) {
  CalibrationResult r;
  r.codes = nominal;
  artifact::bss2::Codes &c = r.codes;
  auto params = [&] { return circuitParams(c, m, 0); };
  auto run = [&](const char *name, uint32_t lo,
                 const std::function<void(uint32_t)> &set,
                 const std::function<double()> &measure, double target) {
    bool ok = true;
    uint32_t code = search(
        lo, bss2::kCapMemMax,
        [&](uint32_t k) {
          set(k);
          return measure();
        },
        target, ok);
    set(code);
    if (!ok)
      r.failed.push_back(name);
  };
  // Potentials are read through the CADC, whose integer reading is flat over
  // about 4 codes (true values r-0.5..r+0.5 read r): take the code at the
  // target's place within the codes that read round(target), which lands
  // within about a quarter LSB instead of at the plateau's edge.
  auto runPotential =
      [&](const char *name, const std::function<void(uint32_t)> &set,
          const std::function<double()> &measure, double target) {
        auto at = [&](uint32_t k) {
          set(k);
          return measure();
        };
        const double read = std::nearbyint(target);
        uint32_t a = firstAtLeast(0, bss2::kCapMemMax, at, read);
        uint32_t b = firstAtLeast(0, bss2::kCapMemMax, at, read + 1);
        if (b > a && a <= bss2::kCapMemMax && at(a) == read) {
          const double place = std::clamp(target - (read - 0.5), 0.0, 1.0);
          uint32_t code = a + static_cast<uint32_t>(place * (b - a));
          set(std::min(code, b - 1));
          return;
        }
        run(name, 0, set, measure, target); // unreachable: report it
      };
  // Time constants fall with the code (tau = K / code): search on the rate.
  run(
      "tau_mem", 1, [&](uint32_t k) { c.set_tau_mem(k); },
      [&] { return 1.0 / params().tauMemUs; }, 1.0 / t.tau_mem_us());
  run(
      "tau_syn_exc", 1, [&](uint32_t k) { c.set_tau_syn_exc(k); },
      [&] { return 1.0 / params().tauSynExcUs; }, 1.0 / t.tau_syn_exc_us());
  run(
      "tau_syn_inh", 1, [&](uint32_t k) { c.set_tau_syn_inh(k); },
      [&] { return 1.0 / params().tauSynInhUs; }, 1.0 / t.tau_syn_inh_us());
  runPotential(
      "leak", [&](uint32_t k) { c.set_leak(k); },
      [&] { return cadcRead(params().leak); }, t.leak_lsb());
  runPotential(
      "reset", [&](uint32_t k) { c.set_reset(k); },
      [&] { return cadcRead(params().reset); }, t.reset_lsb());
  runPotential(
      "threshold", [&](uint32_t k) { c.set_threshold(k); },
      [&] { return cadcRead(params().threshold); }, t.threshold_lsb());
  if (t.syn_gain_exc() > 0)
    run(
        "syn_gain_exc", 0, [&](uint32_t k) { c.set_syn_gain_exc(k); },
        [&] { return params().synGainExc; }, t.syn_gain_exc());
  if (t.syn_gain_inh() > 0)
    run(
        "syn_gain_inh", 0, [&](uint32_t k) { c.set_syn_gain_inh(k); },
        [&] { return params().synGainInh; }, t.syn_gain_inh());
  return r;
}
