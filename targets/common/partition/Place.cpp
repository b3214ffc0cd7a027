//===- Place.cpp - Place cores on a chip mesh
//------------------------------===//
#include "targets/common/partition/Place.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/cuthill_mckee_ordering.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <tuple>

using namespace snn::mapping;

namespace {
/// Position of chip `c` on the board's chip grid.
void chipXY(const MeshShape &mesh, int c, int &x, int &y) {
  x = mesh.chipsX > 0 ? c % mesh.chipsX : c;
  y = mesh.chipsX > 0 ? c / mesh.chipsX : 0;
}

/// Hops for a chip-grid vector: with the NE/SW diagonal, a same-signed
/// vector covers min(|dx|, |dy|) of both axes at once (as SpiNNaker's
/// routing geometry counts it).
int vectorHops(const MeshShape &mesh, int dx, int dy) {
  if (mesh.chipDiagonal && ((dx > 0 && dy > 0) || (dx < 0 && dy < 0)))
    return std::max(std::abs(dx), std::abs(dy));
  return std::abs(dx) + std::abs(dy);
}
} // namespace

int snn::mapping::chipHops(const MeshShape &mesh, int a, int b) {
  int ax, ay, bx, by;
  chipXY(mesh, a, ax, ay);
  chipXY(mesh, b, bx, by);
  int dx = bx - ax, dy = by - ay;
  if (!mesh.chipTorus || mesh.chipsX <= 0)
    return vectorHops(mesh, dx, dy);
  const int w = mesh.chipsX, h = std::max(1, mesh.chipsY);
  int x0 = (dx % w + w) % w, y0 = (dy % h + h) % h;
  int best = vectorHops(mesh, x0, y0);
  best = std::min(best, vectorHops(mesh, x0, y0 - h));
  best = std::min(best, vectorHops(mesh, x0 - w, y0));
  best = std::min(best, vectorHops(mesh, x0 - w, y0 - h));
  return best;
}

namespace {
int meshHops(const MeshShape &mesh, int a, int b) {
  if (!mesh.onChipHops)
    return 0;
  const int perChip = mesh.slotsPerChip();
  int ia = a % perChip, ib = b % perChip;
  return std::abs(ia % mesh.width - ib % mesh.width) +
         std::abs(ia / mesh.width - ib / mesh.width);
}
} // namespace

int snn::mapping::hopsBetween(const MeshShape &mesh, int a, int b) {
  const int perChip = mesh.slotsPerChip();
  return meshHops(mesh, a, b) + chipHops(mesh, a / perChip, b / perChip);
}

double snn::mapping::weightedHops(const MeshShape &mesh, int a, int b) {
  const int perChip = mesh.slotsPerChip();
  return meshHops(mesh, a, b) +
         mesh.chipHopWeight * chipHops(mesh, a / perChip, b / perChip);
}

namespace {
double hopTraffic(const MeshShape &mesh, const std::vector<CoreLink> &links,
                  const std::vector<int> &slotOf) {
  double total = 0;
  for (const CoreLink &l : links)
    total += l.packets * weightedHops(mesh, slotOf[l.from], slotOf[l.to]);
  return total;
}

/// The j-th chip along a snake over the chip grid (row 0 left to right, row
/// 1 right to left, ...), so consecutive chips are neighbours.
int snakeChip(const MeshShape &mesh, int j) {
  if (mesh.chipsX <= 0)
    return j;
  int row = j / mesh.chipsX, col = j % mesh.chipsX;
  if (row % 2)
    col = mesh.chipsX - 1 - col;
  return row * mesh.chipsX + col;
}

/// Slot of the k-th core along a snake path through each chip (row 0 left to
/// right, row 1 right to left, ...), chips in snake order, so consecutive
/// cores are adjacent.
int snakeSlot(const MeshShape &mesh, int k) {
  const int placed = mesh.placedPerChip();
  int chip = snakeChip(mesh, k / placed), i = k % placed;
  int row = i / mesh.width, col = i % mesh.width;
  if (row % 2)
    col = mesh.width - 1 - col;
  return chip * mesh.slotsPerChip() + row * mesh.width + col;
}

int chipsOccupied(const MeshShape &mesh, const std::vector<int> &slotOf) {
  std::vector<int> chips;
  for (int s : slotOf)
    chips.push_back(s / mesh.slotsPerChip());
  std::sort(chips.begin(), chips.end());
  return static_cast<int>(std::unique(chips.begin(), chips.end()) -
                          chips.begin());
}
} // namespace

