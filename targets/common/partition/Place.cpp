//===- Place.cpp - Place cores on a chip mesh
//------------------------------===//
#include "targets/common/partition/Place.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/cuthill_mckee_ordering.hpp>

#include <algorithm>
#include <cstdlib>

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
