//===- Bisect.cpp - Initial parts by recursive graph-growing bisection ----===//
//
// The coarsest graph is split in two by growing one side from a
// pseudo-peripheral node (the far end of a BFS), always adding the node most
// connected to the side, until the side holds its share of parts; each half
// is split again. Growing from the periphery cuts a sheet into near-
// rectangular blocks, where growing all parts one after another leaves
// ragged holes for the last parts. Each grown split is then improved by
// Fiduccia-Mattheyses passes (as METIS does on its coarsest graph): a ragged
// growth front costs ~10-30% of the cut that FM recovers.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/PartitionInternal.h"

#include <algorithm>
#include <queue>

using namespace snn::mapping;
using namespace snn::mapping::detail;

namespace {
struct Task {
  std::vector<int32_t> nodes;
  int32_t firstPart, numParts;
};

/// The node of `nodes` (marked with `mark` in `set`) a BFS from `start`
/// reaches last: an end of a long path, i.e. on the periphery.
int32_t farthest(const WeightedGraph &g, int32_t start,
                 const std::vector<int32_t> &set, int32_t mark,
                 std::vector<int32_t> &seen, int32_t stamp) {
  std::queue<int32_t> queue;
  queue.push(start);
  seen[start] = stamp;
  int32_t last = start;
  while (!queue.empty()) {
    int32_t v = queue.front();
    queue.pop();
    last = v;
    for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
      int32_t u = g.adj[e];
      if (set[u] == mark && seen[u] != stamp) {
        seen[u] = stamp;
        queue.push(u);
      }
    }
  }
  return last;
}

/// FM passes stop when one gains nothing, after at most this many.
constexpr int kFmPasses = 8;
/// A pass gives up after this many moves past its best prefix (plus 1% of
/// the task): the hill-climbing horizon.
constexpr size_t kFmHorizon = 64;

struct FmScratch {
  std::vector<float> gain;
  std::vector<char> locked;
  std::vector<int32_t> moves;
};

/// Fiduccia-Mattheyses refinement of the split of `nodes` (those with
/// set[v] == mark) into side[v] = 1 (left) and 0: nodes move one at a time,
/// the best cut reduction first, each at most once per pass and also at a
/// loss (to climb out of local minima); the pass then rolls back to its best
/// prefix. The left side's neurons may stray `give` (one node) outside
/// [lo, hi] during a pass, so that even exactly full sides can trade nodes,
/// but the kept prefix ends within [lo, hi]. Only edges inside
/// the task count: edges leaving it are cut whatever this split does.
void refineBisection(const WeightedGraph &g, const std::vector<int32_t> &nodes,
                     const std::vector<int32_t> &set, int32_t mark,
                     std::vector<char> &side, int64_t lo, int64_t hi,
                     int64_t give, int64_t &leftLoad, FmScratch &s) {
  using Entry = std::pair<float, int32_t>;
  struct Less {
    bool operator()(const Entry &a, const Entry &b) const {
      return a.first < b.first || (a.first == b.first && a.second > b.second);
    }
  };
  lo = std::min(lo, leftLoad);
  hi = std::max(hi, leftLoad);
  size_t horizon = kFmHorizon + nodes.size() / 100;
  for (int pass = 0; pass < kFmPasses; ++pass) {
    std::priority_queue<Entry, std::vector<Entry>, Less> heap[2];
    for (int32_t v : nodes) {
      float gain = 0.0f;
      bool boundary = false;
      for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
        int32_t u = g.adj[e];
        if (set[u] != mark)
          continue;
        bool cross = side[u] != side[v];
        boundary |= cross;
        gain += cross ? g.weight[e] : -g.weight[e];
      }
      s.gain[v] = gain;
      if (boundary)
        heap[side[v]].push({gain, v});
    }
    double delta = 0, best = 0;
    size_t bestLen = 0;
    s.moves.clear();
    while (s.moves.size() - bestLen <= horizon) {
      // The best valid top of each side's heap (stale entries dropped).
      int32_t pick = -1;
      for (int from = 0; from < 2; ++from) {
        auto &h = heap[from];
        while (!h.empty() &&
               (s.locked[h.top().second] || side[h.top().second] != from ||
                h.top().first != s.gain[h.top().second]))
          h.pop();
        if (h.empty())
          continue;
        int32_t v = h.top().second;
        int64_t w = g.nodeNeurons[v];
        int64_t after = from == 1 ? leftLoad - w : leftLoad + w;
        if (after < lo - give || after > hi + give)
          continue;
        if (pick < 0 || s.gain[v] > s.gain[pick] ||
            (s.gain[v] == s.gain[pick] && v < pick))
          pick = v;
      }
      if (pick < 0)
        break;
      int32_t v = pick;
      heap[side[v]].pop();
      leftLoad += side[v] ? -g.nodeNeurons[v] : g.nodeNeurons[v];
      side[v] ^= 1;
      s.locked[v] = 1;
      s.moves.push_back(v);
      delta += s.gain[v];
      for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
        int32_t u = g.adj[e];
        if (set[u] != mark || s.locked[u])
          continue;
        s.gain[u] += side[u] == side[v] ? -2 * g.weight[e] : 2 * g.weight[e];
        heap[side[u]].push({s.gain[u], u});
      }
      if (delta > best + 1e-6 && leftLoad >= lo && leftLoad <= hi) {
        best = delta;
        bestLen = s.moves.size();
      }
    }
    for (size_t i = s.moves.size(); i > bestLen; --i) {
      int32_t v = s.moves[i - 1];
      side[v] ^= 1;
      leftLoad += side[v] ? g.nodeNeurons[v] : -g.nodeNeurons[v];
    }
    for (int32_t v : s.moves)
      s.locked[v] = 0;
    if (best <= 1e-6)
      break;
  }
}
} // namespace

