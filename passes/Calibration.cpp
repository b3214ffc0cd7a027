//===- Calibration.cpp - Activation ranges from a float run
//----------------===//
//
// The compiler runs the float model on the user's data with the same runtime
// that snn-run uses, so the ranges are those of the reference semantics.
//
//===----------------------------------------------------------------------===//
#include "passes/Calibration.h"
#include "runtime/engine/Engine.h"
#include "runtime/io/Npy.h"
#include "translate/plan/PlanExport.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::quant;

namespace {
/// Exports the module's plan into a CPU engine and reads the input it runs
/// on, checked against the plan's one input: (T, ...) becomes (1, T, ...).
/// `what` starts every error ("calibration", "rates").
LogicalResult prepareRun(ModuleOp module, StringRef inputPath, StringRef what,
                         std::unique_ptr<::snn::runtime::Engine> &engine,
                         ::snn::runtime::Tensor &input) {
  ::snn::plan::Plan exported;
  if (failed(exportPlan(module, exported)))
    return failure();
  std::string err;
  engine = ::snn::runtime::Engine::create(std::move(exported), err);
  if (!engine)
    return module.emitError(what) << ": " << err;
  const ::snn::plan::Plan &plan = engine->getPlan();
  if (!::snn::runtime::readNpy(inputPath.str(), input, err))
    return module.emitError(what) << ": " << err;
  if (plan.inputs_size() != 1)
    return module.emitError(what) << " takes networks with one input";
  const auto &shape = plan.nodes(plan.inputs(0)).shape();
  size_t rank = shape.size();
  if (input.shape.size() == rank + 1)
    input.shape.insert(input.shape.begin(), 1);
  if (input.shape.size() != rank + 2 ||
      !std::equal(shape.begin(), shape.end(), input.shape.end() - rank))
    return module.emitError(what)
           << ": " << inputPath << " has shape "
           << ::snn::runtime::shapeToString(input.shape)
           << "; expected (T, ...) or (B, T, ...) ending in the input shape";
  return success();
}
} // namespace

LogicalResult quant::runCalibration(ModuleOp module, StringRef inputPath,
                                    Calibration &ranges) {
  std::unique_ptr<::snn::runtime::Engine> engine;
  ::snn::runtime::Tensor input;
  if (failed(prepareRun(module, inputPath, "calibration", engine, input)))
    return failure();
  const ::snn::plan::Plan &plan = engine->getPlan();
  std::string err;
  ::snn::runtime::RunOptions options;
  std::vector<std::string> names;
  for (const auto &node : plan.nodes())
    if (node.has_neuron()) {
      names.push_back(node.name());
      options.record.push_back(node.name() + ":v");
      options.record.push_back(node.name() + ":i");
    }
  ::snn::runtime::RunResult result;
  if (!engine->run({input}, options, result, err))
    return module.emitError("calibration run: ") << err;
  for (const std::string &name : names) {
    double v = 0, i = 0;
    for (float x : result.records.at(name + ":v").data)
      v = std::max(v, static_cast<double>(std::abs(x)));
    for (float x : result.records.at(name + ":i").data)
      i = std::max(i, static_cast<double>(std::abs(x)));
    ranges.maxAbsV[name] = v;
    ranges.maxAbsI[name] = i;
  }
  return success();
}

LogicalResult
quant::measureSpikeRates(ModuleOp module, StringRef inputPath,
                         std::map<std::string, std::vector<float>> &rates) {
  std::unique_ptr<::snn::runtime::Engine> engine;
  ::snn::runtime::Tensor input;
  if (failed(prepareRun(module, inputPath, "rates", engine, input)))
    return failure();
  const ::snn::plan::Plan &plan = engine->getPlan();
  std::string err;
  ::snn::runtime::RunOptions options;
  std::vector<std::string> names;
  for (const auto &node : plan.nodes())
    if (node.has_neuron() || node.has_loihi_neuron() ||
        node.has_spinnaker_neuron() || node.has_speck_neuron()) {
      names.push_back(node.name());
      options.record.push_back(node.name());
    }
  ::snn::runtime::RunResult result;
  if (!engine->run({input}, options, result, err))
    return module.emitError("rates run: ") << err;
  for (const std::string &name : names) {
    const ::snn::runtime::Tensor &spikes = result.records.at(name);
    // (B, T, ...): average over batch and time, per neuron.
    int64_t items = spikes.shape[0] * spikes.shape[1];
    int64_t per = items ? static_cast<int64_t>(spikes.data.size()) / items : 0;
    std::vector<float> rate(per, 0.0f);
    std::vector<double> sum(per, 0.0);
    for (int64_t k = 0; k < items; ++k)
      for (int64_t n = 0; n < per; ++n)
        sum[n] += spikes.data[k * per + n];
    for (int64_t n = 0; n < per; ++n)
      rate[n] = static_cast<float>(sum[n] / std::max<int64_t>(1, items));
    rates[name] = std::move(rate);
  }
  return success();
}
