//===- RefineTraffic.cpp - Neuron-level refinement on the exact metric ----===//
//
// The multilevel scheme refines an edge cut on an undirected graph; what the
// chip pays is different: one multicast packet per spike and remote core
// among the posts (the hyperedge {pre} + posts connectivity), and a core
// holds at most `fanIn` distinct pre-neurons. Both depend on how many posts
// of each pre-neuron sit on each core ("pin counts"), which this pass keeps
// per pre-neuron in a short list, so every move is scored by its exact
// change in traffic and checked against every capacity (neurons, synapse
// entries, fan-in) before it is made.
//
// Cores over their fan-in (the edge-cut levels do not see fan-in) are
// drained first: their boundary neurons move out, least damaging move first,
// while the core stays over its limit; whatever is still over is split by
// the caller.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/PartitionInternal.h"

#include <algorithm>
#include <limits>

using namespace snn::mapping;
using namespace snn::mapping::detail;

namespace {
/// Extra list entries per pre-neuron beyond the cores it reaches at the
/// start: a move that would need more is refused (memory stays ~N x 8 x
/// (cores reached + this), instead of N x cores).
constexpr int kSpareEntries = 4;

struct Pin {
  int32_t part;
  int32_t count; ///< Synapses of the pre-neuron into `part`.
};

class TrafficRefiner {
public:
  TrafficRefiner(const NeuronGraph &graph, const InEdges &in,
                 const Limits &limits, int32_t numParts,
                 std::vector<int32_t> &part)
      : g(graph), in(in), limits(limits), numParts(numParts), part(part) {}

  void run(int maxPasses, double minGain) {
    build();
    for (int pass = 0; pass < maxPasses; ++pass) {
      double gained = sweep();
      if (gained <= minGain * traffic)
        break;
    }
  }

private:
  const NeuronGraph &g;
  const InEdges &in;
  const Limits &limits;
  int32_t numParts;
  std::vector<int32_t> &part;

  std::vector<int64_t> pinBegin; ///< Slot range of each pre-neuron's list.
  std::vector<int32_t> pinSize;
  std::vector<Pin> pins;
  std::vector<int64_t> load, synapses, fanIn;
  std::vector<char> active; ///< Neurons the next sweep visits (empty: all).

  double traffic = 0;

  bool selfLoop(int64_t pre, int32_t post) const { return pre == post; }

  int32_t countIn(int64_t u, int32_t p) const {
    const Pin *b = &pins[pinBegin[u]], *e = b + pinSize[u];
    for (const Pin *it = b; it != e; ++it)
      if (it->part == p)
        return it->count;
    return 0;
  }

  bool canAdd(int64_t u) const {
    return pinSize[u] < pinBegin[u + 1] - pinBegin[u];
  }

  /// Changes u's count on p by `delta` (the entry exists or there is room).
  void adjust(int64_t u, int32_t p, int32_t delta) {
    Pin *b = &pins[pinBegin[u]], *e = b + pinSize[u];
    for (Pin *it = b; it != e; ++it)
      if (it->part == p) {
        it->count += delta;
        if (it->count == 0) {
          *it = *(e - 1);
          --pinSize[u];
        }
        return;
      }
    *e = {p, delta};
    ++pinSize[u];
  }

  void build() {
    int64_t n = g.numNeurons;
    load.assign(numParts, 0);
    synapses.assign(numParts, 0);
    fanIn.assign(numParts, 0);
    pinBegin.assign(n + 1, 0);
    pinSize.assign(n, 0);
    // Pass 1: distinct parts per pre-neuron, to size the lists.
    std::vector<int64_t> stamp(numParts, -1);
    for (int64_t u = 0; u < n; ++u) {
      int64_t distinct = 0, degree = g.rowPtr[u + 1] - g.rowPtr[u];
      for (int64_t e = g.rowPtr[u]; e < g.rowPtr[u + 1]; ++e) {
        int32_t p = part[g.col[e]];
        if (!selfLoop(u, g.col[e]) && stamp[p] != u) {
          stamp[p] = u;
          ++distinct;
        }
      }
      pinBegin[u + 1] =
          pinBegin[u] + std::min(degree, distinct + kSpareEntries);
    }
    pins.assign(pinBegin[n], Pin{0, 0});
    for (int64_t u = 0; u < n; ++u) {
      ++load[part[u]];
      for (int64_t e = g.rowPtr[u]; e < g.rowPtr[u + 1]; ++e) {
        int32_t v = g.col[e];
        ++synapses[part[v]];
        if (!selfLoop(u, v))
          adjust(u, part[v], 1);
      }
      for (int32_t k = 0; k < pinSize[u]; ++k) {
        const Pin &pin = pins[pinBegin[u] + k];
        ++fanIn[pin.part];
        if (pin.part != part[u])
          traffic += rateOf(g, u);
      }
    }
  }

  bool overFanIn(int32_t p) const {
    return limits.fanIn > 0 && fanIn[p] > limits.fanIn;
  }

