//===- Refine.cpp - Initial parts on the coarsest graph and refinement ----===//
//
// growParts builds the first assignment on the coarsest graph by greedy graph
// growing; refineParts then improves it level by level on the way back to
// neurons. Both treat the neuron capacity as hard, because a core cannot hold
// one neuron more than the chip allows; balance beyond that is not a goal.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/PartitionInternal.h"

#include <algorithm>
#include <limits>
#include <queue>

using namespace snn::mapping;
using namespace snn::mapping::detail;

std::vector<int32_t> detail::growParts(const WeightedGraph &g, int32_t numParts,
                                       int64_t neuronCap,
                                       const std::vector<int32_t> &seedOrder) {
  int64_t n = g.numNodes;
  std::vector<int32_t> part(n, -1);
  int64_t remaining = 0;
  for (int32_t w : g.nodeNeurons)
    remaining += w;
  std::vector<float> conn(n, 0.0f);
  std::vector<int32_t> touched;
  size_t seedPos = 0;
  // Max-heap on connection to the part being grown; ties to the lower node
  // so the result is deterministic. Entries go stale when conn changes.
  using Entry = std::pair<float, int32_t>;
  struct Less {
    bool operator()(const Entry &a, const Entry &b) const {
      return a.first < b.first || (a.first == b.first && a.second > b.second);
    }
  };
  std::priority_queue<Entry, std::vector<Entry>, Less> heap;
  std::vector<int64_t> load(numParts, 0);
  for (int32_t k = 0; k < numParts; ++k) {
    int64_t target = (remaining + (numParts - k) - 1) / (numParts - k);
    target = std::min(target, neuronCap);
    int64_t &l = load[k];
    while (l < target) {
      if (heap.empty()) {
        // A new seed: the next free node in sweep order, so parts follow one
        // another across the graph instead of scattering.
        while (seedPos < seedOrder.size() && part[seedOrder[seedPos]] >= 0)
          ++seedPos;
        if (seedPos == seedOrder.size())
          break;
        heap.push({0.0f, seedOrder[seedPos++]});
      }
      auto [c, v] = heap.top();
      heap.pop();
      if (part[v] >= 0 || c != conn[v])
        continue;
      int64_t w = g.nodeNeurons[v];
      // Overshoot the target by at most half the node: keeps parts even.
      if (l + w > neuronCap || 2 * (l + w) > 2 * target + w)
        continue;
      part[v] = k;
      l += w;
      for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
        int32_t u = g.adj[e];
        if (part[u] >= 0)
          continue;
        if (conn[u] == 0.0f)
          touched.push_back(u);
        conn[u] += g.weight[e];
        heap.push({conn[u], u});
      }
    }
    remaining -= l;
    for (int32_t u : touched)
      conn[u] = 0.0f;
    touched.clear();
    heap = decltype(heap)();
  }
  // Leftovers (nodes too big for what was left of any part) go to the
  // neighbouring part with room they are most connected to, else to the
  // emptiest part; refinement drains any overload at a finer level.
  std::vector<float> pconn(numParts, 0.0f);
  for (int64_t v = 0; v < n; ++v) {
    if (part[v] >= 0)
      continue;
    int64_t w = g.nodeNeurons[v];
    int32_t best = -1;
    for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e)
      if (part[g.adj[e]] >= 0)
        pconn[part[g.adj[e]]] += g.weight[e];
    for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
      int32_t p = part[g.adj[e]];
      if (p < 0 || load[p] + w > neuronCap)
        continue;
      if (best < 0 || pconn[p] > pconn[best] ||
          (pconn[p] == pconn[best] && p < best))
        best = p;
    }
    for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e)
      if (part[g.adj[e]] >= 0)
        pconn[part[g.adj[e]]] = 0.0f;
    if (best < 0)
      best = static_cast<int32_t>(std::min_element(load.begin(), load.end()) -
                                  load.begin());
    part[v] = best;
    load[best] += w;
  }
  return part;
}

