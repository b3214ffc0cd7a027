//===- SNNDialect.h - The snn dialect ----------------------------*- C++
//-*-===//
#ifndef SNN_DIALECTS_SNN_SNNDIALECT_H
#define SNN_DIALECTS_SNN_SNNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/snn/SNNOpsDialect.h.inc"

#endif // SNN_DIALECTS_SNN_SNNDIALECT_H
