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

int snn::mapping::hopsBetween(const MeshShape &mesh, int a, int b) {
  const int perChip = mesh.width * mesh.height;
  int ca = a / perChip, cb = b / perChip;
  int ia = a % perChip, ib = b % perChip;
  return std::abs(ia % mesh.width - ib % mesh.width) +
         std::abs(ia / mesh.width - ib / mesh.width) + std::abs(ca - cb);
}

namespace {
double hopTraffic(const MeshShape &mesh, const std::vector<CoreLink> &links,
                  const std::vector<int> &slotOf) {
  double total = 0;
  for (const CoreLink &l : links)
    total += l.packets * hopsBetween(mesh, slotOf[l.from], slotOf[l.to]);
  return total;
}

/// Slot of the k-th core along a snake path through each chip (row 0 left to
/// right, row 1 right to left, ...), so consecutive cores are adjacent.
int snakeSlot(const MeshShape &mesh, int k) {
  const int perChip = mesh.width * mesh.height;
  int chip = k / perChip, i = k % perChip;
  int row = i / mesh.width, col = i % mesh.width;
  if (row % 2)
    col = mesh.width - 1 - col;
  return chip * perChip + row * mesh.width + col;
}
} // namespace

Placement snn::mapping::placeCores(int numCores,
                                   const std::vector<CoreLink> &links,
                                   const MeshShape &mesh) {
  Placement p;
  std::vector<int> sequential(numCores);
  for (int c = 0; c < numCores; ++c)
    sequential[c] = c;
  p.sequentialHopTraffic = hopTraffic(mesh, links, sequential);

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
  return p;
}

LinkLoad snn::mapping::linkLoad(const MeshShape &mesh,
                                const std::vector<CoreLink> &links,
                                const std::vector<int> &slotOf) {
  const int perChip = mesh.width * mesh.height;
  // Link key: (chip, x, y, direction) inside a chip, direction 0..3 =
  // +x, -x, +y, -y; (chip, -1, -1, 0/1) for the chip-to-chip link to the
  // next/previous chip. An ordered map keeps the result deterministic.
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
    for (; chip != toChip; chip += toChip > chip ? 1 : -1)
      load[{chip, -1, -1, toChip > chip ? 0 : 1}] += l.packets;
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
  std::vector<int64_t> stamp(numCores, -1);
  std::map<std::pair<int, int>, double> flows;
  for (int64_t pre = 0; pre < graph.numNeurons; ++pre) {
    int32_t home = coreOf[pre];
    float rate = graph.rate.empty() ? 1.0f : graph.rate[pre];
    for (int64_t e = graph.rowPtr[pre]; e < graph.rowPtr[pre + 1]; ++e) {
      int32_t c = coreOf[graph.col[e]];
      if (c == home || stamp[c] == pre)
        continue;
      stamp[c] = pre;
      flows[{home, c}] += rate;
    }
  }
  std::vector<CoreLink> result;
  result.reserve(flows.size());
  for (const auto &[pair, packets] : flows)
    result.push_back({pair.first, pair.second, packets});
  return result;
}
