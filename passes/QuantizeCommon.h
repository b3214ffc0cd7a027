//===- QuantizeCommon.h - Shared pieces of --snn-quantize --------*- C++
//-*-===//
//
// --snn-quantize works per *population* (one snn.step_neuron) and its
// *projections* (the weighted ops whose sum feeds it). A target family decides
// the population's integer scale; the shared code here quantizes the
// projections at that scale and reports what was lost.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_PASSES_QUANTIZECOMMON_H
#define SNN_PASSES_QUANTIZECOMMON_H

#include "dialects/snn/SNNOps.h"
#include "targets/common/TargetDescription.h"

#include <map>
#include <optional>

namespace mlir::snn::quant {

/// A neuron population and the weighted ops that feed it.
struct Population {
  mutable StepNeuronOp neuron; // Op handles are cheap values.

  std::string name;
  /// Weighted ops whose (summed) output reaches the neuron (through snn.add
  /// and snn.step_delay).
  SmallVector<Operation *> projections;
};

/// Observed ranges from a calibration run (float model), per population.
struct Calibration {
  std::map<std::string, double> maxAbsV, maxAbsI;
};

/// The pass options every family reads.
struct QuantizeOptions {
  double vScale = 0; ///< Integer units per float unit; 0 = automatic.
  std::optional<int64_t> weightExp; ///< Shared weight exponent; unset: auto.
  bool floorDecays = false;
  bool perChannel = false;
  const Calibration *calibration = nullptr;
};

/// Largest |value| of a scalar-or-per-neuron parameter.
double maxAbs(Attribute param);
/// Element i of a scalar-or-per-neuron parameter.
double paramAt(Attribute param, int64_t i);
/// Number of values a parameter holds (1 for a scalar).
int64_t paramSize(Attribute param);

/// Finds every population and its projections. Emits a diagnostic and fails
/// for a projection that feeds two populations or a neuron input that carries
/// no weights.
FailureOr<SmallVector<Population>> collectPopulations(NetworkOp network);

/// The float weight a projection applies, times `gain` (a scalar-or-per-
/// neuron parameter of the population, folded row-wise), as a flat vector;
/// `bias` likewise (empty when none). Fails with a diagnostic when the gain
/// cannot be folded (per-neuron gain on a convolution).
/// `rows`/`biasRows`, when given, receive for each value the index of the
/// neuron it feeds (for a convolution: the first neuron of its channel).
LogicalResult effectiveWeights(Operation *projection, Attribute gain,
                               ShapedType population,
                               SmallVector<double> &weights,
                               SmallVector<double> &bias,
                               SmallVector<int64_t> *rows = nullptr,
                               SmallVector<int64_t> *biasRows = nullptr);

/// Largest |weight| over all of a population's projections with `gain`.
FailureOr<double> maxEffectiveWeight(const Population &pop, Attribute gain);

/// Replaces each projection's weights (and bias) by integer mantissas
/// round(w / lsb) clamped to +-maxMantissa, tags it with `snn.weight_lsb`, and
/// emits the per-layer report as a remark at the projection. `lsbs` has one
/// value, or one per neuron (per-channel scales).
LogicalResult quantizeProjections(const Population &pop, Attribute gain,
                                  ArrayRef<double> lsbs, int64_t maxMantissa,
                                  StringRef format);

/// The error for a feature the target cannot represent, at the layer:
/// "layer 'x' cannot run on <target>: <what>".
InFlightDiagnostic refuse(const Population &pop,
                          const TargetDescription &target, const Twine &what);

/// Rounds `value` to an integer (nearest, or floor when asked).
int64_t roundValue(double value, bool floor = false);

/// Builds an i32 scalar-or-per-neuron attribute from per-neuron values
/// (a scalar when all agree).
Attribute intParam(MLIRContext *context, ShapedType population,
                   ArrayRef<int64_t> values);

/// Inserts a one-step snn.step_delay between the population's summed input
/// and its neuron (the target's synaptic delay).
void insertSynapticDelay(StepNeuronOp neuron, int64_t steps);

/// Replaces the neuron by `replacement`, keeping its name.
void replaceNeuron(StepNeuronOp neuron, Operation *replacement);

// Families: each converts one population, or fails with a diagnostic that
// names the layer, the value and the limit.
LogicalResult quantizeLoihi(Population &pop, const TargetDescription &target,
                            const QuantizeOptions &options);
LogicalResult quantizeSpinnaker(Population &pop,
                                const TargetDescription &target,
                                const QuantizeOptions &options);
LogicalResult quantizeSpeck(Population &pop, const TargetDescription &target,
                            const QuantizeOptions &options);
LogicalResult quantizeAnalog(Population &pop, const TargetDescription &target,
                             const QuantizeOptions &options);

} // namespace mlir::snn::quant

#endif // SNN_PASSES_QUANTIZECOMMON_H
