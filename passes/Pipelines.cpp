//===- Pipelines.cpp - snn pass pipelines and registration
//-----------------===//
#include "passes/Passes.h"

#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::snn;

void mlir::snn::buildReferencePipeline(
    OpPassManager &pm, const ReferencePipelineOptions &options) {
  SNNDiscretizeOptions discretize;
  discretize.method = options.discretization;
  pm.addNestedPass<NetworkOp>(createSNNDiscretize(discretize));
  if (options.target.empty())
    return;
  SNNQuantizeOptions quantize;
  quantize.target = options.target;
  quantize.vScale = options.vScale;
  quantize.weightExp = options.weightExp;
  quantize.decayRounding = options.decayRounding;
  quantize.calibration = options.calibration;
  pm.addPass(createSNNQuantize(quantize));
}

namespace {
struct ReferencePipelineCLOptions
    : public PassPipelineOptions<ReferencePipelineCLOptions> {
  Option<std::string> discretization{
      *this, "discretization",
      llvm::cl::desc("Integration rule: euler or exact"),
      llvm::cl::init("euler")};
  Option<std::string> target{
      *this, "target",
      llvm::cl::desc("Quantize for this target (empty: stay in float)"),
      llvm::cl::init("")};
};
} // namespace

void mlir::snn::registerSNNPassesAndPipelines() {
  registerSNNPasses();
  PassPipelineRegistration<ReferencePipelineCLOptions>(
      "snn-reference-pipeline",
      "Bring an imported network to the step level the runtime runs",
      [](OpPassManager &pm, const ReferencePipelineCLOptions &cl) {
        ReferencePipelineOptions options;
        options.discretization = cl.discretization;
        options.target = cl.target;
        buildReferencePipeline(pm, options);
      });
}
