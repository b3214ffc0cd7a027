//===- Mapping.h - Target mapping entry points -------------------*- C++
//-*-===//
#ifndef SNN_PASSES_MAPPING_H
#define SNN_PASSES_MAPPING_H

#include "dialects/snn/SNNOps.h"
#include "targets/common/TargetDescription.h"

namespace mlir::snn {

/// Loihi/SpiNNaker-style: neurons partitioned onto cores (`snn.core_of`).
/// `neuronsPerCore` > 0 caps the neurons per core below the chip's.
LogicalResult mapNeuronCores(NetworkOp network, const TargetDescription &target,
                             int64_t neuronsPerCore);

/// Speck-style: each population (conv -> IAF -> pool) to one core.
LogicalResult mapSpeck(NetworkOp network, const TargetDescription &target);

} // namespace mlir::snn

#endif // SNN_PASSES_MAPPING_H
