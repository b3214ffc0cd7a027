//===- AssignTest.cpp - Speck layer-to-core assignment --------------------===//
//
// The NIR paper's CNN (which ran on a real Speck chip), sinabs' own
// auto-mapping test cases (tests/test_dynapcnn/test_auto_mapping.py), and the
// failures: a layer too big for any core, too many layers, and layers
// competing for the same few cores.
//
//===----------------------------------------------------------------------===//
#include "TestLayers.h"

#include <gtest/gtest.h>

using namespace snn::speck;
using namespace snn::speck::test;

namespace {
bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}
} // namespace

// Needs (MemoryTest.NirCnnNeeds): every layer fits every core except
// affine3, whose 32Ki kernel memory fits only cores 3-6. Edmonds-Karp with
// lowest-index tie-breaking (and sinabs' "auto" ordering) gives the chain
// conv0..affine4 -> cores 0..4; affine3 fills core 3's 32Ki kernel memory
// exactly.
TEST(SpeckAssign, NirCnnMapsOntoCores0To4) {
  std::vector<Layer> layers = nirCnn();
  Chip chip = Chip::speck();
  std::vector<int> coreOf;
  std::string err;
  ASSERT_TRUE(assignCores(layers, chip, coreOf, err)) << err;
  EXPECT_EQ(coreOf, (std::vector<int>{0, 1, 2, 3, 4}));

  for (size_t i = 0; i < layers.size(); ++i) {
    LayerMemory need = memoryNeed(layers[i]);
    const CoreMemory &core = chip.cores[coreOf[i]];
    EXPECT_LE(need.kernel, core.kernel) << layers[i].name;
    EXPECT_LE(need.neuron, core.neuron) << layers[i].name;
    EXPECT_LE(need.bias, core.bias) << layers[i].name;
  }
  EXPECT_EQ(memoryNeed(layers[3]).kernel, chip.cores[3].kernel);
}

TEST(SpeckAssign, NirCnnWithCores3And4TakenUsesCore5) {
  // Without the 32Ki cores only the 64Ki cores 5-6 hold affine3.
  std::vector<Layer> layers = nirCnn();
  Chip chip = Chip::speck();
  chip.cores[3].kernel = chip.cores[4].kernel = 16 * 1024;
  std::vector<int> coreOf;
  std::string err;
  ASSERT_TRUE(assignCores(layers, chip, coreOf, err)) << err;
  EXPECT_EQ(coreOf, (std::vector<int>{0, 1, 2, 5, 3}));
}

// sinabs test_auto_mapping.py's network on a 1x28x28 input:
//   conv 1->20 5x5 -> 24x24, pool 2: kernel 1024, neuron 20 * 1024 = 20480
//     -> cores 0-4 (neuron > 16Ki);
//   conv 20->32 5x5 on 12x12 -> 8x8, pool 2: kernel 20 * 2^(5+5) = 20480
//     -> cores 3-6 (kernel > 16Ki);
//   conv 32->128 3x3 on 4x4 -> 2x2, pool 2: kernel 32 * 2^(4+7) = 65536
//     -> cores 5-6;
//   dense 128->500 on 128x1x1: kernel 128 * 2^9 = 65536 -> cores 5-6;
//   dense 500->10: kernel 500 * 16 = 8000 -> any core.
// Edmonds-Karp in sinabs' order gives 0, 3, 5, 6, 1.
TEST(SpeckAssign, SinabsAutoMappingNetwork) {
  std::vector<Layer> layers = {
      conv("c0", 1, 28, 20, 5, 1, 0, 2, false),
      conv("c1", 20, 12, 32, 5, 1, 0, 2, false),
      conv("c2", 32, 4, 128, 3, 1, 0, 2, false),
      dense("d3", 128, 1, 1, 500, false),
      dense("d4", 500, 1, 1, 10, false),
  };
  for (const Layer &l : layers)
    EXPECT_TRUE(checkLayer(l).empty()) << l.name;
  std::vector<int> coreOf;
  std::string err;
  ASSERT_TRUE(assignCores(layers, Chip::speck(), coreOf, err)) << err;
  EXPECT_EQ(coreOf, (std::vector<int>{0, 3, 5, 6, 1}));
}

// sinabs test_auto_mapping_should_not_work: three layers that all fit only
// cores 1 and 2.
TEST(SpeckAssign, SinabsShouldNotWork) {
  std::vector<int> coreOf;
  EXPECT_FALSE(matchLayersToCores({{1, 2}, {1, 2}, {1, 2}}, 9, coreOf));
  EXPECT_EQ(coreOf, (std::vector<int>{1, 2, -1}));
}

