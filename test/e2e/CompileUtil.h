//===- CompileUtil.h - Compile a model to an engine in a test ----*- C++
//-*-===//
#ifndef SNN_TEST_E2E_COMPILEUTIL_H
#define SNN_TEST_E2E_COMPILEUTIL_H

#include "runtime/engine/Engine.h"
#include "translate/ModelLoader.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

namespace snn::test {

inline const std::string kData = SNN_SHARED_DATA_DIR;

/// Compiles `path` with `pipeline` (float when pipeline.target is empty).
/// Errors go to `diagnostics`; returns null on failure.
inline std::unique_ptr<runtime::Engine>
tryCompile(const std::string &path, const mlir::snn::NirImportOptions &nir,
           const mlir::snn::ReferencePipelineOptions &pipeline,
           std::string &diagnostics, plan::Plan *planOut = nullptr) {
  mlir::MLIRContext context;
  context.printOpOnDiagnostic(false);
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error)
      diagnostics += d.str() + "\n";
    return mlir::success();
  });
  plan::Plan plan;
  if (failed(
          mlir::snn::compileModelToPlan(path, &context, nir, pipeline, plan)))
    return nullptr;
  if (planOut)
    *planOut = plan;
  std::string err;
  auto engine = runtime::Engine::create(plan, err);
  if (!engine)
    diagnostics += err;
  return engine;
}

/// As tryCompile, failing the test on any error.
inline std::unique_ptr<runtime::Engine>
compile(const std::string &path, const mlir::snn::NirImportOptions &nir = {},
        const mlir::snn::ReferencePipelineOptions &pipeline = {},
        plan::Plan *planOut = nullptr) {
  std::string diagnostics;
  auto engine = tryCompile(path, nir, pipeline, diagnostics, planOut);
  EXPECT_TRUE(engine) << "compiling " << path << " failed:\n" << diagnostics;
  return engine;
}

/// Runs one input (B, T, ...) and returns the recordings.
inline runtime::RunResult run(const runtime::Engine &engine,
                              runtime::Tensor input,
                              std::vector<std::string> record) {
  runtime::RunOptions options;
  options.record = std::move(record);
  runtime::RunResult result;
  std::string err;
  EXPECT_TRUE(engine.run({std::move(input)}, options, result, err)) << err;
  return result;
}

/// Arg-max over classes of a (1, T, C) recording summed over time.
inline int predictedClass(const runtime::Tensor &out) {
  int64_t steps = out.shape[1], classes = out.numel() / steps;
  std::vector<double> counts(classes, 0.0);
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t c = 0; c < classes; ++c)
      counts[c] += out.data[t * classes + c];
  return std::max_element(counts.begin(), counts.end()) - counts.begin();
}

} // namespace snn::test

#endif // SNN_TEST_E2E_COMPILEUTIL_H
