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

LogicalResult quant::runCalibration(ModuleOp module, StringRef inputPath,
                                    Calibration &ranges) {
  ::snn::plan::Plan plan;
  if (failed(exportPlan(module, plan)))
    return failure();
  std::string err;
  auto engine = ::snn::runtime::Engine::create(plan, err);
  if (!engine)
    return module.emitError("calibration: ") << err;
  ::snn::runtime::Tensor input;
  if (!::snn::runtime::readNpy(inputPath.str(), input, err))
    return module.emitError("calibration: ") << err;
  if (plan.inputs_size() != 1)
    return module.emitError("calibration takes networks with one input");
  const auto &shape = plan.nodes(plan.inputs(0)).shape();
  size_t rank = shape.size();
  if (input.shape.size() == rank + 1)
    input.shape.insert(input.shape.begin(), 1);
  if (input.shape.size() != rank + 2 ||
      !std::equal(shape.begin(), shape.end(), input.shape.end() - rank))
    return module.emitError("calibration: ")
           << inputPath << " has shape "
           << ::snn::runtime::shapeToString(input.shape)
           << "; expected (T, ...) or (B, T, ...) ending in the input shape";
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
