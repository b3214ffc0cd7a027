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
  int width = 8;      ///< Cores per row of one chip's mesh.
  int height = 16;    ///< Rows per chip.
  int chipsInRow = 0; ///< Chips side by side (0: as many as needed).
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
  double hopTraffic = 0;           ///< sum packets x hops, placed.
  double sequentialHopTraffic = 0; ///< The same with slot = core number.
};

/// Hops between two slots: |dx| + |dy| inside a chip's mesh, and the chips'
/// distance along the row of chips (one hop per chip boundary).
int hopsBetween(const MeshShape &mesh, int a, int b);

Placement placeCores(int numCores, const std::vector<CoreLink> &links,
                     const MeshShape &mesh);

/// Traffic on the busiest directed link of the placed network, in packets
/// per step. Routes as hopsBetween() counts them: dimension order inside a
/// chip (X, then Y, from the source's position to the destination's), then
/// chip to chip along the row of chips. A flow between cores of one slot
/// uses no link.
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
