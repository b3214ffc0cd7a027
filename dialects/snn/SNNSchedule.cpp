//===- SNNSchedule.cpp - Per-step evaluation order of a network
//------------===//
#include "dialects/snn/SNNSchedule.h"
#include "dialects/snn/SNNOps.h"

#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace mlir::snn;

namespace {
enum class Mark { Unvisited, OnStack, Done };

/// Iterative DFS (networks built by tools can be deep chains; recursion could
/// overflow the stack).
struct Walker {
  StepSchedule &schedule;
  llvm::DenseMap<Operation *, Mark> marks;

  void visit(Operation *root) {
    if (marks.lookup(root) != Mark::Unvisited)
      return;
    // Frame: op and the index of the next operand to look at.
    std::vector<std::pair<Operation *, unsigned>> stack;
    marks[root] = Mark::OnStack;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      auto &[op, next] = stack.back();
      if (next == op->getNumOperands()) {
        marks[op] = Mark::Done;
        schedule.order.push_back(op);
        stack.pop_back();
        continue;
      }
      unsigned index = next++;
      Operation *producer = op->getOperand(index).getDefiningOp();
      if (!producer) // A network argument.
        continue;
      Mark mark = marks.lookup(producer);
      if (mark == Mark::OnStack) {
        schedule.delayedOperands.insert({op, index});
      } else if (mark == Mark::Unvisited) {
        marks[producer] = Mark::OnStack;
        stack.push_back({producer, 0});
      }
    }
  }
};
} // namespace

StepSchedule mlir::snn::computeSchedule(NetworkOp network) {
  StepSchedule schedule;
  Walker walker{schedule, {}};
  Block &body = network.getBody().front();
  Operation *terminator = body.getTerminator();
  for (Value result : terminator->getOperands())
    if (Operation *producer = result.getDefiningOp())
      walker.visit(producer);
  for (Operation &op : body.without_terminator())
    walker.visit(&op);
  return schedule;
}

std::vector<Operation *> mlir::snn::findAlgebraicLoop(NetworkOp network) {
  // A cycle without a stateful op is a cycle among stateless ops alone.
  auto isStateless = [](Operation *op) {
    return !op->hasTrait<OpTrait::snn::Stateful>() &&
           !op->hasTrait<OpTrait::IsTerminator>();
  };
  llvm::DenseMap<Operation *, Mark> marks;
  std::vector<std::pair<Operation *, unsigned>> stack;
  for (Operation &start : network.getBody().front()) {
    if (!isStateless(&start) || marks.lookup(&start) != Mark::Unvisited)
      continue;
    marks[&start] = Mark::OnStack;
    stack.push_back({&start, 0});
    while (!stack.empty()) {
      auto &[op, next] = stack.back();
      if (next == op->getNumOperands()) {
        marks[op] = Mark::Done;
        stack.pop_back();
        continue;
      }
      Operation *producer = op->getOperand(next++).getDefiningOp();
      if (!producer || !isStateless(producer))
        continue;
      Mark mark = marks.lookup(producer);
      if (mark == Mark::OnStack) {
        std::vector<Operation *> cycle;
        auto it = stack.begin();
        while (it->first != producer)
          ++it;
        for (; it != stack.end(); ++it)
          cycle.push_back(it->first);
        return cycle;
      }
      if (mark == Mark::Unvisited) {
        marks[producer] = Mark::OnStack;
        stack.push_back({producer, 0});
      }
    }
  }
  return {};
}
