//===- BrainScaleS2Params.h - BrainScaleS-2 chip numbers and codes -*- C++ -*-//
//
// The numbers shared by the compiler (which chooses codes for the nominal
// chip) and the emulator (which inverts them on a mismatched chip): resource
// limits, calibration target ranges, and the NOMINAL transfer curves from a
// 10-bit CapMem code to a time constant, potential or synaptic gain.
//
// Sources. Limits and ranges: TARGETS.md, calix `spiking/neuron.py`
// (check_target), `constants.py`; defaults: hxtorch's neuron defaults (leak
// and reset 80, threshold 125 CADC LSB, tau 10 us, refractory 2 us). The
// curve SHAPES follow the circuits: a time constant is C/g with the
// conductance g proportional to a CapMem bias current, so tau ~ 1/code; a
// potential is a CapMem voltage, linear in the code, read by the 8-bit CADC.
// The curve CONSTANTS are this project's choice (no published nominal curve
// exists; the real chip is calibrated, never run on nominal codes): each is
// set so the whole calibration range maps into 1..1022. They are part of the
// artifact format: changing one is a format_version bump.
//
// No MLIR dependency: included by the compiler and the runtime alike.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ARTIFACT_BRAINSCALES2PARAMS_H
#define SNN_RUNTIME_ARTIFACT_BRAINSCALES2PARAMS_H

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace snn::bss2 {

// --- Resources (TARGETS.md) ---
inline constexpr double kTimeAcceleration = 1000.0; // model time / hw time
inline constexpr uint32_t kNeuronsPerChip = 512;
inline constexpr uint32_t kRowsPerChip = 256; // synapse rows per neuron
inline constexpr uint32_t kWeightMax = 63;    // 6-bit weight magnitude
inline constexpr uint32_t kCapMemMax = 1022;  // 10-bit CapMem, 1023 reserved
inline constexpr uint32_t kCadcMax = 255;     // 8-bit CADC reads

// --- Calibration target ranges, hardware units (calix check_target) ---
struct Range {
  double lo, hi;
  constexpr bool contains(double v) const { return v >= lo && v <= hi; }
  /// The nearest legal value (for diagnostics; never a silent clamp).
  constexpr double nearest(double v) const {
    return v < lo ? lo : (v > hi ? hi : v);
  }
};
inline constexpr Range kTauMemRangeUs{0.5, 60.0};
inline constexpr Range kTauSynRangeUs{0.3, 30.0};
inline constexpr Range kLeakRangeLsb{50.0, 160.0};
inline constexpr Range kResetRangeLsb{50.0, 160.0};
inline constexpr Range kThresholdRangeLsb{50.0, 220.0};
inline constexpr Range kRefractoryRangeUs{0.04, 32.0};

// --- Nominal transfer curves (the mismatch-free chip) ---
// tau_mem_us = kTauMemUsCode / code: code 1022 -> 0.5 us, code 9 -> 56.8 us.
inline constexpr double kTauMemUsCode = 511.0;
// tau_syn_us = kTauSynUsCode / code: code 1022 -> 0.3 us, code 10 -> 30.7 us.
inline constexpr double kTauSynUsCode = 306.6;
// potential_lsb = kPotentialLsbPerCode * code: 1022 -> 255.5 CADC LSB (the
// CapMem's and the CADC's full scales roughly coincide, 4 codes per LSB).
inline constexpr double kPotentialLsbPerCode = 0.25;
// Synaptic gain: a spike on a row with weight code w adds
// w * kSynGainPerCode * gm_code CADC LSB per microsecond to the synaptic
// current (exc or inh) of every column with a nonzero weight.
inline constexpr double kSynGainPerCode = 0.1;
// Refractory: counter ticks of kRefractoryTickNs << clock_scale nanoseconds
// (a digital counter, so no mismatch), counter 0..255, scale 0..7.
inline constexpr double kRefractoryTickNs = 8.0;
inline constexpr uint32_t kRefractoryCounterMax = 255;
inline constexpr uint32_t kRefractoryScaleMax = 7;

inline double tauMemUs(double code) { return kTauMemUsCode / code; }
inline double tauSynUs(double code) { return kTauSynUsCode / code; }
inline double potentialLsb(double code) { return kPotentialLsbPerCode * code; }
inline double synGain(double code) { return kSynGainPerCode * code; }
inline double refractoryTickUs(uint32_t scale) {
  return kRefractoryTickNs * static_cast<double>(1u << scale) * 1e-3;
}
inline double refractoryUs(uint32_t counter, uint32_t scale) {
  return counter * refractoryTickUs(scale);
}

/// Nearest code in [lo, kCapMemMax] to a real-valued code.
inline uint32_t roundCode(double code, uint32_t lo = 0) {
  if (!(code == code)) // NaN
    return lo;
  double r = std::nearbyint(code);
  return static_cast<uint32_t>(
      std::clamp(r, static_cast<double>(lo), static_cast<double>(kCapMemMax)));
}
// Nominal codes for a target (the compiler's choice). Callers check the
// target against its Range first; these only round.
inline uint32_t tauMemCode(double us) {
  return roundCode(kTauMemUsCode / us, 1);
}
inline uint32_t tauSynCode(double us) {
  return roundCode(kTauSynUsCode / us, 1);
}
inline uint32_t potentialCode(double lsb) {
  return roundCode(lsb / kPotentialLsbPerCode);
}
inline uint32_t synGainCode(double gain) {
  return roundCode(gain / kSynGainPerCode);
}
/// The smallest clock scale whose counter reaches `maxUs`.
inline uint32_t refractoryClockScale(double maxUs) {
  for (uint32_t s = 0; s < kRefractoryScaleMax; ++s)
    if (kRefractoryCounterMax * refractoryTickUs(s) >= maxUs)
      return s;
  return kRefractoryScaleMax;
}
inline uint32_t refractoryCounter(double us, uint32_t scale) {
  double ticks = std::nearbyint(us / refractoryTickUs(scale));
  return static_cast<uint32_t>(
      std::clamp(ticks, 0.0, static_cast<double>(kRefractoryCounterMax)));
}

/// One model step in hardware microseconds.
inline double hardwareStepUs(double modelDtSeconds, double acceleration) {
  return modelDtSeconds / acceleration * 1e6;
}

} // namespace snn::bss2

#endif // SNN_RUNTIME_ARTIFACT_BRAINSCALES2PARAMS_H
