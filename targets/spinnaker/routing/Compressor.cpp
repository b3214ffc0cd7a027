//===- Compressor.cpp - Ordered-covering router table compression ---------===//
//
// Mundy's ordered covering, as in PACMAN's router_compressors/
// ordered_covering_router_compressor/ordered_covering.py: the table is kept
// in order of increasing generality (number of don't-care bits), and entries
// with the same route are merged into one entry whose key/mask keeps only the
// bits they all agree on. The merged entry goes below every less general
// entry, so those still win for their own keys: a merge may cover keys of
// entries above it, which is what lets ordered covering beat plain merging.
//
// Correctness rests on one invariant. Every entry carries its aliases, the
// original key/masks it stands for, and every entry above it that intersects
// one of them has the same route, so each original key still meets its own
// route first. A merge keeps the invariant by two checks:
//  - up: a member whose aliases an entry with another route between it and
//    the insertion point would capture leaves the merge;
//  - down: the merged key/mask must not cover aliases of entries below it
//    that route differently; a conflict is resolved by fixing one don't-care
//    bit to the value the covered alias lacks, dropping the members that
//    disagree (PACMAN's "refine downcheck" does the same).
// Keys left to default routing are not in the table, so the merged entry may
// cover them only when it sends them where default routing would.
//
// The up check is the costly one (every member against every entry below
// it), so each entry remembers its first "blocker": the first entry below it
// with another route that captures one of its aliases. A merge then updates
// the blockers it affects instead of every merge candidate rescanning.
//
//===----------------------------------------------------------------------===//

#include "targets/spinnaker/routing/Routing.h"

#include <algorithm>
#include <bitset>
#include <cstdio>
#include <map>

using namespace snn::spinnaker;

