//===- Place.h - Place cores on a chip mesh ----------------------*- C++
//-*-===//
//
// After partitioning, cores are placed on the chips' 2-D meshes so that cores
// exchanging many spikes sit few hops apart. Cores are ordered by reverse
// Cuthill-McKee on the core-level traffic graph (neighbours in the order are
// strongly connected) and laid out along a snake path of the mesh (neighbours
// in the order are neighbours on the mesh). The result is kept only if it
// beats the partitioner's own order.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TARGETS_COMMON_PARTITION_PLACE_H
#define SNN_TARGETS_COMMON_PARTITION_PLACE_H

#include "targets/common/partition/Partition.h"

#include <cstdint>
#include <vector>

namespace snn::mapping {

struct MeshShape {
  int width = 8;   ///< Cores per row of one chip's mesh.
  int height = 16; ///< Rows per chip.
  /// Cores placed per chip (0: width x height); fewer leaves slots empty.
  int coresPerChip = 0;
  /// The board's chips form a grid `chipsX` wide, `chipsY` high (0: one row
  /// of as many chips as needed). Chip c sits at (c % chipsX, c / chipsX).
  int chipsX = 0, chipsY = 0;
  /// Chip-to-chip links wrap around (torus), and include the NE/SW
  /// diagonal (SpiNNaker's triangular mesh: (+1, +1) is one hop).
  bool chipTorus = false, chipDiagonal = false;
  /// Whether moving between cores of one chip costs mesh hops (Loihi's
  /// on-chip mesh) or none (SpiNNaker: every core hangs off the chip's
  /// router).
  bool onChipHops = true;
  /// Cost of one chip-to-chip hop in units of an on-chip hop, for the
  /// placement objective only (hop counts in the artifact stay physical).
  double chipHopWeight = 1;

  int slotsPerChip() const { return width * height; }
  int placedPerChip() const {
    return coresPerChip > 0 ? coresPerChip : width * height;
  }
};

/// A core-to-core flow of `packets` per step.
struct CoreLink {
  int from, to;
  double packets;
};

struct Placement {
  /// Slot of each core: chip = slot / (width * height), then row-major
  /// position in the chip's mesh.
  std::vector<int> slotOf;
  /// sum packets x weightedHops(), placed.
  double hopTraffic = 0;
  /// The same with the cores filled in order (core k on the k-th slot of
  /// chip k / placedPerChip()).
  double sequentialHopTraffic = 0;
  /// Chips the placed cores occupy.
  int chipsUsed = 0;
};

/// Hops between two slots: |dx| + |dy| inside a chip's mesh (if the mesh has
/// on-chip hops), plus chipHops() between their chips.
int hopsBetween(const MeshShape &mesh, int a, int b);
/// Chip-to-chip hops between chips `a` and `b` on the board's chip grid
/// (shortest way round a torus; a same-signed diagonal step is one hop on a
/// triangular mesh).
int chipHops(const MeshShape &mesh, int a, int b);
/// The placement objective for one packet between two slots: on-chip hops
/// plus chipHopWeight x chip hops.
double weightedHops(const MeshShape &mesh, int a, int b);

Placement placeCores(int numCores, const std::vector<CoreLink> &links,
                     const MeshShape &mesh);

/// Traffic on the busiest directed link of the placed network, in packets
/// per step. Routes as hopsBetween() counts them: dimension order inside a
/// chip (X, then Y, from the source's position to the destination's), then
/// chip to chip along the chip grid's X, then Y (no wrap-around). A flow
/// between cores of one slot uses no link.
struct LinkLoad {
  double maxPackets = 0; ///< Busiest directed link.
  int64_t linksUsed = 0; ///< Directed links carrying any packet.
};
LinkLoad linkLoad(const MeshShape &mesh, const std::vector<CoreLink> &links,
                  const std::vector<int> &slotOf);

/// The core-to-core flows of an assignment: one packet per spike of `pre`
/// and remote core among its posts, weighted by the pre-neuron's rate (the
/// traffic evaluate() sums), merged per (from, to) and sorted.
std::vector<CoreLink> coreFlows(const NeuronGraph &graph,
                                const std::vector<int32_t> &coreOf);

} // namespace snn::mapping

#endif // SNN_TARGETS_COMMON_PARTITION_PLACE_H
