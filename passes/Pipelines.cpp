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
}

namespace {
struct ReferencePipelineCLOptions
    : public PassPipelineOptions<ReferencePipelineCLOptions> {
  Option<std::string> discretization{
      *this, "discretization",
      llvm::cl::desc("Integration rule: euler or exact"),
      llvm::cl::init("euler")};
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
        buildReferencePipeline(pm, options);
      });
}
