//===- Quantize.cpp - The --snn-quantize pass
//------------------------------===//
//
// Finds the populations, chooses each family's conversion from the target
// description's `arithmetic` field (data, never the chip's name), and
// attaches the description to the module. Family rules live in
// Quantize<Family>.cpp, shared mechanics in QuantizeCommon.cpp.
//
//===----------------------------------------------------------------------===//
#include "dialects/snn/SNNSchedule.h"
#include "passes/Calibration.h"
#include "passes/Passes.h"
#include "passes/QuantizeCommon.h"

#include "llvm/ADT/StringExtras.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNQUANTIZE
#include "passes/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::quant;

namespace {
struct QuantizePass : public mlir::snn::impl::SNNQuantizeBase<QuantizePass> {
  using SNNQuantizeBase::SNNQuantizeBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    const TargetDescription *target = lookupTarget(this->target);
    if (!target) {
      module.emitError("unknown target '")
          << this->target
          << "'; known targets: " << llvm::join(registeredTargetNames(), ", ");
      return signalPassFailure();
    }
    if (decayRounding != "nearest" && decayRounding != "floor") {
      module.emitError("decay-rounding must be nearest or floor, got '")
          << decayRounding << "'";
      return signalPassFailure();
    }
    if (perChannel && !target->perChannelWeights) {
      module.emitError("target '")
          << target->name
          << "' has one weight scale per layer; per-channel scales are not "
             "available";
      return signalPassFailure();
    }
    if (vScale < 0) {
      module.emitError("v-scale must be positive (or 0 for automatic)");
      return signalPassFailure();
    }
    if (module->hasAttr("snn.target")) {
      // Any snn.target (even a malformed one without a name) means the
      // module was quantized or hand-annotated already.
      auto existing = module->getAttrOfType<DictionaryAttr>("snn.target");
      StringAttr name = existing ? existing.getAs<StringAttr>("name") : nullptr;
      module.emitError("module is already quantized for '")
          << (name ? name.getValue() : StringRef("?"))
          << "'; quantize the float network";
      return signalPassFailure();
    }
    QuantizeOptions options;
    options.vScale = vScale;
    if (weightExp != "auto") {
      int64_t value;
      if (StringRef(weightExp).getAsInteger(10, value)) {
        module.emitError("weight-exp must be auto or an integer, got '")
            << weightExp << "'";
        return signalPassFailure();
      }
      options.weightExp = value;
    }
    options.floorDecays = decayRounding == "floor";
    options.perChannel = perChannel;
    Calibration ranges;
    if (!calibration.empty()) {
      if (failed(runCalibration(module, calibration, ranges)))
        return signalPassFailure();
      options.calibration = &ranges;
    }

    for (NetworkOp network : module.getOps<NetworkOp>()) {
      if (failed(quantizeNetwork(network, *target, options)))
        return signalPassFailure();
    }
    module->setAttr("snn.target", target->toAttribute(&getContext()));
  }

  LogicalResult quantizeNetwork(NetworkOp network,
                                const TargetDescription &target,
                                const QuantizeOptions &options) {
    for (Operation &op : network.getBody().front())
      if (isa<LIFOp, IFOp, LIOp, IOp, CubaLIOp, CubaLIFOp, ALIFOp, DelayOp>(op))
        return op.emitError("quantization works on step-level networks; run "
                            "--snn-discretize first");
    if (target.arithmetic == Arithmetic::Float)
      return success();
    FailureOr<SmallVector<Population>> populations =
        collectPopulations(network);
    if (failed(populations))
      return failure();
    if (!target.allowsRecurrence) {
      StepSchedule schedule = computeSchedule(network);
      for (auto [op, index] : schedule.delayedOperands)
        return op->emitError("'")
               << getNodeName(op) << "' closes a recurrent loop, but "
               << target.name
               << " runs feed-forward networks only (each core sends to "
                  "later cores)";
    }
    for (Population &pop : *populations) {
      LogicalResult result = success();
      switch (target.arithmetic) {
      case Arithmetic::Loihi:
        result = quantizeLoihi(pop, target, options);
        break;
      case Arithmetic::Spinnaker:
        result = quantizeSpinnaker(pop, target, options);
        break;
      case Arithmetic::Speck:
        result = quantizeSpeck(pop, target, options);
        break;
      case Arithmetic::Analog:
        result = quantizeAnalog(pop, target, options);
        break;
      case Arithmetic::Float:
        break;
      }
      if (failed(result))
        return failure();
    }
    return success();
  }
};
} // namespace
