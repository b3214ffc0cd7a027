//===- PlaceTest.cpp - Core placement on chip meshes
//-----------------------===//
#include "targets/common/partition/Place.h"

#include "gtest/gtest.h"

using namespace snn::mapping;

// Hops: |dx| + |dy| inside a chip, plus one per chip boundary.
TEST(Place, HopsOnTheMesh) {
  MeshShape mesh; // 8 x 16 per chip.
  EXPECT_EQ(hopsBetween(mesh, 0, 0), 0);
  EXPECT_EQ(hopsBetween(mesh, 0, 7), 7); // Same row, far end.
  EXPECT_EQ(hopsBetween(mesh, 0, 8), 1); // One row down.
  EXPECT_EQ(hopsBetween(mesh, 3, 8 * 5 + 1), 2 + 5);
  EXPECT_EQ(hopsBetween(mesh, 0, 128), 1); // Same spot, next chip.
  EXPECT_EQ(hopsBetween(mesh, 7, 128), 7 + 1);
}

// A chain 0-9-1-8-2-7-... whose flows the partition order scatters: the
// placer lays the chain out so that every flow is one hop.
TEST(Place, ChainBecomesNeighbours) {
  MeshShape mesh;
  mesh.width = 4;
  mesh.height = 4;
  std::vector<int> chain = {0, 9, 1, 8, 2, 7, 3, 6, 4, 5};
  std::vector<CoreLink> links;
  for (size_t k = 0; k + 1 < chain.size(); ++k)
    links.push_back({chain[k], chain[k + 1], 10.0});
  Placement p = placeCores(10, links, mesh);
  EXPECT_DOUBLE_EQ(p.hopTraffic, 9 * 10.0);
  EXPECT_GT(p.sequentialHopTraffic, p.hopTraffic);
  // Every core has its own slot.
  std::vector<int> slots = p.slotOf;
  std::sort(slots.begin(), slots.end());
  EXPECT_EQ(std::unique(slots.begin(), slots.end()), slots.end());
}

// Without flows there is nothing to gain: the partition order is kept.
TEST(Place, KeepsOrderWithoutFlows) {
  Placement p = placeCores(5, {}, MeshShape{});
  EXPECT_EQ(p.slotOf, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(p.hopTraffic, 0);
}

// A core graph denser than 256 links per core (fan-in-bound random
// networks) has nothing for Cuthill-McKee to order: the partition order is
// kept without building the graph, even where a reordering would help.
TEST(Place, DenseCoreGraphKeepsOrder) {
  MeshShape mesh;
  mesh.width = 4;
  mesh.height = 4;
  std::vector<CoreLink> links;
  const int cores = 3;
  // The chain 0-2 plus enough parallel weak links to pass 256 per core.
  for (int k = 0; k < 257 * cores; ++k)
    links.push_back({0, 2, 1.0});
  Placement p = placeCores(cores, links, mesh);
  EXPECT_EQ(p.slotOf, (std::vector<int>{0, 1, 2}));
  EXPECT_DOUBLE_EQ(p.hopTraffic, p.sequentialHopTraffic);
  // Just under the limit the ordering runs and puts 0 next to 2.
  links.resize(256 * cores);
  Placement ordered = placeCores(cores, links, mesh);
  EXPECT_LT(ordered.hopTraffic, ordered.sequentialHopTraffic);
}

// Tests link loads against hand-routed flows: X first, then Y, then chips;
// each direction of a link is its own link.
TEST(Place, LinkLoadFollowsDimensionOrder) {
  MeshShape mesh;
  mesh.width = 4;
  mesh.height = 4;
  std::vector<int> identity(32);
  for (int i = 0; i < 32; ++i)
    identity[i] = i;
  // 0 -> 3 along row 0 (3 links), 1 -> 2 shares the middle one.
  LinkLoad row = linkLoad(mesh, {{0, 3, 10}, {1, 2, 5}}, identity);
  EXPECT_DOUBLE_EQ(row.maxPackets, 15);
  EXPECT_EQ(row.linksUsed, 3);
  // The way back uses the opposite links.
  LinkLoad back = linkLoad(mesh, {{0, 3, 10}, {1, 2, 5}, {3, 0, 7}}, identity);
  EXPECT_DOUBLE_EQ(back.maxPackets, 15);
  EXPECT_EQ(back.linksUsed, 6);
  // 0 -> 9 = (1, 2): one X link, then two Y links in column 1; 1 -> 13 =
  // (1, 3) goes straight down column 1 and shares both.
  LinkLoad turn = linkLoad(mesh, {{0, 9, 2}, {1, 13, 3}}, identity);
  EXPECT_DOUBLE_EQ(turn.maxPackets, 5);
  EXPECT_EQ(turn.linksUsed, 1 + 3);
  // Same position on the next chip: one chip-to-chip link, no mesh link.
  LinkLoad chips = linkLoad(mesh, {{0, 16, 4}, {5, 21, 1}}, identity);
  EXPECT_DOUBLE_EQ(chips.maxPackets, 5);
  EXPECT_EQ(chips.linksUsed, 1);
}

// Tests that flows count one packet per spike and remote core, by rate.
TEST(Place, CoreFlowsCountMulticastPackets) {
  NeuronGraph g;
  g.numNeurons = 4;
  g.popBegin = {0, 4};
  g.population = {0, 0, 0, 0};
  // 0 -> {1, 2, 3}; 1 -> {0}; cores: {0, 1} on 0, {2, 3} on 1.
  g.rowPtr = {0, 3, 4, 4, 4};
  g.col = {1, 2, 3, 0};
  g.rate = {2.0f, 1.0f, 1.0f, 1.0f};
  std::vector<CoreLink> flows = coreFlows(g, {0, 0, 1, 1});
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].from, 0);
  EXPECT_EQ(flows[0].to, 1);
  EXPECT_DOUBLE_EQ(flows[0].packets, 2.0); // One multicast packet, rate 2.
}

