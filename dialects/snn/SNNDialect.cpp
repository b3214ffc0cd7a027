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
