//===- InitAllDialects.h - Every dialect the snn tools load ------*- C++
//-*-===//
#ifndef SNN_DIALECTS_INITALLDIALECTS_H
#define SNN_DIALECTS_INITALLDIALECTS_H

#include "dialects/snn/SNNDialect.h"
#include "dialects/snn_hw/SNNHWDialect.h"
#include "mlir/IR/DialectRegistry.h"

namespace mlir::snn {
inline void registerAllDialects(DialectRegistry &registry) {
  registry.insert<SNNDialect, snn_hw::SNNHWDialect>();
}
} // namespace mlir::snn

#endif // SNN_DIALECTS_INITALLDIALECTS_H
