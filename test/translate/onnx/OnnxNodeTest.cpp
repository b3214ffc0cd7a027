//===- OnnxNodeTest.cpp - ONNX import checked against ONNX's own tests ----===//
//
// Ground truth from outside: Debian's libonnx-testdata ships the ONNX
// project's node tests (one operator each: model.onnx, input_*.pb and the
// reference output_*.pb). Every node test whose operators are all ones the
// importer supports goes through import -> plan -> one-pass ANN evaluation
// and must reproduce the stored outputs within 1e-4 (absolute + relative),
// unless it is listed in kRefused, where it must fail with the listed
// diagnostic instead.
//
// The importer's model has one data signal (axis 0 is the batch); a layer's
// weights are constants. Node tests feed weights as graph inputs, so the
// test turns every input but the first into an initializer holding its test
// data (Add and Sum keep all inputs as signals: they add data to data).
//
//===----------------------------------------------------------------------===//
#include "runtime/engine/Engine.h"
#include "runtime/io/Npy.h"
#include "runtime/plan/Plan.pb.h"
#include "translate/onnx/OnnxFile.h"
#include "translate/onnx/OnnxImport.h"
#include "translate/plan/PlanExport.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <set>

namespace fs = std::filesystem;
namespace ox = snn::onnx;
using snn::runtime::Tensor;

