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

enum class ModelKind { Nir, Mlir, Plan, CoreMap, Snnpb, Unknown };

/// Decides by content (HDF5 signature) first, then by extension.
ModelKind detectModelKind(llvm::StringRef path);

/// Imports a .nir or parses a .mlir file into a module. Errors go to the
/// context's diagnostic handler.
OwningOpRef<ModuleOp> loadModule(llvm::StringRef path, MLIRContext *context,
                                 const NirImportOptions &nirOptions);

/// Loads a .nir/.mlir model, brings it to the step level and emits its plan.
LogicalResult compileModelToPlan(llvm::StringRef path, MLIRContext *context,
                                 const NirImportOptions &nirOptions,
                                 const ReferencePipelineOptions &pipeline,
                                 ::snn::plan::Plan &plan);

} // namespace mlir::snn

#endif // SNN_TRANSLATE_MODELLOADER_H
