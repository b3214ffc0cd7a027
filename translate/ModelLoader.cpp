//===- ModelLoader.cpp - Any model file to a runtime plan
//------------------===//
#include "translate/ModelLoader.h"
#include "dialects/snn_hw/SNNHWDialect.h"
#include "runtime/artifact/CoreMapFile.h"
#include "runtime/plan/Plan.pb.h"
#include "translate/onnx/OnnxImport.h"
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
  if (ext == ".onnx")
    return ModelKind::Onnx;
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
  case ModelKind::Onnx:
    return importOnnxFile(path, context);
  default:
    emitError(UnknownLoc::get(context))
        << path
        << ": not a model this tool compiles (expected .nir, .snnpb, .onnx "
           "or .mlir)";
    return nullptr;
  }
}

LogicalResult
mlir::snn::compileModelToPlan(llvm::StringRef path, MLIRContext *context,
                              const NirImportOptions &nirOptions,
                              const ReferencePipelineOptions &pipeline,
                              ::snn::plan::Plan &plan, AnnMode annMode) {
  OwningOpRef<ModuleOp> module = loadModule(path, context, nirOptions);
  if (!module)
    return failure();
  auto networks = llvm::to_vector(module->getOps<NetworkOp>());
  bool ann = networks.size() == 1 && isAnnNetwork(networks.front());
  if (annMode == AnnMode::OnePass) {
    if (!ann)
      return emitError(module->getLoc())
             << path
             << ": --ann evaluates an ANN (an .onnx model or a network "
                "marked snn.ann) in one pass; this is a spiking network, "
                "run it without --ann";
    if (failed(exportPlan(*module, plan)))
      return failure();
    (*plan.mutable_metadata())["source"] =
        llvm::sys::path::filename(path).str();
    return success();
  }
  ReferencePipelineOptions steps = pipeline;
  if (ann) {
    if (failed(convertAnnToSnn(*module, path, pipeline.calibration)))
      return failure();
    // The calibration set was ANN inputs (N, ...), not spike trains; the
    // quantizer then works from weights and thresholds.
    steps.calibration.clear();
  }
  PassManager pm(context);
  buildReferencePipeline(pm, steps);
  if (failed(pm.run(*module)))
    return failure();
  if (failed(exportPlan(*module, plan)))
    return failure();
  (*plan.mutable_metadata())["source"] = llvm::sys::path::filename(path).str();
  return success();
}

LogicalResult mlir::snn::convertAnnToSnn(ModuleOp module, llvm::StringRef path,
                                         llvm::StringRef calibration) {
  if (calibration.empty())
    return emitError(module.getLoc())
           << path
           << ": this is an ANN (imported from ONNX or marked snn.ann); it "
              "needs --snn-convert-ann to run as a spiking network: pass "
              "--calibration=X.npy (N input samples, shape (N, ...input "
              "shape)) to convert it (snn-run --ann evaluates it as an ANN "
              "instead)";
  PassManager pm(module.getContext());
  SNNConvertAnnOptions options;
  options.calibration = calibration.str();
  pm.addPass(createSNNConvertAnn(options));
  return pm.run(module);
}