namespace {

const fs::path kNodeTests = "/usr/share/libonnx-testdata/data/node";
const std::string kInputs = SNN_TEST_INPUTS;

const std::set<std::string> kSupportedOps = {
    "Gemm",        "MatMul",   "Add",     "Conv",    "Relu",
    "AveragePool", "MaxPool",  "Flatten", "Reshape", "BatchNormalization",
    "Dropout",     "Identity", "Constant"};

/// Node tests of supported operators that the importer refuses, and the
/// diagnostic (a substring) it must give. Each reason is a documented limit
/// (docs/onnx-import.md).
const std::map<std::string, std::string> kRefused = {
    // Broadcasting between two data signals.
    {"test_add_bcast", "has shape (5,); expected (batch, features...)"},
    {"test_add_uint8", "has element type UINT8"},
    // Pool variants: 1-d/3-d, ceil mode, auto_pad, asymmetric pads,
    // count_include_pad=0 with padding, dilations, index outputs.
    {"test_averagepool_1d_default", "only 2-d pooling"},
    {"test_averagepool_3d_default", "only 2-d pooling"},
    {"test_averagepool_2d_ceil", "ceil_mode=1 adds a partial window"},
    {"test_averagepool_2d_pads", "count_include_pad=0 with pads"},
    {"test_averagepool_2d_precomputed_pads", "count_include_pad=0 with pads"},
    {"test_averagepool_2d_precomputed_same_upper", "auto_pad=SAME_UPPER"},
    {"test_averagepool_2d_same_lower", "auto_pad=SAME_LOWER"},
    {"test_averagepool_2d_same_upper", "auto_pad=SAME_UPPER"},
    {"test_maxpool_1d_default", "only 2-d pooling"},
    {"test_maxpool_3d_default", "only 2-d pooling"},
    {"test_maxpool_2d_ceil", "ceil_mode=1 adds a partial window"},
    {"test_maxpool_2d_dilations", "dilations (2, 2) are not supported"},
    {"test_maxpool_2d_precomputed_same_upper", "auto_pad=SAME_UPPER"},
    {"test_maxpool_2d_same_lower", "auto_pad=SAME_LOWER"},
    {"test_maxpool_2d_same_upper", "auto_pad=SAME_UPPER"},
    {"test_maxpool_2d_uint8", "has element type UINT8"},
    {"test_maxpool_with_argmax_2d_precomputed_pads", "output 1 ('z')"},
    {"test_maxpool_with_argmax_2d_precomputed_strides", "output 1 ('z')"},
    // Conv variants.
    {"test_conv_with_autopad_same", "auto_pad=SAME_LOWER"},
    // BatchNormalization on a graph input: there is no layer to fold into.
    {"test_batchnorm_epsilon", "not a Conv, Gemm or MatMul"},
    {"test_batchnorm_example", "not a Conv, Gemm or MatMul"},
    {"test_batchnorm_epsilon_training_mode", "output 1 ('output_mean')"},
    {"test_batchnorm_example_training_mode", "output 1 ('output_mean')"},
    // Dropout with its mask output; a 1-d input has no batch axis to keep.
    {"test_dropout_default_old", "has shape (3,); expected (batch"},
    {"test_training_dropout", "training_mode is true"},
    {"test_training_dropout_default", "training_mode is true"},
    {"test_training_dropout_zero_ratio", "training_mode is true"},
    {"test_training_dropout_default_mask", "output 1 ('z')"},
    {"test_training_dropout_mask", "output 1 ('z')"},
    {"test_training_dropout_zero_ratio_mask", "output 1 ('z')"},
    // Optional and sequence values are not tensors.
    {"test_identity_opt", "has no tensor shape"},
    {"test_identity_sequence", "has no tensor shape"},
    {"test_dropout_default_mask", "output 1 ('z')"},
    {"test_dropout_default_mask_ratio", "output 1 ('z')"},
    // Gemm with a bias that differs per batch row, or A transposed.
    {"test_gemm_default_matrix_bias", "C of shape (3, 4) is not supported"},
    {"test_gemm_all_attributes", "transA=1"},
    {"test_gemm_transposeA", "transA=1"},
    // MatMul of more than one feature axis.
    {"test_matmul_3d", "only (batch, K) x (K, N)"},
    {"test_matmul_4d", "only (batch, K) x (K, N)"},
    // Flatten merging the batch axis.
    {"test_flatten_axis0", "axis=0"},
    {"test_flatten_axis2", "axis=2"},
    {"test_flatten_axis3", "axis=3"},
    {"test_flatten_negative_axis1", "axis=-1"},
    {"test_flatten_negative_axis2", "axis=-2"},
    {"test_flatten_negative_axis4", "axis=-4"},
    // Reshapes other than (batch, ...) -> (batch, N).
    {"test_reshape_allowzero_reordered", "only flattening"},
    {"test_reshape_extended_dims", "only flattening"},
    {"test_reshape_negative_dim", "only flattening"},
    {"test_reshape_negative_extended_dims", "only flattening"},
    {"test_reshape_one_dim", "only flattening"},
    {"test_reshape_reordered_all_dims", "only flattening"},
    {"test_reshape_reordered_last_dims", "only flattening"},
    {"test_reshape_zero_and_negative_dim", "only flattening"},
    {"test_reshape_zero_dim", "only flattening"},
    // A graph whose only output is a constant computes nothing from data.
    {"test_constant", "no data input"},
};

std::string errorsOf(const std::function<bool(mlir::MLIRContext &)> &body,
                     bool &ok) {
  mlir::MLIRContext context;
  context.printOpOnDiagnostic(false);
  std::string errors;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error)
      errors += d.str() + "\n";
    return mlir::success();
  });
  ok = body(context);
  return errors;
}

/// Imports `model`, compiles it to a plan and builds the engine.
std::unique_ptr<snn::runtime::Engine> compileAnn(const ox::Model &model,
                                                 const std::string &name,
                                                 std::string &errors) {
  std::unique_ptr<snn::runtime::Engine> engine;
  bool ok = false;
  errors = errorsOf(
      [&](mlir::MLIRContext &context) {
        auto module = mlir::snn::importOnnxModel(model, name, &context);
        if (!module)
          return false;
        snn::plan::Plan plan;
        if (failed(mlir::snn::exportPlan(*module, plan)))
          return false;
        std::string err;
        engine = snn::runtime::Engine::create(plan, err);
        if (!engine)
          errors += err;
        return static_cast<bool>(engine) && plan.ann();
      },
      ok);
  if (!ok)
    engine.reset();
  return engine;
}

