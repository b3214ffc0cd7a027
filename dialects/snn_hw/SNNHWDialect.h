//===- SNNHWDialect.h - The snn_hw dialect -----------------------*- C++
//-*-===//
#ifndef SNN_DIALECTS_SNN_HW_SNNHWDIALECT_H
#define SNN_DIALECTS_SNN_HW_SNNHWDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/snn_hw/SNNHWOpsDialect.h.inc"

#endif // SNN_DIALECTS_SNN_HW_SNNHWDIALECT_H
