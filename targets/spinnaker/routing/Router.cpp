//===- Router.cpp - Multicast trees and router tables ---------------------===//
//
// Neighbour Exploring Routing (Navaridas et al., "SpiNNaker: Enhanced
// multicast routing", Parallel Computing 2015) as PACMAN's ner_route.py does
// it: destinations are visited nearest first, and each one is connected to the
// nearest chip already in the tree (within a radius) by a longest-dimension-
// first path. Joining the tree where it is closest shares links between
// destinations, which a plain shortest path per destination would not.
//
//===----------------------------------------------------------------------===//

#include "targets/spinnaker/routing/Geometry.h"

#include <algorithm>
#include <map>

using namespace snn::spinnaker;
using namespace snn::spinnaker::detail;

namespace {

/// PACMAN's NER radius: farther tree chips are not worth joining, the path
/// from the source is as good.
constexpr int kNerRadius = 20;

struct TreeNode {
  ChipCoord chip;
  int parent;     // Index into the tree, -1 at the source chip.
  int inLink;     // Link the parent sent the packet out of.
  uint32_t links; // Out links (route bits 0..5).
  uint32_t cores; // Local cores (route bits 6.. shifted down).
};

std::string chipName(ChipCoord c) {
  return "(" + std::to_string(c.x) + ", " + std::to_string(c.y) + ")";
}

/// Builds the NER tree of one source. `nodeAt` maps chip index to tree node
/// and is all -1 on entry and on return.
std::vector<TreeNode> nerTree(const Machine &m, const Source &s,
                              std::vector<int> &nodeAt) {
  auto index = [&](ChipCoord c) { return c.y * m.width + c.x; };
  std::vector<TreeNode> tree{{s.chip, -1, -1, 0, 0}};
  nodeAt[index(s.chip)] = 0;

  // Distinct destination chips in first-appearance order, with their cores.
  std::vector<ChipCoord> chips;
  std::map<std::pair<int, int>, uint32_t> coresAt;
  for (const auto &d : s.destinations) {
    auto it = coresAt.try_emplace({d.first.x, d.first.y}, 0);
    if (it.second)
      chips.push_back(d.first);
    it.first->second |= uint32_t(1) << d.second;
  }
  auto lengthFrom = [&](ChipCoord a, ChipCoord b) {
    int dx, dy;
    shortestVector(m, a, b, dx, dy);
    return vectorLength(dx, dy);
  };
  std::stable_sort(chips.begin(), chips.end(), [&](ChipCoord a, ChipCoord b) {
    return lengthFrom(s.chip, a) < lengthFrom(s.chip, b);
  });

  for (ChipCoord dest : chips) {
    int join = nodeAt[index(dest)];
    if (join < 0) {
      int best = kNerRadius + 1;
      join = 0;
      for (size_t n = 0; n < tree.size(); ++n) {
        int len = lengthFrom(tree[n].chip, dest);
        if (len < best) {
          best = len;
          join = int(n);
        }
      }
    }
    int dx, dy;
    shortestVector(m, tree[join].chip, dest, dx, dy);
    std::vector<Step> path = longestDimensionFirst(m, tree[join].chip, dx, dy);
    // The path may cross the tree; joining at its last crossing keeps the
    // route a tree (a cycle would duplicate packets).
    size_t first = 0;
    for (size_t i = path.size(); i-- > 0;) {
      int n = nodeAt[index(path[i].chip)];
      if (n >= 0) {
        join = n;
        first = i + 1;
        break;
      }
    }
    for (size_t i = first; i < path.size(); ++i) {
      tree[join].links |= uint32_t(1) << path[i].link;
      tree.push_back({path[i].chip, join, path[i].link, 0, 0});
      join = int(tree.size()) - 1;
      nodeAt[index(path[i].chip)] = join;
    }
  }
  for (const auto &c : coresAt)
    tree[nodeAt[c.first.second * m.width + c.first.first]].cores |= c.second;
  for (const TreeNode &n : tree)
    nodeAt[index(n.chip)] = -1;
  return tree;
}

bool validate(const Machine &m, const std::vector<Source> &sources,
              const std::vector<KeyMask> &keys, std::string &err) {
  if (m.width < 1 || m.height < 1) {
    err = "machine must have at least one chip (got " +
          std::to_string(m.width) + " x " + std::to_string(m.height) + ")";
    return false;
  }
  if (keys.size() != sources.size()) {
    err = std::to_string(sources.size()) + " sources but " +
          std::to_string(keys.size()) + " keys";
    return false;
  }
  std::string machineName =
      std::to_string(m.width) + " x " + std::to_string(m.height) + " machine";
  auto check = [&](size_t i, ChipCoord c, int core) {
    if (!onMachine(m, c)) {
      err = "source " + std::to_string(i) + ": chip " + chipName(c) +
            " is outside the " + machineName;
      return false;
    }
    if (core < 0 || core >= kNumCores) {
      err = "source " + std::to_string(i) + ": core " + std::to_string(core) +
            " on chip " + chipName(c) + " is not 0.." +
            std::to_string(kNumCores - 1);
      return false;
    }
    return true;
  };
  for (size_t i = 0; i < sources.size(); ++i) {
    if (!check(i, sources[i].chip, sources[i].core))
      return false;
    for (const auto &d : sources[i].destinations)
      if (!check(i, d.first, d.second))
        return false;
  }
  return true;
}

} // namespace