Tensor toTensor(const ox::Tensor &t) {
  Tensor out(std::vector<int64_t>(t.shape.begin(), t.shape.end()));
  for (size_t k = 0; k < t.values.size(); ++k)
    out.data[k] = static_cast<float>(t.values[k]);
  return out;
}

/// One pass of the ANN on (B, ...) inputs; outputs as (B, ...).
bool evaluate(const snn::runtime::Engine &engine,
              const std::vector<Tensor> &inputs, std::vector<Tensor> &outputs,
              std::string &err) {
  snn::runtime::RunOptions options;
  options.steps = 1;
  options.staticInput = true;
  options.threads = 1;
  snn::runtime::RunResult result;
  if (!engine.run(inputs, options, result, err))
    return false;
  for (auto &[name, t] : result.outputs) {
    t.shape.erase(t.shape.begin() + 1);
    outputs.push_back(std::move(t));
  }
  return true;
}

/// Largest violation of |got - want| <= 1e-4 (1 + |want|), or a shape error.
std::string compare(const Tensor &got, const std::vector<int64_t> &wantShape,
                    const std::vector<float> &want) {
  if (got.shape != wantShape)
    return "shape " + snn::runtime::shapeToString(got.shape) +
           " != " + snn::runtime::shapeToString(wantShape);
  for (size_t k = 0; k < want.size(); ++k) {
    double diff = std::abs(double(got.data[k]) - double(want[k]));
    if (!(diff <= 1e-4 * (1.0 + std::abs(double(want[k])))))
      return "element " + std::to_string(k) + ": " +
             std::to_string(got.data[k]) + " vs " + std::to_string(want[k]);
  }
  return "";
}

TEST(OnnxNodeTest, SupportedOperatorsReproduceTheStoredOutputs) {
  if (!fs::is_directory(kNodeTests))
    GTEST_SKIP() << kNodeTests
                 << " is missing: install libonnx-testdata (scripts/setup.sh)";
  std::vector<fs::path> dirs;
  for (const fs::directory_entry &e : fs::directory_iterator(kNodeTests))
    if (fs::exists(e.path() / "model.onnx"))
      dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  std::map<std::string, int> passedPerOp;
  std::set<std::string> seen;
  int passed = 0, refused = 0;
  for (const fs::path &dir : dirs)
    [&] {
      std::string name = dir.filename();
      ox::Model model;
      std::string err;
      ASSERT_TRUE(ox::readModelFile(dir / "model.onnx", model, err))
          << name << ": " << err;
      bool supported = !model.nodes.empty();
      for (const ox::Node &n : model.nodes)
        supported &= kSupportedOps.count(n.opType) && n.domain.empty();
      if (!supported)
        return;
      seen.insert(name);
      SCOPED_TRACE(name);
      std::string op = model.nodes.back().opType;
      bool keepSignals = op == "Add";
      std::vector<fs::path> sets;
      for (const fs::directory_entry &e : fs::directory_iterator(dir))
        if (e.is_directory() &&
            e.path().filename().string().rfind("test_data_set_", 0) == 0)
          sets.push_back(e.path());
      std::sort(sets.begin(), sets.end());
      ASSERT_FALSE(sets.empty());

      // Each data set is compiled on its own: its weight inputs become the
      // initializers.
      for (const fs::path &set : sets) {
        ox::Model bound = model;
        std::vector<Tensor> inputs;
        std::vector<ox::ValueInfo> kept;
        for (size_t k = 0; k < model.inputs.size(); ++k) {
          ox::Tensor t;
          fs::path file = set / ("input_" + std::to_string(k) + ".pb");
          bool read = ox::readTensorFile(file, t, err);
          if (!read && kRefused.count(name)) { // E.g. a sequence input.
            kept.push_back(model.inputs[k]);
            continue;
          }
          ASSERT_TRUE(read) << err;
          if (k == 0 || keepSignals) {
            kept.push_back(model.inputs[k]);
            if (t.decoded)
              inputs.push_back(toTensor(t));
          } else {
            bound.initializers[model.inputs[k].name] = t;
          }
        }
        bound.inputs = kept;
        auto refusal = kRefused.find(name);
        std::string errors;
        auto engine = compileAnn(bound, name + ".onnx", errors);
        if (refusal != kRefused.end()) {
          EXPECT_FALSE(engine) << "imported, but listed as refused";
          EXPECT_NE(errors.find(refusal->second), std::string::npos)
              << "expected the diagnostic '" << refusal->second << "', got:\n"
              << errors;
          EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), 1)
              << "expected one diagnostic line:\n"
              << errors;
          ++refused;
          break; // One data set shows the refusal.
        }
        ASSERT_TRUE(engine) << "import failed:\n" << errors;
        std::vector<Tensor> outputs;
        ASSERT_TRUE(evaluate(*engine, inputs, outputs, err)) << err;
        ASSERT_EQ(outputs.size(), model.outputs.size());
        for (size_t k = 0; k < outputs.size(); ++k) {
          ox::Tensor want;
          fs::path file = set / ("output_" + std::to_string(k) + ".pb");
          ASSERT_TRUE(ox::readTensorFile(file, want, err)) << err;
          Tensor w = toTensor(want);
          std::string problem = compare(outputs[k], w.shape, w.data);
          EXPECT_EQ(problem, "") << set.filename() << " output " << k;
        }
        if (set == sets.back()) {
          ++passed;
          ++passedPerOp[op];
        }
      }
    }();
  for (const auto &[name, why] : kRefused)
    EXPECT_TRUE(seen.count(name)) << name << " is listed but was not found";
  // Every supported operator has passing tests, except Constant (it only
  // feeds others) and BatchNormalization (its node tests apply it to a graph
  // input, with nothing to fold into; OnnxModelTest.CnnWithBatchNorm checks
  // the folding against numpy).
  for (const std::string &op : kSupportedOps)
    if (op != "Constant" && op != "BatchNormalization") {
      EXPECT_GT(passedPerOp[op], 0) << "no node test of " << op << " passed";
    }
  std::cout << "ONNX node tests: " << passed << " reproduced, " << refused
            << " refused with the listed diagnostic\n";
}

