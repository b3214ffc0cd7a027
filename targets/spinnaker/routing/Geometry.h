//===- Geometry.h - Triangular-mesh geometry for routing --------*- C++ -*-===//
//
// Internal to SNNSpinnakerRouting: link directions, shortest vectors on the
// triangular (hexagonal) torus and longest-dimension-first paths, following
// the geometry PACMAN and rig use for SpiNNaker machines.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_TARGETS_SPINNAKER_ROUTING_GEOMETRY_H
#define SNN_TARGETS_SPINNAKER_ROUTING_GEOMETRY_H

#include "targets/spinnaker/routing/Routing.h"

#include <vector>

namespace snn::spinnaker::detail {

/// The (dx, dy) one hop over link `l` moves.
inline void linkDelta(int l, int &dx, int &dy) {
  static const int kDx[kNumLinks] = {1, 1, 0, -1, -1, 0};
  static const int kDy[kNumLinks] = {0, 1, 1, 0, -1, -1};
  dx = kDx[l];
  dy = kDy[l];
}

/// The link pointing back the way `l` came.
inline int oppositeLink(int l) { return (l + 3) % kNumLinks; }

/// Whether `c` is a chip of the machine.
inline bool onMachine(const Machine &m, ChipCoord c) {
  return c.x >= 0 && c.y >= 0 && c.x < m.width && c.y < m.height;
}

/// The chip one hop from `c` over link `l`; false off the edge of a
/// non-torus machine.
bool neighbour(const Machine &m, ChipCoord c, int l, ChipCoord &out);

/// Hops needed for a vector on the triangular mesh: a diagonal (NE or SW)
/// link covers one step in x and y at once when both have the same sign.
int vectorLength(int dx, int dy);

/// The shortest vector from `a` to `b`; on a torus, the shortest of the
/// wrap-around choices (ties keep the first of: no wrap, wrap y, wrap x,
/// wrap both, so routes are deterministic).
void shortestVector(const Machine &m, ChipCoord a, ChipCoord b, int &dx,
                    int &dy);

/// One step of a path: the link taken and the chip it reaches.
struct Step {
  int link;
  ChipCoord chip;
};

/// The longest-dimension-first path for vector (dx, dy) from `from`: the
/// vector split into E/W, N/S and NE/SW components, the longest walked first
/// (ties in that order).
std::vector<Step> longestDimensionFirst(const Machine &m, ChipCoord from,
                                        int dx, int dy);

} // namespace snn::spinnaker::detail

#endif // SNN_TARGETS_SPINNAKER_ROUTING_GEOMETRY_H
