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
#include "runtime/artifact/BrainScaleS2File.h"
#include "runtime/artifact/CoreMapFile.h"
#include "runtime/artifact/Latency.h"
#include "runtime/engine/PlanFile.h"
#include "targets/common/TargetDescription.h"
#include "targets/gpusim/GpuPlanTuning.h"
#include "translate/ModelLoader.h"
#include "translate/Registration.h"
#include "translate/ToolDiagnostics.h"
#include "translate/bss2/Bss2Export.h"
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
    cl::desc("Choose quantization scales from the float model's activity "
             "and weigh core-to-core traffic by the quantized model's spike "
             "rates on this input; for an ANN (.onnx) the (N, ...) inputs "
             "--snn-convert-ann normalises with (required)"),
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
/// The output paths DIR/<model>.<target>.
std::string outputBase() {
  SmallString<128> base(outputDir);
  sys::path::append(base, sys::path::stem(modelPath).str() + "." +
                              targetName.getValue());
  return base.str().str();
}

/// Writes the report's text and JSON forms and prints the text.
int writeReport(const std::vector<std::string> &report, json::Object extra,
                StringRef summary, bool failedDiagnostic) {
  std::string base = outputBase();
  std::string text = "snnc report: " + modelPath + " for " + targetName + " (" +
                     summary.str() + ")\n";
  for (const std::string &line : report)
    text += "  " + line + "\n";
  json::Array lines;
  for (const std::string &line : report)
    lines.push_back(line);
  json::Object root{{"model", modelPath.getValue()},
                    {"target", targetName.getValue()},
                    {"report", std::move(lines)}};
  for (auto &entry : extra)
    root[entry.first] = std::move(entry.second);
  std::string jsonText;
  raw_string_ostream js(jsonText);
  js << formatv("{0:2}", json::Value(std::move(root))) << "\n";
  if (!writeText(base + ".report.txt", text) ||
      !writeText(base + ".report.json", js.str()))
    return fail(base + ".report.*: cannot write");
  outs() << text;
  outs() << "wrote " << base << ".pb, .pbtxt, .report.txt, .report.json\n";
  return failedDiagnostic ? 1 : 0;
}

cl::opt<double> timeScale("time-scale", cl::init(0.0), cl::value_desc("K"),
                          cl::desc("brainscales2: hardware time per model "
                                   "time over 1/1000 (0: choose)"),
                          cl::cat(category));
cl::opt<double> vScale("v-scale", cl::init(0.0), cl::value_desc("LSB"),
                       cl::desc("brainscales2: CADC LSB per model potential "
                                "unit (0: choose per population)"),
                       cl::cat(category));