/// Small models written by scripts/make_test_onnx.py with numpy's outputs:
/// folding (BatchNormalization, the MatMul + Add bias), Constant, Reshape,
/// Dropout/Identity, both initializer encodings, a symbolic batch.
void checkModel(const std::string &stem) {
  ox::Model model;
  std::string err, errors;
  ASSERT_TRUE(ox::readModelFile(kInputs + "/" + stem + ".onnx", model, err))
      << err;
  auto engine = compileAnn(model, stem + ".onnx", errors);
  ASSERT_TRUE(engine) << errors;
  Tensor x, y;
  ASSERT_TRUE(snn::runtime::readNpy(kInputs + "/" + stem + "_x.npy", x, err));
  ASSERT_TRUE(snn::runtime::readNpy(kInputs + "/" + stem + "_y.npy", y, err));
  std::vector<Tensor> outputs;
  ASSERT_TRUE(evaluate(*engine, {x}, outputs, err)) << err;
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(compare(outputs[0], y.shape, y.data), "");
}

TEST(OnnxModelTest, MlpMatchesNumpy) { checkModel("mlp"); }
TEST(OnnxModelTest, CnnWithBatchNormMatchesNumpy) { checkModel("cnn"); }

TEST(OnnxFileTest, CorruptFilesGiveAnErrorNotACrash) {
  for (const char *stem : {"corrupt_truncated", "corrupt_random",
                           "corrupt_empty", "corrupt_nograph"}) {
    ox::Model model;
    std::string err;
    EXPECT_FALSE(ox::readModelFile(kInputs + "/" + stem + ".onnx", model, err))
        << stem;
    EXPECT_FALSE(err.empty()) << stem;
  }
}

} // namespace
