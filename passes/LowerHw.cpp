//===- LowerHw.cpp - Mapping attributes to the snn_hw dialect -------------===//
//
// The mappers (MapCores.cpp, MapSpeck.cpp) record their result as attributes
// on the snn ops: the core of every neuron (`snn.core_of`) or layer
// (`snn.core`), core-to-core links, placement slots and Speck destinations.
// This turns them into one `snn_hw.board` after the network (chips, cores
// with their use, neuron slices, synapse tables, routes; for SpiNNaker-style
// targets also keys and the compressed router tables), then removes the
// attributes, so the board is the one description of the mapping that
// emitters read (docs/snn-hw-dialect.md). One file per family:
// LowerHwCores.cpp, LowerHwSpeck.cpp.
//
//===----------------------------------------------------------------------===//
#include "passes/LowerHw.h"
#include "passes/Mapping.h"
#include "passes/Passes.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNLOWERHW
#include "passes/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::lowerhw;

hw::BoardOp lowerhw::createBoard(NetworkOp network,
                                 const TargetDescription &target,
                                 hw::RoutingKind routing,
                                 ArrayRef<int32_t> grid) {
  OpBuilder b(network->getContext());
  b.setInsertionPointAfter(network);
  auto board = b.create<hw::BoardOp>(
      network.getLoc(),
      b.getStringAttr(network.getSymName() + "_" + target.name),
      FlatSymbolRefAttr::get(network.getSymNameAttr()),
      b.getStringAttr(target.name),
      hw::RoutingKindAttr::get(b.getContext(), routing),
      b.getDenseI32ArrayAttr(grid), nullptr, nullptr, nullptr);
  board.getBody().emplaceBlock();
  return board;
}

int64_t lowerhw::neuronCount(Operation *op) {
  if (op->getNumResults() != 1)
    return -1;
  auto type = dyn_cast<ShapedType>(op->getResult(0).getType());
  return type && type.hasStaticShape() ? type.getNumElements() : -1;
}

LogicalResult lowerhw::nameForSlices(Operation *op) {
  if (op->hasAttr("snn.name"))
    return success();
  std::string name = getNodeName(op);
  if (name.empty())
    return op->emitError("a mapped op needs a name (snn.name) for its neuron "
                         "slices to refer to");
  op->setAttr("snn.name", StringAttr::get(op->getContext(), name));
  return success();
}

namespace {
/// Attributes the mappers leave that the board replaces.
constexpr const char *kNetworkAttrs[] = {
    "snn.core_links",        "snn.core_slot",         "snn.mesh",
    "snn.cores_used",        "snn.core_fan_in",       "snn.core_synapses",
    "snn.cores_lower_bound", "snn.inter_core_packets"};
constexpr const char *kOpAttrs[] = {"snn.core_of", "snn.core", "snn.routes",
                                    "snn.core_memory"};

} // namespace

LogicalResult mlir::snn::lowerMappingToHw(NetworkOp network,
                                          const TargetDescription &target) {
  LogicalResult result = success();
  if (network->hasAttr("snn.core_links"))
    result = lowerNeuronCores(network, target);
  else if (target.arithmetic == Arithmetic::Speck)
    result = lowerSpeck(network, target);
  else
    return success(); // Nothing mapped (the GPU simulator has no cores).
  if (failed(result))
    return failure();
  for (const char *name : kNetworkAttrs)
    network->removeAttr(name);
  for (Operation &op : network.getBody().front())
    for (const char *name : kOpAttrs)
      op.removeAttr(name);
  return success();
}

namespace {
struct LowerHwPass : public mlir::snn::impl::SNNLowerHwBase<LowerHwPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<TargetDescription> target = readModuleTarget(
        module, "lowering a mapping needs a quantized, mapped module; "
                "run --snn-quantize='target=NAME' --snn-map first");
    if (failed(target))
      return signalPassFailure();
    for (NetworkOp network : llvm::to_vector(module.getOps<NetworkOp>()))
      if (failed(lowerMappingToHw(network, *target)))
        return signalPassFailure();
  }
};
} // namespace
