//===- ModelLoader.h - Any model file to a runtime plan ----------*- C++
//-*-===//
//
// What snn-run (and later the driver) does before simulating: recognise the
// model file, import it, run the reference pipeline, emit the plan.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_MODELLOADER_H
#define SNN_TRANSLATE_MODELLOADER_H

#include "passes/Passes.h"
#include "translate/nir/NirImport.h"

namespace snn::plan {
class Plan;
}

namespace mlir::snn {

enum class ModelKind { Nir, Mlir, Plan, CoreMap, Snnpb, Onnx, Unknown };

/// Decides by content (HDF5 signature) first, then by extension.
ModelKind detectModelKind(llvm::StringRef path);

/// Imports a .nir/.snnpb/.onnx or parses a .mlir file into a module. Errors go
/// to the context's diagnostic handler.
OwningOpRef<ModuleOp> loadModule(llvm::StringRef path, MLIRContext *context,
                                 const NirImportOptions &nirOptions);

/// How compileModelToPlan treats a model.
enum class AnnMode {
  /// Run as a spiking network; an ANN (.onnx, snn.ann) is first converted
  /// by convertAnnToSnn with ReferencePipelineOptions::calibration as its
  /// calibration set (which then does not feed the quantizer).
  Spiking,
  /// Evaluate an ANN in one pass (snn-run --ann): the model must be an ANN;
  /// its plan is emitted as is (Plan.ann set).
  OnePass,
};

/// Loads a .nir/.mlir/.snnpb/.onnx model, brings it to the step level and
/// emits its plan.
LogicalResult compileModelToPlan(llvm::StringRef path, MLIRContext *context,
                                 const NirImportOptions &nirOptions,
                                 const ReferencePipelineOptions &pipeline,
                                 ::snn::plan::Plan &plan,
                                 AnnMode annMode = AnnMode::Spiking);

/// Turns an ANN network (snn.ann) into a spiking one with --snn-convert-ann
/// (default percentile and per-layer scales), calibrated on the (N, ...)
/// inputs in `calibration`; an error naming `path` when that is empty.
LogicalResult convertAnnToSnn(ModuleOp module, llvm::StringRef path,
                              llvm::StringRef calibration);

} // namespace mlir::snn

#endif // SNN_TRANSLATE_MODELLOADER_H
