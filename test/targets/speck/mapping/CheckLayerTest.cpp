//===- CheckLayerTest.cpp - Speck per-core shape limits -------------------===//
//
// One violation per test on an otherwise valid layer: exactly one message,
// naming the layer, the limit and the value.
//
//===----------------------------------------------------------------------===//
#include "TestLayers.h"

#include <gtest/gtest.h>

using namespace snn::speck;
using namespace snn::speck::test;

namespace {
/// Expects exactly one message and that it contains every fragment.
void expectOne(const Layer &layer,
               std::initializer_list<const char *> fragments) {
  std::vector<std::string> msgs = checkLayer(layer);
  ASSERT_EQ(msgs.size(), 1u) << (msgs.empty() ? "" : msgs[0]);
  EXPECT_NE(msgs[0].find("layer '" + layer.name + "'"), std::string::npos)
      << msgs[0];
  for (const char *f : fragments)
    EXPECT_NE(msgs[0].find(f), std::string::npos)
        << "missing '" << f << "' in: " << msgs[0];
}
} // namespace

TEST(SpeckCheckLayer, NirCnnLayersAreValid) {
  for (const Layer &l : nirCnn())
    EXPECT_TRUE(checkLayer(l).empty()) << l.name << ": " << checkLayer(l)[0];
}

TEST(SpeckCheckLayer, LimitsThemselvesAreAllowed) {
  // 16x16 kernel, stride 8, padding 7, pool 4, 1024 channels, 128x128 input,
  // 64x64 map and 2 destinations are all inside the limits.
  Layer a = conv("edge", 1024, 128, 1024, 16, 2, 7, 4); // -> 64x64.
  a.destinations = {1, 2};
  EXPECT_EQ(a.outH, 64);
  EXPECT_TRUE(checkLayer(a).empty()) << checkLayer(a)[0];
  Layer b = conv("stride8", 2, 128, 4, 8, 8, 0);
  EXPECT_TRUE(checkLayer(b).empty()) << checkLayer(b)[0];
}

TEST(SpeckCheckLayer, Kernel17) {
  expectOne(conv("big_kernel", 2, 32, 4, 17),
            {"kernel at most 16x16", "17x17", "smaller kernel"});
}

TEST(SpeckCheckLayer, NonSquareKernel) {
  Layer l = conv("rect", 2, 32, 4, 3);
  l.kernelW = 5;
  l.outW = convOutputSize(l.inW, 5, 1, 0);
  expectOne(l, {"square", "3x5"});
}

TEST(SpeckCheckLayer, Stride3) {
  expectOne(conv("stride3", 2, 32, 4, 3, 3),
            {"stride 1, 2, 4 or 8", "3x3", "use one of those"});
}

TEST(SpeckCheckLayer, Padding8) {
  expectOne(conv("pad8", 2, 16, 4, 3, 1, 8),
            {"padding 0..7", "8x8", "at most 7"});
}

TEST(SpeckCheckLayer, Pool3) {
  expectOne(conv("pool3", 2, 32, 4, 3, 1, 1, 3),
            {"sum pool 1, 2 or 4", ": 3;", "use pool 1, 2 or 4"});
}

TEST(SpeckCheckLayer, Channels1025) {
  expectOne(conv("wide_out", 2, 8, 1025, 3, 1, 1),
            {"output channels at most 1024", "1025", "reduce the channels"});
  expectOne(conv("wide_in", 1025, 8, 2, 3, 1, 1),
            {"input channels at most 1024", "1025"});
}

TEST(SpeckCheckLayer, Output65) {
  // 67x67 input, 3x3 kernel, no padding: a 65x65 feature map.
  expectOne(conv("big_map", 2, 67, 4, 3),
            {"feature map at most 64x64", "65x65", "stride of 2 or more"});
}

TEST(SpeckCheckLayer, Input129) {
  expectOne(conv("big_input", 2, 129, 4, 3, 2, 0), // -> 64x64.
            {"input at most 128x128", "129x129", "crop or pool"});
}

TEST(SpeckCheckLayer, ThreeDestinations) {
  Layer l = conv("fanout", 2, 16, 4, 3, 1, 1);
  l.destinations = {1, 2, 3};
  expectOne(l, {"at most 2 destinations", ": 3;", "intermediate layer"});
}

TEST(SpeckCheckLayer, InconsistentFeatureMap) {
  Layer l = conv("wrong_shape", 2, 16, 4, 3, 1, 1);
  l.outH = l.outW = 15;
  expectOne(l, {"conv output 16x16", "15x15"});
}

TEST(SpeckCheckLayer, NonPositiveSize) {
  Layer l = conv("empty", 2, 16, 4, 3, 1, 1);
  l.outChannels = 0;
  expectOne(l, {"must be positive"});
}

TEST(SpeckCheckLayer, SeveralViolationsGiveSeveralMessages) {
  Layer l = conv("bad", 2, 40, 1025, 17, 3, 8, 3); // -> 13x13 map.
  l.destinations = {1, 2, 3};
  // kernel, stride, padding, pool, channels, destinations.
  EXPECT_EQ(checkLayer(l).size(), 6u);
}
