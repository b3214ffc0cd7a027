//===- WeightSplitTest.cpp - Signed weights onto exc/inh 6-bit rows -------===//
#include "targets/brainscales2/translation/Bss2Translation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace snn::bss2;

namespace {
// Every weight reconstructs within half a code step, lands on exactly one
// row, and the codes stay 6-bit (random weights of both signs, many scales).
TEST(WeightSplit, ReconstructsWithinHalfAStep) {
  std::mt19937 rng(7);
  for (double spread : {1e-3, 0.5, 3.0, 250.0}) {
    std::normal_distribution<double> dist(0.0, spread);
    std::vector<double> w(1000);
    for (double &x : w)
      x = dist(rng);
    double lsb = weightLsb(w);
    std::optional<SignedSplit> split = splitSigned(w, lsb);
    ASSERT_TRUE(split);
    for (size_t i = 0; i < w.size(); ++i) {
      EXPECT_LE(split->exc[i], kWeightMax);
      EXPECT_LE(split->inh[i], kWeightMax);
      EXPECT_TRUE(split->exc[i] == 0 || split->inh[i] == 0) << i;
      if (w[i] > 0)
        EXPECT_EQ(split->inh[i], 0u);
      if (w[i] < 0)
        EXPECT_EQ(split->exc[i], 0u);
      double rebuilt =
          (double(split->exc[i]) - double(split->inh[i])) * split->lsb;
      EXPECT_LE(std::abs(w[i] - rebuilt), lsb / 2 * (1 + 1e-12)) << i;
    }
    EXPECT_LE(split->maxError, lsb / 2 * (1 + 1e-12));
  }
}

// Hand-worked codes: the largest |w| is code 63 on its sign's row; a half
// step rounds away from zero on both rows alike.
TEST(WeightSplit, HandWorkedCodes) {
  std::vector<double> w{0.63, -0.315, 0.0, -0.63, 0.005, -0.005};
  double lsb = weightLsb(w);
  EXPECT_DOUBLE_EQ(lsb, 0.01);
  SignedSplit s = *splitSigned(w, lsb);
  EXPECT_EQ(s.exc, (std::vector<uint32_t>{63, 0, 0, 0, 1, 0}));
  EXPECT_EQ(s.inh, (std::vector<uint32_t>{0, 32, 0, 63, 0, 1}));
  EXPECT_NEAR(s.maxError, 0.005, 1e-12);
}

TEST(WeightSplit, AllZeroAndTooSmallScale) {
  std::vector<double> zero(4, 0.0);
  EXPECT_EQ(weightLsb(zero), 1.0);
  SignedSplit s = *splitSigned(zero, 1.0);
  EXPECT_EQ(s.maxError, 0.0);
  // A scale that would need code 100 is refused, never clamped.
  EXPECT_FALSE(splitSigned({1.0}, 0.01));
}
} // namespace
