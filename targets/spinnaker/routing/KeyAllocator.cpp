//===- KeyAllocator.cpp - Zoned routing-key allocation --------------------===//
//
// Follows PACMAN's zoned_routing_info_allocator.py in its "flexible" mode:
//
//   key:  | zone (app vertex, partition) | machine vertex | atom |
//   mask: |111111111111111111111111111111111111111111111111|000000|
//
// All machine vertices of one zone share the zone prefix and are numbered
// consecutively, so a router that sends a whole population the same way can
// cover it with one merged entry. Within a zone the atom field is as wide as
// the zone's largest source needs; the machine-vertex field takes the rest of
// the widest zone's (machine + atom) bits, so the zone field starts at the same
// bit everywhere and zones never overlap.
//
//===----------------------------------------------------------------------===//

#include "targets/spinnaker/routing/Routing.h"

#include <algorithm>
#include <map>

using namespace snn::spinnaker;

namespace {

/// Bits to number `n` things (0 for one thing), as PACMAN's __bits_needed.
int bitsNeeded(uint64_t n) {
  int bits = 0;
  while (bits < 64 && (uint64_t(1) << bits) < n)
    ++bits;
  return bits;
}

struct Zone {
  std::vector<size_t> members; // Source indices, in input order.
  int atomBits = 0;
};

} // namespace

bool snn::spinnaker::allocateKeys(const std::vector<Source> &sources,
                                  std::vector<KeyMask> &keys,
                                  std::string &err) {
  keys.clear();
  // Zones in order of first appearance, so keys depend only on the input.
  std::vector<Zone> zones;
  std::map<std::pair<int, int>, size_t> zoneOf;
  for (size_t i = 0; i < sources.size(); ++i) {
    const Source &s = sources[i];
    if (s.atoms <= 0) {
      err = "source " + std::to_string(i) + ": atoms must be positive (got " +
            std::to_string(s.atoms) + ")";
      return false;
    }
    size_t z;
    if (s.appVertex < 0) {
      z = zones.size();
      zones.emplace_back();
    } else {
      auto it = zoneOf.try_emplace({s.appVertex, s.partition}, zones.size());
      if (it.second)
        zones.emplace_back();
      z = it.first->second;
    }
    zones[z].members.push_back(i);
  }

  int machineAndAtomBits = 0;
  for (Zone &z : zones) {
    int64_t maxAtoms = 0;
    for (size_t i : z.members)
      maxAtoms = std::max(maxAtoms, sources[i].atoms);
    z.atomBits = bitsNeeded(uint64_t(maxAtoms));
    machineAndAtomBits =
        std::max(machineAndAtomBits, bitsNeeded(z.members.size()) + z.atomBits);
  }
  int zoneBits = bitsNeeded(zones.size());
  if (zoneBits + machineAndAtomBits > 32) {
    err = "routing key space exhausted: " + std::to_string(zones.size()) +
          " zones (app vertex, partition) need " + std::to_string(zoneBits) +
          " bits and the widest zone needs " +
          std::to_string(machineAndAtomBits) +
          " bits for machine vertex and atom, more than the 32 of a key";
    return false;
  }

  keys.assign(sources.size(), KeyMask{0, 0});
  for (size_t zi = 0; zi < zones.size(); ++zi) {
    const Zone &z = zones[zi];
    int machineBits = machineAndAtomBits - z.atomBits;
    // 64-bit arithmetic: a shift by 32 is legal there and yields mask 0.
    uint64_t mask = (~uint64_t(0) << z.atomBits) & 0xffffffffu;
    for (size_t m = 0; m < z.members.size(); ++m) {
      uint64_t key = ((uint64_t(zi) << machineBits) | m) << z.atomBits;
      keys[z.members[m]] = {uint32_t(key & mask), uint32_t(mask)};
    }
  }
  return true;
}
