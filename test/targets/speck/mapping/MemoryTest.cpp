//===- MemoryTest.cpp - Speck core sizes and layer memory needs -----------===//
//
// Expected values are computed by hand from the formulas in sinabs
// `DynapcnnLayer.memory_summary` and checked against the worked example in
// sinabs `docs/speck/overview.md`.
//
//===----------------------------------------------------------------------===//
#include "TestLayers.h"

#include <gtest/gtest.h>

using namespace snn::speck;
using namespace snn::speck::test;

TEST(SpeckMemory, ChipHasPublishedCoreSizes) {
  Chip chip = Chip::speck();
  ASSERT_EQ(chip.cores.size(), 9u);
  const int64_t kernel[9] = {16384, 16384, 16384, 32768, 32768,
                             65536, 65536, 16384, 16384};
  const int64_t neuron[9] = {65536, 65536, 65536, 32768, 32768,
                             16384, 16384, 16384, 16384};
  for (int c = 0; c < 9; ++c) {
    EXPECT_EQ(chip.cores[c].kernel, kernel[c]) << "core " << c;
    EXPECT_EQ(chip.cores[c].neuron, neuron[c]) << "core " << c;
    EXPECT_EQ(chip.cores[c].bias, 1024) << "core " << c;
  }
}

TEST(SpeckMemory, CeilLog2) {
  EXPECT_EQ(ceilLog2(0), 0);
  EXPECT_EQ(ceilLog2(1), 0);
  EXPECT_EQ(ceilLog2(2), 1);
  EXPECT_EQ(ceilLog2(3), 2);
  EXPECT_EQ(ceilLog2(9), 4);
  EXPECT_EQ(ceilLog2(16), 4);
  EXPECT_EQ(ceilLog2(25), 5);
  EXPECT_EQ(ceilLog2(1024), 10);
  EXPECT_EQ(ceilLog2(1025), 11);
}

TEST(SpeckMemory, ConvOutputSize) {
  EXPECT_EQ(convOutputSize(34, 5, 2, 1), 16); // (34 - 5 + 2) / 2 + 1, floored.
  EXPECT_EQ(convOutputSize(64, 3, 1, 1), 64);
  EXPECT_EQ(convOutputSize(4, 4, 1, 0), 1); // Dense as conv.
  EXPECT_EQ(convOutputSize(2, 5, 1, 0), 0); // Kernel larger than the input.
}

// sinabs docs/speck/overview.md: Conv2d(16, 32, 3x3, stride 1, padding 1) on
// 64x64 needs 16 * 32 * 4 * 4 = 8Ki kernel and 64 * 64 * 32 = 128Ki neuron
// entries, more neuron memory than any core has.
TEST(SpeckMemory, SinabsDocumentedExample) {
  LayerMemory m = memoryNeed(conv("doc", 16, 64, 32, 3, 1, 1));
  EXPECT_EQ(m.kernel, 8 * 1024);
  EXPECT_EQ(m.neuron, 128 * 1024);
  EXPECT_EQ(m.bias, 32);
}

// Each field is rounded up to a power of two separately: a 5x5 kernel takes
// 32 slots, 10 output channels 16, a 15x17 map 16 x 32.
TEST(SpeckMemory, RoundsEachFieldToPowerOfTwo) {
  Layer l = conv("l", 3, 40, 10, 5, 1, 0, 1, /*hasBias=*/false);
  l.outH = 15; // Not consistent with the conv; memoryNeed does not care.
  l.outW = 17;
  LayerMemory m = memoryNeed(l);
  EXPECT_EQ(m.kernel, 3 * 32 * 16);
  EXPECT_EQ(m.neuron, 10 * 16 * 32);
  EXPECT_EQ(m.bias, 0);
}

TEST(SpeckMemory, OneByOneKernelAndMap) {
  LayerMemory m = memoryNeed(dense("d", 256, 1, 1, 10));
  EXPECT_EQ(m.kernel, 256 * 1 * 16); // ceil(log2 1) = 0, ceil(log2 10) = 4.
  EXPECT_EQ(m.neuron, 10);
  EXPECT_EQ(m.bias, 10);
}

TEST(SpeckMemory, HugeLayerSaturatesInsteadOfWrapping) {
  Layer l = conv("huge", 1 << 20, 8, 1 << 20, 3, 1, 1);
  l.outH = l.outW = int64_t{1} << 40;
  LayerMemory m = memoryNeed(l);
  EXPECT_GT(m.kernel, 0);
  EXPECT_GT(m.neuron, int64_t{1} << 62);
}

// The NIR paper's CNN, layer by layer (hand-computed):
//   conv0  2->16, 5x5 on 34x34 -> 16x16: kernel 2 * 2^(5+4) = 1024,
//          neuron 16 * 2^(4+4) = 4096, bias 16.
//   conv1 16->16, 3x3 -> 16x16: kernel 16 * 2^(4+4) = 4096, neuron 4096.
//   conv2 16->8, 3x3 -> 8x8: kernel 16 * 2^(4+3) = 2048, neuron 8 * 64 = 512.
//   affine3 8x4x4 -> 256 (kernel 4x4): kernel 8 * 2^(4+8) = 32768,
//          neuron 256, bias 256.
//   affine4 256x1x1 -> 10: kernel 256 * 2^(0+4) = 4096, neuron 10, bias 10.
TEST(SpeckMemory, NirCnnNeeds) {
  std::vector<Layer> layers = nirCnn();
  const int64_t kernel[5] = {1024, 4096, 2048, 32768, 4096};
  const int64_t neuron[5] = {4096, 4096, 512, 256, 10};
  const int64_t bias[5] = {16, 16, 8, 256, 10};
  ASSERT_EQ(layers.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    LayerMemory m = memoryNeed(layers[i]);
    EXPECT_EQ(m.kernel, kernel[i]) << layers[i].name;
    EXPECT_EQ(m.neuron, neuron[i]) << layers[i].name;
    EXPECT_EQ(m.bias, bias[i]) << layers[i].name;
  }
}
