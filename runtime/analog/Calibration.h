//===- Calibration.h - Per-circuit code search, as calix does ----*- C++
//-*-===//
//
// Calibration measures each parameter on the (mismatched) circuit and
// binary-searches its CapMem code until the measurement matches the target,
// like calix's per-neuron binary searches. Potentials are measured through
// the 8-bit CADC (integer LSB, so the residual is about half an LSB); time
// constants and synaptic gains are measured exactly (calix fits them; the
// residual left is the code resolution). A target the circuit cannot reach
// ends at the code range's edge and is reported as not calibrated.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ANALOG_CALIBRATION_H
#define SNN_RUNTIME_ANALOG_CALIBRATION_H

#include "runtime/analog/Mismatch.h"
#include "runtime/artifact/BrainScaleS2.pb.h"

#include <string>
#include <vector>

namespace snn::runtime::analog {

struct CalibrationResult {
  artifact::bss2::Codes codes;
  /// Names of the parameters whose target lies outside what this circuit can
  /// reach (the code is at 1 or 1022); empty when all are calibrated.
  std::vector<std::string> failed;
};

/// Codes that make circuit `m` realise `targets` (refractory: the digital
/// counter is copied from `nominal`, it needs no calibration).
CalibrationResult calibrate(const artifact::bss2::Targets &targets,
                            const artifact::bss2::Codes &nominal,
                            const CircuitMismatch &m);

/// The CADC's reading of a potential: rounded, clipped to 0..255.
double cadcRead(double lsb);

} // namespace snn::runtime::analog

#endif // SNN_RUNTIME_ANALOG_CALIBRATION_H
