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
