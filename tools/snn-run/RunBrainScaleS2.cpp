//===- RunBrainScaleS2.cpp - snn-run on a BrainScaleS-2 artifact ----------===//
#include "tools/snn-run/RunBrainScaleS2.h"
#include "tools/snn-run/Compare.h"
#include "tools/snn-run/CompareInputs.h"
#include "tools/snn-run/RunInputs.h"
#include "tools/snn-run/RunReport.h"

#include "runtime/analog/Emulator.h"
#include "runtime/artifact/BrainScaleS2File.h"
#include "runtime/engine/Engine.h"
#include "runtime/io/Npy.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::analog;
namespace pb = snn::artifact::bss2;

namespace {
/// Every recordable signal of an emulation, (B, T, size) each: a
/// population's spikes under its name, aliases and output names, and its
/// membrane (model units) as NAME:v.
std::map<std::string, Tensor> recordsOf(const pb::ParameterSet &set,
                                        const Emulation &e, bool batched) {
  std::map<std::string, Tensor> records;
  auto batchFirst = [&](Tensor t) {
    if (!batched)
      t.shape.insert(t.shape.begin(), 1);
    return t;
  };
  for (int p = 0; p < set.populations_size(); ++p) {
    const pb::Population &pop = set.populations(p);
    records[pop.name()] = batchFirst(e.spikes[p]);
    records[pop.name() + ":v"] = batchFirst(e.voltages[p]);
    for (const std::string &alias : pop.aliases())
      records[alias] = batchFirst(e.spikes[p]);
  }
  for (const pb::NetworkOutput &o : set.outputs())
    records[o.name()] = batchFirst(e.spikes[o.population()]);
  return records;
}

/// Mean over neurons of |our spike count - reference count| (counts summed
/// over time and the batch); both (B, T, n).
double countErrorPerNeuron(const Tensor &ours, const Tensor &ref) {
  const int64_t n = ours.shape.back();
  if (ref.numel() != ours.numel() || n == 0)
    return NAN;
  std::vector<double> diff(n, 0.0);
  for (int64_t i = 0; i < ours.numel(); ++i)
    diff[i % n] += static_cast<double>(ours.data[i]) - ref.data[i];
  double sum = 0;
  for (double d : diff)
    sum += std::abs(d);
  return sum / n;
}

void printSpread(llvm::raw_ostream &os, const char *name, const Spread &s,
                 bool relative) {
  os << "  " << llvm::left_justify(name, 13);
  if (relative)
    os << llvm::format("mean %+7.2f %%  sd %6.2f %%  max |%6.2f| %%\n",
                       100 * s.mean, 100 * s.stddev, 100 * s.maxAbs);
  else
    os << llvm::format("mean %+7.2f LSB sd %6.2f LSB max |%6.2f| LSB\n", s.mean,
                       s.stddev, s.maxAbs);
}
} // namespace