  /// Exact traffic change and fan-in changes if `v` moves from `a` to `b`;
  /// false when a pre-neuron's list has no room for `b`.
  bool score(int64_t v, int32_t a, int32_t b, double &delta, int64_t &joinB,
             int64_t &leaveA) const {
    delta = 0;
    joinB = leaveA = 0;
    // v as a pre-neuron: its home moves, its posts stay.
    float rv = rateOf(g, v);
    delta += rv * ((countIn(v, a) > 0) - (countIn(v, b) > 0));
    // v as a post of each pre-neuron u (rows sorted: duplicates adjacent).
    for (int64_t e = in.rowPtr[v]; e < in.rowPtr[v + 1];) {
      int64_t u = in.col[e];
      int32_t m = 0;
      while (e < in.rowPtr[v + 1] && in.col[e] == u) {
        ++m;
        ++e;
      }
      if (u == v)
        continue;
      float ru = rateOf(g, u);
      int32_t home = part[u];
      if (countIn(u, a) == m) {
        ++leaveA;
        delta -= a != home ? ru : 0.0f;
      }
      if (countIn(u, b) == 0) {
        if (!canAdd(u))
          return false;
        ++joinB;
        delta += b != home ? ru : 0.0f;
      }
    }
    return true;
  }

  void move(int64_t v, int32_t a, int32_t b, int64_t joinB, int64_t leaveA,
            double delta) {
    for (int64_t e = in.rowPtr[v]; e < in.rowPtr[v + 1]; ++e) {
      int64_t u = in.col[e];
      if (u == v)
        continue;
      adjust(u, a, -1);
      adjust(u, b, 1);
    }
    int64_t inDegree = in.rowPtr[v + 1] - in.rowPtr[v];
    --load[a];
    ++load[b];
    synapses[a] -= inDegree;
    synapses[b] += inDegree;
    fanIn[a] -= leaveA;
    fanIn[b] += joinB;
    part[v] = b;
    traffic += delta;
  }

  /// One sweep over the neurons in index order; returns the traffic saved.
  double sweep() {
    int64_t n = g.numNeurons;
    std::vector<int32_t> candidates;
    // Distinct neighbouring parts by stamp rather than a sort per neuron;
    // ties are broken by part number below, so the order they are found in
    // does not matter.
    std::vector<int64_t> seen(numParts, -1);
    double saved = 0;
    // After the first sweep only neurons next to a moved one are visited
    // (the usual active-node approximation: a neuron sharing a pre-neuron
    // with a moved one sees its score change too, but is not revisited),
    // unless a core is still over its fan-in (then all may have to leave).
    bool visitAll = active.empty();
    for (int32_t p = 0; p < numParts && !visitAll; ++p)
      visitAll = overFanIn(p);
    std::vector<char> nextActive(n, 0);
    for (int64_t v = 0; v < n; ++v) {
      if (!visitAll && !active[v])
        continue;
      int32_t a = part[v];
      candidates.clear();
      seen[a] = v; // Never a candidate.
      auto note = [&](int32_t p) {
        if (seen[p] != v) {
          seen[p] = v;
          candidates.push_back(p);
        }
      };
      for (int64_t e = g.rowPtr[v]; e < g.rowPtr[v + 1]; ++e)
        note(part[g.col[e]]);
      for (int64_t e = in.rowPtr[v]; e < in.rowPtr[v + 1]; ++e)
        note(part[in.col[e]]);
      if (candidates.empty())
        continue; // Interior neuron.
      bool drain = overFanIn(a);
      int64_t inDegree = in.rowPtr[v + 1] - in.rowPtr[v];
      int32_t best = -1;
      double bestDelta = 0;
      int64_t bestJoin = 0, bestLeave = 0;
      for (int32_t b : candidates) {
        if (b == a || load[b] + 1 > limits.neurons ||
            (limits.synapses > 0 && synapses[b] + inDegree > limits.synapses))
          continue;
        double delta;
        int64_t joinB, leaveA;
        if (!score(v, a, b, delta, joinB, leaveA))
          continue;
        if (limits.fanIn > 0 && fanIn[b] + joinB > limits.fanIn)
          continue;
        // Draining: any move that lowers the core's fan-in qualifies, the
        // cheapest first; otherwise only strict savings (no oscillation).
        bool allowed = drain ? leaveA > 0 : delta < -1e-6;
        if (!allowed)
          continue;
        if (best < 0 || delta < bestDelta || (delta == bestDelta && b < best)) {
          best = b;
          bestDelta = delta;
          bestJoin = joinB;
          bestLeave = leaveA;
        }
      }
      if (best < 0)
        continue;
      move(v, a, best, bestJoin, bestLeave, bestDelta);
      for (int64_t e = g.rowPtr[v]; e < g.rowPtr[v + 1]; ++e)
        nextActive[g.col[e]] = 1;
      for (int64_t e = in.rowPtr[v]; e < in.rowPtr[v + 1]; ++e)
        nextActive[in.col[e]] = 1;
      saved -= bestDelta;
    }
    active.swap(nextActive);
    return saved;
  }
};
} // namespace

void detail::refineTraffic(const NeuronGraph &graph, const InEdges &in,
                           const Limits &limits, int32_t numParts,
                           int maxPasses, double minGain,
                           std::vector<int32_t> &part) {
  TrafficRefiner(graph, in, limits, numParts, part).run(maxPasses, minGain);
}
