//===- PlanExport.h - snn network to runtime plan ----------------*- C++
//-*-===//
#ifndef SNN_TRANSLATE_PLAN_PLANEXPORT_H
#define SNN_TRANSLATE_PLAN_PLANEXPORT_H

#include "dialects/snn/SNNOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace snn::plan {
class Plan;
}

namespace mlir::snn {

/// Lowers a step-level network (after --snn-discretize) to the runtime's plan:
/// nodes in the order of computeSchedule(), snn.add folded into operand lists,
/// one identity node per network result named after it.
LogicalResult exportPlan(NetworkOp network, ::snn::plan::Plan &plan);

/// As above for the only snn.network in `module` (an error if there is not
/// exactly one).
LogicalResult exportPlan(ModuleOp module, ::snn::plan::Plan &plan);

/// Registers --emit-plan and --emit-plan-text with snn-translate.
void registerPlanExportTranslations();

} // namespace mlir::snn

#endif // SNN_TRANSLATE_PLAN_PLANEXPORT_H
