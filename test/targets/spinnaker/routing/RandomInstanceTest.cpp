//===- RandomInstanceTest.cpp - End-to-end delivery on random instances ---===//
//
// Allocates keys, routes and compresses random networks, then sends every
// atom's key from its source and checks it reaches exactly the source's
// destinations, before and after compression.
//
//===----------------------------------------------------------------------===//

#include "targets/spinnaker/routing/Routing.h"

#include <gtest/gtest.h>

#include <random>

using namespace snn::spinnaker;

namespace {

using Reached = std::set<std::pair<std::pair<int, int>, int>>;

/// `n` sources in populations of 1..8 machine vertices, each sending to
/// 1..10 random cores (placements cluster populations on nearby chips, as a
/// placer would, so their routes overlap and compress).
std::vector<Source> randomSources(const Machine &m, int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Source> sources;
  int app = 0;
  while (int(sources.size()) < n) {
    int size = 1 + rng() % 8;
    ChipCoord home{int(rng() % m.width), int(rng() % m.height)};
    std::vector<std::pair<ChipCoord, int>> targets;
    for (int d = 0, nd = 1 + rng() % 10; d < nd; ++d)
      targets.push_back(
          {{int(rng() % m.width), int(rng() % m.height)}, int(1 + rng() % 17)});
    for (int v = 0; v < size && int(sources.size()) < n; ++v) {
      Source s{{(home.x + v / 4) % m.width, home.y},
               1 + v % 17,
               int64_t(1 + rng() % 64),
               {}};
      s.appVertex = app;
      // Most vertices of a population share targets; some add their own.
      s.destinations = targets;
      if (rng() % 4 == 0)
        s.destinations.push_back(
            {{int(rng() % m.width), int(rng() % m.height)}, int(rng() % 18)});
      sources.push_back(s);
    }
    ++app;
  }
  return sources;
}

void expectDelivery(const Machine &m, const RoutingTables &t,
                    const std::vector<Source> &sources,
                    const std::vector<KeyMask> &keys) {
  for (size_t i = 0; i < sources.size(); ++i) {
    Reached want;
    for (const auto &d : sources[i].destinations)
      want.insert({{d.first.x, d.first.y}, d.second});
    for (int64_t a = 0; a < sources[i].atoms; ++a) {
      Reached got = deliver(m, t, sources[i].chip, keys[i].key | uint32_t(a));
      ASSERT_EQ(got, want) << "source " << i << " atom " << a;
    }
  }
}

size_t totalEntries(const RoutingTables &t) {
  size_t n = 0;
  for (const auto &c : t.perChip)
    n += c.second.size();
  return n;
}

class RandomInstance : public ::testing::TestWithParam<bool> {};

// Tests exact delivery of all atoms of 500 sources on an 8 x 8 machine (torus
// and mesh) before compression, after compressing as far as possible and
// after compressing to a tight limit.
TEST_P(RandomInstance, DeliversExactly) {
  Machine m{8, 8, /*torus=*/GetParam()};
  std::vector<Source> sources = randomSources(m, 500, GetParam() ? 1 : 2);
  std::vector<KeyMask> keys;
  std::string err;
  ASSERT_TRUE(allocateKeys(sources, keys, err)) << err;
  RoutingTables tables;
  ASSERT_TRUE(route(m, sources, keys, tables, err)) << err;
  expectDelivery(m, tables, sources, keys);

  size_t largest = 0;
  for (const auto &c : tables.perChip)
    largest = std::max(largest, c.second.size());
  RoutingTables full = tables;
  ASSERT_TRUE(compress(m, full, err, /*asFarAsPossible=*/true)) << err;
  EXPECT_LT(totalEntries(full), totalEntries(tables));
  expectDelivery(m, full, sources, keys);

  // A limit below the largest table forces merging there only.
  Machine tight = m;
  tight.routerEntries = int(largest * 3 / 4);
  RoutingTables limited = tables;
  ASSERT_TRUE(compress(tight, limited, err)) << err;
  for (const auto &c : limited.perChip)
    EXPECT_LE(c.second.size(), size_t(tight.routerEntries));
  expectDelivery(m, limited, sources, keys);
}

INSTANTIATE_TEST_SUITE_P(Machines, RandomInstance, ::testing::Bool(),
                         [](const auto &info) {
                           return info.param ? "Torus" : "Mesh";
                         });

// Tests that keys, routes and compressed tables are the same on every run.
TEST(RandomInstanceDeterminism, SameOutput) {
  Machine m{8, 8};
  std::vector<Source> sources = randomSources(m, 500, 3);
  auto run = [&](std::vector<KeyMask> &keys, RoutingTables &t) {
    std::string err;
    ASSERT_TRUE(allocateKeys(sources, keys, err)) << err;
    ASSERT_TRUE(route(m, sources, keys, t, err)) << err;
    ASSERT_TRUE(compress(m, t, err, true)) << err;
  };
  std::vector<KeyMask> k1, k2;
  RoutingTables t1, t2;
  run(k1, t1);
  run(k2, t2);
  ASSERT_EQ(k1.size(), k2.size());
  for (size_t i = 0; i < k1.size(); ++i)
    EXPECT_TRUE(k1[i].key == k2[i].key && k1[i].mask == k2[i].mask);
  EXPECT_EQ(t1.totalHops, t2.totalHops);
  EXPECT_EQ(t1.maxLinkLoad, t2.maxLinkLoad);
  ASSERT_EQ(t1.perChip.size(), t2.perChip.size());
  for (const auto &[chip, entries] : t1.perChip) {
    const auto &other = t2.perChip.at(chip);
    ASSERT_EQ(entries.size(), other.size());
    for (size_t i = 0; i < entries.size(); ++i)
      EXPECT_TRUE(entries[i].key == other[i].key &&
                  entries[i].mask == other[i].mask &&
                  entries[i].route == other[i].route);
  }
}

} // namespace
