//===- RouterTest.cpp - Multicast trees, tables and delivery --------------===//

#include "targets/spinnaker/routing/Routing.h"

#include <gtest/gtest.h>

using namespace snn::spinnaker;

namespace {

using Reached = std::set<std::pair<std::pair<int, int>, int>>;

constexpr uint32_t linkBit(int l) { return uint32_t(1) << l; }
constexpr uint32_t coreBit(int c) { return uint32_t(1) << (kNumLinks + c); }

/// The route of the (only) entry on chip (x, y); 0 without one.
uint32_t
routeAt(const std::map<std::pair<int, int>, std::vector<RoutingEntry>> &t,
        int x, int y) {
  auto it = t.find({x, y});
  return it == t.end() || it->second.empty() ? 0 : it->second[0].route;
}

/// Routes one source with one atom (key 0x100/0xffffffff).
RoutingTables routeOne(const Machine &m, const Source &s) {
  RoutingTables t;
  std::string err;
  EXPECT_TRUE(route(m, {s}, {{0x100, 0xffffffff}}, t, err)) << err;
  return t;
}

// Tests that a torus route takes the short way round (hand-checked): from
// (1, 1) to (6, 7) on 8 x 8 the candidates are (5, 6): 6 hops, (5, -2): 7,
// (-3, 6): 9 and (-3, -2): 3, so SW to (0, 0), SW to (7, 7), W to (6, 7).
TEST(Router, TorusTakesShortWay) {
  Machine m{8, 8};
  RoutingTables t = routeOne(m, {{1, 1}, 2, 1, {{{6, 7}, 5}}});
  EXPECT_EQ(t.totalHops, 3);
  EXPECT_EQ(t.maxLinkLoad, 1);
  ASSERT_EQ(t.perChip.size(), 3u);
  EXPECT_EQ(routeAt(t.perChip, 1, 1), linkBit(SouthWest));
  // (0, 0) passes the packet straight on: default routing, no entry.
  EXPECT_EQ(routeAt(t.perChip, 0, 0), 0u);
  EXPECT_EQ(routeAt(t.defaultRouted, 0, 0), linkBit(SouthWest));
  EXPECT_EQ(routeAt(t.perChip, 7, 7), linkBit(West));
  EXPECT_EQ(routeAt(t.perChip, 6, 7), coreBit(5));
  EXPECT_EQ(deliver(m, t, {1, 1}, 0x100), (Reached{{{6, 7}, 5}}));
  // Other keys go nowhere.
  EXPECT_TRUE(deliver(m, t, {1, 1}, 0x101).empty());
}

// Tests that wrapping one step west beats seven east, and that without a
// torus the same pair takes the long way (5 NE + 1 N = 6 hops).
TEST(Router, WrapVersusMesh) {
  Machine torus{8, 8};
  EXPECT_EQ(routeOne(torus, {{0, 0}, 1, 1, {{{7, 0}, 1}}}).totalHops, 1);
  EXPECT_EQ(routeOne(torus, {{0, 0}, 1, 1, {{{7, 7}, 1}}}).totalHops, 1);
  Machine mesh{8, 8, /*torus=*/false};
  RoutingTables t = routeOne(mesh, {{1, 1}, 2, 1, {{{6, 7}, 5}}});
  EXPECT_EQ(t.totalHops, 6);
  EXPECT_EQ(routeAt(t.perChip, 1, 1), linkBit(NorthEast));
  EXPECT_EQ(deliver(mesh, t, {1, 1}, 0x100), (Reached{{{6, 7}, 5}}));
}

// Tests that destinations share the tree (NER joins the nearest tree chip):
// (0,0) -> (3,0) and (4,0) uses 4 links, not 7, and delivers to the source
// chip's own core too.
TEST(Router, SharedTree) {
  Machine m{16, 16};
  RoutingTables t =
      routeOne(m, {{0, 0}, 1, 1, {{{4, 0}, 3}, {{3, 0}, 2}, {{0, 0}, 4}}});
  EXPECT_EQ(t.totalHops, 4);
  EXPECT_EQ(routeAt(t.perChip, 0, 0), linkBit(East) | coreBit(4));
  EXPECT_EQ(routeAt(t.perChip, 3, 0), linkBit(East) | coreBit(2));
  EXPECT_EQ(routeAt(t.perChip, 1, 0), 0u); // Default routed.
  EXPECT_EQ(deliver(m, t, {0, 0}, 0x100),
            (Reached{{{0, 0}, 4}, {{3, 0}, 2}, {{4, 0}, 3}}));
}

// Tests the link load: two sources crossing the same link (0,0)->(1,0).
TEST(Router, LinkLoad) {
  Machine m{8, 8};
  std::vector<Source> s = {{{0, 0}, 1, 1, {{{2, 0}, 1}}},
                           {{0, 0}, 2, 1, {{{1, 0}, 1}}}};
  RoutingTables t;
  std::string err;
  ASSERT_TRUE(route(m, s, {{0, ~0u}, {1, ~0u}}, t, err)) << err;
  EXPECT_EQ(t.totalHops, 3);
  EXPECT_EQ(t.maxLinkLoad, 2);
}

// Tests the input errors.
TEST(Router, Errors) {
  Machine m{4, 4};
  RoutingTables t;
  std::string err;
  EXPECT_FALSE(route(m, {{{4, 0}, 1, 1, {}}}, {{0, ~0u}}, t, err));
  EXPECT_EQ(err, "source 0: chip (4, 0) is outside the 4 x 4 machine");
  EXPECT_FALSE(route(m, {{{0, 0}, 1, 1, {{{1, 1}, 18}}}}, {{0, ~0u}}, t, err));
  EXPECT_EQ(err, "source 0: core 18 on chip (1, 1) is not 0..17");
  EXPECT_FALSE(route(m, {{{0, 0}, 1, 1, {}}}, {}, t, err));
  EXPECT_EQ(err, "1 sources but 0 keys");
  EXPECT_FALSE(route(Machine{0, 4}, {}, {}, t, err));
  EXPECT_EQ(err, "machine must have at least one chip (got 0 x 4)");
}

} // namespace
