//===- snn-run.cpp - Simulate a spiking network
//----------------------------===//
//
// snn-run MODEL --input X.npy [--steps N] [--record=a,b:v] --output-dir DIR
//
// MODEL is a NIR file, snn MLIR, .snnpb, ONNX, or a compiled plan. Models go
// through the compiler (import, --snn-discretize, plan emission) first; a
// plan goes straight to the runtime. --ann evaluates an ANN (.onnx, or a
// network marked snn.ann) in one pass; --static-input holds a (B, ...) input
// constant over --steps.
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
#include "runtime/artifact/Latency.h"
#include "runtime/cuda/MemoryEstimate.h"
#include "runtime/cuda/Placement.h"
#include "runtime/engine/PlanFile.h"
#include "runtime/io/Npy.h"
#include "targets/gpusim/GpuPlanTuning.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#ifdef SNN_HAVE_CUDA
#include "runtime/cuda/CudaEngine.h"
#include "runtime/cuda/NeuronKernels.h"
#endif

#include <chrono>
#include <cstdio>
#include <set>
#include <thread>

using namespace llvm;
using namespace snn;

namespace {
cl::OptionCategory category("snn-run options");
cl::opt<std::string> modelPath(
    cl::Positional, cl::Required,
    cl::desc("<model: .nir, .mlir, .snnpb, .onnx, a plan, a core map or a "
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
             "on this input. For an ANN (.onnx) run as spikes: the (N, ...) "
             "inputs --snn-convert-ann calibrates on (required)"),
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
cl::opt<bool> annMode(
    "ann",
    cl::desc("Evaluate an ANN (.onnx, or a network marked snn.ann) in one "
             "pass, no spikes: --input is (B, ...), the ONNX input shape; "
             "writes DIR/<output>.npy of shape (B, ...)"),
    cl::init(false), cl::cat(category));
cl::opt<bool> staticInput(
    "static-input",
    cl::desc("The input is (B, ...) without a time axis: present it as a "
             "constant input current at each of the --steps steps"),
    cl::init(false), cl::cat(category));
cl::opt<std::string> labelsPath(
    "labels", cl::value_desc("labels.npy"),
    cl::desc("Class index per batch item, shape (B,) (int64, int32 or "
             "float): prints accuracy=<fraction> of the predicted classes "
             "(arg-max of the first output summed over time, lowest index "
             "on ties)"),
    cl::cat(category));
cl::opt<std::string> deviceName(
    "device", cl::init("auto"), cl::value_desc("cpu|cuda|auto"),
    cl::desc("Engine: cpu, cuda (same results on the GPU), or auto (cuda "
             "when a CUDA device is present, else cpu; prints which)"),
    cl::cat(category));
cl::opt<bool> dryRun(
    "dry-run", cl::init(false),
    cl::desc("Print the bytes the run needs per component (weights, state, "
             "spike buffers, recordings, inputs) and device, then exit "
             "without running"),
    cl::cat(category));
cl::opt<bool> quiet("quiet", cl::init(false),
                    cl::desc("Print no progress or summary"),
                    cl::cat(category));

int fail(const std::string &message) {
  errs() << "snn-run: error: " << message << "\n";
  return 1;
}

/// Options that do not combine with --ann / --static-input; "" if fine.
std::string staticOptionProblem() {
  if (annMode && staticInput)
    return "--ann already holds the input for its one pass; drop "
           "--static-input";
  if (annMode && (steps.getNumOccurrences() || !targetName.empty() ||
                  !compareWith.empty() || !calibration.empty()))
    return "--ann evaluates the ANN in one float pass; --steps, --target, "
           "--compare and --calibration do not apply";
  if (staticInput && steps < 0)
    return "--static-input needs --steps N (how long to present the input)";
  if (staticInput && !compareWith.empty())
    return "--compare does not support --static-input yet";
  return "";
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
    if (plan.ann() != annMode) {
      fail(modelPath + (plan.ann() ? ": the plan is an ANN; run it with --ann"
                                   : ": --ann needs an ANN plan; this plan "
                                     "is a spiking network"));
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
                     ".onnx, or a plan or core map (.pb, .plan, .pbtxt)");
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
  return succeeded(mlir::snn::compileModelToPlan(
      modelPath, &context, *nirOptions, pipeline, plan,
      annMode ? mlir::snn::AnnMode::OnePass : mlir::snn::AnnMode::Spiking));
}
/// Whether the CUDA engine can run here; otherwise false with `why`.
bool cudaUsable(std::string &why) {
#ifdef SNN_HAVE_CUDA
  return runtime::cuda::deviceAvailable(why);
#else
  why = "this snn-run was built without CUDA (no nvcc when it was "
        "configured)";
  return false;
#endif
}

/// Prints the --dry-run table: the CPU engine's memory, or the host and
/// device sides of a CUDA run.
int printDryRun(const plan::Plan &plan, bool cuda,
                const std::vector<runtime::Tensor> &inputs,
                const runtime::RunOptions &options) {
  std::string err;
  std::vector<runtime::NodeLayout> layouts;
  std::vector<runtime::cuda::NodePlacement> placements;
  if (!runtime::validatePlan(plan, layouts, err) ||
      !runtime::cuda::placeNodes(plan, layouts, placements, err))
    return fail(modelPath + ": invalid plan: " + err);
  runtime::cuda::RunShape run;
  run.batch = inputs.empty() ? 1 : inputs[0].shape[0];
  run.length = inputs.empty() ? 0 : inputs[0].shape[1];
  run.steps = options.steps < 0 ? run.length : options.steps;
  if (!runtime::cuda::recordSizes(plan, layouts, options.record,
                                  run.recordNumel, err))
    return fail(err);
  std::vector<std::pair<std::string, runtime::cuda::MemoryParts>> columns;
  if (cuda) {
    int64_t group = plan.gpu().batch()
                        ? std::min<int64_t>(plan.gpu().batch(), run.batch)
                        : run.batch;
    columns.push_back(
        {"host", runtime::cuda::estimateHost(plan, layouts, run, 0)});
    columns.push_back({"cuda", runtime::cuda::estimateCuda(
                                   plan, layouts, placements, run, group)});
  } else {
    unsigned workers =
        threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    columns.push_back({"cpu", runtime::cuda::estimateHost(
                                  plan, layouts, run,
                                  std::min<int64_t>(workers, run.batch))});
  }
  outs() << "memory estimate for '" << plan.name() << "' (batch " << run.batch
         << ", " << run.steps << " steps), bytes:\n";
  outs() << format("  %-14s", static_cast<const char *>("component"));
  for (auto &c : columns)
    outs() << format(" %14s", c.first.c_str());
  outs() << "\n";
  auto row = [&](const char *name,
                 int64_t (*get)(const runtime::cuda::MemoryParts &)) {
    outs() << format("  %-14s", name);
    for (auto &c : columns)
      outs() << format(" %14lld", static_cast<long long>(get(c.second)));
    outs() << "\n";
  };
  using P = runtime::cuda::MemoryParts;
  row("weights", [](const P &m) { return m.weights; });
  row("state", [](const P &m) { return m.state; });
  row("spike buffers", [](const P &m) { return m.spikeBuffers; });
  row("recordings", [](const P &m) { return m.recordings; });
  row("inputs", [](const P &m) { return m.inputs; });
  row("total", [](const P &m) { return m.total(); });
#ifdef SNN_HAVE_CUDA
  if (cuda) {
    runtime::cuda::DeviceInfo info;
    if (runtime::cuda::queryDevice(info, err))
      outs() << "cuda device " << info.name << ": "
             << runtime::cuda::formatBytes(info.freeBytes) << " free\n";
    else
      outs() << "cuda: not checked against a device (" << err << ")\n";
  }
#endif
  return 0;
}
} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  static mlir::snn::NirCommandLine nir;
  cl::HideUnrelatedOptions({&category, &mlir::snn::nirOptionCategory()});
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

