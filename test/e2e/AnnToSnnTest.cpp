//===- AnnToSnnTest.cpp - Fashion-MNIST CNN: ONNX -> ANN -> SNN -----------===//
//
// The trained CNN of examples/fashion_mnist, imported from ONNX, evaluated as
// an ANN and, converted by --snn-convert-ann, as an SNN, on the first 300
// test images. Torch's logits for those images (written by
// scripts/train_fashion_mnist.py) are the outside reference for the ANN; the
// ANN, computed here, is the reference for the SNN.
//
//===----------------------------------------------------------------------===//
#include "runtime/io/Npy.h"
#include "runtime/plan/Plan.pb.h"
#include "test/e2e/CompileUtil.h"

using namespace snn;
using namespace snn::test;
using runtime::Tensor;

namespace {
const std::string kExample = std::string(SNN_EXAMPLES_DIR) + "/fashion_mnist";

Tensor readExample(const std::string &name) {
  Tensor t;
  std::string err;
  EXPECT_TRUE(runtime::readNpy(kExample + "/" + name, t, err)) << err;
  return t;
}

/// Compiles the example model as an ANN (one pass) or, converted with the
/// example's calibration set, as an SNN.
std::unique_ptr<runtime::Engine> compileExample(mlir::snn::AnnMode mode) {
  mlir::snn::ReferencePipelineOptions pipeline;
  if (mode == mlir::snn::AnnMode::Spiking)
    pipeline.calibration = kExample + "/calibration.npy";
  mlir::MLIRContext context;
  context.printOpOnDiagnostic(false);
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error)
      diagnostics += d.str() + "\n";
    return mlir::success();
  });
  plan::Plan plan;
  if (failed(mlir::snn::compileModelToPlan(
          kExample + "/fmnist_cnn.onnx", &context, {}, pipeline, plan, mode))) {
    ADD_FAILURE() << diagnostics;
    return nullptr;
  }
  std::string err;
  auto engine = runtime::Engine::create(plan, err);
  EXPECT_TRUE(engine) << err;
  return engine;
}

/// Arg-max per batch item of (B, T, C) summed over T, lowest index on ties.
std::vector<int64_t> predictions(const Tensor &out) {
  int64_t batch = out.shape[0], steps = out.shape[1];
  int64_t classes = out.numel() / (batch * steps);
  std::vector<int64_t> result;
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<double> sum(classes, 0.0);
    for (int64_t t = 0; t < steps; ++t)
      for (int64_t c = 0; c < classes; ++c)
        sum[c] += out.data[(b * steps + t) * classes + c];
    result.push_back(std::max_element(sum.begin(), sum.end()) - sum.begin());
  }
  return result;
}

double accuracy(const std::vector<int64_t> &predicted, const Tensor &labels) {
  int64_t correct = 0;
  for (size_t b = 0; b < predicted.size(); ++b)
    correct += predicted[b] == static_cast<int64_t>(labels.data[b]);
  return static_cast<double>(correct) / predicted.size();
}

Tensor runHeld(const runtime::Engine &engine, const Tensor &x, int64_t steps) {
  runtime::RunOptions options;
  options.steps = steps;
  options.staticInput = true;
  runtime::RunResult result;
  std::string err;
  EXPECT_TRUE(engine.run({x}, options, result, err)) << err;
  return result.outputs.empty() ? Tensor() : result.outputs.front().second;
}
} // namespace

TEST(AnnToSnn, FashionMnistSubset) {
  Tensor x = readExample("subset_x.npy");
  Tensor labels = readExample("subset_y.npy");
  Tensor torchLogits = readExample("subset_torch_logits.npy");
  ASSERT_EQ(x.shape, (std::vector<int64_t>{300, 1, 28, 28}));
  ASSERT_EQ(torchLogits.shape, (std::vector<int64_t>{300, 10}));

  // The ANN in one pass against torch (the outside reference).
  auto ann = compileExample(mlir::snn::AnnMode::OnePass);
  ASSERT_TRUE(ann);
  Tensor logits = runHeld(*ann, x, 1);
  ASSERT_EQ(logits.numel(), torchLogits.numel());
  double worst = 0;
  for (int64_t k = 0; k < logits.numel(); ++k)
    worst = std::max(worst, static_cast<double>(std::abs(logits.data[k] -
                                                         torchLogits.data[k])));
  Tensor torchSteps = torchLogits;
  torchSteps.shape = {300, 1, 10};
  double torchAccuracy = accuracy(predictions(torchSteps), labels);
  double annAccuracy = accuracy(predictions(logits), labels);
  EXPECT_NEAR(annAccuracy, torchAccuracy, 0.005);
  EXPECT_LT(worst, 1e-3) << "largest logit difference to torch";

  // The converted SNN at T = 100 against the ANN.
  auto snn = compileExample(mlir::snn::AnnMode::Spiking);
  ASSERT_TRUE(snn);
  double snnAccuracy = accuracy(predictions(runHeld(*snn, x, 100)), labels);
  EXPECT_NEAR(snnAccuracy, annAccuracy, 0.02);
  std::cout << "torch " << torchAccuracy << ", ANN " << annAccuracy
            << " (largest logit difference " << worst << "), SNN T=100 "
            << snnAccuracy << "\n";
}
