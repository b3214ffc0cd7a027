//===- NirPaperTest.cpp - The NIR paper's models, end to end --------------===//
//
// Each test compiles a real NIR file (import, --snn-discretize, plan), runs it
// on the reference runtime and compares with what other simulators recorded
// for the NIR paper. Thresholds come from the acceptance criteria.
//
//===----------------------------------------------------------------------===//
#include "runtime/engine/PlanFile.h"
#include "runtime/io/Npy.h"
#include "test/e2e/CompileUtil.h"

#include <fstream>
#include <random>
#include <sstream>

using namespace snn;
using namespace snn::test;
using runtime::Tensor;

namespace {
mlir::snn::ReferencePipelineOptions withMethod(const std::string &method) {
  mlir::snn::ReferencePipelineOptions options;
  options.discretization = method;
  return options;
}

/// The NIR paper's LIF CSV: rows of (input spike, voltage, output spike).
std::vector<std::array<double, 3>> readLifCsv(const std::string &path) {
  std::ifstream in(path);
  std::vector<std::array<double, 3>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::array<double, 3> row{};
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    fields >> row[0] >> row[1] >> row[2];
    rows.push_back(row);
  }
  return rows;
}

} // namespace

// Norse's LIF trace (dt 1e-4, forward Euler): spikes at 460, 510, 710, 760 and
// the voltage after reset within 1e-5 at every one of the 1000 steps.
TEST(NirPaper, LifMatchesNorseTrace) {
  auto rows = readLifCsv(kData + "/lif/lif_norse.csv");
  ASSERT_EQ(rows.size(), 1000u);
  auto engine = compile(kData + "/lif/lif_norse.nir");
  ASSERT_TRUE(engine);
  Tensor input({1, 1000, 1});
  for (size_t t = 0; t < rows.size(); ++t)
    input.data[t] = rows[t][0];
  runtime::RunResult result = run(*engine, input, {"output", "1:v"});
  const Tensor &spikes = result.records.at("output");
  const Tensor &v = result.records.at("1:v");
  std::vector<int> spikeSteps;
  double worst = 0;
  for (size_t t = 0; t < rows.size(); ++t) {
    if (spikes.data[t] != 0)
      spikeSteps.push_back(t);
    worst = std::max(worst, std::abs(v.data[t] - rows[t][1]));
  }
  EXPECT_EQ(spikeSteps, (std::vector<int>{460, 510, 710, 760}));
  EXPECT_LT(worst, 1e-5);
}

// Exact integration is a different rule: it must still spike (the trace is
// far from threshold-grazing), but it need not match Norse step for step.
TEST(NirPaper, LifExactIntegrationRuns) {
  auto engine = compile(kData + "/lif/lif_norse.nir", {}, withMethod("exact"));
  ASSERT_TRUE(engine);
  auto rows = readLifCsv(kData + "/lif/lif_norse.csv");
  Tensor input({1, 1000, 1});
  for (size_t t = 0; t < rows.size(); ++t)
    input.data[t] = rows[t][0];
  runtime::RunResult result = run(*engine, input, {"output"});
  double count = 0;
  for (float s : result.records.at("output").data)
    count += s;
  EXPECT_GE(count, 3);
  EXPECT_LE(count, 5);
}

// snnTorch's hidden spikes on Braille test sample 0: 0 of 256 x 38 differ,
// and the network predicts class 1 (the true label).
TEST(NirPaper, BrailleMatchesSnnTorchExactly) {
  auto engine = compile(kData + "/braille/braille_noDelay_bias_zero.nir");
  ASSERT_TRUE(engine);
  Tensor input, reference;
  std::string err;
  ASSERT_TRUE(runtime::readNpy(kData + "/braille/braille_ds_test0_input.npy",
                               input, err))
      << err;
  ASSERT_TRUE(runtime::readNpy(
      kData + "/braille/snntorch_activity_noDelay_bias_zero.npy", reference,
      err))
      << err;
  ASSERT_EQ(input.shape, (std::vector<int64_t>{256, 12}));
  input.shape.insert(input.shape.begin(), 1);
  runtime::RunResult result = run(*engine, input, {"lif1.lif", "output"});
  const Tensor &hidden = result.records.at("lif1.lif");
  ASSERT_EQ(hidden.numel(), reference.numel());
  int differ = 0;
  double total = 0;
  for (int64_t k = 0; k < hidden.numel(); ++k) {
    differ += hidden.data[k] != reference.data[k];
    total += hidden.data[k];
  }
  EXPECT_EQ(differ, 0) << "of " << hidden.numel() << " hidden spikes";
  EXPECT_EQ(total, 119);

  const Tensor &out = result.records.at("output");
  std::vector<double> counts(7, 0.0);
  for (int64_t t = 0; t < 256; ++t)
    for (int c = 0; c < 7; ++c)
      counts[c] += out.data[t * 7 + c];
  int predicted =
      std::max_element(counts.begin(), counts.end()) - counts.begin();
  EXPECT_EQ(predicted, 1);
}

