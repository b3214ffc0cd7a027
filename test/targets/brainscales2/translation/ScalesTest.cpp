//===- ScalesTest.cpp - Time and voltage scale choice ---------------------===//
#include "targets/brainscales2/translation/Bss2Translation.h"

#include <gtest/gtest.h>

using namespace snn::bss2;

namespace {
TEST(TimeScale, WindowIntersectsEveryRange) {
  // Braille's lif2: tau_mem 0.222 ms, tau_syn 0.2 ms; at scale k the chip
  // sees 0.222 k us and 0.2 k us: k in [2.25, 270] and [1.5, 150].
  auto w = timeScaleWindow(
      {{2.2222222e-4, kTauMemRangeUs}, {2.0e-4, kTauSynRangeUs}});
  ASSERT_TRUE(w);
  EXPECT_NEAR(w->first, 2.25, 1e-6);
  EXPECT_NEAR(w->second, 150.0, 1e-6);
  // A ratio wider than a range's has no common scale.
  EXPECT_FALSE(
      timeScaleWindow({{1e-3, kTauMemRangeUs}, {1.0, kTauMemRangeUs}}));
}

TEST(VoltageMap, FinestMapWithinRanges) {
  // Leak and reset 0, threshold 1: 0 -> 50 LSB, 1 -> 220 LSB.
  VoltageMap m = *chooseVoltageMap(0, 0, 1);
  EXPECT_DOUBLE_EQ(m.toLsb(0), 50);
  EXPECT_DOUBLE_EQ(m.toLsb(1), 220);
  // A leak above the threshold (a tonically firing neuron): the leak range
  // (110 LSB wide) limits the scale.
  m = *chooseVoltageMap(0, 2, 1);
  EXPECT_DOUBLE_EQ(m.toLsb(0), 50);
  EXPECT_DOUBLE_EQ(m.toLsb(2), 160);
  EXPECT_LE(m.toLsb(1), kThresholdRangeLsb.hi);
  // A threshold not above the leak/reset has no map.
  EXPECT_FALSE(chooseVoltageMap(0, 0, 0));
}
} // namespace