TEST(SpeckAssign, MatchingReroutesEarlierLayers) {
  // Greedy would put layer 0 on core 0 and strand layer 1; an augmenting path
  // moves layer 0 to core 1.
  std::vector<int> coreOf;
  EXPECT_TRUE(matchLayersToCores({{0, 1}, {0}}, 2, coreOf));
  EXPECT_EQ(coreOf, (std::vector<int>{1, 0}));
}

TEST(SpeckAssign, EmptyNetwork) {
  std::vector<int> coreOf;
  std::string err;
  EXPECT_TRUE(assignCores({}, Chip::speck(), coreOf, err));
  EXPECT_TRUE(coreOf.empty());
}

// sinabs docs/speck/overview.md: conv 16->32 3x3 on 64x64 needs 128Ki neuron
// entries, twice the largest core's 64Ki.
TEST(SpeckAssign, LayerTooBigForAnyCore) {
  std::vector<Layer> layers = nirCnn();
  layers.insert(layers.begin() + 1, conv("too_big", 16, 64, 32, 3, 1, 1));
  std::vector<int> coreOf;
  std::string err;
  EXPECT_FALSE(assignCores(layers, Chip::speck(), coreOf, err));
  EXPECT_TRUE(contains(err, "layer 'too_big' fits no core")) << err;
  EXPECT_TRUE(contains(err, "kernel 8192, neuron 131072, bias 32")) << err;
  EXPECT_TRUE(contains(err, "neuron 65536 (core 0)")) << err;
  EXPECT_TRUE(contains(err, "kernel 65536 (core 5)")) << err;
  EXPECT_TRUE(contains(err, "reduce the output channels or the feature map"))
      << err;
}

TEST(SpeckAssign, KernelTooBigForAnyCore) {
  // 256 -> 256 channels with a 3x3 kernel: 256 * 2^(4+8) = 1Mi kernel entries.
  std::vector<Layer> layers = {conv("fat", 256, 8, 256, 3, 1, 1)};
  std::vector<int> coreOf;
  std::string err;
  EXPECT_FALSE(assignCores(layers, Chip::speck(), coreOf, err));
  EXPECT_TRUE(contains(err, "layer 'fat' fits no core")) << err;
  EXPECT_TRUE(contains(err, "kernel 1048576")) << err;
  EXPECT_TRUE(contains(err, "reduce the input channels")) << err;
}

TEST(SpeckAssign, NoCoreHasBothMemories) {
  // 64Ki kernel (only cores 5-6) and 64Ki neuron (only cores 0-2): each need
  // is within some core, but no core has both.
  std::vector<Layer> layers = {conv("both", 64, 32, 64, 3, 1, 1)};
  LayerMemory need = memoryNeed(layers[0]);
  EXPECT_EQ(need.kernel, 65536);
  EXPECT_EQ(need.neuron, 65536);
  std::vector<int> coreOf;
  std::string err;
  EXPECT_FALSE(assignCores(layers, Chip::speck(), coreOf, err));
  EXPECT_TRUE(contains(err, "layer 'both' fits no core")) << err;
  EXPECT_TRUE(contains(err, "no single core")) << err;
}

TEST(SpeckAssign, TenLayersNeedMoreThanNineCores) {
  std::vector<Layer> layers;
  for (int i = 0; i < 10; ++i)
    layers.push_back(conv("l" + std::to_string(i), 4, 8, 4, 3, 1, 1));
  std::vector<int> coreOf;
  std::string err;
  EXPECT_FALSE(assignCores(layers, Chip::speck(), coreOf, err));
  EXPECT_TRUE(contains(err, "10 layers")) << err;
  EXPECT_TRUE(contains(err, "more than 9 cores")) << err;

  layers.pop_back(); // Nine small layers fill the nine cores.
  ASSERT_TRUE(assignCores(layers, Chip::speck(), coreOf, err)) << err;
  EXPECT_EQ(coreOf, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(SpeckAssign, LayersCompetingForTwoCores) {
  // Three layers with 64Ki kernel memory: only cores 5 and 6 hold them.
  std::vector<Layer> layers = {
      conv("small", 2, 8, 4, 3, 1, 1),
      dense("fc_a", 128, 1, 1, 500),
      dense("fc_b", 128, 1, 1, 500),
      dense("fc_c", 128, 1, 1, 500),
  };
  std::vector<int> coreOf;
  std::string err;
  EXPECT_FALSE(assignCores(layers, Chip::speck(), coreOf, err));
  EXPECT_TRUE(contains(err, "layer 'fc_c' cannot be placed")) << err;
  EXPECT_TRUE(contains(err, "fits only cores 5, 6")) << err;
  EXPECT_TRUE(contains(err, "'fc_a', 'fc_b', 'fc_c'")) << err;
  EXPECT_TRUE(contains(err, "3 layers for 2 cores")) << err;
  EXPECT_FALSE(contains(err, "'small'")) << err;
}