namespace {
/// A node that gains by moving to a part with no room.
struct Wish {
  int32_t from, to;
  float gain;
  int32_t node;
};

/// Weight of `v`'s edges into parts `a` and `b`, and to node `u`.
void connections(const WeightedGraph &g, const std::vector<int32_t> &part,
                 int32_t v, int32_t a, int32_t b, int32_t u, float &toA,
                 float &toB, float &toU) {
  toA = toB = toU = 0.0f;
  for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
    int32_t p = part[g.adj[e]];
    toA += p == a ? g.weight[e] : 0.0f;
    toB += p == b ? g.weight[e] : 0.0f;
    toU += g.adj[e] == u ? g.weight[e] : 0.0f;
  }
}

/// Grants wishes in pairs: v (A->B) and u (B->A) swap when the exact gain
/// of both moves, recomputed now, is positive. Full cores leave moves no room
/// (the parts use the lower bound of cores, so there is almost no slack);
/// swaps keep every load within capacity. Returns the swaps made.
int64_t swapWishes(const WeightedGraph &g, const RefineLimits &limits,
                   std::vector<Wish> &wishes, std::vector<int32_t> &part,
                   std::vector<int64_t> &load, std::vector<int64_t> &synapses) {
  std::sort(wishes.begin(), wishes.end(), [](const Wish &x, const Wish &y) {
    if (x.from != y.from)
      return x.from < y.from;
    if (x.to != y.to)
      return x.to < y.to;
    if (x.gain != y.gain)
      return x.gain > y.gain;
    return x.node < y.node;
  });
  auto range = [&](int32_t a, int32_t b) {
    auto lo =
        std::lower_bound(wishes.begin(), wishes.end(), std::make_pair(a, b),
                         [](const Wish &w, std::pair<int32_t, int32_t> k) {
                           return std::make_pair(w.from, w.to) < k;
                         });
    auto hi = lo;
    while (hi != wishes.end() && hi->from == a && hi->to == b)
      ++hi;
    return std::make_pair(lo, hi);
  };
  int64_t swaps = 0;
  for (auto it = wishes.begin(); it != wishes.end();) {
    int32_t a = it->from, b = it->to;
    auto [abLo, abHi] = range(a, b);
    it = abHi;
    if (a > b)
      continue; // Each pair once, from its (smaller, larger) side.
    auto [baLo, baHi] = range(b, a);
    for (auto x = abLo, y = baLo; x != abHi && y != baHi;) {
      int32_t v = x->node, u = y->node;
      if (part[v] != a) {
        ++x;
        continue;
      }
      if (part[u] != b) {
        ++y;
        continue;
      }
      float vA, vB, vU, uA, uB, uV;
      connections(g, part, v, a, b, u, vA, vB, vU);
      connections(g, part, u, a, b, v, uA, uB, uV);
      float gain = (vB - vA) + (uA - uB) - 2 * vU;
      int64_t wv = g.nodeNeurons[v], wu = g.nodeNeurons[u];
      int64_t sv = g.nodeSynapses[v], su = g.nodeSynapses[u];
      bool fit =
          load[a] - wv + wu <= limits.neurons &&
          load[b] - wu + wv <= limits.neurons &&
          (limits.synapses == 0 || (synapses[a] - sv + su <= limits.synapses &&
                                    synapses[b] - su + sv <= limits.synapses));
      if (gain <= 1e-6f || !fit) {
        // Sorted by gain: if the best remaining pair does not pay, skip
        // the weaker side and try again.
        if (x->gain < y->gain)
          ++x;
        else
          ++y;
        continue;
      }
      part[v] = b;
      part[u] = a;
      load[a] += wu - wv;
      load[b] += wv - wu;
      synapses[a] += su - sv;
      synapses[b] += sv - su;
      ++swaps;
      ++x;
      ++y;
    }
  }
  return swaps;
}
} // namespace

