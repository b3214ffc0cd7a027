//===- Bisect.cpp - Initial parts by recursive graph-growing bisection ----===//
//
// The coarsest graph is split in two by growing one side from a
// pseudo-peripheral node (the far end of a BFS), always adding the node most
// connected to the side, until the side holds its share of parts; each half
// is split again. Growing from the periphery cuts a sheet into near-
// rectangular blocks, where growing all parts one after another leaves
// ragged holes for the last parts.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/PartitionInternal.h"

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
} // namespace

std::vector<int32_t> detail::bisectParts(const WeightedGraph &g,
                                         int32_t numParts) {
  int64_t n = g.numNodes;
  std::vector<int32_t> part(n, 0);
  // set[v] = id of the task v belongs to; side[v] marks the grown half.
  std::vector<int32_t> set(n, 0), seen(n, -1);
  std::vector<float> conn(n, 0.0f);
  std::vector<char> grown(n, 0);
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
