//===- SNNSchedule.h - Per-step evaluation order of a network ----*- C++
//-*-===//
//
// The one definition of the order in which a network's ops run within a step
// and of which operands read the previous step's value. The verifier, the
// plan emitter and any future backend all use it, so they cannot disagree.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_DIALECTS_SNN_SNNSCHEDULE_H
#define SNN_DIALECTS_SNN_SNNSCHEDULE_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace mlir::snn {
class NetworkOp;

struct StepSchedule {
  /// Body ops (terminator excluded) in evaluation order.
  std::vector<Operation *> order;
  /// (op, operand index) pairs that read the producer's previous-step value.
  llvm::DenseSet<std::pair<Operation *, unsigned>> delayedOperands;

  bool isDelayed(Operation *op, unsigned operand) const {
    return delayedOperands.contains({op, operand});
  }
};

/// Computes the schedule documented on snn.network: post-order of a
/// depth-first walk from the results through operands, then unreached ops in
/// block order; an operand whose producer is on the walk's stack is delayed.
StepSchedule computeSchedule(NetworkOp network);

/// Finds a cycle that passes through no stateful op. Returns the ops on it
/// (empty when there is none).
std::vector<Operation *> findAlgebraicLoop(NetworkOp network);

} // namespace mlir::snn

#endif // SNN_DIALECTS_SNN_SNNSCHEDULE_H
