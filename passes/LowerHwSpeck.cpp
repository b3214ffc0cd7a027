//===- LowerHwSpeck.cpp - Speck-style maps to snn_hw ----------------------===//
//
// MapSpeck.cpp leaves the core of every op of a conv -> IAF -> pool stage,
// its memory need and its destinations. Each core becomes a core op with its
// memory use against the published capacities (targets/speck/mapping), one
// slice per op, the synapse table of its kernel, and a direct route.
//
//===----------------------------------------------------------------------===//
#include "passes/LowerHw.h"
#include "targets/speck/mapping/SpeckMapping.h"

#include <map>

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::lowerhw;

LogicalResult lowerhw::lowerSpeck(NetworkOp network,
                                  const TargetDescription &target) {
  std::map<int64_t, SmallVector<Operation *>> byCore;
  for (Operation &op : network.getBody().front())
    if (auto core = op.getAttrOfType<IntegerAttr>("snn.core")) {
      if (neuronCount(&op) < 0)
        return op.emitError("snn.core on an op without one statically "
                            "shaped result");
      if (failed(nameForSlices(&op)))
        return failure();
      byCore[core.getInt()].push_back(&op);
    }
  ::snn::speck::Chip chip = ::snn::speck::Chip::speck();
  if (target.cores > 0 &&
      target.cores < static_cast<int64_t>(chip.cores.size()))
    chip.cores.resize(target.cores);
  hw::BoardOp board =
      createBoard(network, target, hw::RoutingKind::Direct, {1, 1});
  OpBuilder b = OpBuilder::atBlockEnd(&board.getBlock());
  BoardBuilder hwb{b, network.getLoc()};
  hwb.chip(0, 0, chip.cores.size());
  for (auto &[number, ops] : byCore) {
    if (number < 0 || number >= static_cast<int64_t>(chip.cores.size())) {
      board.erase();
      return ops.front()->emitError("snn.core names core ")
             << number << " of " << chip.cores.size();
    }
    int64_t neurons = 0;
    SmallVector<int64_t> memory;
    for (Operation *op : ops) {
      if (op->hasTrait<OpTrait::snn::Stateful>())
        neurons += neuronCount(op);
      if (auto need = op->getAttrOfType<DenseI64ArrayAttr>("snn.core_memory"))
        memory.assign(need.asArrayRef().begin(), need.asArrayRef().end());
    }
    SmallVector<Attribute> uses{hwb.use("neurons", neurons, 0)};
    const ::snn::speck::CoreMemory &capacity = chip.cores[number];
    if (memory.size() == 3) {
      uses.push_back(hwb.use("kernel memory", memory[0], capacity.kernel));
      uses.push_back(hwb.use("neuron memory", memory[1], capacity.neuron));
      uses.push_back(hwb.use("bias memory", memory[2], capacity.bias));
    }
    hwb.core(number, hwb.chipName(0, 0), number, uses);
    for (Operation *op : ops)
      hwb.slice(number, getNodeName(op), 0, neuronCount(op));
    // The core's kernel: the weighted op feeding its neurons, all of whose
    // inputs reach the core.
    for (Operation *op : ops) {
      Operation *p =
          op->getNumOperands() ? op->getOperand(0).getDefiningOp() : nullptr;
      auto weight = p ? p->getAttrOfType<DenseElementsAttr>("weight") : nullptr;
      if (!op->hasTrait<OpTrait::snn::Stateful>() || !weight ||
          !llvm::is_contained(ops, p))
        continue;
      int64_t synapses = 0;
      for (float w : weight.getValues<float>())
        synapses += w != 0;
      int64_t inputs =
          cast<ShapedType>(p->getOperand(0).getType()).getNumElements();
      hwb.synapseTable(number, getNodeName(p), getNodeName(op), 0,
                       neuronCount(op), synapses, {0, inputs});
    }
  }
  for (auto &[number, ops] : byCore)
    for (Operation *op : ops)
      if (auto routes = op->getAttrOfType<DenseI64ArrayAttr>("snn.routes"))
        if (!routes.empty())
          hwb.route(number, routes.asArrayRef());
  return success();
}
