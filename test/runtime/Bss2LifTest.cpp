//===- Bss2LifTest.cpp - The NIR LIF neuron on the emulated analog chip ---===//
//
// The acceptance test of the BrainScaleS-2 emulator on the NIR paper's LIF
// neuron (examples/lif: tau 2.5 ms, threshold 0.1, weight 1, dt 0.1 ms, no
// synaptic current): spike times within one model step of the Norse
// reference (../shared/data/nir/lif/lif_norse.csv, whose spikes are the
// float engine's) on calibrated chips. The parameter set is built the way
// the compiler translates this model (docs/brainscales2-emulator.md,
// "Compensating tau_syn"): Euler decay matched by tau_mem, the shortest
// calibratable tau_syn, input playback advanced and the synaptic charge
// scaled by the closed forms of BrainScaleS2Params.h.
//
//===----------------------------------------------------------------------===//
#include "runtime/analog/Emulator.h"
#include "runtime/artifact/BrainScaleS2File.h"
#include "runtime/artifact/BrainScaleS2Params.h"
#include "runtime/io/Npy.h"
#include "test/runtime/Bss2TestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::analog;
namespace pb = snn::artifact::bss2;

namespace {
// The model (examples/lif/lif_norse.nir) and its Euler step.
constexpr double kDt = 1e-4, kTau = 2.5e-3, kThreshold = 0.1, kWeight = 1.0;
constexpr double kAlpha = 1.0 - kDt / kTau; // 0.96
constexpr double kBeta = kDt / kTau;        // 0.04 per unit input
// The hardware choice: a wide leak-threshold span for CADC resolution.
constexpr double kLeakLsb = 60, kThresholdLsb = 200;

pb::ParameterSet lifArtifact() {
  const double h = bss2::hardwareStepUs(kDt, bss2::kTimeAcceleration);
  const double tauMem = -h / std::log(kAlpha); // e^{-h/tau} = alpha
  const double tauSyn = bss2::kTauSynRangeUs.lo;
  const double lsbPerModelV = (kThresholdLsb - kLeakLsb) / kThreshold;
  const double kickLsb = kBeta * kWeight * lsbPerModelV;
  const double factor =
      bss2::inputChargeFactor(tauMem, tauSyn, h, kBeta * kWeight / kThreshold);
  // J * tau_syn = factor * kick, split into weight code 63 and the gain.
  const double jump = factor * kickLsb / tauSyn;
  test::Bss2Neuron n;
  n.tauMemUs = tauMem;
  n.tauSynExcUs = n.tauSynInhUs = tauSyn;
  n.leak = n.reset = kLeakLsb;
  n.threshold = kThresholdLsb;
  n.refractoryUs = bss2::kRefractoryRangeUs.lo; // the model has none
  n.synGainExc = n.synGainInh = jump / bss2::kWeightMax;
  pb::ParameterSet set = test::makeBss2(1, 1, n, "1");
  set.set_input_advance_us(bss2::inputAdvanceUs(tauSyn, h));
  set.mutable_populations(0)->set_model_weight_per_code(kWeight /
                                                        bss2::kWeightMax);
  test::addInputRow(set, 0, true, {bss2::kWeightMax});
  return set;
}

/// Steps of the Norse reference's spikes (third column), or empty.
std::vector<int64_t> referenceSpikes() {
  std::ifstream in(std::string(SNN_SHARED_DATA_DIR) + "/lif/lif_norse.csv");
  std::vector<int64_t> steps;
  std::string line;
  for (int64_t t = 0; std::getline(in, line); ++t) {
    std::stringstream row(line);
    std::string cell;
    for (int c = 0; c < 3 && std::getline(row, cell, ','); ++c)
      if (c == 2 && std::atof(cell.c_str()) > 0.5)
        steps.push_back(t);
  }
  return steps;
}

std::vector<int64_t> spikeSteps(const Emulation &e) {
  std::vector<int64_t> steps;
  for (size_t t = 0; t < e.spikes[0].data.size(); ++t)
    for (float k = 0; k < e.spikes[0].data[t]; ++k)
      steps.push_back(static_cast<int64_t>(t));
  return steps;
}

bool withinOneStep(const std::vector<int64_t> &got,
                   const std::vector<int64_t> &want) {
  if (got.size() != want.size())
    return false;
  for (size_t i = 0; i < got.size(); ++i)
    if (std::abs(got[i] - want[i]) > 1)
      return false;
  return true;
}

std::string str(const std::vector<int64_t> &v) {
  std::string s;
  for (int64_t x : v)
    s += (s.empty() ? "" : " ") + std::to_string(x);
  return s;
}

class Bss2Lif : public ::testing::Test {
protected:
  void SetUp() override {
    want = referenceSpikes();
    if (want.empty())
      GTEST_SKIP() << "no Norse LIF reference in " << SNN_SHARED_DATA_DIR;
    std::string err;
    ASSERT_TRUE(readNpy(std::string(SNN_EXAMPLES_DIR) + "/lif/lif_input.npy",
                        input, err))
        << err;
    set = lifArtifact();
    ASSERT_TRUE(validateBss2(set, err)) << err;
  }
  std::vector<int64_t> run(const EmulatorOptions &o) {
    Emulation e;
    std::string err;
    EXPECT_TRUE(emulate(set, {input}, -1, o, e, err)) << err;
    return spikeSteps(e);
  }
  std::vector<int64_t> want;
  Tensor input;
  pb::ParameterSet set;
};
} // namespace