  if (std::string problem = staticOptionProblem(); !problem.empty())
    return fail(problem);
  // Labels are checked before the (possibly long) run.
  runtime::Tensor labels;
  std::string err;
  if (!labelsPath.empty() && !runtime::readNpy(labelsPath, labels, err))
    return fail(err);
  plan::Plan plan;
  if (!loadPlan(modelPath, nir, targetName, plan))
    return 1;
  // --target=gpusim runs the artifact snnc writes: the plan with its hints.
  if (targetName == "gpusim" && !gpusim::tunePlanForGpu(plan, err))
    return fail(modelPath + ": invalid plan: " + err);
  if (!targetName.empty() && compareWith.empty() && !quiet)
    outs() << "target: " << targetName << "\n";
  if (!emitPlan.empty() && !runtime::writePlanFile(emitPlan, plan, err))
    return fail(err);
  // The engine: cpu, cuda, or auto (cuda when a device is present).
  bool useCuda = false;
  std::string why;
  if (deviceName == "cuda") {
    // A dry run only sizes the run, which needs no device.
    if (!cudaUsable(why) && !dryRun)
      return fail("--device=cuda: " + why + "; use --device=cpu");
    useCuda = true;
  } else if (deviceName == "auto") {
    useCuda = cudaUsable(why);
    if (!quiet && !dryRun)
      outs() << "device: " << (useCuda ? "cuda" : "cpu (" + why + ")") << "\n";
  } else if (deviceName != "cpu") {
    return fail("--device must be cpu, cuda or auto, got '" + deviceName + "'");
  }
  std::unique_ptr<runtime::Engine> engine = runtime::Engine::create(plan, err);
  if (!engine)
    return fail(modelPath + ": invalid plan: " + err);
#ifdef SNN_HAVE_CUDA
  std::unique_ptr<runtime::cuda::CudaEngine> cudaEngine;
  if (useCuda && !dryRun) {
    cudaEngine = runtime::cuda::CudaEngine::create(plan, err);
    if (!cudaEngine)
      return fail(modelPath + ": invalid plan: " + err);
  }
#endif