namespace {

constexpr size_t kNone = ~size_t(0);

struct Entry {
  uint32_t key, mask, route;
  std::vector<KeyMask> aliases;
  /// Index of the first entry below with another route that intersects an
  /// alias; kNone when there is none.
  size_t blocker = kNone;
};

bool intersects(uint32_t k1, uint32_t m1, uint32_t k2, uint32_t m2) {
  return ((k1 ^ k2) & m1 & m2) == 0;
}

int generality(uint32_t mask) {
  return 32 - int(std::bitset<32>(mask).count());
}

/// Whether `e` would capture one of `owner`'s aliases.
bool captures(const Entry &e, const Entry &owner) {
  // An entry covers its aliases: missing it misses them all (cheap, and true
  // for most pairs).
  if (!intersects(e.key, e.mask, owner.key, owner.mask))
    return false;
  for (const KeyMask &a : owner.aliases)
    if (intersects(e.key, e.mask, a.key, a.mask))
      return true;
  return false;
}

/// One chip's table during compression.
struct Table {
  std::vector<Entry> entries;         // Increasing generality.
  std::vector<RoutingEntry> defaults; // Keys default-routed through the chip.
};

/// A candidate merge: members (ascending table indices) and the entry they
/// become.
struct Merge {
  std::vector<size_t> members;
  uint32_t key = 0, mask = 0;
  size_t insertAt = 0;
};

void computeMerged(const Table &t, Merge &m) {
  uint32_t allOnes = ~0u, anyOnes = 0, allMask = ~0u;
  for (size_t i : m.members) {
    allOnes &= t.entries[i].key;
    anyOnes |= t.entries[i].key;
    allMask &= t.entries[i].mask;
  }
  // Care only about bits every member cares about and agrees on.
  m.mask = allMask & ~(allOnes ^ anyOnes);
  m.key = allOnes & m.mask;
  // Below every entry less general than the result (members included).
  int g = generality(m.mask);
  m.insertAt = t.entries.size();
  for (size_t i = 0; i < t.entries.size(); ++i)
    if (generality(t.entries[i].mask) >= g) {
      m.insertAt = i;
      break;
    }
}

/// Drops members blocked above the insertion point; true if any was.
bool upCheck(const Table &t, Merge &m) {
  size_t before = m.members.size();
  m.members.erase(std::remove_if(m.members.begin(), m.members.end(),
                                 [&](size_t i) {
                                   return t.entries[i].blocker < m.insertAt;
                                 }),
                  m.members.end());
  return m.members.size() != before;
}

/// The first entry at or after `from` that blocks entry `i`.
size_t findBlocker(const Table &t, size_t i, size_t from) {
  for (size_t j = from; j < t.entries.size(); ++j)
    if (t.entries[j].route != t.entries[i].route &&
        captures(t.entries[j], t.entries[i]))
      return j;
  return kNone;
}

/// The first key/mask below the merge that it would wrongly capture.
bool findDownConflict(const Table &t, const Merge &m, uint32_t route,
                      KeyMask &conflict) {
  for (size_t j = m.insertAt; j < t.entries.size(); ++j) {
    const Entry &below = t.entries[j];
    if (below.route == route ||
        !intersects(m.key, m.mask, below.key, below.mask))
      continue;
    for (const KeyMask &a : below.aliases)
      if (intersects(m.key, m.mask, a.key, a.mask)) {
        conflict = a;
        return true;
      }
  }
  for (const RoutingEntry &d : t.defaults)
    if (d.route != route && intersects(m.key, m.mask, d.key, d.mask)) {
      conflict = {d.key, d.mask};
      return true;
    }
  return false;
}

/// Narrows the merge so it misses `c`: fixes the don't-care bit (one `c`
/// cares about) that keeps the most members, set opposite to `c`'s.
void avoid(const Table &t, Merge &m, KeyMask c) {
  std::vector<size_t> best;
  for (int b = 0; b < 32; ++b) {
    uint32_t bit = uint32_t(1) << b;
    if ((m.mask & bit) || !(c.mask & bit))
      continue;
    uint32_t want = ~c.key & bit;
    std::vector<size_t> kept;
    for (size_t i : m.members)
      if ((t.entries[i].mask & bit) && (t.entries[i].key & bit) == want)
        kept.push_back(i);
    if (kept.size() > best.size())
      best = std::move(kept);
  }
  m.members = std::move(best);
}

/// Refines `m` until both checks pass; false once it is no better than
/// `minGoodness` (entries saved).
bool refine(const Table &t, Merge &m, size_t minGoodness) {
  uint32_t route = t.entries[m.members.front()].route;
  while (m.members.size() > minGoodness + 1) {
    computeMerged(t, m);
    if (upCheck(t, m))
      continue;
    KeyMask conflict;
    if (!findDownConflict(t, m, route, conflict))
      return true;
    avoid(t, m, conflict);
  }
  return false;
}

/// The merge saving the most entries, among one per route (all entries with
/// that route, then refined); false when none saves any.
bool bestMerge(const Table &t, Merge &best) {
  std::vector<uint32_t> routes;
  std::map<uint32_t, std::vector<size_t>> byRoute;
  for (size_t i = 0; i < t.entries.size(); ++i) {
    auto &group = byRoute[t.entries[i].route];
    if (group.empty())
      routes.push_back(t.entries[i].route);
    group.push_back(i);
  }
  size_t bestGoodness = 0;
  for (uint32_t r : routes) {
    Merge m;
    m.members = byRoute[r];
    if (m.members.size() - 1 <= bestGoodness || !refine(t, m, bestGoodness))
      continue;
    bestGoodness = m.members.size() - 1;
    best = std::move(m);
  }
  return bestGoodness > 0;
}

void apply(Table &t, const Merge &m) {
  const size_t n = t.entries.size();
  Entry merged{m.key, m.mask, t.entries[m.members.front()].route, {}};
  std::vector<char> member(n, 0);
  for (size_t i : m.members) {
    member[i] = 1;
    const auto &a = t.entries[i].aliases;
    merged.aliases.insert(merged.aliases.end(), a.begin(), a.end());
  }
  // Old index -> new index; the merged entry lands at `at`.
  std::vector<size_t> newIndex(n, kNone);
  std::vector<Entry> out;
  out.reserve(n - m.members.size() + 1);
  size_t at = kNone;
  for (size_t i = 0; i <= n; ++i) {
    if (i == m.insertAt) {
      at = out.size();
      out.push_back(std::move(merged));
    }
    if (i < n && !member[i]) {
      newIndex[i] = out.size();
      out.push_back(std::move(t.entries[i]));
    }
  }
  t.entries = std::move(out);

  Entry &added = t.entries[at];
  added.blocker = findBlocker(t, at, at + 1);
  // Entries below the merge keep blockers below them. Above it, a blocker
  // that was merged away is looked for again, and the merged entry may be a
  // new, earlier blocker.
  for (size_t i = 0; i < at; ++i) {
    Entry &e = t.entries[i];
    size_t old = e.blocker;
    if (old != kNone && member[old]) {
      e.blocker = findBlocker(t, i, i + 1);
      continue;
    }
    e.blocker = old == kNone ? kNone : newIndex[old];
    if (e.blocker > at && e.route != added.route && captures(added, e))
      e.blocker = at;
  }
  for (size_t i = at + 1; i < t.entries.size(); ++i) {
    size_t &b = t.entries[i].blocker;
    b = b == kNone ? kNone : newIndex[b];
  }
}

std::string chipName(std::pair<int, int> c) {
  return "(" + std::to_string(c.first) + ", " + std::to_string(c.second) + ")";
}

/// Ordered covering needs the table's order not to matter to begin with.
bool checkDisjoint(std::pair<int, int> chip, const Table &t, std::string &err) {
  std::vector<KeyMask> all;
  for (const Entry &e : t.entries)
    all.push_back({e.key, e.mask});
  for (const RoutingEntry &d : t.defaults)
    all.push_back({d.key, d.mask});
  for (size_t i = 0; i < all.size(); ++i)
    for (size_t j = i + 1; j < all.size(); ++j)
      if (intersects(all[i].key, all[i].mask, all[j].key, all[j].mask)) {
        char buf[96];
        snprintf(buf, sizeof(buf),
                 "key/mask 0x%08x/0x%08x and 0x%08x/0x%08x overlap", all[i].key,
                 all[i].mask, all[j].key, all[j].mask);
        err = "chip " + chipName(chip) + ": cannot compress, " + buf;
        return false;
      }
  return true;
}

} // namespace

