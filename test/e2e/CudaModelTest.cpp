//===- CudaModelTest.cpp - CUDA engine on the NIR paper's models ----------===//
//
// The real models (LIF, Braille, the Sinabs N-MNIST CNN), compiled in float
// and for each fixed-point target, run on the CPU and the CUDA engine with
// every signal recorded: fixed point bit for bit, float spikes identical and
// voltages within 1e-5. Also the gpusim artifact (plan with hints). Built
// only with SNN_HAVE_CUDA; each test skips, saying why, without a GPU.
//
//===----------------------------------------------------------------------===//
#include "runtime/cuda/CudaEngine.h"
#include "runtime/cuda/NeuronKernels.h"
#include "runtime/io/Npy.h"
#include "targets/gpusim/GpuPlanTuning.h"
#include "test/e2e/CompileUtil.h"

#include <cmath>

using namespace snn;
using namespace snn::test;
using runtime::Tensor;

namespace {

struct ModelCase {
  const char *name;
  std::string path;
  std::string target; ///< "" = float; "gpusim" = float with hints.
  bool sinabs;        ///< The CNN's Sinabs import options.
};

/// Readable test parameters in ctest's listing.
void PrintTo(const ModelCase &c, std::ostream *os) {
  *os << c.name << " (" << (c.target.empty() ? "float" : c.target) << ")";
}

std::string caseName(const testing::TestParamInfo<ModelCase> &info) {
  return std::string(info.param.name) + "_" +
         (info.param.target.empty() ? "float" : info.param.target);
}

Tensor modelInput(const ModelCase &c) {
  Tensor input;
  std::string err;
  if (c.path.find("braille") != std::string::npos) {
    EXPECT_TRUE(runtime::readNpy(kData + "/braille/braille_ds_test0_input.npy",
                                 input, err))
        << err;
    // Two items: the sample and its time-reversed copy.
    int64_t steps = input.shape[0], n = input.shape[1];
    Tensor batch({2, steps, n});
    for (int64_t t = 0; t < steps; ++t)
      for (int64_t k = 0; k < n; ++k) {
        batch.data[t * n + k] = input.data[t * n + k];
        batch.data[(steps + t) * n + k] = input.data[(steps - 1 - t) * n + k];
      }
    return batch;
  }
  if (c.path.find("cnn") != std::string::npos) {
    EXPECT_TRUE(
        runtime::readNpy(SNN_TEST_INPUTS "/nmnist_like_random.npy", input, err))
        << err;
    input.shape.insert(input.shape.begin(), 1);
    return input;
  }
  // LIF: a current step, as in the NIR paper's trace.
  Tensor lif({1, 1000, 1});
  for (int64_t t = 0; t < 1000; ++t)
    lif.data[t] = t >= 400 && t < 800 ? 1.0f : 0.0f;
  if (!c.target.empty() && c.target != "gpusim")
    for (float &v : lif.data)
      v *= 8.0f; // Integer inputs for the fixed-point neurons.
  return lif;
}

class CudaModels : public testing::TestWithParam<ModelCase> {};

} // namespace

// Tests every signal of the model on both engines. The CPU half (compile,
// run, the network spikes) runs everywhere; the comparison skips without a
// GPU.
TEST_P(CudaModels, MatchCpuEngine) {
  const ModelCase &c = GetParam();
  mlir::snn::NirImportOptions nir;
  if (c.sinabs) {
    nir.dt = 1.0;
    nir.reset = mlir::snn::ResetMode::Subtract;
    nir.multiSpike = true;
    nir.vMin = -1.0;
  }
  mlir::snn::ReferencePipelineOptions pipeline;
  pipeline.target = c.target;
  plan::Plan plan;
  auto cpu = compile(c.path, nir, pipeline, &plan);
  ASSERT_TRUE(cpu);
  std::string err;
  if (c.target == "gpusim") {
    ASSERT_TRUE(gpusim::tunePlanForGpu(plan, err)) << err;
  }
  auto gpu = runtime::cuda::CudaEngine::create(plan, err);
  ASSERT_TRUE(gpu) << err;
  Tensor input = modelInput(c);
  runtime::RunOptions options;
  options.record = cpu->recordableNames();
  runtime::RunResult a, b;
  ASSERT_TRUE(cpu->run({input}, options, a, err)) << err;
  double cpuSpikes = 0;
  for (const runtime::NodeStats &s : a.stats)
    for (double n : s.spikeCount)
      cpuSpikes += n;
  ASSERT_GT(cpuSpikes, 0) << "the model never spiked: the test would be weak";
  std::string reason;
  if (!runtime::cuda::deviceAvailable(reason))
    GTEST_SKIP() << reason;
  ASSERT_TRUE(gpu->run({input}, options, b, err)) << err;
  bool fixed = !c.target.empty() && c.target != "gpusim";
  for (const auto &[name, t] : a.records) {
    const Tensor &g = b.records.at(name);
    ASSERT_EQ(g.shape, t.shape) << name;
    bool state = name.size() > 2 && name[name.size() - 2] == ':';
    if (!fixed && state) {
      float worst = 0.0f;
      for (size_t k = 0; k < t.data.size(); ++k)
        worst = std::max(worst, std::fabs(t.data[k] - g.data[k]));
      EXPECT_LE(worst, 1e-5f) << name;
    } else {
      EXPECT_EQ(g.data, t.data) << name;
    }
  }
  ASSERT_EQ(a.stats.size(), b.stats.size());
  for (size_t k = 0; k < a.stats.size(); ++k)
    EXPECT_EQ(a.stats[k].spikeCount, b.stats[k].spikeCount) << a.stats[k].name;
}

INSTANTIATE_TEST_SUITE_P(
    NirPaper, CudaModels,
    testing::Values(
        ModelCase{"lif", kData + "/lif/lif_norse.nir", "", false},
        ModelCase{"lif", kData + "/lif/lif_norse.nir", "loihi", false},
        ModelCase{"braille", kData + "/braille/braille_noDelay_bias_zero.nir",
                  "", false},
        ModelCase{"braille", kData + "/braille/braille_noDelay_bias_zero.nir",
                  "gpusim", false},
        ModelCase{"braille", kData + "/braille/braille_noDelay_bias_zero.nir",
                  "loihi", false},
        ModelCase{"braille", kData + "/braille/braille_noDelay_bias_zero.nir",
                  "spinnaker", false},
        ModelCase{"cnn", kData + "/cnn/cnn_sinabs.nir", "", true},
        ModelCase{"cnn", kData + "/cnn/cnn_sinabs.nir", "gpusim", true},
        ModelCase{"cnn", kData + "/cnn/cnn_sinabs.nir", "speck", true}),
    caseName);
