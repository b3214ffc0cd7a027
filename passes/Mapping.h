//===- Mapping.h - Target mapping entry points -------------------*- C++
//-*-===//
#ifndef SNN_PASSES_MAPPING_H
#define SNN_PASSES_MAPPING_H

#include "dialects/snn/SNNOps.h"
#include "targets/common/TargetDescription.h"

namespace mlir::snn {

/// Speck-style: each population (conv -> IAF -> pool) to one core.
LogicalResult mapSpeck(NetworkOp network, const TargetDescription &target);

} // namespace mlir::snn

#endif // SNN_PASSES_MAPPING_H
