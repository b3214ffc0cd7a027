//===- Routing.h - SpiNNaker-style keys, routes and tables ------*- C++ -*-===//
//
// The routing half of the SpiNNaker core mapper: routing keys for each
// multicast source, a multicast tree per source over the chip mesh, the
// per-chip router tables those trees need, and their compression under the
// router's entry limit. Plain C++17 so that mappers, emulators and tests use it
// without MLIR. Algorithms and sources: targets/spinnaker/routing/README.md.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_TARGETS_SPINNAKER_ROUTING_ROUTING_H
#define SNN_TARGETS_SPINNAKER_ROUTING_ROUTING_H

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace snn::spinnaker {

/// A chip's position in the mesh.
struct ChipCoord {
  int x, y;
};

/// The six inter-chip links of a SpiNNaker router, numbered as on the chip
/// (and in route words: link l is bit l).
enum Link : int {
  East = 0,
  NorthEast = 1,
  North = 2,
  West = 3,
  SouthWest = 4,
  South = 5
};
/// Number of link bits in a route word; core c is bit kNumLinks + c.
constexpr int kNumLinks = 6;
/// Number of core bits in a route word (18 cores per SpiNNaker 1 chip).
constexpr int kNumCores = 18;

/// A machine: W x H chips on a triangular torus (links E, NE, N, W, SW, S as
/// on SpiNNaker), cores per chip usable (17).
struct Machine {
  int width, height;
  bool torus = true;
  int coresPerChip = 17;
  int routerEntries = 1023;
};

/// A source: a machine vertex (core) sending a multicast partition with
/// `atoms` neurons (each neuron sends key = base | atom). `destinations` are
/// (chip, core) pairs; cores are route-word processor numbers 0..17.
///
/// `appVertex` and `partition` say which application vertex (population) and
/// outgoing partition the machine vertex belongs to: sources sharing both share
/// a key zone, so their entries can merge into one. -1 (the default) makes the
/// source its own application vertex.
struct Source {
  ChipCoord chip;
  int core;
  int64_t atoms;
  std::vector<std::pair<ChipCoord, int>> destinations;
  int appVertex = -1;
  int partition = 0;
};

/// A routing key and mask: a packet's key k matches when (k & mask) == key.
struct KeyMask {
  uint32_t key, mask;
};

/// Allocates a key/mask per source: atoms fit in the low bits (mask covers the
/// rest), keys disjoint, deterministic; zoned by (app vertex, partition) as
/// PACMAN's zoned allocator does (key = zone | machine vertex | atom); error if
/// 32 bits are not enough or a source has no atoms.
bool allocateKeys(const std::vector<Source> &sources,
                  std::vector<KeyMask> &keys, std::string &err);

/// One router entry. `route` is a bitset: bit l (0..5) sends out of link l,
/// bit 6 + c delivers to core c.
struct RoutingEntry {
  uint32_t key, mask, route;
};

/// Per-chip router tables, indexed by (x, y). Each table is ordered: the first
/// matching entry wins. A packet that arrives over a link and matches nothing
/// leaves through the opposite link (default routing); one sent by a local
/// core that matches nothing is dropped.
struct RoutingTables {
  std::map<std::pair<int, int>, std::vector<RoutingEntry>> perChip;
  /// Sum over sources of the links in the source's multicast tree: the link
  /// traversals when every source sends one packet.
  int64_t totalHops = 0;
  /// Most multicast trees using any one (directed) link.
  int maxLinkLoad = 0;
  /// Per chip, the entries left out of `perChip` because default routing
  /// already does what they would (the packet goes straight through). They are
  /// not loaded into the router; compress() keeps their keys out of merged
  /// entries that route differently.
  std::map<std::pair<int, int>, std::vector<RoutingEntry>> defaultRouted;
};

/// Routes each source to its destinations with a multicast tree over the chip
/// mesh (Neighbour Exploring Routing with longest-dimension-first paths, as
/// PACMAN's ner_route), producing per-chip routing entries. Entries that only
/// pass a packet straight through a chip are left to default routing.
bool route(const Machine &machine, const std::vector<Source> &sources,
           const std::vector<KeyMask> &keys, RoutingTables &tables,
           std::string &err);

/// Compresses each chip's table (ordered covering: merging entries with the
/// same route whose key/mask can be merged without capturing other entries'
/// keys), in place. Stops once a table fits `machine.routerEntries` unless
/// `asFarAsPossible`. Error naming the chip (x, y), entries before/after and
/// the limit if a table still exceeds routerEntries, or if a table's entries
/// overlap (compression reorders entries, so it needs disjoint keys).
bool compress(const Machine &machine, RoutingTables &tables, std::string &err,
              bool asFarAsPossible = false);

/// Simulates routing a packet with `key` sent by a core of chip `from`:
/// follows the tables (and default routing) and returns the set of
/// ((x, y), core) reached. Used by tests and the artifact emulator to prove
/// delivery.
std::set<std::pair<std::pair<int, int>, int>>
deliver(const Machine &machine, const RoutingTables &tables, ChipCoord from,
        uint32_t key);

} // namespace snn::spinnaker

#endif // SNN_TARGETS_SPINNAKER_ROUTING_ROUTING_H
