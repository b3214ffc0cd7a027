//===- AnnCalibration.cpp - Activation scales of an ANN from data ---------===//
//
// The ANN runs on the same runtime snn-run --ann uses (one step of the plan
// per input), so the scales are those of the semantics the user checks the
// ANN's accuracy with.
//
//===----------------------------------------------------------------------===//
#include "passes/AnnCalibration.h"
#include "runtime/engine/Engine.h"
#include "runtime/io/Npy.h"
#include "runtime/plan/Plan.pb.h"
#include "translate/plan/PlanExport.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::snn;
using ::snn::runtime::shapeToString;
using ::snn::runtime::Tensor;

double mlir::snn::percentileOf(std::vector<float> &values, double percentile) {
  if (values.empty())
    return 0;
  double rank = percentile / 100.0 * static_cast<double>(values.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(rank));
  size_t hi = std::min(lo + 1, values.size() - 1);
  std::nth_element(values.begin(), values.begin() + lo, values.end());
  double low = values[lo];
  if (hi == lo)
    return low;
  // The next rank is the smallest value above position lo.
  double high = *std::min_element(values.begin() + hi, values.end());
  return low + (rank - static_cast<double>(lo)) * (high - low);
}

namespace {
/// The scale of one recorded activation (B, 1, ...shape): its positive values'
/// percentile, over all elements or per index of the first dimension.
ActivationScale scaleOf(const Tensor &record, double percentile,
                        bool perChannel) {
  std::vector<int64_t> shape(record.shape.begin() + 2, record.shape.end());
  int64_t numel = Tensor::numelOf(shape);
  int64_t channels = perChannel && !shape.empty() ? shape[0] : 1;
  int64_t inner = numel / channels;
  int64_t batch = record.shape[0];
  ActivationScale scale;
  scale.lambda.assign(numel, 0.0);
  for (int64_t c = 0; c < channels; ++c) {
    std::vector<float> positives;
    for (int64_t b = 0; b < batch; ++b) {
      const float *x = record.data.data() + b * numel + c * inner;
      for (int64_t e = 0; e < inner; ++e)
        if (x[e] > 0)
          positives.push_back(x[e]);
    }
    scale.positives += static_cast<int64_t>(positives.size());
    double lambda = percentileOf(positives, percentile);
    // A channel that never fires on the calibration data keeps the
    // threshold 1 in ANN units: it cannot be normalised, and any later input
    // that drives it is then not over-amplified.
    if (!(lambda > 0))
      lambda = 1;
    std::fill(scale.lambda.begin() + c * inner,
              scale.lambda.begin() + (c + 1) * inner, lambda);
  }
  return scale;
}
} // namespace

LogicalResult mlir::snn::computeAnnScales(ModuleOp module, NetworkOp network,
                                          StringRef inputPath,
                                          double percentile, bool perChannel,
                                          AnnScales &scales) {
  // Run a copy whose activations carry names the plan cannot confuse with
  // the user's, so each record maps back to its op.
  OwningOpRef<NetworkOp> copy(cast<NetworkOp>(network->clone()));
  SmallVector<Operation *> relus;
  for (auto [original, cloned] :
       llvm::zip(network.getBody().front(), copy->getBody().front()))
    if (isa<ReluOp>(original)) {
      cloned.setAttr(
          "snn.name",
          StringAttr::get(module.getContext(),
                          "snn-convert-ann." + std::to_string(relus.size())));
      relus.push_back(&original);
    }
  ::snn::plan::Plan plan;
  if (failed(exportPlan(*copy, plan)))
    return failure();
  std::string err;
  auto engine = ::snn::runtime::Engine::create(plan, err);
  if (!engine)
    return network.emitError("calibration: ") << err;
  if (plan.inputs_size() != 1)
    return network.emitError("--snn-convert-ann takes networks with one "
                             "input; this one has ")
           << plan.inputs_size();
  Tensor input;
  if (!::snn::runtime::readNpy(inputPath.str(), input, err))
    return network.emitError("calibration: ") << err;
  const ::snn::plan::Node &inputNode = plan.nodes(plan.inputs(0));
  std::vector<int64_t> shape(inputNode.shape().begin(),
                             inputNode.shape().end());
  size_t rank = shape.size();
  if (input.shape.size() != rank + 1 ||
      !std::equal(shape.begin(), shape.end(), input.shape.begin() + 1) ||
      input.shape[0] == 0)
    return network.emitError("calibration: ")
           << inputPath << " has shape " << shapeToString(input.shape)
           << "; expected (N, " << shapeToString(shape).substr(1)
           << ": N >= 1 samples of input '" << inputNode.name() << "'";
  // Each sample is one batch item evaluated for one step.
  input.shape.insert(input.shape.begin() + 1, 1);

  ::snn::runtime::RunOptions options;
  options.steps = 1;
  for (size_t k = 0; k < relus.size(); ++k)
    options.record.push_back("snn-convert-ann." + std::to_string(k));
  for (const ::snn::plan::Output &o : plan.outputs())
    options.record.push_back(o.name());
  ::snn::runtime::RunResult result;
  if (!engine->run({input}, options, result, err))
    return network.emitError("calibration run: ") << err;

  scales.samples = input.shape[0];
  for (auto [k, relu] : llvm::enumerate(relus))
    scales.relu[relu] =
        scaleOf(result.records.at("snn-convert-ann." + std::to_string(k)),
                percentile, perChannel);
  for (const ::snn::plan::Output &o : plan.outputs())
    scales.outputs.push_back(
        scaleOf(result.records.at(o.name()), percentile, false));
  return success();
}
