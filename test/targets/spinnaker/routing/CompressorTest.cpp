//===- CompressorTest.cpp - Ordered-covering compression ------------------===//

#include "targets/spinnaker/routing/Routing.h"

#include <gtest/gtest.h>

#include <random>

using namespace snn::spinnaker;

namespace {

constexpr uint32_t E = 1u << East;
constexpr uint32_t N = 1u << North;
constexpr uint32_t S = 1u << South;

std::vector<RoutingEntry> compressOne(std::vector<RoutingEntry> table,
                                      std::vector<RoutingEntry> defaults = {}) {
  Machine m{2, 2};
  RoutingTables t;
  t.perChip[{1, 0}] = std::move(table);
  if (!defaults.empty())
    t.defaultRouted[{1, 0}] = std::move(defaults);
  std::string err;
  EXPECT_TRUE(compress(m, t, err, /*asFarAsPossible=*/true)) << err;
  return t.perChip[{1, 0}];
}

void expectTable(const std::vector<RoutingEntry> &got,
                 const std::vector<RoutingEntry> &want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].key, want[i].key) << "entry " << i;
    EXPECT_EQ(got[i].mask, want[i].mask) << "entry " << i;
    EXPECT_EQ(got[i].route, want[i].route) << "entry " << i;
  }
}

// Tests ordered covering (hand-checked): the three E blocks merge into
// 0x00/0xffffffc0, which also covers the N block 0x20; the N entry is less
// general, so it stays above the merged one and still wins for its keys.
TEST(Compressor, OrderedCovering) {
  auto got = compressOne({{0x00, 0xfffffff0, E},
                          {0x10, 0xfffffff0, E},
                          {0x20, 0xfffffff0, N},
                          {0x30, 0xfffffff0, E}});
  expectTable(got, {{0x20, 0xfffffff0, N}, {0x00, 0xffffffc0, E}});
}

// Tests that a merge never sends default-routed keys another way
// (hand-checked): E keys 0, 2, 3 would merge to 0/0xfffffffc, which covers
// key 1 going straight through to the north; fixing bit 0 to 0 keeps 0 and 2
// (0/0xfffffffd); 3 stays alone and sits above as the less general entry.
TEST(Compressor, AvoidsDefaultRoutedKeys) {
  auto got =
      compressOne({{0, ~0u, E}, {2, ~0u, E}, {3, ~0u, E}}, {{1, ~0u, N}});
  expectTable(got, {{3, ~0u, E}, {0, 0xfffffffd, E}});
  // A default-routed key going the same way may be covered.
  got = compressOne({{0, ~0u, E}, {2, ~0u, E}, {3, ~0u, E}}, {{1, ~0u, E}});
  expectTable(got, {{0, 0xfffffffc, E}});
}

// Tests that merging stops at the limit unless asked to go on.
TEST(Compressor, StopsAtLimit) {
  std::vector<RoutingEntry> table;
  for (uint32_t k = 0; k < 8; ++k)
    table.push_back({k, ~0u, k % 2 ? N : E});
  RoutingTables t;
  t.perChip[{0, 0}] = table;
  std::string err;
  Machine roomy{1, 1};
  ASSERT_TRUE(compress(roomy, t, err)) << err;
  EXPECT_EQ(t.perChip.at({0, 0}).size(), 8u); // Fits: left alone.
  Machine tight{1, 1, true, 17, 2};
  ASSERT_TRUE(compress(tight, t, err)) << err;
  // Evens go E and odds N; bit 0 separates them, so each merges into one
  // entry (E first: it comes first in the table; N then goes above it, being
  // equally general).
  expectTable(t.perChip[{0, 0}], {{1, 0xfffffff9, N}, {0, 0xfffffff9, E}});
}

// Tests the error when a table cannot be compressed under the limit
// (hand-checked): E keys 0 and 3, N keys 1 and 2. Merging E gives 0/0xfffffffc
// below the exact N entries; N's merge would then cover E's aliases below it,
// and fixing either don't-care bit leaves one N entry, so 3 entries remain.
// (No 2-entry table exists: every 2-key block mixes E and N keys.)
TEST(Compressor, OverLimitError) {
  Machine m{4, 4, true, 17, /*routerEntries=*/2};
  RoutingTables t;
  t.perChip[{2, 3}] = {{0, ~0u, E}, {1, ~0u, N}, {2, ~0u, N}, {3, ~0u, E}};
  std::string err;
  EXPECT_FALSE(compress(m, t, err));
  EXPECT_EQ(err, "chip (2, 3): routing table has 4 entries, 3 after "
                 "compression, over the router's limit of 2");
  expectTable(t.perChip[{2, 3}],
              {{1, ~0u, N}, {2, ~0u, N}, {0, 0xfffffffc, E}});
}

// Tests the error for a table whose entries overlap.
TEST(Compressor, OverlapError) {
  Machine m{4, 4};
  RoutingTables t;
  t.perChip[{1, 2}] = {{0, 0xfffffff0, E}, {4, ~0u, S}};
  std::string err;
  EXPECT_FALSE(compress(m, t, err, true));
  EXPECT_EQ(err, "chip (1, 2): cannot compress, key/mask 0x00000000/"
                 "0xfffffff0 and 0x00000004/0xffffffff overlap");
}

// Tests on random tables (random disjoint blocks of a 10-bit key space, few
// routes, some keys default-routed) that every key keeps its route after
// compressing as far as possible: by brute force over all 1024 keys.
TEST(Compressor, RandomTablesKeepRoutes) {
  std::mt19937 rng(11);
  const uint32_t routes[] = {E, N, S, 1u << (kNumLinks + 3)};
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<RoutingEntry> table, defaults;
    std::vector<uint32_t> want(1024, 0); // 0: key not present.
    std::vector<char> isDefault(1024, 0);
    for (int tries = 0; tries < 200; ++tries) {
      uint32_t mask = ~0u << (rng() % 4);
      uint32_t key = (rng() % 1024) & mask;
      bool free = true;
      for (uint32_t k = key; k <= (key | ~mask); ++k)
        free = free && want[k] == 0;
      if (!free)
        continue;
      bool isDef = rng() % 4 == 0;
      uint32_t r = isDef ? routes[rng() % 3] : routes[rng() % 4];
      for (uint32_t k = key; k <= (key | ~mask); ++k) {
        want[k] = r;
        isDefault[k] = isDef;
      }
      (isDef ? defaults : table).push_back({key, mask, r});
    }
    size_t before = table.size();
    auto got = compressOne(table, defaults);
    EXPECT_LT(got.size(), before);
    for (uint32_t k = 0; k < 1024; ++k) {
      if (!want[k])
        continue;
      uint32_t route = 0;
      for (const RoutingEntry &e : got)
        if ((k & e.mask) == e.key) {
          route = e.route;
          break;
        }
      if (isDefault[k])
        EXPECT_TRUE(route == 0 || route == want[k]) << "key " << k;
      else
        EXPECT_EQ(route, want[k]) << "trial " << trial << " key " << k;
    }
  }
}

} // namespace
