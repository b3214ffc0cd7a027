//===- SNNDialect.cpp - snn dialect registration
//---------------------------===//
#include "dialects/snn/SNNDialect.h"
#include "dialects/snn/SNNOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::snn;

#include "dialects/snn/SNNEnums.cpp.inc"
#include "dialects/snn/SNNOpsDialect.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "dialects/snn/SNNAttrs.cpp.inc"

void SNNDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/snn/SNNAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/snn/SNNOps.cpp.inc"
      >();
}

LogicalResult SNNDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  if (attr.getName() != kAnnAttrName)
    return success();
  if (!isa<UnitAttr>(attr.getValue()))
    return op->emitOpError("'")
           << kAnnAttrName << "' must be a unit attribute (no value)";
  auto network = dyn_cast<NetworkOp>(op);
  if (!network)
    return op->emitOpError("'")
           << kAnnAttrName << "' marks an snn.network; it cannot be on "
           << op->getName();
  // An ANN is evaluated in one pass: state carried between steps would have
  // no meaning there.
  for (Operation &inner : network.getBody().front())
    if (inner.hasTrait<OpTrait::snn::Stateful>())
      return inner.emitOpError("is stateful, but its network is marked '")
             << kAnnAttrName
             << "' (evaluated in one pass); convert it with "
                "--snn-convert-ann or drop the marker";
  return success();
}
