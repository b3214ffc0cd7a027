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
// tau_syn_us = kTauSynUsCode / code: code 1022 -> 0.235 us, code 8 -> 30 us.
// The nominal curve reaches below the calibration range's 0.3 us so that a
// circuit up to 28 % slower than nominal can still be calibrated to it
// (format 1 put 0.3 us at code 1022, which about half of all mismatched
// circuits could not reach).
inline constexpr double kTauSynUsCode = 240.0;
// potential_lsb = kPotentialLsbPerCode * code: 1022 -> 255.5 CADC LSB (the
// CapMem's and the CADC's full scales roughly coincide, 4 codes per LSB).
inline constexpr double kPotentialLsbPerCode = 0.25;
// Synaptic gain: a spike on a row with weight code w adds
// w * kSynGainPerCode * gm_code CADC LSB per microsecond to the synaptic
// current (exc or inh) of every column with a nonzero weight. Chosen so that
// typical gains sit at codes of a few hundred, as calix's i_synin_gm targets
// do (NeuronCalibTarget default 500; hagen 450): there one code is a fine
// step (0.1 % at code 500), where the format-1 constant (0.1) left typical
// gains at codes of ~20, a 2.5 % half-code error. Range: up to
// 20.4 LSB/us per weight code (format 2).
inline constexpr double kSynGainPerCode = 0.02;
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

// --- Compensating the synaptic current of a model without one ---
// A model whose inputs jump the membrane (no synaptic current; Euler step:
// v_k = a v_{k-1} + b I_k, the kick of step k applied undecayed at the end
// of the step) runs on the chip with the shortest calibratable tau_syn. Each
// kick then arrives as an exponential current, spread over ~tau_syn and
// decaying on the membrane as it arrives. Two compensations, both known to
// the compiler (docs/brainscales2-emulator.md, "Compensating tau_syn"):

/// Input playback advance (hardware us). Input events are played back by
/// the host/FPGA at scheduled times, so they can be sent early: by
/// tau_syn - h before their step starts, the current's charge centroid
/// (tau_syn after the event) lands at the end of the step, where the Euler
/// model applies the kick. Never negative.
inline double inputAdvanceUs(double tauSynUs, double stepUs) {
  return std::max(0.0, tauSynUs - stepUs);
}

/// Factor on the synaptic charge (J * tau_syn = factor * kick) for a kick
/// that is `kickOverThreshold` of the threshold-leak distance, with the
/// advance above. Two closed forms bound it: the membrane decay over the
/// charge's mean delay, exp(tau_syn / tau_mem) (too small: the membrane must
/// reach threshold before the tail of the current has arrived), and the
/// crossing-matched factor, which makes a kick that lifts the Euler
/// membrane exactly to threshold lift the chip's membrane exactly to its
/// peak at threshold (too large: the current left after a spike charges the
/// membrane again after its reset, which the Euler model never sees). The
/// factor is their geometric mean. Measured on the NIR LIF model:
/// docs/brainscales2-emulator.md.
inline double inputChargeFactor(double tauMemUs, double tauSynUs, double stepUs,
                                double kickOverThreshold) {
  const double lower = std::exp(tauSynUs / tauMemUs);
  if (!(tauSynUs < tauMemUs) || !(kickOverThreshold > 0))
    return lower;
  // Membrane after a kick at t = 0 (the end of the step) whose event came
  // `advance + h` earlier, in units of the kick and with the tail matched:
  // u(t) = e^{-t/tm} - q E e^{-t/ts}, E = e^{D/tm - D/ts}; the threshold sits
  // at 1 (previous kicks included, q = kick / threshold distance).
  const double tm = tauMemUs, ts = tauSynUs, q = kickOverThreshold;
  const double d = inputAdvanceUs(ts, stepUs) + stepUs;
  const double e = std::exp(d / tm - d / ts);
  const double tp = std::log(q * e * tm / ts) / (1.0 / ts - 1.0 / tm);
  const double peak = std::exp(-tp / tm) - q * e * std::exp(-tp / ts);
  // Charge of the tail-matched current, times 1 / peak.
  const double tail = (tm - ts) / tm * std::exp(d / tm);
  const double upper = tail / peak;
  return std::sqrt(lower * std::max(lower, upper));
}

} // namespace snn::bss2

#endif // SNN_RUNTIME_ARTIFACT_BRAINSCALES2PARAMS_H
