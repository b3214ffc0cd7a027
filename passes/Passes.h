//===- Passes.h - snn passes and pipelines -----------------------*- C++
//-*-===//
#ifndef SNN_PASSES_PASSES_H
#define SNN_PASSES_PASSES_H

#include "dialects/snn/SNNOps.h"
#include "dialects/snn_hw/SNNHWDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::snn {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

/// Options of the reference pipeline (what snn-run uses before emitting a
/// runtime plan).
struct ReferencePipelineOptions {
  std::string discretization = "euler";
  /// Empty: float. Otherwise quantize for this target (--snn-quantize).
  std::string target;
  double vScale = 0;
  std::string weightExp = "auto";
  std::string decayRounding = "nearest";
  std::string calibration;
};

/// Adds the passes that bring an imported network to the step level the
/// runtime plan is emitted from: discretisation and, with a target, its
/// quantization.
void buildReferencePipeline(OpPassManager &pm,
                            const ReferencePipelineOptions &options);

/// Registers all snn passes and pipelines with the global registry.
void registerSNNPassesAndPipelines();

} // namespace mlir::snn

#endif // SNN_PASSES_PASSES_H
