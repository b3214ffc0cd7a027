//===- Bss2Export.h - Lowered network to BrainScaleS-2 parameter set -*- C++
//-*-//
#ifndef SNN_TRANSLATE_BSS2_BSS2EXPORT_H
#define SNN_TRANSLATE_BSS2_BSS2EXPORT_H

#include "mlir/IR/BuiltinOps.h"

namespace snn::artifact::bss2 {
class ParameterSet;
}

namespace mlir::snn {

/// Builds the parameter set (runtime/artifact/BrainScaleS2.proto) of a module
/// lowered by --snn-lower-brainscales: populations, placed circuits with
/// their targets and nominal CapMem codes, synapse rows, inputs, outputs and
/// the report's resource use.
LogicalResult exportBss2(ModuleOp module,
                         ::snn::artifact::bss2::ParameterSet &set);

/// Registers --emit-brainscales2 with snn-translate (--emit=brainscales2 is
/// rewritten to it by the tool).
void registerBss2Translation();

} // namespace mlir::snn

#endif // SNN_TRANSLATE_BSS2_BSS2EXPORT_H