TEST_F(Bss2Lif, ReferenceIsTheNirPapersFourSpikes) {
  EXPECT_EQ(str(want), "460 510 710 760");
}

TEST_F(Bss2Lif, NominalChipWithinOneStep) {
  EmulatorOptions o;
  o.mismatch = false;
  o.calibrated = false;
  std::vector<int64_t> got = run(o);
  EXPECT_TRUE(withinOneStep(got, want)) << "got " << str(got);
}

// Without the compensations (no playback advance; the charge equal to the
// kick) the analog neuron misses: the test can fail.
TEST_F(Bss2Lif, WithoutCompensationTheChipMisses) {
  set.set_input_advance_us(0);
  pb::NeuronCircuit *c = set.mutable_partitions(0)->mutable_circuits(0);
  const double factor = bss2::inputChargeFactor(
      c->targets().tau_mem_us(), c->targets().tau_syn_exc_us(), 0.1, 0.4);
  const double gain = c->targets().syn_gain_exc() / factor;
  c->mutable_targets()->set_syn_gain_exc(gain);
  c->mutable_codes()->set_syn_gain_exc(bss2::synGainCode(gain));
  EmulatorOptions o;
  o.mismatch = false;
  o.calibrated = false;
  std::vector<int64_t> got = run(o);
  EXPECT_FALSE(withinOneStep(got, want)) << "got " << str(got);
}

// The acceptance, measured: calibrated chips of seeds 0..19 with every spike
// within one step. Measured 18/20 (seeds 0 and 11 miss: the float reference
// reaches 0.998 of threshold at step 450 and 0.96 at 500, so a residual
// error of +0.2 % or -4 % moves a spike by 10 steps; see
// docs/brainscales2-emulator.md). The uncalibrated chips: 0/20.
TEST_F(Bss2Lif, CalibratedChipsWithinOneStep) {
  int calibratedOk = 0, uncalibratedOk = 0;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    EmulatorOptions o;
    o.seed = seed;
    std::vector<int64_t> got = run(o);
    const bool ok = withinOneStep(got, want);
    calibratedOk += ok;
    if (!ok)
      std::cout << "seed " << seed << ": got " << str(got) << "\n";
    o.calibrated = false;
    uncalibratedOk += withinOneStep(run(o), want);
  }
  std::cout << "LIF within one step: calibrated " << calibratedOk
            << "/20 seeds, uncalibrated " << uncalibratedOk << "/20\n";
  EXPECT_GE(calibratedOk, 18);
  EXPECT_LT(uncalibratedOk, calibratedOk);
}