bool snn::spinnaker::compress(const Machine &machine, RoutingTables &tables,
                              std::string &err, bool asFarAsPossible) {
  const size_t limit = size_t(std::max(0, machine.routerEntries));
  for (auto &[chip, entries] : tables.perChip) {
    size_t before = entries.size();
    if (!asFarAsPossible && before <= limit)
      continue;
    Table t;
    for (const RoutingEntry &e : entries)
      t.entries.push_back(
          {e.key & e.mask, e.mask, e.route, {{e.key & e.mask, e.mask}}});
    auto d = tables.defaultRouted.find(chip);
    if (d != tables.defaultRouted.end())
      t.defaults = d->second;
    if (!checkDisjoint(chip, t, err))
      return false;
    std::stable_sort(t.entries.begin(), t.entries.end(),
                     [](const Entry &a, const Entry &b) {
                       int ga = generality(a.mask), gb = generality(b.mask);
                       return ga != gb ? ga < gb : a.key < b.key;
                     });
    for (size_t i = 0; i < t.entries.size(); ++i)
      t.entries[i].blocker = findBlocker(t, i, i + 1);
    Merge m;
    while ((asFarAsPossible || t.entries.size() > limit) && bestMerge(t, m))
      apply(t, m);

    entries.clear();
    for (const Entry &e : t.entries)
      entries.push_back({e.key, e.mask, e.route});
    if (entries.size() > limit) {
      err = "chip " + chipName(chip) + ": routing table has " +
            std::to_string(before) + " entries, " +
            std::to_string(entries.size()) +
            " after compression, over the router's limit of " +
            std::to_string(limit);
      return false;
    }
  }
  return true;
}
