//===- snn-run.cpp - Simulate a spiking network
//----------------------------===//
//
// snn-run MODEL --input X.npy [--steps N] [--record=a,b:v] --output-dir DIR
//
// MODEL is a NIR file, snn MLIR, or a compiled plan. NIR and MLIR go through
// the compiler (import, --snn-discretize, plan emission) first; a plan goes
// straight to the runtime.
//
//===----------------------------------------------------------------------===//
#include "tools/snn-run/Compare.h"
#include "tools/snn-run/CompareInputs.h"
#include "tools/snn-run/RunBrainScaleS2.h"
#include "tools/snn-run/RunInputs.h"
#include "tools/snn-run/RunReport.h"
#include "translate/ModelLoader.h"
#include "translate/Registration.h"
#include "translate/ToolDiagnostics.h"

#include "runtime/artifact/BrainScaleS2File.h"
#include "runtime/artifact/CoreMapFile.h"
#include "runtime/artifact/Energy.h"
#include "runtime/engine/PlanFile.h"
#include "runtime/io/Npy.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <set>

using namespace llvm;
using namespace snn;

namespace {
cl::OptionCategory category("snn-run options");
cl::opt<std::string>
    modelPath(cl::Positional, cl::Required,
              cl::desc("<model: .nir, .mlir, .snnpb, a plan, a core map or a "
                       "BrainScaleS-2 parameter set (.pb/.pbtxt)>"),
              cl::cat(category));
cl::list<std::string> inputPaths(
    "input", cl::CommaSeparated, cl::Required, cl::value_desc("x.npy[,y.npy]"),
    cl::desc("Input spikes/currents, one .npy per network input, shape "
             "(T, ...) or (B, T, ...)"),
    cl::cat(category));
cl::opt<int64_t> steps("steps", cl::init(-1), cl::value_desc("N"),
                       cl::desc("Steps to simulate (default: the input's T; "
                                "past T the input is zero)"),
                       cl::cat(category));
cl::list<std::string> records(
    "record", cl::CommaSeparated, cl::value_desc("NAME[,NAME:v,NAME:i]"),
    cl::desc("Signals to record: a node's output, ':v' its membrane after "
             "reset, ':i' its synaptic current (default: the outputs)"),
    cl::cat(category));
cl::opt<std::string> outputDir("output-dir", cl::value_desc("DIR"),
                               cl::desc("Write each recorded signal to "
                                        "DIR/NAME.npy"),
                               cl::cat(category));
cl::opt<std::string> discretization(
    "discretization", cl::init("euler"), cl::value_desc("euler|exact"),
    cl::desc("Integration rule for NIR/MLIR models (see --snn-discretize)"),
    cl::cat(category));
cl::opt<std::string> emitPlan("emit-plan", cl::value_desc("FILE"),
                              cl::desc("Also save the compiled plan (.pb "
                                       "binary, .pbtxt text)"),
                              cl::cat(category));
cl::opt<std::string> targetName(
    "target", cl::value_desc("NAME"),
    cl::desc("Run with this target's quantization and bit-accurate "
             "arithmetic (loihi, loihi2, spinnaker, spinnaker2, speck, "
             "brainscales2, gpusim)"),
    cl::cat(category));
cl::opt<double> vScale("v-scale", cl::init(0.0), cl::value_desc("units"),
                       cl::desc("With --target: integer state units per float "
                                "unit (default: chosen per layer)"),
                       cl::cat(category));
cl::opt<std::string> weightExp(
    "weight-exp", cl::init("auto"), cl::value_desc("auto|N"),
    cl::desc("With --target (loihi arithmetic): the shared weight exponent"),
    cl::cat(category));
cl::opt<std::string>
    decayRounding("decay-rounding", cl::init("nearest"),
                  cl::value_desc("nearest|floor"),
                  cl::desc("With --target: how decay factors become integers"),
                  cl::cat(category));
cl::opt<std::string> calibration(
    "calibration", cl::value_desc("x.npy"),
    cl::desc("With --target: choose scales from the float model's activity "
             "on this input"),
    cl::cat(category));
cl::opt<std::string> compareWith(
    "compare", cl::value_desc("float|DIR"),
    cl::desc("Compare the run with the float model, or with DIR/NAME.npy "
             "recordings; prints a table, writes compare.json, exits 2 "
             "beyond --tolerance"),
    cl::cat(category));
cl::opt<double> tolerance(
    "tolerance", cl::init(0.3), cl::value_desc("fraction"),
    cl::desc("Largest spike-count error per compared signal, as a fraction "
             "of the reference's spikes (default 0.3); every output class "
             "must also agree"),
    cl::cat(category));
cl::opt<unsigned>
    threads("num-threads", cl::init(0),
            cl::desc("Worker threads over the batch (default: all cores)"),
            cl::cat(category));
cl::opt<uint64_t>
    mismatchSeed("mismatch-seed", cl::init(0), cl::value_desc("N"),
                 cl::desc("BrainScaleS-2 artifact: seed of the emulated chip's "
                          "fixed-pattern mismatch (same seed, same chip)"),
                 cl::cat(category));
cl::opt<bool> calibrated(
    "calibrated", cl::init(true),
    cl::desc("BrainScaleS-2 artifact: calibrate each circuit's codes to its "
             "targets (default); =false runs the nominal codes on the "
             "mismatched chip"),
    cl::cat(category));
cl::opt<bool> mismatch("mismatch", cl::init(true),
                       cl::desc("BrainScaleS-2 artifact: =false emulates a "
                                "chip without mismatch"),
                       cl::cat(category));
cl::opt<int> substeps("substeps", cl::init(50), cl::value_desc("N"),
                      cl::desc("BrainScaleS-2 artifact: integration sub-steps "
                               "per model step (default 50)"),
                      cl::cat(category));
cl::opt<std::string> referenceModel(
    "reference-model", cl::value_desc("MODEL"),
    cl::desc("BrainScaleS-2 artifact with --compare=float: the .nir/.mlir "
             "model it was compiled from"),
    cl::cat(category));
cl::opt<bool> quiet("quiet", cl::init(false),
                    cl::desc("Print no progress or summary"),
                    cl::cat(category));

int fail(const std::string &message) {
  errs() << "snn-run: error: " << message << "\n";
  return 1;
}

/// The core map MODEL was, when it was one (for the energy estimate).
std::optional<artifact::CoreMap> loadedCoreMap;

/// Compiles or loads `modelPath` into a plan, for `target` ("" = float).
bool loadPlan(const std::string &modelPath,
              const mlir::snn::NirCommandLine &nir, const std::string &target,
              plan::Plan &plan) {
  if (!sys::fs::exists(modelPath)) {
    fail(modelPath + ": no such file");
    return false;
  }
  std::string err;
  mlir::snn::ModelKind kind = mlir::snn::detectModelKind(modelPath);
  if (kind == mlir::snn::ModelKind::Plan) {
    if (!target.empty()) {
      fail(modelPath + ": a compiled plan already fixes its arithmetic; "
                       "--target and --compare=float need the .nir or .mlir "
                       "model");
      return false;
    }
    if (!runtime::loadPlanFile(modelPath, plan, err)) {
      fail(err);
      return false;
    }
    return true;
  }
  if (kind == mlir::snn::ModelKind::CoreMap) {
    if (!target.empty()) {
      fail(modelPath + ": a core map already fixes its target; --target and "
                       "--compare=float need the .nir or .mlir model");
      return false;
    }
    artifact::CoreMap map;
    int64_t undelivered = 0;
    if (!runtime::loadCoreMapFile(modelPath, map, err) ||
        !runtime::emulationPlan(map, plan, undelivered, err)) {
      fail(modelPath + ": " + err);
      return false;
    }
    if (!quiet)
      outs() << "emulating the " << map.target()
             << " core map: " << map.cores_size()
             << " cores, spikes delivered through its "
             << "routing\n";
    loadedCoreMap = map;
    if (undelivered)
      errs() << "snn-run: warning: " << undelivered
             << " connection(s) between cores have no route in the core map; "
                "they deliver nothing\n";
    return true;
  }
  if (kind == mlir::snn::ModelKind::Unknown) {
    fail(modelPath + ": unknown model format; expected .nir, .mlir, .snnpb, "
                     "or a plan or core map (.pb, .plan, .pbtxt)");
    return false;
  }
  std::optional<mlir::snn::NirImportOptions> nirOptions = nir.toOptions();
  if (!nirOptions)
    return false;
  if (discretization != "euler" && discretization != "exact") {
    fail("--discretization must be euler or exact, got '" + discretization +
         "'");
    return false;
  }
  mlir::MLIRContext context;
  // Compiler diagnostics go to stderr as "location: severity: message".
  // Diagnostics print the op they are about by default; users want the
  // message and the layer, which the location names.
  context.printOpOnDiagnostic(false);
  mlir::ScopedDiagnosticHandler handler(&context, [](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Remark) {
      // The quantization report: one line per layer.
      if (!quiet)
        errs() << "snn-run: " << d << "\n";
      return mlir::success();
    }
    mlir::snn::printToolDiagnostic("snn-run", d);
    return mlir::success();
  });
  if (decayRounding != "nearest" && decayRounding != "floor") {
    fail("--decay-rounding must be nearest or floor, got '" + decayRounding +
         "'");
    return false;
  }
  mlir::snn::ReferencePipelineOptions pipeline;
  pipeline.discretization = discretization;
  pipeline.target = target;
  pipeline.vScale = vScale;
  pipeline.weightExp = weightExp;
  pipeline.decayRounding = decayRounding;
  pipeline.calibration = calibration;
  return succeeded(mlir::snn::compileModelToPlan(modelPath, &context,
                                                 *nirOptions, pipeline, plan));
}
} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  static mlir::snn::NirCommandLine nir;
  cl::HideUnrelatedOptions({&category, &cl::getGeneralCategory()});
  cl::ParseCommandLineOptions(
      argc, argv,
      "snn-run: simulate a spiking network with the reference runtime\n\n"
      "  snn-run model.nir --input x.npy --output-dir out/\n"
      "writes out/<name>.npy per recorded signal, shape (T, ...) or "
      "(B, T, ...), and prints spike counts per layer and the predicted "
      "class (arg-max of each output summed over time).\n\n"
      "  snn-run model.bss2.pb --mismatch-seed=N [--calibrated=false] "
      "--input x.npy\n"
      "emulates a BrainScaleS-2 parameter set (snnc --target=brainscales2) "
      "on a chip with seeded fixed-pattern mismatch "
      "(docs/brainscales2-emulator.md).\n");

  // A BrainScaleS-2 parameter set is emulated in continuous time, not run
  // as a step plan.
  if (sys::fs::exists(modelPath) && runtime::isBss2File(modelPath)) {
    if (!targetName.empty() && targetName != "brainscales2")
      return fail(modelPath +
                  ": a BrainScaleS-2 parameter set runs only "
                  "with --target=brainscales2, not '" +
                  targetName + "'");
    if (!emitPlan.empty())
      return fail("--emit-plan: a BrainScaleS-2 parameter set has no step "
                  "plan");
    tools::Bss2RunArgs args;
    args.artifact = modelPath;
    args.inputs.assign(inputPaths.begin(), inputPaths.end());
    args.steps = steps;
    args.records.assign(records.begin(), records.end());
    args.outputDir = outputDir;
    args.seed = mismatchSeed;
    args.mismatch = mismatch;
    args.calibrated = calibrated;
    args.substeps = substeps;
    args.compareWith = compareWith;
    args.tolerance = tolerance;
    args.quiet = quiet;
    if (!referenceModel.empty())
      args.compileFloat = [&](plan::Plan &floatPlan) {
        return loadPlan(referenceModel, nir, "", floatPlan);
      };
    return tools::runBrainScaleS2(args, outs(), errs());
  }
  for (cl::Option *o : std::initializer_list<cl::Option *>{
           &mismatchSeed, &calibrated, &mismatch, &substeps, &referenceModel})
    if (o->getNumOccurrences())
      return fail("--" + o->ArgStr.str() +
                  " applies to BrainScaleS-2 parameter sets (.bss2.pb) only; " +
                  modelPath + " is not one");

  plan::Plan plan;
  if (!loadPlan(modelPath, nir, targetName, plan))
    return 1;
  if (!targetName.empty() && compareWith.empty() && !quiet)
    outs() << "target: " << targetName << "\n";
  std::string err;
  if (!emitPlan.empty() && !runtime::writePlanFile(emitPlan, plan, err))
    return fail(err);
  std::unique_ptr<runtime::Engine> engine = runtime::Engine::create(plan, err);
  if (!engine)
    return fail(modelPath + ": invalid plan: " + err);

  std::vector<runtime::Tensor> inputs;
  bool batched = false;
  if (!tools::loadInputs(plan, {inputPaths.begin(), inputPaths.end()}, inputs,
                         batched, err))
    return fail(err);
  int64_t batch = inputs[0].shape[0];
  int64_t total = steps >= 0 ? static_cast<int64_t>(steps) : inputs[0].shape[1];

  runtime::RunOptions options;
  options.steps = total;
  options.threads = threads;
  if (records.empty())
    for (const plan::Output &o : plan.outputs())
      options.record.push_back(o.name());
  else
    options.record.assign(records.begin(), records.end());
  // What the user asked for is written; the rest is for the comparison and
  // the energy estimate.
  std::set<std::string> requested(options.record.begin(), options.record.end());
  if (loadedCoreMap)
    for (const std::string &name : tools::spikingNames(plan))
      if (std::find(options.record.begin(), options.record.end(), name) ==
          options.record.end())
        options.record.push_back(name);
  // A comparison looks at every layer's spikes unless told otherwise.
  if (!compareWith.empty() && records.empty())
    for (const plan::Node &node : plan.nodes())
      if (tools::isSpikingNode(node) &&
          std::find(options.record.begin(), options.record.end(),
                    node.name()) == options.record.end())
        options.record.push_back(node.name());
  bool tty = sys::Process::StandardErrIsDisplayed();
  if (!quiet && total * batch >= 5000) {
    options.progressEvery = std::max<int64_t>(1, total / 20);
    options.progress = [tty](int64_t done, int64_t all) {
      errs() << (tty ? "\r" : "") << "snn-run: step " << done << "/" << all
             << (tty ? "" : "\n");
      if (tty && done == all)
        errs() << "\n";
    };
  }
  auto start = std::chrono::steady_clock::now();
  runtime::RunResult result;
  if (!engine->run(inputs, options, result, err))
    return fail(err);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  std::optional<tools::Comparison> comparison;
  if (!compareWith.empty()) {
    std::map<std::string, runtime::Tensor> reference;
    if (!tools::referenceRecords(
            compareWith, options, inputs, batched,
            [&](plan::Plan &floatPlan) {
              return loadPlan(modelPath, nir, "", floatPlan);
            },
            reference, err))
      return fail(err);
    comparison = tools::compareRuns(
        options.record, result.records, reference, tools::stateScales(plan),
        tools::spikingNames(plan),
        [&] {
          std::vector<std::string> names;
          for (const plan::Output &o : plan.outputs())
            names.push_back(o.name());
          return names;
        }(),
        tolerance,
        compareWith == "float" ? std::string("the float model")
                               : compareWith.getValue());
  }

  if (!outputDir.empty()) {
    if (std::error_code ec = sys::fs::create_directories(outputDir))
      return fail(outputDir + ": cannot create directory: " + ec.message());
    for (auto &[name, tensor] : result.records) {
      if (!requested.count(name) && compareWith.empty())
        continue;
      if (!batched)
        tensor.shape.erase(tensor.shape.begin());
      SmallString<128> path(outputDir);
      sys::path::append(path, name + ".npy");
      if (!runtime::writeNpy(path.str().str(), tensor, err))
        return fail(err);
      if (!quiet)
        outs() << "wrote " << path << " "
               << runtime::shapeToString(tensor.shape) << "\n";
    }
  }
  if (!quiet) {
    outs() << "model: " << modelPath << " (network '" << plan.name() << "', dt "
           << plan.dt() << " s, " << total << " steps, batch " << batch << ", "
           << format("%.3f", seconds) << " s)\n";
    tools::printRunReport(outs(), plan, result, total, batch);
  }
  if (loadedCoreMap && !quiet) {
    runtime::EnergyEstimate e =
        runtime::estimateEnergy(*loadedCoreMap, result.records, total, batch);
    outs() << "energy estimate from " << loadedCoreMap->target()
           << "'s figures (per batch item): "
           << format("%.4g", e.joules / batch * 1e6) << " uJ ("
           << format("%.0f", e.neuronUpdates / batch) << " neuron updates, "
           << format("%.0f", e.synapticOps / batch) << " synaptic ops, "
           << format("%.0f", e.packets / batch) << " packets, "
           << format("%.0f", e.hops / batch) << " hops)";
    if (!e.missing.empty())
      outs() << "; not counted, no published figure: " << join(e.missing, ", ");
    outs() << "\n";
  }
  if (comparison) {
    tools::printComparison(outs(), *comparison);
    SmallString<128> path(outputDir.empty() ? "." : outputDir.getValue());
    sys::path::append(path, "compare.json");
    std::error_code ec;
    raw_fd_ostream json(path, ec);
    if (ec)
      return fail(path.str().str() + ": " + ec.message());
    json << tools::comparisonJson(*comparison);
    outs() << "wrote " << path << "\n";
    if (!comparison->pass)
      return 2;
  }
  return 0;
}
