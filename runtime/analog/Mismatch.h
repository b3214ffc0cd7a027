//===- Mismatch.h - Fixed-pattern mismatch of an emulated chip ---*- C++
//-*-===//
//
// Every analog circuit of a real chip differs from its neighbours by a fixed
// pattern set at manufacture. The emulator draws that pattern from a seed,
// per chip: 512 neuron circuits and 256 x 512 synapses, in a fixed order, so
// the same seed gives the same chip whatever network is placed on it, and a
// neuron moved to another circuit meets another circuit's mismatch.
// The model and its numbers: docs/brainscales2-emulator.md.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ANALOG_MISMATCH_H
#define SNN_RUNTIME_ANALOG_MISMATCH_H

#include <cstdint>
#include <vector>

namespace snn::runtime::analog {

/// Relative (gain) and absolute (offset) spreads, one standard deviation.
struct MismatchModel {
  double tauMemGain = 0.20;        // tau_mem = nominal(code) * (1 + e)
  double tauSynGain = 0.20;        // per synaptic input (exc, inh)
  double potentialOffsetLsb = 8.0; // leak, reset, threshold: + offset
  double potentialGain = 0.03;     // slope of the code->potential line
  double synGainGain = 0.20;       // per-circuit synaptic input strength
  /// Per synapse row (its synapse driver's output amplitude); calibrated by
  /// the driver's 4-bit offset, as calix's STPOffsetCalibration does.
  double rowGain = 0.05;
  /// Per single synapse, never calibrated. No published figure found: 0 by
  /// default (docs/brainscales2-emulator.md); set it to study its effect.
  double synapseGain = 0.0;
  /// Gains are kept above this fraction of nominal (a circuit never inverts).
  double minGain = 0.2;
};

/// One neuron circuit's deviation from the nominal transfer curves.
struct CircuitMismatch {
  double tauMem = 1, tauSynExc = 1, tauSynInh = 1;             // multiplicative
  double leakOffset = 0, resetOffset = 0, thresholdOffset = 0; // CADC LSB
  double leakGain = 1, resetGain = 1, thresholdGain = 1;
  double synGainExc = 1, synGainInh = 1;
};

/// The synapse driver offset that calibrates a row's amplitude: codes
/// 0..kDriverOffsetCodes-1, each kDriverOffsetStep of relative amplitude,
/// code kDriverOffsetNominal (the uncalibrated setting) leaving it as is.
/// The step covers +-2.4 sigma of rowGain with 16 codes [assumption: calix
/// states the 4-bit range, not the amplitude per code].
inline constexpr unsigned kDriverOffsetCodes = 16;
inline constexpr unsigned kDriverOffsetNominal = 8;
inline constexpr double kDriverOffsetStep = 0.015;
double driverOffsetFactor(unsigned code);
/// The offset code calix would choose for a row of amplitude `rowGain`.
unsigned calibrateDriverOffset(double rowGain);

struct ChipMismatch {
  std::vector<CircuitMismatch> circuits; // kNeuronsPerChip
  /// Amplitude of each synapse row's driver (kRowsPerChip).
  std::vector<double> rows;
  /// Synapse gain of (row, circuit): synapse[row * kNeuronsPerChip + circuit].
  std::vector<double> synapse;
  double synapseGain(uint32_t row, uint32_t circuit) const;
};

/// The mismatch of chip `chip` of the system drawn from `seed`.
ChipMismatch drawChip(uint64_t seed, uint32_t chip,
                      const MismatchModel &model = {});
/// A chip without mismatch (every circuit nominal).
ChipMismatch nominalChip();

} // namespace snn::runtime::analog

#endif // SNN_RUNTIME_ANALOG_MISMATCH_H
