//===- SNNHWOps.h - snn_hw dialect ops ---------------------------*- C++
//-*-===//
#ifndef SNN_DIALECTS_SNN_HW_SNNHWOPS_H
#define SNN_DIALECTS_SNN_HW_SNNHWOPS_H

#include "dialects/snn_hw/SNNHWDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"

#include "dialects/snn_hw/SNNHWEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/snn_hw/SNNHWAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialects/snn_hw/SNNHWOps.h.inc"

#endif // SNN_DIALECTS_SNN_HW_SNNHWOPS_H
