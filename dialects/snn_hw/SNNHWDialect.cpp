//===- SNNHWDialect.cpp - snn_hw dialect registration ---------------------===//
#include "dialects/snn_hw/SNNHWDialect.h"
#include "dialects/snn_hw/SNNHWOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::snn_hw;

#include "dialects/snn_hw/SNNHWEnums.cpp.inc"
#include "dialects/snn_hw/SNNHWOpsDialect.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "dialects/snn_hw/SNNHWAttrs.cpp.inc"

void SNNHWDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/snn_hw/SNNHWAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/snn_hw/SNNHWOps.cpp.inc"
      >();
}