std::vector<int32_t> detail::bisectParts(const WeightedGraph &g,
                                         int32_t numParts, int64_t neuronCap) {
  int64_t n = g.numNodes;
  std::vector<int32_t> part(n, 0);
  // set[v] = id of the task v belongs to; side[v] marks the grown half.
  std::vector<int32_t> set(n, 0), seen(n, -1);
  std::vector<float> conn(n, 0.0f);
  std::vector<char> grown(n, 0);
  FmScratch fm;
  fm.gain.assign(n, 0.0f);
  fm.locked.assign(n, 0);
  int32_t nextSet = 1, stamp = 0;
  std::vector<Task> stack;
  Task all{std::vector<int32_t>(n), 0, numParts};
  for (int64_t v = 0; v < n; ++v)
    all.nodes[v] = static_cast<int32_t>(v);
  stack.push_back(std::move(all));
  using Entry = std::pair<float, int32_t>;
  struct Less {
    bool operator()(const Entry &a, const Entry &b) const {
      return a.first < b.first || (a.first == b.first && a.second > b.second);
    }
  };
  while (!stack.empty()) {
    Task task = std::move(stack.back());
    stack.pop_back();
    if (task.numParts == 1 || task.nodes.size() <= 1) {
      for (int32_t v : task.nodes)
        part[v] = task.firstPart;
      continue;
    }
    int32_t mark = set[task.nodes[0]];
    int64_t total = 0;
    for (int32_t v : task.nodes)
      total += g.nodeNeurons[v];
    int32_t leftParts = task.numParts / 2;
    int64_t target = total * leftParts / task.numParts;
    int32_t start = farthest(g, task.nodes[0], set, mark, seen, stamp++);
    start = farthest(g, start, set, mark, seen, stamp++);
    std::priority_queue<Entry, std::vector<Entry>, Less> heap;
    heap.push({0.0f, start});
    int64_t load = 0;
    size_t nextSeed = 0;
    std::vector<int32_t> touched;
    while (load < target) {
      if (heap.empty()) {
        // Disconnected rest: continue from the next node not grown yet.
        while (nextSeed < task.nodes.size() && grown[task.nodes[nextSeed]])
          ++nextSeed;
        if (nextSeed == task.nodes.size())
          break;
        heap.push({conn[task.nodes[nextSeed]], task.nodes[nextSeed]});
        ++nextSeed;
      }
      auto [c, v] = heap.top();
      heap.pop();
      if (grown[v] || c != conn[v])
        continue;
      int64_t w = g.nodeNeurons[v];
      if (2 * (load + w) > 2 * target + w)
        continue; // Would overshoot the share by more than half the node.
      grown[v] = 1;
      load += w;
      for (int64_t e = g.xadj[v]; e < g.xadj[v + 1]; ++e) {
        int32_t u = g.adj[e];
        if (set[u] != mark || grown[u])
          continue;
        if (conn[u] == 0.0f)
          touched.push_back(u);
        conn[u] += g.weight[e];
        heap.push({conn[u], u});
      }
    }
    for (int32_t u : touched)
      conn[u] = 0.0f;
    // FM may unbalance the halves by part of the slack the parts leave
    // (a quarter: deeper splits need room too), by one node at least, and
    // never so far that a side cannot fit in its parts.
    int32_t rightParts = task.numParts - leftParts;
    int64_t maxNode = 0;
    for (int32_t v : task.nodes)
      maxNode = std::max<int64_t>(maxNode, g.nodeNeurons[v]);
    double slack =
        std::max(0.0, double(neuronCap) * task.numParts / total - 1.0);
    int64_t tol = std::max<int64_t>(maxNode, int64_t(total * slack / 4));
    int64_t lo = std::max(target - tol, total - rightParts * neuronCap);
    int64_t hi = std::min(target + tol, leftParts * neuronCap);
    refineBisection(g, task.nodes, set, mark, grown, lo, hi, maxNode, load, fm);
    Task left{{}, task.firstPart, leftParts};
    Task right{{}, task.firstPart + leftParts, task.numParts - leftParts};
    int32_t leftSet = nextSet++, rightSet = nextSet++;
    for (int32_t v : task.nodes) {
      Task &side = grown[v] ? left : right;
      set[v] = grown[v] ? leftSet : rightSet;
      grown[v] = 0;
      side.nodes.push_back(v);
    }
    stack.push_back(std::move(right));
    stack.push_back(std::move(left));
  }
  return part;
}
