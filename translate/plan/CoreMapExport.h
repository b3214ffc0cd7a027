//===- CoreMapExport.h - Mapped network to core-map artifact -----*- C++
//-*-===//
#ifndef SNN_TRANSLATE_PLAN_COREMAPEXPORT_H
#define SNN_TRANSLATE_PLAN_COREMAPEXPORT_H

#include "mlir/IR/BuiltinOps.h"

namespace snn::artifact {
class CoreMap;
}

namespace mlir::snn {

/// Builds the core-map artifact of a quantized and mapped module (after
/// --snn-quantize and --snn-map): the network's plan, and from its
/// snn_hw.board the cores with their slices, the target's routing and the
/// resource report.
LogicalResult exportCoreMap(ModuleOp module, ::snn::artifact::CoreMap &map);

/// Registers --emit-coremap with snn-translate (--emit=<target> is rewritten
/// to it by the tool).
void registerCoreMapTranslations();

} // namespace mlir::snn

#endif // SNN_TRANSLATE_PLAN_COREMAPEXPORT_H
