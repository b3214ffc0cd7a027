//===- CompareInputs.cpp - What snn-run --compare compares with
//------------===//
#include "tools/snn-run/CompareInputs.h"
#include "runtime/io/Npy.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace snn;
using runtime::Tensor;

bool snn::tools::isSpikingNode(const plan::Node &node) {
  return (node.has_neuron() && node.neuron().spiking()) ||
         (node.has_loihi_neuron() && node.loihi_neuron().spiking()) ||
         (node.has_spinnaker_neuron() && node.spinnaker_neuron().spiking()) ||
         node.has_speck_neuron() || node.has_threshold();
}

std::vector<std::string> snn::tools::spikingNames(const plan::Plan &plan) {
  std::vector<std::string> names;
  for (const plan::Node &node : plan.nodes())
    if (isSpikingNode(node))
      names.push_back(node.name());
  // An output that forwards a spiking node is a spike train too.
  for (const plan::Output &o : plan.outputs()) {
    const plan::Node &node = plan.nodes(o.node());
    if (node.has_identity() && node.operands_size() == 1 &&
        isSpikingNode(plan.nodes(node.operands(0).node())))
      names.push_back(o.name());
  }
  return names;
}

std::map<std::string, double> snn::tools::stateScales(const plan::Plan &plan) {
  std::map<std::string, double> scales;
  for (const plan::Node &node : plan.nodes()) {
    double scale = node.has_loihi_neuron() ? node.loihi_neuron().v_scale()
                   : node.has_spinnaker_neuron()
                       ? node.spinnaker_neuron().v_scale()
                   : node.has_speck_neuron() ? node.speck_neuron().v_scale()
                                             : 0.0;
    if (scale > 0) {
      scales[node.name() + ":v"] = scale;
      scales[node.name() + ":i"] = scale;
    }
  }
  return scales;
}

bool snn::tools::referenceRecords(
    const std::string &with, const runtime::RunOptions &options,
    const std::vector<Tensor> &inputs, bool batched,
    const std::function<bool(plan::Plan &)> &compileFloat,
    std::map<std::string, Tensor> &reference, std::string &err) {
  if (with == "float") {
    plan::Plan floatPlan;
    if (!compileFloat(floatPlan)) {
      err = "could not compile the float model for --compare=float";
      return false;
    }
    auto engine = runtime::Engine::create(floatPlan, err);
    if (!engine)
      return false;
    std::vector<std::string> known = engine->recordableNames();
    runtime::RunOptions floatOptions;
    floatOptions.steps = options.steps;
    floatOptions.threads = options.threads;
    for (const std::string &name : options.record)
      if (std::find(known.begin(), known.end(), name) != known.end())
        floatOptions.record.push_back(name);
    runtime::RunResult result;
    if (!engine->run(inputs, floatOptions, result, err))
      return false;
    reference = std::move(result.records);
    return true;
  }
  if (!llvm::sys::fs::is_directory(with)) {
    err = "--compare=" + with +
          ": expected 'float' or a directory of NAME.npy recordings";
    return false;
  }
  for (const std::string &name : options.record) {
    llvm::SmallString<128> path(with);
    llvm::sys::path::append(path, name + ".npy");
    if (!llvm::sys::fs::exists(path))
      continue;
    Tensor t;
    if (!runtime::readNpy(path.str().str(), t, err))
      return false;
    if (!batched)
      t.shape.insert(t.shape.begin(), 1);
    reference[name] = std::move(t);
  }
  if (reference.empty()) {
    err = "--compare=" + with + ": no NAME.npy for any recorded signal (" +
          std::to_string(options.record.size()) + " recorded)";
    return false;
  }
  return true;
}
