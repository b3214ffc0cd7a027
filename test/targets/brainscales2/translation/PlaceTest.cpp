//===- PlaceTest.cpp - Populations onto 512 circuits x 256 rows -----------===//
#include "targets/brainscales2/translation/Bss2Translation.h"

#include <gtest/gtest.h>

using namespace snn::bss2;

namespace {
/// A population of `n` neurons each fed by input channels [0, fanIn).
PlacementPopulation dense(const std::string &name, int64_t n, int64_t fanIn,
                          int64_t group, bool recurrent = false) {
  PlacementPopulation p;
  p.name = name;
  p.group = group;
  p.recurrent = recurrent;
  p.rowsPerNeuron.resize(n);
  for (auto &rows : p.rowsPerNeuron)
    for (int64_t c = 0; c < fanIn; ++c)
      rows.push_back({RowKey::Input, 0, c, false});
  return p;
}

TEST(Place, OneChipWhenItFits) {
  std::string error;
  auto p = place({dense("a", 300, 10, 0), dense("b", 212, 10, 1)}, error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->partitions(), 1);
  EXPECT_EQ(p->rows[0].size(), 10u); // shared input rows
  EXPECT_EQ(p->chunks[1].firstCircuit, 300);
}

TEST(Place, SplitsAFeedForwardPopulationAtTheCircuitLimit) {
  std::string error;
  auto p = place({dense("a", 1100, 4, 0)}, error);
  ASSERT_TRUE(p) << error;
  ASSERT_EQ(p->partitions(), 3);
  ASSERT_EQ(p->chunks.size(), 3u);
  EXPECT_EQ(p->chunks[0].end, 512);
  EXPECT_EQ(p->chunks[1].begin, 512);
  EXPECT_EQ(p->chunks[2].end - p->chunks[2].begin, 1100 - 1024);
  EXPECT_EQ(p->chunks[2].firstCircuit, 0);
}

TEST(Place, SplitsAtTheRowLimit) {
  // Two populations of 200 rows each (different sources) share no rows:
  // together they need 400 > 256, so the second starts a new partition.
  PlacementPopulation a = dense("a", 4, 200, 0), b = dense("b", 4, 0, 1);
  for (auto &rows : b.rowsPerNeuron)
    for (int64_t c = 0; c < 200; ++c)
      rows.push_back({RowKey::Input, 1, c, true});
  std::string error;
  auto p = place({a, b}, error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->partitions(), 2);
  EXPECT_EQ(p->rows[1].size(), 200u);
}

TEST(Place, FanInBeyondTheRowsIsAnError) {
  std::string error;
  EXPECT_FALSE(place({dense("wide", 2, 257, 0)}, error));
  EXPECT_EQ(error, "population 'wide' needs 257 synapse rows into neuron 0 "
                   "(one per source and sign); a neuron has 256: reduce its "
                   "fan-in or make its inputs' weights one-signed");
}

TEST(Place, RecurrentGroupsStayOnOneChip) {
  std::string error;
  EXPECT_FALSE(place(
      {dense("r1", 300, 2, 0, true), dense("r2", 300, 2, 0, true)}, error));
  EXPECT_EQ(error, "recurrent populations 'r1', 'r2' need 600 neuron "
                   "circuits; a chip has 512 and a recurrent loop cannot span "
                   "chips or partitions");
  // A group that fits moves whole to a fresh partition.
  auto p = place({dense("ff", 400, 2, 0), dense("r", 200, 2, 1, true)}, error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->partitions(), 2);
  EXPECT_EQ(p->chunks[1].partition, 1);
  EXPECT_EQ(p->chunks[1].end - p->chunks[1].begin, 200);
}
} // namespace
