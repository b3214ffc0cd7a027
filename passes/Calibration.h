//===- Calibration.h - Activation ranges from a float run --------*- C++
//-*-===//
#ifndef SNN_PASSES_CALIBRATION_H
#define SNN_PASSES_CALIBRATION_H

#include "mlir/IR/BuiltinOps.h"
#include "passes/QuantizeCommon.h"

#include <map>
#include <string>
#include <vector>

namespace mlir::snn::quant {

/// Runs the module's (float, step-level) network on the input .npy with the
/// reference runtime and records, per population, the largest |v| and |i|.
/// Errors (file, shape, run) are diagnostics on the module.
LogicalResult runCalibration(ModuleOp module, StringRef inputPath,
                             Calibration &ranges);

/// Runs the module's network (float or quantized) on the input .npy and
/// returns each neuron population's spikes per step and neuron, keyed by the
/// population's name (averaged over the batch). Errors are diagnostics on
/// the module.
LogicalResult
measureSpikeRates(ModuleOp module, StringRef inputPath,
                  std::map<std::string, std::vector<float>> &rates);

} // namespace mlir::snn::quant

#endif // SNN_PASSES_CALIBRATION_H