void detail::refineParts(const WeightedGraph &g, int32_t numParts,
                         const RefineLimits &limits, int maxPasses,
                         double minGain, std::vector<int32_t> &part) {
  int64_t n = g.numNodes;
  std::vector<int64_t> load(numParts, 0), synapses(numParts, 0);
  for (int64_t v = 0; v < n; ++v) {
    load[part[v]] += g.nodeNeurons[v];
    synapses[part[v]] += g.nodeSynapses[v];
  }
  auto overloaded = [&](int32_t p) {
    return load[p] > limits.neurons ||
           (limits.synapses > 0 && synapses[p] > limits.synapses);
  };
  auto fits = [&](int32_t p, int64_t w, int64_t s) {
    return load[p] + w <= limits.neurons &&
           (limits.synapses == 0 || synapses[p] + s <= limits.synapses);
  };
  std::vector<float> conn(numParts, 0.0f);
  std::vector<char> touchedFlag(numParts, 0);
  std::vector<int32_t> touched;
  std::vector<Wish> wishes;
  // Active nodes: after the first pass only nodes whose neighbourhood
  // changed (a neighbour moved) or whose wish was not granted can gain, so
  // later passes skip the rest; they cost a fraction of a full sweep.
  std::vector<char> active(n, 1), nextActive(n, 0);
  bool visitAll = true;
  double cutRef = 0; // The cut seen by the first pass, which visits all.
  for (int pass = 0; pass < maxPasses; ++pass) {
    int64_t moved = 0;
    wishes.clear();
    double cutSeen = 0, gained = 0;
    bool anyOverload = false;
    for (int64_t v = 0; v < n; ++v) {
      if (!visitAll && !active[v])
        continue;
      int32_t from = part[v];
      bool over = overloaded(from);
      for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
        int32_t p = part[g.adj[e]];
        if (!touchedFlag[p]) {
          touchedFlag[p] = 1;
          touched.push_back(p);
        }
        conn[p] += g.weight[e];
      }
      int64_t w = g.nodeNeurons[v], s = g.nodeSynapses[v];
      float stay = touchedFlag[from] ? conn[from] : 0.0f;
      for (int32_t p : touched)
        cutSeen += p == from ? 0.0f : conn[p];
      int32_t best = -1, wanted = -1;
      // Gain = rate-weighted synapses that stop crossing cores. Only strict
      // gains move a node (no oscillation), unless its part must shrink.
      float bestGain = over ? -std::numeric_limits<float>::infinity() : 1e-6f;
      float wantedGain = 1e-6f;
      for (int32_t p : touched) {
        if (p == from)
          continue;
        float gain = conn[p] - stay;
        if (gain > wantedGain || (gain == wantedGain && p < wanted)) {
          wanted = p;
          wantedGain = gain;
        }
        if (!fits(p, w, s))
          continue;
        if (gain > bestGain || (gain == bestGain && p < best)) {
          best = p;
          bestGain = gain;
        }
      }
      for (int32_t p : touched) {
        conn[p] = 0.0f;
        touchedFlag[p] = 0;
      }
      touched.clear();
      // The best part is full: remember the wish, a swap may grant it.
      if (best < 0 && wanted >= 0) {
        wishes.push_back({from, wanted, wantedGain, static_cast<int32_t>(v)});
        nextActive[v] = 1;
      }
      if (over && best < 0) {
        // No neighbouring part has room: the emptiest part that fits.
        for (int32_t p = 0; p < numParts; ++p)
          if (p != from && fits(p, w, s) && (best < 0 || load[p] < load[best]))
            best = p;
      }
      if (best < 0)
        continue;
      load[from] -= w;
      synapses[from] -= s;
      load[best] += w;
      synapses[best] += s;
      part[v] = best;
      gained += bestGain;
      ++moved;
      anyOverload |= overloaded(from);
      for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e)
        nextActive[g.adj[e]] = 1;
    }
    int64_t swaps = swapWishes(g, limits, wishes, part, load, synapses);
    moved += 2 * swaps;
    if (swaps > 0)
      for (const Wish &w : wishes)
        if (part[w.node] == w.to)
          for (int64_t e = g.xadj[w.node]; e < g.xadj[w.node + 1]; ++e)
            nextActive[g.adj[e]] = 1;
    active.swap(nextActive);
    std::fill(nextActive.begin(), nextActive.end(), 0);
    // A part still over capacity may shed any of its nodes: visit all.
    visitAll = anyOverload;
    // Stop when a pass saves under `minGain` of the cut: on random graphs
    // every pass finds many tiny gains not worth a sweep over 1e8 edges.
    if (pass == 0)
      cutRef = cutSeen;
    if (!anyOverload && (moved <= n / 1000 || gained < minGain * cutRef / 2))
      break;
  }
}