int snn::tools::runBrainScaleS2(const Bss2RunArgs &args,
                                llvm::raw_ostream &outs,
                                llvm::raw_ostream &errs) {
  auto fail = [&](const std::string &message) {
    errs << "snn-run: error: " << message << "\n";
    return 1;
  };
  pb::ParameterSet set;
  std::string err;
  if (!loadBss2File(args.artifact, set, err))
    return fail(err);
  if (args.inputs.size() != static_cast<size_t>(set.inputs_size()))
    return fail(args.artifact + ": the artifact has " +
                std::to_string(set.inputs_size()) + " input(s) but " +
                std::to_string(args.inputs.size()) + " --input file(s) given");
  std::vector<Tensor> inputs(args.inputs.size());
  for (size_t k = 0; k < inputs.size(); ++k)
    if (!readNpy(args.inputs[k], inputs[k], err))
      return fail(err);
  if (args.compareWith == "float" && !args.compileFloat)
    return fail("--compare=float with a brainscales2 artifact needs "
                "--reference-model=MODEL (the .nir/.mlir it was compiled "
                "from" +
                (set.provenance().source_model().empty()
                     ? std::string(")")
                     : ": '" + set.provenance().source_model() + "')"));
  if (args.substeps < 1 || args.substeps > 10000)
    return fail("--substeps must be 1..10000, got " +
                std::to_string(args.substeps));

  EmulatorOptions options;
  options.seed = args.seed;
  options.mismatch = args.mismatch;
  options.calibrated = args.calibrated;
  options.substeps = args.substeps;
  Emulation emulation;
  if (!emulate(set, inputs, args.steps, options, emulation, err))
    return fail(args.inputs.size() == 1 ? args.inputs[0] + ": " + err : err);
  const Tensor &first = emulation.spikes.at(0);
  const bool batched = first.shape.size() == 3;
  const int64_t batch = batched ? first.shape[0] : 1;
  const int64_t steps = first.shape[batched ? 1 : 0];
  std::map<std::string, Tensor> records = recordsOf(set, emulation, batched);

  std::vector<std::string> wanted = args.records;
  if (wanted.empty())
    for (const pb::NetworkOutput &o : set.outputs())
      wanted.push_back(o.name());
  for (const std::string &name : wanted)
    if (!records.count(name)) {
      std::string known;
      for (const auto &[k, v] : records)
        known += (known.empty() ? "" : ", ") + k;
      return fail("--record=" + name + ": no such signal in " + args.artifact +
                  " (known: " + known + ")");
    }

  if (!args.outputDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(args.outputDir))
      return fail(args.outputDir +
                  ": cannot create directory: " + ec.message());
    for (const std::string &name : wanted) {
      Tensor t = records.at(name);
      if (!batched)
        t.shape.erase(t.shape.begin());
      llvm::SmallString<128> path(args.outputDir);
      llvm::sys::path::append(path, name + ".npy");
      if (!writeNpy(path.str().str(), t, err))
        return fail(err);
      if (!args.quiet)
        outs << "wrote " << path << " " << shapeToString(t.shape) << "\n";
    }
  }

  if (!args.quiet) {
    int64_t circuits = 0, rows = 0;
    for (const pb::Partition &p : set.partitions()) {
      circuits += p.circuits_size();
      rows += p.rows_size();
    }
    outs << "emulating the brainscales2 parameter set " << args.artifact << ": "
         << set.partitions_size() << " partition(s), " << circuits
         << " neuron circuits, " << rows << " synapse rows; "
         << (args.mismatch ? "mismatch seed " + std::to_string(args.seed)
                           : std::string("no mismatch"))
         << ", "
         << (args.calibrated ? "calibrated" : "uncalibrated (nominal codes)")
         << ", " << args.substeps << " sub-steps per step, " << steps
         << " steps, batch " << batch << "\n";
    outs << "spikes per population (summed over " << steps << " steps"
         << (batch > 1 ? " and the batch" : "") << "):\n";
    for (int p = 0; p < set.populations_size(); ++p) {
      double total = 0;
      for (float s : emulation.spikes[p].data)
        total += s;
      outs << "  " << llvm::left_justify(set.populations(p).name(), 12)
           << llvm::format("%6u neurons %8.0f spikes\n",
                           set.populations(p).size(), total);
    }
    for (const pb::NetworkOutput &o : set.outputs()) {
      const Tensor &t = records.at(o.name());
      const int64_t n = t.shape.back();
      for (int64_t b = 0; b < batch; ++b) {
        std::vector<double> sums(n, 0.0);
        for (int64_t i = 0; i < steps * n; ++i)
          sums[i % n] += t.data[b * steps * n + i];
        outs << "output '" << o.name() << "'"
             << (batch > 1 ? " [item " + std::to_string(b) + "]" : "")
             << " summed over time: [";
        for (int64_t i = 0; i < n && i < 32; ++i)
          outs << (i ? " " : "") << llvm::format("%g", sums[i]);
        outs << (n > 32 ? " ...]" : "]") << "\n";
        outs << "predicted class"
             << (batch > 1 ? " [item " + std::to_string(b) + "]" : "") << ": "
             << argMax(sums) << "\n";
      }
    }
    outs << "realised parameters vs targets over " << emulation.circuits.size()
         << " circuits:\n";
    printSpread(outs, "tau_mem", spread(emulation.circuits, Parameter::TauMem),
                true);
    printSpread(outs, "tau_syn_exc",
                spread(emulation.circuits, Parameter::TauSynExc), true);
    printSpread(outs, "tau_syn_inh",
                spread(emulation.circuits, Parameter::TauSynInh), true);
    printSpread(outs, "syn_gain_exc",
                spread(emulation.circuits, Parameter::SynGainExc), true);
    printSpread(outs, "leak", spread(emulation.circuits, Parameter::Leak),
                false);
    printSpread(outs, "reset", spread(emulation.circuits, Parameter::Reset),
                false);
    printSpread(outs, "threshold",
                spread(emulation.circuits, Parameter::Threshold), false);
    std::map<std::string, int> failed;
    for (const CircuitReport &c : emulation.circuits)
      for (const std::string &f : c.failed)
        ++failed[f];
    for (const auto &[name, count] : failed)
      outs << "  " << count << " circuit(s) cannot reach their " << name
           << " target (code at the end of its range)\n";
  }

  if (args.compareWith.empty())
    return 0;

  // The reference: the float model run on the same inputs, or recordings.
  std::vector<std::string> spiking;
  for (const auto &[name, t] : records)
    if (name.size() < 2 || name.compare(name.size() - 2, 2, ":v") != 0)
      spiking.push_back(name);
  std::map<std::string, Tensor> reference;
  if (args.compareWith == "float") {
    if (!args.compileFloat)
      return fail("--compare=float with a brainscales2 artifact needs "
                  "--reference-model=MODEL (the .nir/.mlir it was compiled "
                  "from" +
                  (set.provenance().source_model().empty()
                       ? std::string(")")
                       : ": '" + set.provenance().source_model() + "')"));
    plan::Plan floatPlan;
    if (!args.compileFloat(floatPlan))
      return fail("could not compile --reference-model for --compare=float");
    auto engine = Engine::create(floatPlan, err);
    if (!engine)
      return fail(err);
    std::vector<Tensor> floatInputs;
    bool floatBatched = false;
    if (!loadInputs(floatPlan, args.inputs, floatInputs, floatBatched, err))
      return fail(err);
    RunOptions run;
    run.steps = steps;
    std::vector<std::string> known = engine->recordableNames();
    for (const auto &[name, t] : records)
      if (std::find(known.begin(), known.end(), name) != known.end())
        run.record.push_back(name);
    RunResult result;
    if (!engine->run(floatInputs, run, result, err))
      return fail(err);
    reference = std::move(result.records);
  } else {
    RunOptions names;
    for (const auto &[name, t] : records)
      names.record.push_back(name);
    if (!referenceRecords(args.compareWith, names, {}, batched, nullptr,
                          reference, err))
      return fail(err);
  }

  // The other calibration mode on the same chip, for the side-by-side table.
  EmulatorOptions other = options;
  other.calibrated = !options.calibrated;
  Emulation otherRun;
  if (!emulate(set, inputs, args.steps, other, otherRun, err))
    return fail(err);
  std::map<std::string, Tensor> otherRecords =
      recordsOf(set, otherRun, batched);
  outs << "spike-count error per neuron vs "
       << (args.compareWith == "float" ? std::string("the float model")
                                       : args.compareWith)
       << " (mean |count - reference| over neurons; "
       << (args.mismatch ? "seed " + std::to_string(args.seed)
                         : std::string("no mismatch"))
       << "):\n";
  outs << "  " << llvm::left_justify("signal", 14)
       << "  neurons  ref spikes  calibrated  uncalibrated\n";
  std::vector<std::string> compared;
  for (int p = 0; p < set.populations_size(); ++p) {
    const std::string &name = set.populations(p).name();
    std::string key = name;
    if (!reference.count(key))
      for (const std::string &alias : set.populations(p).aliases())
        if (reference.count(alias))
          key = alias;
    if (!reference.count(key))
      continue;
    compared.push_back(key);
    const Tensor &ref = reference.at(key);
    double refSpikes = 0;
    for (float s : ref.data)
      refSpikes += s;
    double mine = countErrorPerNeuron(records.at(key), ref),
           theirs = countErrorPerNeuron(otherRecords.at(key), ref);
    double cal = options.calibrated ? mine : theirs,
           uncal = options.calibrated ? theirs : mine;
    outs << "  " << llvm::left_justify(key, 14)
         << llvm::format("  %7lld  %10.0f  %10.3f  %12.3f\n",
                         static_cast<long long>(ref.shape.back()), refSpikes,
                         cal, uncal);
  }
  if (compared.empty())
    return fail("--compare=" + args.compareWith +
                ": the reference has none of the artifact's populations");

  std::vector<std::string> outputs;
  for (const pb::NetworkOutput &o : set.outputs())
    outputs.push_back(o.name());
  tools::Comparison comparison = tools::compareRuns(
      compared, records, reference, {}, spiking, outputs, args.tolerance,
      args.compareWith == "float" ? std::string("the float model")
                                  : args.compareWith);
  tools::printComparison(outs, comparison);
  llvm::SmallString<128> path(args.outputDir.empty() ? "." : args.outputDir);
  llvm::sys::path::append(path, "compare.json");
  std::error_code ec;
  llvm::raw_fd_ostream json(path, ec);
  if (ec)
    return fail(path.str().str() + ": " + ec.message());
  json << tools::comparisonJson(comparison);
  outs << "wrote " << path << "\n";
  return comparison.pass ? 0 : 2;
}
