//===- TargetDescription.h - What a target chip can represent ----*- C++
//-*-===//
//
// A target is data: the numbers a chip publishes (bit widths, ranges,
// resources, energy). Passes read these fields, never a chip's name, so adding
// a chip is mostly adding a description. Each number's source is in the
// target's README (targets/<name>/README.md).
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TARGETS_COMMON_TARGETDESCRIPTION_H
#define SNN_TARGETS_COMMON_TARGETDESCRIPTION_H

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::snn {

/// The arithmetic a target's neurons use; selects the quantization rules and
/// the runtime engine. Several targets share one (loihi and loihi2).
enum class Arithmetic { Float, Loihi, Spinnaker, Speck, Analog };

llvm::StringRef stringifyArithmetic(Arithmetic arithmetic);
std::optional<Arithmetic> parseArithmetic(llvm::StringRef text);

struct TargetDescription {
  std::string name;    ///< Command-line name, e.g. "loihi".
  std::string summary; ///< One line for --help and reports.
  Arithmetic arithmetic = Arithmetic::Float;

  // Number formats.
  int weightBits = 32; ///< Signed weight mantissa width incl. sign.
  bool perChannelWeights =
      true; ///< One weight scale per output channel allowed.
  int weightExpMin = 0, weightExpMax = 0; ///< Shared weight exponent range.
  int decayBits = 0;      ///< Width of decay constants (0: float).
  int stateBits = 32;     ///< Membrane state width (signed).
  int thresholdBits = 32; ///< Unsigned threshold mantissa width.
  int thresholdShift = 0; ///< Threshold = mantissa << shift.
  int biasMantBits = 0, biasExpBits = 0; ///< Neuron bias mantissa/exponent.
  int fractionalBits = 0;     ///< Fixed-point fraction bits (s16.15: 15).
  int synapticDelaySteps = 0; ///< Steps a spike takes to reach its target.
  int maxDelaySteps = 0;      ///< Longest programmable delay (0: none).

  // What the neurons can do.
  bool hasLeak = true;            ///< Membrane decay other than 1.
  bool hasSynapticCurrent = true; ///< A decaying synaptic current.
  bool allowsRecurrence = true;   ///< Cycles in the network.
  bool resetToValue = true, resetSubtract = true;
  bool multiSpike = false; ///< Several spikes per step.

  // Resources (used by mapping; defaults describe "unlimited").
  int64_t cores = 0, neuronsPerCore = 0, axonsInPerCore = 0,
          axonsOutPerCore = 0, synapseBytesPerCore = 0;

  // Boards (optional in `snn.target`; 0: not described). A board holds
  // `chipsPerBoard` chips on a grid `boardChipsX` wide; chip-to-chip links
  // wrap around (`chipTorus`) and include the NE/SW diagonal
  // (`chipDiagonal`, SpiNNaker's triangular mesh). `chipHopWeight` is what
  // placement charges for one chip-to-chip hop, in on-chip hops.
  int64_t chipsPerBoard = 0, boardChipsX = 0;
  bool chipTorus = false, chipDiagonal = false;
  double chipHopWeight = 1;

  // Time per event in nanoseconds (optional; 0: unknown), for latency
  // estimates: per step, the busiest core's neuron updates and synaptic ops,
  // the longest route's hops and the step's barrier. `stepNs` > 0 means the
  // chip runs fixed real-time steps (SpiNNaker), whatever the load.
  /// Where the energy and time figures come from (printed with estimates).
  std::string figuresSource;
  double synOpNs = 0, neuronUpdateNs = 0, hopNs = 0, stepSyncNs = 0, stepNs = 0;

  // Energy per event in picojoules (0: unknown).
  double synOpPJ = 0, neuronUpdatePJ = 0, spikePJ = 0;
  /// Energy of one spike packet crossing one link of the mesh/router.
  double hopPJ = 0;

  /// The description as the module attribute `snn.target` (every field).
  DictionaryAttr toAttribute(MLIRContext *context) const;
  /// Reads a `snn.target` attribute; on a missing/ill-typed field returns
  /// nullopt and sets `error` to its name.
  static std::optional<TargetDescription> fromAttribute(DictionaryAttr attr,
                                                        std::string &error);
};

/// Registers a target (called once per target folder).
void registerTarget(TargetDescription description);
/// Registers every target shipped with snn-mlir (idempotent).
void registerAllTargets();
/// The registered target called `name`, or null.
const TargetDescription *lookupTarget(llvm::StringRef name);
/// Names of all registered targets, sorted.
std::vector<std::string> registeredTargetNames();

} // namespace mlir::snn

#endif // SNN_TARGETS_COMMON_TARGETDESCRIPTION_H