// Sinabs semantics (IF, reset by subtraction, several spikes per step, v
// floored at -1, dt = 1 step) on the N-MNIST CNN: it runs, the output has
// shape (T, 10), and every layer's output is a whole spike count.
TEST(NirPaper, SinabsCnnRunsWithSinabsSemantics) {
  mlir::snn::NirImportOptions nir;
  nir.dt = 1.0;
  nir.reset = mlir::snn::ResetMode::Subtract;
  nir.multiSpike = true;
  nir.vMin = -1.0;
  auto engine = compile(kData + "/cnn/cnn_sinabs.nir", nir);
  ASSERT_TRUE(engine);
  const int64_t steps = 30;
  Tensor input({1, steps, 2, 34, 34});
  std::mt19937 rng(7);
  std::bernoulli_distribution spike(0.15);
  for (float &x : input.data)
    x = spike(rng) ? 1.0f : 0.0f;
  runtime::RunResult result = run(*engine, input, {"output", "1", "1:v"});
  const Tensor &out = result.records.at("output");
  EXPECT_EQ(out.shape, (std::vector<int64_t>{1, steps, 10}));
  double firstLayer = 0, maxCount = 0;
  for (float s : result.records.at("1").data) {
    EXPECT_EQ(s, std::floor(s));
    firstLayer += s;
    maxCount = std::max<double>(maxCount, s);
  }
  EXPECT_GT(firstLayer, 0);
  for (float v : result.records.at("1:v").data)
    EXPECT_GE(v, -1.0f);
  // Every IF layer shows up in the per-layer statistics.
  EXPECT_EQ(result.stats.size(), 5u);
}

// Same model, same options: same plan bytes (emitted artifacts are
// deterministic).
TEST(NirPaper, PlanIsDeterministic) {
  plan::Plan a, b;
  ASSERT_TRUE(compile(kData + "/braille/braille_noDelay_bias_zero.nir", {},
                      withMethod("euler"), &a));
  ASSERT_TRUE(compile(kData + "/braille/braille_noDelay_bias_zero.nir", {},
                      withMethod("euler"), &b));
  // Through the file writer snn-run --emit-plan uses.
  std::string pathA = testing::TempDir() + "/a.plan",
              pathB = testing::TempDir() + "/b.plan", err;
  ASSERT_TRUE(runtime::writePlanFile(pathA, a, err)) << err;
  ASSERT_TRUE(runtime::writePlanFile(pathB, b, err)) << err;
  auto slurp = [](const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_FALSE(slurp(pathA).empty());
  EXPECT_EQ(slurp(pathA), slurp(pathB));
}

// Every NIR file of the paper compiles to a plan the runtime accepts.
TEST(NirPaper, EveryFileCompiles) {
  for (const char *file :
       {"/lif/lif_norse.nir", "/braille/braille_noDelay_bias_zero.nir",
        "/cnn/cnn_sinabs.nir", "/primitives/ex1_affine_lif_affine_li.nir",
        "/primitives/ex2_conv_if_sumpool_flatten_affine_lif.nir",
        "/primitives/ex3_recurrent_cubalif.nir",
        "/primitives/all_primitives_layout.nir"}) {
    SCOPED_TRACE(file);
    EXPECT_TRUE(compile(kData + file));
  }
}
