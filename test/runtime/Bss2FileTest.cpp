//===- Bss2FileTest.cpp - BrainScaleS-2 artifact files and checks ---------===//
#include "runtime/artifact/BrainScaleS2File.h"
#include "runtime/artifact/BrainScaleS2Params.h"
#include "test/runtime/Bss2TestUtil.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

using namespace snn;
using namespace snn::runtime;
namespace pb = snn::artifact::bss2;

namespace {
std::string tempPath(const std::string &name) {
  return testing::TempDir() + "/" + name;
}
std::string readBytes(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
pb::ParameterSet twoNeurons() {
  pb::ParameterSet set = test::makeBss2(2, 1);
  test::addInputRow(set, 0, true, {63, 0});
  test::addInputRow(set, 0, false, {0, 17});
  return set;
}
std::string validationError(const pb::ParameterSet &set) {
  std::string err;
  EXPECT_FALSE(validateBss2(set, err));
  return err;
}
} // namespace

TEST(Bss2File, BinaryAndTextRoundTripDeterministically) {
  pb::ParameterSet set = twoNeurons();
  for (const char *name : {"a.bss2.pb", "a.bss2.pbtxt"}) {
    std::string path = tempPath(name), err;
    ASSERT_TRUE(writeBss2File(path, set, err)) << err;
    EXPECT_TRUE(isBss2File(path));
    pb::ParameterSet back;
    ASSERT_TRUE(loadBss2File(path, back, err)) << err;
    EXPECT_EQ(serializeBss2(back), serializeBss2(set)) << name;
    std::string again = tempPath(std::string("b") + name);
    ASSERT_TRUE(writeBss2File(again, back, err)) << err;
    EXPECT_EQ(readBytes(path), readBytes(again)) << name;
  }
}

TEST(Bss2File, RejectsOtherFilesWithOneLine) {
  std::string path = tempPath("garbage.pb"), err;
  std::ofstream(path) << "not a protobuf \x01\x02";
  EXPECT_FALSE(isBss2File(path));
  pb::ParameterSet set;
  EXPECT_FALSE(loadBss2File(path, set, err));
  EXPECT_NE(err.find("not a BrainScaleS-2 parameter set"), std::string::npos)
      << err;
  EXPECT_FALSE(loadBss2File(tempPath("missing.pb"), set, err));
  EXPECT_NE(err.find("cannot open"), std::string::npos) << err;
}

TEST(Bss2File, RejectsNewerVersion) {
  pb::ParameterSet set = twoNeurons();
  set.set_format_version(kBss2FormatVersion + 1);
  EXPECT_NE(validationError(set).find("not supported"), std::string::npos);
}

TEST(Bss2File, ValidationNamesTheProblem) {
  {
    pb::ParameterSet set = twoNeurons();
    set.mutable_partitions(0)->mutable_rows(0)->set_weights(0, 64);
    EXPECT_NE(validationError(set).find("exceeds 6 bits"), std::string::npos);
  }
  {
    pb::ParameterSet set = twoNeurons();
    set.mutable_partitions(0)->mutable_circuits(1)->mutable_codes()->set_leak(
        1023);
    EXPECT_NE(validationError(set).find("exceeds 1022"), std::string::npos);
  }
  {
    pb::ParameterSet set = twoNeurons();
    set.mutable_partitions(0)->mutable_rows(1)->mutable_weights()->RemoveLast();
    EXPECT_NE(validationError(set).find("1 weights for 2 circuits"),
              std::string::npos);
  }
  {
    pb::ParameterSet set = twoNeurons();
    set.mutable_partitions(0)->mutable_circuits(1)->set_index(0);
    EXPECT_NE(validationError(set).find("placed twice"), std::string::npos);
  }
  {
    pb::ParameterSet set = twoNeurons();
    set.mutable_partitions(0)
        ->mutable_rows(0)
        ->mutable_source()
        ->mutable_input()
        ->set_channel(5);
    EXPECT_NE(validationError(set).find("does not exist"), std::string::npos);
  }
  {
    pb::ParameterSet set = test::makeBss2(513, 1);
    EXPECT_NE(validationError(set).find("exceed the chip's 512"),
              std::string::npos);
  }
}

TEST(Bss2Params, NominalCurvesCoverTheCalibrationRanges) {
  using namespace snn::bss2;
  // Both ends of each range map to a legal code whose nominal value is
  // within one code's resolution of the target.
  for (double us : {kTauMemRangeUs.lo, kTauMemRangeUs.hi}) {
    uint32_t c = tauMemCode(us);
    EXPECT_GE(c, 1u);
    EXPECT_LE(c, kCapMemMax);
    EXPECT_NEAR(tauMemUs(c), us, us / c + 1e-9);
  }
  for (double us : {kTauSynRangeUs.lo, kTauSynRangeUs.hi}) {
    uint32_t c = tauSynCode(us);
    EXPECT_NEAR(tauSynUs(c), us, us / c + 1e-9);
  }
  EXPECT_LE(potentialCode(kThresholdRangeLsb.hi), kCapMemMax);
  EXPECT_DOUBLE_EQ(potentialLsb(potentialCode(80)), 80);
  uint32_t scale = refractoryClockScale(kRefractoryRangeUs.hi);
  EXPECT_GE(refractoryUs(kRefractoryCounterMax, scale), kRefractoryRangeUs.hi);
  EXPECT_NEAR(refractoryUs(refractoryCounter(2.0, scale), scale), 2.0,
              refractoryTickUs(scale));
}