Placement snn::mapping::placeCores(int numCores,
                                   const std::vector<CoreLink> &links,
                                   const MeshShape &mesh) {
  Placement p;
  const int placed = mesh.placedPerChip();
  std::vector<int> sequential(numCores);
  for (int c = 0; c < numCores; ++c)
    sequential[c] = (c / placed) * mesh.slotsPerChip() + c % placed;
  p.sequentialHopTraffic = hopTraffic(mesh, links, sequential);
  // A core graph this dense (e.g. 1e6 random neurons on ~25k fan-in-bound
  // Loihi cores: ~4300 links per core) has no bandwidth for Cuthill-McKee to
  // reduce, and Boost's undirected adjacency list would need several GB for
  // it, so such networks keep the sequential order.
  constexpr size_t kMaxLinksPerCoreForOrdering = 256;
  if (links.size() > kMaxLinksPerCoreForOrdering * size_t(numCores)) {
    p.slotOf = sequential;
    p.hopTraffic = p.sequentialHopTraffic;
    p.chipsUsed = chipsOccupied(mesh, p.slotOf);
    return p;
  }

  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph graph(numCores);
  for (const CoreLink &l : links)
    if (l.from != l.to)
      boost::add_edge(l.from, l.to, graph);
  std::vector<Graph::vertex_descriptor> order(numCores);
  boost::cuthill_mckee_ordering(graph, order.rbegin());
  std::vector<int> snake(numCores);
  for (int k = 0; k < numCores; ++k)
    snake[order[k]] = snakeSlot(mesh, k);
  double snakeTraffic = hopTraffic(mesh, links, snake);
  // Deterministic choice: the better of the two, the sequential order on ties.
  if (snakeTraffic < p.sequentialHopTraffic) {
    p.slotOf = snake;
    p.hopTraffic = snakeTraffic;
  } else {
    p.slotOf = sequential;
    p.hopTraffic = p.sequentialHopTraffic;
  }
  p.chipsUsed = chipsOccupied(mesh, p.slotOf);
  return p;
}

LinkLoad snn::mapping::linkLoad(const MeshShape &mesh,
                                const std::vector<CoreLink> &links,
                                const std::vector<int> &slotOf) {
  const int perChip = mesh.slotsPerChip();
  // Link key: (chip, x, y, direction) inside a chip, direction 0..3 =
  // +x, -x, +y, -y; (-1 - chip, -1, -1, 0..3) for the chip-to-chip link
  // leaving the chip that way. An ordered map keeps the result deterministic.
  std::map<std::tuple<int, int, int, int>, double> load;
  for (const CoreLink &l : links) {
    int a = slotOf[l.from], b = slotOf[l.to];
    int chip = a / perChip, toChip = b / perChip;
    int x = (a % perChip) % mesh.width, y = (a % perChip) / mesh.width;
    int tx = (b % perChip) % mesh.width, ty = (b % perChip) / mesh.width;
    for (; x != tx; x += tx > x ? 1 : -1)
      load[{chip, x, y, tx > x ? 0 : 1}] += l.packets;
    for (; y != ty; y += ty > y ? 1 : -1)
      load[{chip, x, y, ty > y ? 2 : 3}] += l.packets;
    int cx, cy, ex, ey;
    chipXY(mesh, chip, cx, cy);
    chipXY(mesh, toChip, ex, ey);
    auto chipAt = [&](int x, int y) {
      return mesh.chipsX > 0 ? y * mesh.chipsX + x : x;
    };
    for (; cx != ex; cx += ex > cx ? 1 : -1)
      load[{-1 - chipAt(cx, cy), -1, -1, ex > cx ? 0 : 1}] += l.packets;
    for (; cy != ey; cy += ey > cy ? 1 : -1)
      load[{-1 - chipAt(cx, cy), -1, -1, ey > cy ? 2 : 3}] += l.packets;
  }
  LinkLoad result;
  result.linksUsed = static_cast<int64_t>(load.size());
  for (const auto &entry : load)
    result.maxPackets = std::max(result.maxPackets, entry.second);
  return result;
}

std::vector<CoreLink>
snn::mapping::coreFlows(const NeuronGraph &graph,
                        const std::vector<int32_t> &coreOf) {
  int32_t numCores = 0;
  for (int32_t c : coreOf)
    numCores = std::max(numCores, c + 1);
  // Neurons grouped by home core, ascending within a core (a stable counting
  // sort), so each (home, target) sum adds its rates in ascending neuron
  // order and the links come out sorted by (from, to). A dense accumulator
  // per home core keeps memory at O(cores + links): an ordered map of pairs
  // needed several GB for 1e6 neurons on ~25k fan-in-bound cores.
  std::vector<int64_t> first(numCores + 1, 0);
  for (int32_t c : coreOf)
    ++first[c + 1];
  for (int32_t c = 0; c < numCores; ++c)
    first[c + 1] += first[c];
  std::vector<int64_t> byCore(coreOf.size());
  {
    std::vector<int64_t> next(first.begin(), first.end() - 1);
    for (int64_t n = 0; n < static_cast<int64_t>(coreOf.size()); ++n)
      byCore[next[coreOf[n]]++] = n;
  }
  std::vector<int64_t> stamp(numCores, -1);
  std::vector<double> packets(numCores, 0.0);
  std::vector<int32_t> linkedFrom(numCores, -1), touched;
  std::vector<CoreLink> result;
  for (int32_t home = 0; home < numCores; ++home) {
    touched.clear();
    for (int64_t k = first[home]; k < first[home + 1]; ++k) {
      int64_t pre = byCore[k];
      float rate = graph.rate.empty() ? 1.0f : graph.rate[pre];
      for (int64_t e = graph.rowPtr[pre]; e < graph.rowPtr[pre + 1]; ++e) {
        int32_t c = coreOf[graph.col[e]];
        if (c == home || stamp[c] == pre)
          continue;
        if (linkedFrom[c] != home) {
          linkedFrom[c] = home;
          touched.push_back(c);
        }
        stamp[c] = pre;
        packets[c] += rate;
      }
    }
    std::sort(touched.begin(), touched.end());
    for (int32_t c : touched) {
      result.push_back({home, c, packets[c]});
      packets[c] = 0.0;
    }
  }
  return result;
}
