//===- KeyAllocatorTest.cpp - Zoned routing-key allocation ----------------===//

#include "targets/spinnaker/routing/Routing.h"

#include <gtest/gtest.h>

#include <random>

using namespace snn::spinnaker;

namespace {

Source makeSource(int64_t atoms, int appVertex = -1, int partition = 0) {
  Source s{{0, 0}, 1, atoms, {}};
  s.appVertex = appVertex;
  s.partition = partition;
  return s;
}

// Tests that machine vertices of one population share a zone and are numbered
// consecutively, and that the atom field is sized per zone (hand-computed:
// 2 zones -> 1 zone bit; widest zone needs 2 + 8 = 0 + 10 = 10 bits).
TEST(KeyAllocator, ZonesByAppVertex) {
  std::vector<Source> sources = {makeSource(256, 7), makeSource(256, 7),
                                 makeSource(1000, 3), makeSource(200, 7)};
  std::vector<KeyMask> keys;
  std::string err;
  ASSERT_TRUE(allocateKeys(sources, keys, err)) << err;
  ASSERT_EQ(keys.size(), 4u);
  EXPECT_EQ(keys[0].key, 0x000u);
  EXPECT_EQ(keys[1].key, 0x100u);
  EXPECT_EQ(keys[3].key, 0x200u);
  for (int i : {0, 1, 3})
    EXPECT_EQ(keys[i].mask, 0xffffff00u);
  EXPECT_EQ(keys[2].key, 0x400u);
  EXPECT_EQ(keys[2].mask, 0xfffffc00u);
}

// Tests that partitions of one app vertex get separate zones.
TEST(KeyAllocator, PartitionsAreZones) {
  std::vector<Source> sources = {makeSource(4, 0, 0), makeSource(4, 0, 1)};
  std::vector<KeyMask> keys;
  std::string err;
  ASSERT_TRUE(allocateKeys(sources, keys, err)) << err;
  EXPECT_EQ(keys[0].key, 0x0u);
  EXPECT_EQ(keys[1].key, 0x4u);
  EXPECT_EQ(keys[0].mask, 0xfffffffcu);
}

// Tests that keys of random sources are disjoint, cover every atom and are
// the same on every run.
TEST(KeyAllocator, DisjointCoveringDeterministic) {
  std::mt19937 rng(7);
  std::vector<Source> sources;
  for (int i = 0; i < 300; ++i)
    sources.push_back(makeSource(
        1 + rng() % 1000, rng() % 3 ? int(rng() % 40) : -1, int(rng() % 2)));
  std::vector<KeyMask> keys, again;
  std::string err;
  ASSERT_TRUE(allocateKeys(sources, keys, err)) << err;
  ASSERT_TRUE(allocateKeys(sources, again, err)) << err;
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(keys[i].key, again[i].key);
    EXPECT_EQ(keys[i].mask, again[i].mask);
    EXPECT_EQ(keys[i].key & ~keys[i].mask, 0u);
    // Every atom's key matches, i.e. the atom fits under the mask.
    uint32_t lastAtom = uint32_t(sources[i].atoms - 1);
    EXPECT_EQ(lastAtom & keys[i].mask, 0u) << "source " << i;
    for (size_t j = i + 1; j < keys.size(); ++j)
      EXPECT_NE((keys[i].key ^ keys[j].key) & keys[i].mask & keys[j].mask, 0u)
          << "sources " << i << " and " << j << " overlap";
  }
}

// Tests that one source may use all 32 bits for its atoms.
TEST(KeyAllocator, WholeKeySpace) {
  std::vector<KeyMask> keys;
  std::string err;
  ASSERT_TRUE(allocateKeys({makeSource(int64_t(1) << 32)}, keys, err)) << err;
  EXPECT_EQ(keys[0].key, 0u);
  EXPECT_EQ(keys[0].mask, 0u);
}

// Tests the error when zones and atoms need more than 32 bits.
TEST(KeyAllocator, KeySpaceExhausted) {
  std::vector<Source> sources(3, makeSource(int64_t(1) << 31));
  std::vector<KeyMask> keys;
  std::string err;
  EXPECT_FALSE(allocateKeys(sources, keys, err));
  EXPECT_EQ(err, "routing key space exhausted: 3 zones (app vertex, "
                 "partition) need 2 bits and the widest zone needs 31 bits "
                 "for machine vertex and atom, more than the 32 of a key");

  EXPECT_FALSE(allocateKeys({makeSource((int64_t(1) << 32) + 1)}, keys, err));
  EXPECT_NE(err.find("33 bits"), std::string::npos) << err;
}

// Tests the error for a source without atoms.
TEST(KeyAllocator, NoAtoms) {
  std::vector<KeyMask> keys;
  std::string err;
  EXPECT_FALSE(allocateKeys({makeSource(4), makeSource(0)}, keys, err));
  EXPECT_EQ(err, "source 1: atoms must be positive (got 0)");
}

} // namespace
