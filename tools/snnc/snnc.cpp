//===- snnc.cpp - The one-command compiler driver
//--------------------------===//
//
// snnc MODEL --target=NAME -o DIR
//
// Import, discretise, quantize, map and emit, with a line of progress per
// stage. Writes DIR/<model>.<target>.pb (the artifact), its text form, and
// the report (quantization and mapping, text and JSON).
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"
#include "runtime/artifact/CoreMapFile.h"
#include "runtime/engine/PlanFile.h"
#include "targets/common/TargetDescription.h"
#include "translate/ModelLoader.h"
#include "translate/Registration.h"
#include "translate/ToolDiagnostics.h"
#include "translate/plan/CoreMapExport.h"
#include "translate/plan/PlanExport.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace {
cl::OptionCategory category("snnc options");
cl::opt<std::string>
    modelPath(cl::Positional, cl::Required,
              cl::desc("<model: .nir, .mlir, .snnpb or .onnx>"),
              cl::cat(category));
cl::opt<std::string> targetName("target", cl::Required, cl::value_desc("NAME"),
                                cl::desc("Target to compile for"),
                                cl::cat(category));
cl::opt<std::string> outputDir("o", cl::Required, cl::value_desc("DIR"),
                               cl::desc("Output directory"), cl::cat(category));
cl::opt<std::string> calibration(
    "calibration", cl::value_desc("x.npy"),
    cl::desc("Choose quantization scales from the float model's activity; "
             "for an ANN (.onnx) the (N, ...) inputs --snn-convert-ann "
             "normalises with (required)"),
    cl::cat(category));
cl::opt<std::string> discretization("discretization", cl::init("euler"),
                                    cl::value_desc("euler|exact"),
                                    cl::desc("Integration rule"),
                                    cl::cat(category));

int fail(const Twine &message) {
  errs() << "snnc: error: " << message << "\n";
  return 1;
}

bool writeText(StringRef path, StringRef text) {
  std::error_code ec;
  raw_fd_ostream out(path, ec);
  if (ec)
    return false;
  out << text;
  return true;
}
} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  static mlir::snn::NirCommandLine nir;
  cl::HideUnrelatedOptions({&category, &cl::getGeneralCategory()});
  cl::ParseCommandLineOptions(
      argc, argv,
      "snnc: compile a spiking network for a target\n\n"
      "  snnc model.nir --target=speck -o out/\n"
      "writes out/<model>.<target>.pb (the artifact; `snn-run` emulates it), "
      "its .pbtxt text form and <model>.<target>.report.{txt,json}.\n");

  mlir::snn::registerAllTargets();
  const mlir::snn::TargetDescription *target =
      mlir::snn::lookupTarget(targetName);
  if (!target)
    return fail("unknown target '" + targetName + "'; known targets: " +
                join(mlir::snn::registeredTargetNames(), ", "));
  std::optional<mlir::snn::NirImportOptions> nirOptions = nir.toOptions();
  if (!nirOptions)
    return 1;
  if (std::error_code ec = sys::fs::create_directories(outputDir))
    return fail(outputDir + ": cannot create directory: " + ec.message());

  mlir::MLIRContext context;
  context.printOpOnDiagnostic(false);
  std::vector<std::string> report;
  bool failedDiagnostic = false;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Remark) {
      report.push_back(d.str());
      return mlir::success();
    }
    failedDiagnostic |= d.getSeverity() == mlir::DiagnosticSeverity::Error;
    mlir::snn::printToolDiagnostic("snnc", d);
    return mlir::success();
  });

  outs() << "[1/5] importing " << modelPath << "\n";
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::snn::loadModule(modelPath, &context, *nirOptions);
  if (!module)
    return 1;
  // An ANN (.onnx, snn.ann) becomes spiking first; --calibration is then its
  // calibration set (ANN inputs), not spike trains for the quantizer.
  bool ann = llvm::any_of(module->getOps<mlir::snn::NetworkOp>(),
                          mlir::snn::isAnnNetwork);
  if (ann) {
    outs() << "      an ANN: converting it to spiking neurons "
              "(--snn-convert-ann)\n";
    if (failed(mlir::snn::convertAnnToSnn(*module, modelPath, calibration)))
      return 1;
  }
  auto stage = [&](StringRef what,
                   function_ref<void(mlir::PassManager &)> add) {
    outs() << what << "\n";
    mlir::PassManager pm(&context);
    add(pm);
    return succeeded(pm.run(*module));
  };
  if (!stage("[2/5] discretising (" + discretization + ")",
             [&](mlir::PassManager &pm) {
               mlir::snn::SNNDiscretizeOptions o;
               o.method = discretization;
               pm.addNestedPass<mlir::snn::NetworkOp>(
                   mlir::snn::createSNNDiscretize(o));
             }))
    return 1;
  if (!stage("[3/5] quantizing for " + targetName, [&](mlir::PassManager &pm) {
        mlir::snn::SNNQuantizeOptions o;
        o.target = targetName;
        o.calibration = ann ? "" : calibration.getValue();
        pm.addPass(mlir::snn::createSNNQuantize(o));
      }))
    return 1;
  bool coreMapped = target->arithmetic != mlir::snn::Arithmetic::Float &&
                    target->arithmetic != mlir::snn::Arithmetic::Analog;
  if (coreMapped && !stage("[4/5] mapping onto " + targetName + " cores",
                           [&](mlir::PassManager &pm) {
                             pm.addPass(mlir::snn::createSNNMap());
                           }))
    return 1;
  if (!coreMapped)
    outs() << "[4/5] mapping: " << targetName
           << " has no cores to assign (the artifact is the step plan)\n";

  std::string stem = sys::path::stem(modelPath).str();
  SmallString<128> base(outputDir);
  sys::path::append(base, stem + "." + targetName);
  std::string err;
  outs() << "[5/5] emitting " << base << ".pb\n";
  if (coreMapped) {
    snn::artifact::CoreMap map;
    if (failed(mlir::snn::exportCoreMap(*module, map)))
      return 1;
    for (const std::string &line : report)
      map.mutable_report()->add_notes(line);
    if (!snn::runtime::writeCoreMapFile((base + ".pb").str(), map, err) ||
        !snn::runtime::writeCoreMapFile((base + ".pbtxt").str(), map, err))
      return fail(err);
  } else {
    snn::plan::Plan plan;
    if (failed(mlir::snn::exportPlan(*module, plan)))
      return 1;
    if (!snn::runtime::writePlanFile((base + ".pb").str(), plan, err) ||
        !snn::runtime::writePlanFile((base + ".pbtxt").str(), plan, err))
      return fail(err);
  }
  std::string text = "snnc report: " + modelPath + " for " + targetName + " (" +
                     target->summary + ")\n";
  for (const std::string &line : report)
    text += "  " + line + "\n";
  json::Array lines;
  for (const std::string &line : report)
    lines.push_back(line);
  json::Object root{{"model", modelPath.getValue()},
                    {"target", targetName.getValue()},
                    {"report", std::move(lines)}};
  std::string jsonText;
  raw_string_ostream js(jsonText);
  js << formatv("{0:2}", json::Value(std::move(root))) << "\n";
  if (!writeText((base + ".report.txt").str(), text) ||
      !writeText((base + ".report.json").str(), js.str()))
    return fail(base + ".report.*: cannot write");
  outs() << text;
  outs() << "wrote " << base << ".pb, .pbtxt, .report.txt, .report.json\n";
  return failedDiagnostic ? 1 : 0;
}