/// The analog flow: lower (translation and placement in one pass), emit the
/// parameter set, and report what the chip got.
int compileAnalog(
    mlir::ModuleOp module,
    function_ref<bool(StringRef, function_ref<void(mlir::PassManager &)>)>
        stage,
    std::vector<std::string> &report, bool &failedDiagnostic) {
  if (!stage("[3/5] lowering to " + targetName +
                 " analog parameters (hardware units, 6-bit rows)",
             [&](mlir::PassManager &pm) {
               mlir::snn::SNNLowerBrainScaleSOptions o;
               o.timeScale = timeScale;
               o.vScale = vScale;
               pm.addPass(mlir::snn::createSNNLowerBrainScaleS(o));
             }))
    return 1;
  snn::artifact::bss2::ParameterSet set;
  if (failed(mlir::snn::exportBss2(module, set)))
    return 1;
  std::string execution = snn::artifact::bss2::Execution_Name(set.execution());
  outs() << "[4/5] placed onto " << set.partitions_size()
         << (set.execution() == snn::artifact::bss2::SEQUENTIAL_PARTITIONS
                 ? " sequential partition(s) of one chip"
                 : " chip(s)")
         << " (" << execution << ")\n";
  std::string base = outputBase();
  outs() << "[5/5] emitting " << base << ".pb\n";
  set.mutable_provenance()->set_source_model(
      sys::path::filename(modelPath).str());
  set.mutable_provenance()->set_producer("snnc");
  for (const std::string &line : report)
    set.mutable_report()->add_notes(line);
  std::string err;
  if (!snn::runtime::writeBss2File(base + ".pb", set, err) ||
      !snn::runtime::writeBss2File(base + ".pbtxt", set, err))
    return fail(err);
  // The machine-readable summary: resources, and per population the first
  // neuron's targets and nominal codes (one line each in the text report).
  json::Array usage, pops;
  for (const auto &u : set.report().usage()) {
    usage.push_back(json::Object{{"resource", u.resource()},
                                 {"used", u.used()},
                                 {"capacity", u.capacity()}});
    report.push_back(
        formatv("{0}: {1} of {2}", u.resource(), u.used(), u.capacity()));
  }
  for (int p = 0; p < set.populations_size(); ++p) {
    const auto &pop = set.populations(p);
    const snn::artifact::bss2::NeuronCircuit *first = nullptr;
    for (const auto &part : set.partitions())
      for (const auto &c : part.circuits())
        if (c.population() == static_cast<uint32_t>(p) && c.index() == 0)
          first = &c;
    const auto &t = first->targets();
    const auto &c = first->codes();
    pops.push_back(json::Object{
        {"name", pop.name()},
        {"size", pop.size()},
        {"model_v_per_lsb", pop.model_v_per_lsb()},
        {"v_zero_lsb", pop.v_zero_lsb()},
        {"model_weight_per_code", pop.model_weight_per_code()},
        {"targets", json::Object{{"tau_mem_us", t.tau_mem_us()},
                                 {"tau_syn_us", t.tau_syn_exc_us()},
                                 {"leak_lsb", t.leak_lsb()},
                                 {"reset_lsb", t.reset_lsb()},
                                 {"threshold_lsb", t.threshold_lsb()},
                                 {"refractory_us", t.refractory_us()},
                                 {"syn_gain", t.syn_gain_exc()}}},
        {"codes",
         json::Object{{"tau_mem", c.tau_mem()},
                      {"tau_syn", c.tau_syn_exc()},
                      {"leak", c.leak()},
                      {"reset", c.reset()},
                      {"threshold", c.threshold()},
                      {"syn_gain", c.syn_gain_exc()},
                      {"refractory_counter", c.refractory_counter()}}}});
    report.push_back(formatv(
        "codes of '{0}' (neuron 0): tau_mem {1}, tau_syn {2}, leak {3}, "
        "reset {4}, threshold {5}, syn_gain {6}, refractory counter {7}",
        pop.name(), c.tau_mem(), c.tau_syn_exc(), c.leak(), c.reset(),
        c.threshold(), c.syn_gain_exc(), c.refractory_counter()));
  }
  report.push_back(formatv("largest weight error after the 6-bit split: {0} "
                           "(model units)",
                           set.report().max_weight_error()));
  json::Object extra{
      {"brainscales2",
       json::Object{{"execution", execution},
                    {"partitions", set.partitions_size()},
                    {"time_acceleration", set.time_acceleration()},
                    {"usage", std::move(usage)},
                    {"populations", std::move(pops)},
                    {"max_weight_error", set.report().max_weight_error()}}}};
  const mlir::snn::TargetDescription *target =
      mlir::snn::lookupTarget(targetName);
  return writeReport(report, std::move(extra), target->summary,
                     failedDiagnostic);
}
} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  static mlir::snn::NirCommandLine nir;
  cl::HideUnrelatedOptions({&category, &mlir::snn::nirOptionCategory()});
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
  bool analog = target->arithmetic == mlir::snn::Arithmetic::Analog;
  if (analog)
    return compileAnalog(*module, stage, report, failedDiagnostic);
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
                             // --calibration also gives the spike rates
                             // that weigh the partitioner's traffic.
                             mlir::snn::SNNMapOptions o;
                             o.rates = ann ? "" : calibration.getValue();
                             pm.addPass(mlir::snn::createSNNMap(o));
                           }))
    return 1;
  if (!coreMapped)
    outs() << "[4/5] mapping: " << targetName
           << " has no cores to assign (the artifact is the step plan)\n";

  std::string base = outputBase();
  std::string err;
  outs() << "[5/5] emitting " << base << ".pb\n";
  json::Object latency;
  if (coreMapped) {
    snn::artifact::CoreMap map;
    if (failed(mlir::snn::exportCoreMap(*module, map)))
      return 1;
    // Latency without a run: the spike-driven part (synaptic ops, routes)
    // needs one (snn-run prints it); every step costs at least the busiest
    // core's neuron updates and the barrier.
    const snn::artifact::Report &figures = map.report();
    snn::runtime::LatencyEstimate floor =
        snn::runtime::estimateLatency(map, {}, 1, 1);
    std::string line;
    if (!floor.known) {
      line = "latency: unknown (" + targetName +
             " publishes no time per "
             "event)";
      latency["known"] = false;
    } else if (floor.fixedStep) {
      line = "latency: " + snn::runtime::latencyFigures(figures) +
             ", so an inference takes its steps x the step time";
      latency["step_seconds"] = figures.step_ns() * 1e-9;
    } else {
      line = "latency: at least " +
             formatv("{0:f3}", floor.seconds * 1e6).str() +
             " us per step (busiest core's neuron updates and the barrier); "
             "the spike-driven part needs a run (snn-run prints it); "
             "figures: " +
             snn::runtime::latencyFigures(figures);
      latency["min_step_seconds"] = floor.seconds;
      latency["needs_run"] = true;
    }
    if (floor.known)
      latency["figures"] = snn::runtime::latencyFigures(figures);
    if (!figures.figures_source().empty()) {
      line += "; source: " + figures.figures_source();
      latency["source"] = figures.figures_source();
    }
    report.push_back(line);
    for (const std::string &line : report)
      map.mutable_report()->add_notes(line);
    if (!snn::runtime::writeCoreMapFile(base + ".pb", map, err) ||
        !snn::runtime::writeCoreMapFile(base + ".pbtxt", map, err))
      return fail(err);
  } else {
    snn::plan::Plan plan;
    if (failed(mlir::snn::exportPlan(*module, plan)))
      return 1;
    // The gpusim artifact carries the CUDA engine's layout hints.
    if (targetName == "gpusim" && !snn::gpusim::tunePlanForGpu(plan, err))
      return fail(err);
    if (!snn::runtime::writePlanFile(base + ".pb", plan, err) ||
        !snn::runtime::writePlanFile(base + ".pbtxt", plan, err))
      return fail(err);
  }
  json::Object extra;
  if (!latency.empty())
    extra["latency"] = std::move(latency);
  return writeReport(report, std::move(extra), target->summary,
                     failedDiagnostic);
}