bool snn::spinnaker::route(const Machine &machine,
                           const std::vector<Source> &sources,
                           const std::vector<KeyMask> &keys,
                           RoutingTables &tables, std::string &err) {
  tables = RoutingTables();
  if (!validate(machine, sources, keys, err))
    return false;

  std::vector<int> nodeAt(size_t(machine.width) * machine.height, -1);
  std::map<std::pair<int, int>, int> linkLoad; // (chip index, link) -> trees.
  for (size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].destinations.empty())
      continue;
    std::vector<TreeNode> tree = nerTree(machine, sources[i], nodeAt);
    tables.totalHops += int64_t(tree.size()) - 1;
    for (const TreeNode &n : tree) {
      RoutingEntry e{keys[i].key, keys[i].mask,
                     n.links | (n.cores << kNumLinks)};
      std::pair<int, int> at{n.chip.x, n.chip.y};
      // Straight through with no local core: the router's default route
      // does this without an entry, as SpiNNaker relies on.
      if (n.parent >= 0 && n.cores == 0 && n.links == (uint32_t(1) << n.inLink))
        tables.defaultRouted[at].push_back(e);
      else
        tables.perChip[at].push_back(e);
      if (n.parent >= 0) {
        ChipCoord p = tree[n.parent].chip;
        int load = ++linkLoad[{p.y * machine.width + p.x, n.inLink}];
        tables.maxLinkLoad = std::max(tables.maxLinkLoad, load);
      }
    }
  }
  // Key order per chip, so tables do not depend on the order of sources.
  auto byKey = [](const RoutingEntry &a, const RoutingEntry &b) {
    return a.key != b.key ? a.key < b.key : a.mask < b.mask;
  };
  for (auto &t : tables.perChip)
    std::sort(t.second.begin(), t.second.end(), byKey);
  for (auto &t : tables.defaultRouted)
    std::sort(t.second.begin(), t.second.end(), byKey);
  return true;
}

std::set<std::pair<std::pair<int, int>, int>>
snn::spinnaker::deliver(const Machine &machine, const RoutingTables &tables,
                        ChipCoord from, uint32_t key) {
  std::set<std::pair<std::pair<int, int>, int>> reached;
  if (!onMachine(machine, from))
    return reached;
  // A state is (chip, direction of travel); -1 is "sent by a local core".
  // Remembering states stops packets that default-route around a torus.
  std::set<std::pair<std::pair<int, int>, int>> seen;
  std::vector<std::pair<ChipCoord, int>> work{{from, -1}};
  while (!work.empty()) {
    auto [chip, dir] = work.back();
    work.pop_back();
    if (!seen.insert({{chip.x, chip.y}, dir}).second)
      continue;
    const RoutingEntry *match = nullptr;
    auto t = tables.perChip.find({chip.x, chip.y});
    if (t != tables.perChip.end())
      for (const RoutingEntry &e : t->second)
        if ((key & e.mask) == e.key) {
          match = &e;
          break;
        }
    uint32_t routeBits;
    if (match)
      routeBits = match->route;
    else if (dir >= 0)
      routeBits = uint32_t(1) << dir; // Default route: straight on.
    else
      continue; // A local packet nobody routes is dropped.
    for (int c = 0; c < kNumCores; ++c)
      if (routeBits & (uint32_t(1) << (kNumLinks + c)))
        reached.insert({{chip.x, chip.y}, c});
    for (int l = 0; l < kNumLinks; ++l) {
      ChipCoord next;
      if ((routeBits & (uint32_t(1) << l)) && neighbour(machine, chip, l, next))
        work.push_back({next, l});
    }
  }
  return reached;
}
