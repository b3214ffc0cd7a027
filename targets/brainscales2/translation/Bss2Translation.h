//===- Bss2Translation.h - BrainScaleS-2 parameter translation ---*- C++
//-*-===//
//
// The arithmetic of the analog flow that has no MLIR in it, so it is unit
// tested on its own: the signed-weight split onto excitatory and inhibitory
// 6-bit rows, the choice of the time and voltage scales, and the placement of
// populations onto the chip's 512 neuron circuits and 256 synapse rows.
// Chip numbers come from runtime/artifact/BrainScaleS2Params.h (shared with
// the emulator). Rationale: docs/brainscales2.md.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TARGETS_BRAINSCALES2_BSS2TRANSLATION_H
#define SNN_TARGETS_BRAINSCALES2_BSS2TRANSLATION_H

#include "runtime/artifact/BrainScaleS2Params.h"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace snn::bss2 {

/// Signed model weights on one scale: |w| ~ code * lsb, the sign choosing the
/// row. A weight has a code on exactly one of the two rows (the other is 0).
struct SignedSplit {
  double lsb = 1.0;          ///< Model weight units per code.
  std::vector<uint32_t> exc; ///< 0..63 per weight (w > 0).
  std::vector<uint32_t> inh; ///< 0..63 per weight (w < 0).
  double maxError = 0;       ///< max |w - (exc - inh) lsb|, <= lsb / 2.
};

/// The scale that puts the largest |w| on code 63 (1 when all are 0).
double weightLsb(const std::vector<double> &weights);
/// Rounds each |w| / lsb to the nearest code (ties away from zero) and puts it
/// on the excitatory row when w > 0, the inhibitory row when w < 0. Codes
/// above 63 are the caller's error (lsb too small); they are not clamped here
/// but reported by returning nullopt.
std::optional<SignedSplit> splitSigned(const std::vector<double> &weights,
                                       double lsb);

/// Hardware time = model time * timeScale / kTimeAcceleration. Each entry is
/// a model-time constant (seconds) and the hardware range (us) it must land
/// in. Returns the scales that bring every entry into range, as [lo, hi], or
/// nullopt when no single scale does.
std::optional<std::pair<double, double>>
timeScaleWindow(const std::vector<std::pair<double, Range>> &constants);

/// Maps model potentials onto CADC LSB: lsb = offset + scale * v.
struct VoltageMap {
  double scale = 0, offset = 0;
  double toLsb(double v) const { return offset + scale * v; }
};
/// The finest map (largest scale) that puts the lowest of leak/reset on the
/// bottom of the leak/reset range and keeps every leak and reset within
/// kLeakRangeLsb and every threshold within kThresholdRangeLsb. nullopt when
/// the thresholds are not all above the lowest leak/reset.
std::optional<VoltageMap> chooseVoltageMap(double lowestLeakOrReset,
                                           double highestLeakOrReset,
                                           double highestThreshold);

// --- Placement ---

/// Where a synapse row's spikes come from: a network input channel, a neuron
/// of a population, or the bias source (one spike at every model step).
struct RowKey {
  enum Kind : int { Input = 0, Neuron = 1, Bias = 2 };
  int kind = Input;
  int64_t index = 0;   ///< Input number, population number, or 0 (bias).
  int64_t element = 0; ///< Channel or neuron within it.
  bool inhibitory = false;
  auto tie() const { return std::tie(kind, index, element, inhibitory); }
  bool operator<(const RowKey &o) const { return tie() < o.tie(); }
  bool operator==(const RowKey &o) const { return tie() == o.tie(); }
};

/// What placement needs to know of a population.
struct PlacementPopulation {
  std::string name;
  /// Rows each neuron needs (sources with a nonzero code into it).
  std::vector<std::vector<RowKey>> rowsPerNeuron;
  /// Populations in the same group must share a partition (a recurrent loop:
  /// a sequential partition could not feed back).
  int64_t group = 0;
  /// Feeds itself (directly or through its group): must not be split.
  bool recurrent = false;
};

/// A run of neurons of one population on consecutive circuits.
struct PlacedChunk {
  int64_t population = 0, begin = 0, end = 0; ///< Neurons [begin, end).
  int64_t partition = 0, firstCircuit = 0;
};

struct Placement {
  std::vector<PlacedChunk> chunks;
  /// Per partition: its rows in row-number order.
  std::vector<std::vector<RowKey>> rows;
  int64_t partitions() const { return static_cast<int64_t>(rows.size()); }
};

/// Places populations, given in an order where each group is contiguous and
/// every source comes first or in the same group, onto partitions of
/// kNeuronsPerChip circuits and kRowsPerChip rows, in order, starting a new
/// partition when the next group or chunk does not fit. A non-recurrent
/// population may be split over partitions; a group may not. On failure
/// returns nullopt with a one-line reason in `error` naming the population,
/// the resource, the need and the limit.
std::optional<Placement> place(const std::vector<PlacementPopulation> &pops,
                               std::string &error);

} // namespace snn::bss2

#endif // SNN_TARGETS_BRAINSCALES2_BSS2TRANSLATION_H
