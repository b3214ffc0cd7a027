//===- Map.cpp - The --snn-map pass
//----------------------------------------===//
#include "passes/Mapping.h"
#include "passes/Passes.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNMAP
#include "passes/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

FailureOr<TargetDescription> mlir::snn::readModuleTarget(ModuleOp module,
                                                         StringRef missing) {
  auto attr = module->getAttrOfType<DictionaryAttr>("snn.target");
  if (!attr)
    return module.emitError(missing);
  std::string field;
  std::optional<TargetDescription> target =
      TargetDescription::fromAttribute(attr, field);
  if (!target)
    return module.emitError("the module's snn.target lacks a valid '")
           << field << "' field";
  return *target;
}

namespace {
struct MapPass : public mlir::snn::impl::SNNMapBase<MapPass> {
  using SNNMapBase::SNNMapBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<TargetDescription> target =
        readModuleTarget(module, "mapping needs a quantized module; run "
                                 "--snn-quantize='target=NAME' first");
    if (failed(target))
      return signalPassFailure();
    for (NetworkOp network : llvm::to_vector(module.getOps<NetworkOp>())) {
      LogicalResult result = success();
      switch (target->arithmetic) {
      case Arithmetic::Speck:
        result = mapSpeck(network, *target);
        break;
      case Arithmetic::Loihi:
      case Arithmetic::Spinnaker:
        result = mapNeuronCores(network, *target, neuronsPerCore, coresPerChip,
                                rates);
        break;
      case Arithmetic::Float:
        // The GPU simulator has no cores to assign.
        break;
      default:
        result = network.emitError("core mapping for the ")
                 << stringifyArithmetic(target->arithmetic)
                 << " arithmetic is not available in this version";
      }
      // The board is what emitters read; the attributes are gone after it.
      if (failed(result) || failed(lowerMappingToHw(network, *target)))
        return signalPassFailure();
    }
  }
};
} // namespace
