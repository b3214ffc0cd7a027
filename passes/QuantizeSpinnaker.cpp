//===- QuantizeSpinnaker.cpp - Float populations to s16.15 fixed point
//-----===//
//
// SpiNNaker keeps state and constants in model units as s16.15 "accum", so
// v_scale is 2^15 and every constant is round(value * 2^15). Weights are 16-bit
// magnitudes with one left shift per population (the synapse type's shift):
// input = w << shift in accum raw units, so a weight's LSB is 2^(shift - 15)
// in model units. The shift is the smallest that fits the largest weight.
//
//===----------------------------------------------------------------------===//
#include "passes/QuantizeCommon.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Format.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::quant;

LogicalResult quant::quantizeSpinnaker(Population &pop,
                                       const TargetDescription &target,
                                       const QuantizeOptions &options) {
  StepNeuronOp n = pop.neuron;
  if (n.getMultiSpike())
    return refuse(pop, target,
                  "a neuron emits at most one spike per step; remove "
                  "multi-spike (--nir-multi-spike)");
  if (n.getVMin())
    return refuse(pop, target,
                  "the neuron models have no membrane floor (v_min)");
  if (n.getAdaptDecayAttr())
    return refuse(pop, target,
                  "threshold adaptation needs a different neuron model");
  if (options.vScale > 0 && options.vScale != 32768.0)
    return refuse(pop, target,
                  "state is s16.15 in model units: v-scale is fixed at 32768");

  MLIRContext *ctx = n.getContext();
  ShapedType type = n.getType();
  int64_t count = type.getNumElements();
  const double one = std::ldexp(1.0, target.fractionalBits);
  const double accumMax = std::ldexp(1.0, 31 - target.fractionalBits);
  auto accum = [&](Attribute param, StringRef what,
                   SmallVector<int64_t> &out) -> LogicalResult {
    out.assign(count, 0);
    for (int64_t i = 0; i < count; ++i) {
      double value = paramAt(param, i);
      if (std::abs(value) >= accumMax)
        return n.emitError("layer '")
               << pop.name << "': " << what << " = " << value
               << " is outside the s16.15 range (|x| < " << accumMax << ")";
      out[i] = roundValue(value * one);
    }
    return success();
  };
  if (options.calibration) {
    auto v = options.calibration->maxAbsV.find(pop.name);
    if (v != options.calibration->maxAbsV.end() && v->second >= accumMax)
      return n.emitError("layer '")
             << pop.name << "': the calibration run reached |v| = " << v->second
             << ", beyond the s16.15 range (" << accumMax << ")";
  }

  SmallVector<int64_t> synDecay, memDecay, memGain, memBias, threshold, vReset;
  if ((n.getSynDecayAttr() &&
       failed(accum(n.getSynDecayAttr(), "syn_decay", synDecay))) ||
      failed(accum(n.getMemDecay(), "mem_decay", memDecay)) ||
      failed(accum(n.getMemGain(), "mem_gain", memGain)) ||
      failed(accum(n.getMemBias(), "mem_bias", memBias)) ||
      (n.getThresholdAttr() &&
       failed(accum(n.getThresholdAttr(), "threshold", threshold))))
    return failure();
  if (n.getVResetAttr()) {
    if (failed(accum(n.getVResetAttr(), "v_reset", vReset)))
      return failure();
  } else {
    vReset.assign(1, 0);
  }

  // The synaptic input carries g_s; mem_gain stays a multiplication.
  FailureOr<double> maxW = maxEffectiveWeight(pop, n.getSynGain());
  if (failed(maxW))
    return failure();
  const int64_t maxMantissa = (int64_t(1) << target.weightBits) - 1;
  int64_t shift = target.weightExpMin;
  while (shift<target.weightExpMax && * maxW * one / std::ldexp(1.0, shift)>
             maxMantissa +
         0.5)
    ++shift;
  double lsb = std::ldexp(1.0, shift) / one;
  std::string format = std::to_string(target.weightBits) +
                       "-bit magnitudes << " + std::to_string(shift);
  if (failed(
          quantizeProjections(pop, n.getSynGain(), lsb, maxMantissa, format)))
    return failure();

  if (target.synapticDelaySteps > 0)
    insertSynapticDelay(n, target.synapticDelaySteps);
  OpBuilder b(n);
  ResetMode reset = n.getReset();
  if (reset == ResetMode::Zero) {
    reset = ResetMode::ToReset;
    vReset.assign(1, 0);
  }
  auto op = b.create<SpinnakerNeuronOp>(
      n.getLoc(), type, n.getInput(),
      n.getSynDecayAttr() ? intParam(ctx, type, synDecay) : Attribute(),
      intParam(ctx, type, memDecay), intParam(ctx, type, memGain),
      intParam(ctx, type, memBias),
      n.getThresholdAttr() ? intParam(ctx, type, threshold) : Attribute(),
      intParam(ctx, type, vReset), ResetModeAttr::get(ctx, reset),
      b.getI32IntegerAttr(shift), b.getF64FloatAttr(one));
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "layer '" << pop.name << "' on " << target.name
     << ": s16.15, input shift " << shift << ", mem_decay " << memDecay[0]
     << "/32768";
  if (!synDecay.empty())
    os << ", syn_decay " << synDecay[0] << "/32768";
  op->emitRemark(os.str());
  replaceNeuron(n, op);
  return success();
}
