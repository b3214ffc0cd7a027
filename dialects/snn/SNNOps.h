//===- SNNOps.h - snn dialect ops --------------------------------*- C++
//-*-===//
#ifndef SNN_DIALECTS_SNN_SNNOPS_H
#define SNN_DIALECTS_SNN_SNNOPS_H

#include "dialects/snn/SNNDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

namespace mlir::OpTrait::snn {
/// Ops that carry state from one step to the next (neurons, delays). Every
/// cycle in a network must contain one; see NetworkOp.
template <typename ConcreteType>
class Stateful : public TraitBase<ConcreteType, Stateful> {};
} // namespace mlir::OpTrait::snn

#include "dialects/snn/SNNEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/snn/SNNAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialects/snn/SNNOps.h.inc"

namespace mlir::snn {
/// Unit attribute on an snn.network marking a conventional ANN (evaluated in
/// one pass, no state, dt = 1 by convention; see the dialect description).
inline constexpr llvm::StringLiteral kAnnAttrName = "snn.ann";

/// Whether `network` carries the `snn.ann` marker.
bool isAnnNetwork(NetworkOp network);

/// The name the user knows an op by (the NIR node name for imported
/// networks): its `snn.name` attribute, else the NameLoc of its location, else
/// "". The attribute survives printing without debug info; the location is
/// what diagnostics show.
std::string getNodeName(Operation *op);
} // namespace mlir::snn

#endif // SNN_DIALECTS_SNN_SNNOPS_H
