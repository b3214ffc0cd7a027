//===- Mapping.h - Target mapping entry points -------------------*- C++
//-*-===//
#ifndef SNN_PASSES_MAPPING_H
#define SNN_PASSES_MAPPING_H

#include "dialects/snn/SNNOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "targets/common/TargetDescription.h"

namespace mlir::snn {

/// Loihi/SpiNNaker-style: neurons partitioned onto cores (`snn.core_of`).
/// `neuronsPerCore` > 0 caps the neurons per core below the chip's;
/// `coresPerChip` > 0 the cores used per chip (to spread over the board's
/// chips). Cores are placed on the chips' meshes and the board's chip grid.
LogicalResult mapNeuronCores(NetworkOp network, const TargetDescription &target,
                             int64_t neuronsPerCore, int64_t coresPerChip = 0,
                             StringRef ratesInput = "");

/// The module's `snn.target` description; without one emits `missing` at the
/// module, with an invalid one names the bad field.
FailureOr<TargetDescription> readModuleTarget(ModuleOp module,
                                              StringRef missing);

/// Speck-style: each population (conv -> IAF -> pool) to one core.
LogicalResult mapSpeck(NetworkOp network, const TargetDescription &target);

/// Synapse-memory entries a Loihi-style core holds: one weight plus a target
/// index of the same width per synapse (an approximation of the chips'
/// packed formats; the partitioner's capacity in MapCores.cpp).
inline int64_t synapseEntriesPerCore(const TargetDescription &target) {
  return target.synapseBytesPerCore > 0
             ? target.synapseBytesPerCore * 8 / (2 * target.weightBits)
             : 0;
}

/// Turns the mapping attributes left on `network` by the functions above into
/// an `snn_hw.board` after it (chips, cores, neuron slices, routes; keys and
/// router tables for SpiNNaker-style targets) and removes the attributes. A
/// network without mapping attributes is left alone.
LogicalResult lowerMappingToHw(NetworkOp network,
                               const TargetDescription &target);

} // namespace mlir::snn

#endif // SNN_PASSES_MAPPING_H