// Chip hops on a board grid: Manhattan on a mesh of chips; on SpiNNaker's
// triangular torus a same-signed diagonal step is one hop and the shorter
// way round wins.
TEST(Place, ChipHopsOnBoardGrids) {
  MeshShape mesh;
  mesh.chipsX = 4;
  mesh.chipsY = 2;
  EXPECT_EQ(chipHops(mesh, 0, 3), 3);     // (0,0) -> (3,0)
  EXPECT_EQ(chipHops(mesh, 0, 5), 1 + 1); // (0,0) -> (1,1)
  // Slot 0 of chip 0 to slot 0 of chip 5: no on-chip hops, 2 chip hops.
  EXPECT_EQ(hopsBetween(mesh, 0, 5 * 128), 2);
  mesh.chipHopWeight = 8;
  EXPECT_DOUBLE_EQ(weightedHops(mesh, 1, 5 * 128), 1 + 2 * 8);

  MeshShape torus;
  torus.width = 17;
  torus.height = 1;
  torus.onChipHops = false;
  torus.chipsX = 4;
  torus.chipsY = 4;
  torus.chipTorus = torus.chipDiagonal = true;
  EXPECT_EQ(chipHops(torus, 0, 5), 1);     // (0,0) -> (1,1): one NE hop.
  EXPECT_EQ(chipHops(torus, 0, 3), 1);     // (0,0) -> (3,0): wraps west.
  EXPECT_EQ(chipHops(torus, 0, 15), 1);    // (0,0) -> (3,3): one SW hop.
  EXPECT_EQ(chipHops(torus, 1, 4), 2);     // (1,0) -> (0,1): W then N.
  EXPECT_EQ(hopsBetween(torus, 0, 16), 0); // Cores of one chip.
}

// Two chips of 2 cores each: cores 0-2 and 1-3 exchange heavy flows. Filling
// in partition order puts each pair on different chips; the placer puts
// each pair on one chip, so no packet crosses a chip boundary.
TEST(Place, HeavyPairsShareAChip) {
  MeshShape mesh;
  mesh.width = 2;
  mesh.height = 1;
  mesh.coresPerChip = 2;
  mesh.chipsX = 2;
  mesh.chipsY = 1;
  mesh.chipHopWeight = 8;
  std::vector<CoreLink> links = {{0, 2, 10}, {1, 3, 10}, {0, 1, 1}};
  Placement p = placeCores(4, links, mesh);
  EXPECT_DOUBLE_EQ(p.sequentialHopTraffic, 10 * 8 + 10 * 8 + 1);
  EXPECT_LT(p.hopTraffic, p.sequentialHopTraffic);
  EXPECT_EQ(p.slotOf[0] / 2, p.slotOf[2] / 2);
  EXPECT_EQ(p.slotOf[1] / 2, p.slotOf[3] / 2);
  EXPECT_EQ(p.chipsUsed, 2);
}