  std::vector<runtime::Tensor> inputs;
  bool batched = false;
  bool held = annMode || staticInput; // (B, ...) inputs, no time axis.
  if (held) {
    batched = true;
    if (!tools::loadStaticInputs(plan, {inputPaths.begin(), inputPaths.end()},
                                 inputs, err))
      return fail(err);
  } else if (!tools::loadInputs(plan, {inputPaths.begin(), inputPaths.end()},
                                inputs, batched, err)) {
    return fail(err);
  }
  int64_t batch = inputs[0].shape[0];
  int64_t total = annMode      ? 1
                  : steps >= 0 ? static_cast<int64_t>(steps)
                               : inputs[0].shape[1];
  if (!labelsPath.empty() && plan.outputs_size() == 0)
    return fail("--labels needs a network with an output");

  runtime::RunOptions options;
  options.steps = total;
  options.staticInput = held;
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
    // About one line a second, and the last one.
    auto last = std::chrono::steady_clock::now();
    options.progress = [tty, last](int64_t done, int64_t all) mutable {
      auto now = std::chrono::steady_clock::now();
      if (done != all && now - last < std::chrono::seconds(1))
        return;
      last = now;
      errs() << (tty ? "\r" : "") << "snn-run: step " << done << "/" << all
             << (tty ? "" : "\n");
      if (tty && done == all)
        errs() << "\n";
    };
  }
  if (dryRun)
    return printDryRun(plan, useCuda, inputs, options);
  auto start = std::chrono::steady_clock::now();
  runtime::RunResult result;
#ifdef SNN_HAVE_CUDA
  if (cudaEngine) {
    if (!cudaEngine->run(inputs, options, result, err))
      return fail(err);
  } else
#endif
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
      if (annMode) // One pass: no step axis.
        tensor.shape.erase(tensor.shape.begin() + 1);
      SmallString<128> path(outputDir);
      sys::path::append(path, name + ".npy");
      if (!runtime::writeNpy(path.str().str(), tensor, err))
        return fail(err);
      if (!quiet)
        outs() << "wrote " << path << " "
               << runtime::shapeToString(tensor.shape) << "\n";
    }
  }
  if (!quiet && annMode) {
    outs() << "model: " << modelPath << " (ANN '" << plan.name()
           << "', one pass, batch " << batch << ", " << format("%.3f", seconds)
           << " s)\n";
    tools::printAnnReport(outs(), result, batch);
  } else if (!quiet) {
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
    // Times in the unit that keeps them readable (us, ms or s).
    auto time = [](double seconds) {
      char buffer[32];
      if (seconds >= 1)
        std::snprintf(buffer, sizeof buffer, "%.4g s", seconds);
      else if (seconds >= 1e-3)
        std::snprintf(buffer, sizeof buffer, "%.4g ms", seconds * 1e3);
      else
        std::snprintf(buffer, sizeof buffer, "%.4g us", seconds * 1e6);
      return std::string(buffer);
    };
    runtime::LatencyEstimate l =
        runtime::estimateLatency(*loadedCoreMap, result.records, total, batch);
    const auto &report = loadedCoreMap->report();
    if (!l.known) {
      outs() << "latency estimate: unknown (" << loadedCoreMap->target()
             << " publishes no time per event)\n";
    } else {
      outs() << "latency estimate from " << loadedCoreMap->target()
             << "'s figures (per batch item): " << time(l.seconds) << " over "
             << total << " steps";
      if (!l.fixedStep)
        outs() << " (busiest cores " << time(l.computeSeconds)
               << ", longest routes " << time(l.routeSeconds) << ", barriers "
               << time(l.syncSeconds) << "; slowest step "
               << time(l.slowestStepSeconds) << ")";
      if (!l.missing.empty())
        outs() << "; not counted, no published figure: "
               << join(l.missing, ", ");
      outs() << "\n";
      outs() << "  figures: " << runtime::latencyFigures(report) << "\n";
    }
    if (!report.figures_source().empty())
      outs() << "  source: " << report.figures_source() << "\n";
  }
  if (!labelsPath.empty()) {
    const runtime::Tensor &out = result.outputs.front().second;
    std::vector<int64_t> predicted = tools::predictedClasses(out, batch, total);
    int64_t classes = out.numel() / std::max<int64_t>(1, batch * total);
    double accuracy = 0.0;
    int64_t correct = 0;
    if (!tools::labelAccuracy(labels, labelsPath, predicted, classes, accuracy,
                              correct, err))
      return fail(err);
    outs() << "accuracy=" << format("%.6f", accuracy) << " (" << correct << "/"
           << batch << " correct, output '" << result.outputs.front().first
           << "')\n";
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
