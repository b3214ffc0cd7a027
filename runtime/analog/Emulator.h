//===- Emulator.h - Continuous-time emulation of a BrainScaleS-2 set -*- C++
//-*-//
//
// Runs a parameter-set artifact the way the analog chip would: each placed
// circuit is a LIF neuron with exponential excitatory and inhibitory synaptic
// currents (docs/brainscales2-artifact.md, "The equations"), integrated in
// hardware time at `substeps` sub-steps per model step with the exact
// exponential solution of each sub-step; its parameters are what its CapMem
// codes give on a chip with seeded fixed-pattern mismatch (Mismatch.h), the
// codes being either the artifact's nominal ones or a per-circuit calibration
// (Calibration.h). Spikes are binned to model steps; membranes are recorded
// at the end of each step in model units. Deterministic: same artifact,
// inputs and options, same bytes.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ANALOG_EMULATOR_H
#define SNN_RUNTIME_ANALOG_EMULATOR_H

#include "runtime/analog/Circuit.h"
#include "runtime/analog/Mismatch.h"
#include "runtime/artifact/BrainScaleS2.pb.h"
#include "runtime/engine/Tensor.h"

#include <string>
#include <vector>

namespace snn::runtime::analog {

struct EmulatorOptions {
  uint64_t seed = 0;
  bool mismatch = true;   // false: every circuit nominal (seed unused)
  bool calibrated = true; // false: the artifact's nominal codes
  int substeps = 50;      // sub-steps per model step
  MismatchModel model;
};

/// What one circuit was asked for and what it realised.
struct CircuitReport {
  uint32_t partition = 0, circuit = 0, population = 0, index = 0;
  CircuitParams target, realised;
  artifact::bss2::Codes codes;     // the codes it ran with
  std::vector<std::string> failed; // calibration misses (see Calibration.h)
};

struct Emulation {
  /// Per population (artifact order): spike counts and membranes (model
  /// units), shape (T, size), or (B, T, size) for a batched input.
  std::vector<Tensor> spikes, voltages;
  std::vector<CircuitReport> circuits;
};

/// Emulates `set` on `inputs` (one per ParameterSet.inputs, shape (T, ...)
/// or (B, T, ...) with the input's size per step; values are spike counts,
/// non-negative integers) for `steps` model steps (< 0: the inputs' T).
/// `set` must have passed validateBss2. Errors (input shapes or values) are
/// one line in `err`.
bool emulate(const artifact::bss2::ParameterSet &set,
             const std::vector<Tensor> &inputs, int64_t steps,
             const EmulatorOptions &options, Emulation &out, std::string &err);

/// Relative error (realised / target - 1) statistics of one parameter over
/// all circuits, for reports.
struct Spread {
  double mean = 0, stddev = 0, maxAbs = 0;
};
enum class Parameter {
  TauMem,
  TauSynExc,
  TauSynInh,
  Leak,
  Reset,
  Threshold,
  SynGainExc
};
/// For potentials the error is absolute (CADC LSB), otherwise relative.
Spread spread(const std::vector<CircuitReport> &circuits, Parameter p);

} // namespace snn::runtime::analog

#endif // SNN_RUNTIME_ANALOG_EMULATOR_H
