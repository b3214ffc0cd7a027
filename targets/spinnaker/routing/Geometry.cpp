//===- Geometry.cpp - Triangular-mesh geometry for routing ----------------===//
//
// Shortest vectors and longest-dimension-first paths on the SpiNNaker chip
// mesh (rig's geometry.py and PACMAN's ner_route.py use the same ideas).
//
//===----------------------------------------------------------------------===//

#include "targets/spinnaker/routing/Geometry.h"

#include <algorithm>
#include <cstdlib>

using namespace snn::spinnaker;
using namespace snn::spinnaker::detail;

bool detail::neighbour(const Machine &m, ChipCoord c, int l, ChipCoord &out) {
  int dx, dy;
  linkDelta(l, dx, dy);
  out = {c.x + dx, c.y + dy};
  if (m.torus) {
    out.x = (out.x % m.width + m.width) % m.width;
    out.y = (out.y % m.height + m.height) % m.height;
    return true;
  }
  return onMachine(m, out);
}

int detail::vectorLength(int dx, int dy) {
  // Same signs: the diagonal covers min(|dx|, |dy|) of both at once.
  if ((dx > 0 && dy > 0) || (dx < 0 && dy < 0))
    return std::max(std::abs(dx), std::abs(dy));
  return std::abs(dx) + std::abs(dy);
}

void detail::shortestVector(const Machine &m, ChipCoord a, ChipCoord b, int &dx,
                            int &dy) {
  dx = b.x - a.x;
  dy = b.y - a.y;
  if (!m.torus)
    return;
  int x0 = (dx % m.width + m.width) % m.width;
  int y0 = (dy % m.height + m.height) % m.height;
  // The two wraps per axis are x0 and x0 - W; |dx| < W keeps paths from
  // visiting a chip twice.
  const int cand[4][2] = {{x0, y0},
                          {x0, y0 - m.height},
                          {x0 - m.width, y0},
                          {x0 - m.width, y0 - m.height}};
  int best = -1;
  for (const auto &c : cand) {
    int len = vectorLength(c[0], c[1]);
    if (best < 0 || len < best) {
      best = len;
      dx = c[0];
      dy = c[1];
    }
  }
}

std::vector<Step> detail::longestDimensionFirst(const Machine &m,
                                                ChipCoord from, int dx,
                                                int dy) {
  // Components along E (x), N (y) and NE (diagonal); only same-signed
  // vectors use the diagonal.
  int diag = 0;
  if (dx > 0 && dy > 0)
    diag = std::min(dx, dy);
  else if (dx < 0 && dy < 0)
    diag = std::max(dx, dy);
  int comp[3] = {dx - diag, dy - diag, diag};
  const int posLink[3] = {East, North, NorthEast};
  const int negLink[3] = {West, South, SouthWest};
  int order[3] = {0, 1, 2};
  std::stable_sort(order, order + 3, [&](int a, int b) {
    return std::abs(comp[a]) > std::abs(comp[b]);
  });

  std::vector<Step> path;
  ChipCoord at = from;
  for (int d : order) {
    int link = comp[d] > 0 ? posLink[d] : negLink[d];
    for (int i = 0, e = std::abs(comp[d]); i < e; ++i) {
      ChipCoord next;
      // Cannot fail: the vector stays inside the machine (or wraps).
      neighbour(m, at, link, next);
      path.push_back({link, next});
      at = next;
    }
  }
  return path;
}
