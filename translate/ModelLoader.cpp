//===- ModelLoader.cpp - Any model file to a runtime plan
//------------------===//
#include "translate/ModelLoader.h"
#include "dialects/snn_hw/SNNHWDialect.h"
#include "runtime/artifact/CoreMapFile.h"
#include "runtime/plan/Plan.pb.h"
#include "translate/plan/PlanExport.h"
#include "translate/snnpb/Snnpb.h"

#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::snn;

ModelKind mlir::snn::detectModelKind(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFileSlice(path, 8, 0);
  if (buffer && (*buffer)->getBuffer().starts_with("\x89HDF\r\n\x1a\n"))
    return ModelKind::Nir;
  llvm::StringRef ext = llvm::sys::path::extension(path);
  if (ext == ".nir")
    return ModelKind::Nir;
  if (ext == ".snnpb" || ext == ".snnpbtxt")
    return ModelKind::Snnpb;
  if (ext == ".mlir" || ext == ".mlirbc")
    return ModelKind::Mlir;
  if (ext == ".pb" || ext == ".plan" || ext == ".pbtxt" || ext == ".txt")
    return ::snn::runtime::isCoreMapFile(path.str()) ? ModelKind::CoreMap
                                                     : ModelKind::Plan;
  return ModelKind::Unknown;
}

OwningOpRef<ModuleOp>
mlir::snn::loadModule(llvm::StringRef path, MLIRContext *context,
                      const NirImportOptions &nirOptions) {
  // Mapped modules carry their snn_hw board next to the network.
  context->loadDialect<SNNDialect, snn_hw::SNNHWDialect>();
  switch (detectModelKind(path)) {
  case ModelKind::Nir:
    return importNirFile(path, context, nirOptions);
  case ModelKind::Mlir:
    return parseSourceFile<ModuleOp>(path, context);
  case ModelKind::Snnpb:
    return importSnnpbFile(path, context);
  default:
    emitError(UnknownLoc::get(context))
        << path
        << ": not a model this tool compiles (expected .nir, .snnpb or .mlir)";
    return nullptr;
  }
}

LogicalResult
mlir::snn::compileModelToPlan(llvm::StringRef path, MLIRContext *context,
                              const NirImportOptions &nirOptions,
                              const ReferencePipelineOptions &pipeline,
                              ::snn::plan::Plan &plan) {
  OwningOpRef<ModuleOp> module = loadModule(path, context, nirOptions);
  if (!module)
    return failure();
  PassManager pm(context);
  buildReferencePipeline(pm, pipeline);
  if (failed(pm.run(*module)))
    return failure();
  if (failed(exportPlan(*module, plan)))
    return failure();
  (*plan.mutable_metadata())["source"] = llvm::sys::path::filename(path).str();
  return success();
}
