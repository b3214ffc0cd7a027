//===- QuantizeSpeck.cpp - Float populations to Speck-style integers
//-------===//
//
// Speck neurons integrate without leak or synaptic current and reset by
// subtraction. A layer's weights (g_s g_m W, 8-bit), its bias (8-bit), its
// threshold and its lower bound (16-bit state) share one scale s: the largest
// that fits all of them (and the calibration run's |v|, when given).
//
//===----------------------------------------------------------------------===//
#include "passes/QuantizeCommon.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Format.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::quant;

LogicalResult quant::quantizeSpeck(Population &pop,
                                   const TargetDescription &target,
                                   const QuantizeOptions &options) {
  StepNeuronOp n = pop.neuron;
  if (n.getSynDecayAttr())
    return refuse(pop, target,
                  "neurons have no synaptic current (the layer has a synaptic "
                  "time constant); use IF/LIF neurons without tau_syn");
  for (int64_t i = 0, e = paramSize(n.getMemDecay()); i < e; ++i)
    if (paramAt(n.getMemDecay(), i) != 1.0)
      return refuse(pop, target,
                    "neurons are integrate-and-fire without leak; neuron " +
                        std::to_string(i) + " decays by " +
                        std::to_string(paramAt(n.getMemDecay(), i)) +
                        " per step (a membrane time constant)");
  if (maxAbs(n.getMemBias()) != 0)
    return refuse(pop, target,
                  "a constant membrane drive (v_leak or mem_bias) is not "
                  "available; move it into the layer's bias");
  if (!n.getThresholdAttr())
    return refuse(pop, target,
                  "every layer spikes; a non-spiking readout is not "
                  "available");
  if (n.getReset() != ResetMode::Subtract)
    return refuse(pop, target,
                  "a spike resets by subtracting the threshold; import with "
                  "--nir-reset=subtract");
  if (n.getAdaptDecayAttr())
    return refuse(pop, target, "threshold adaptation is not available");
  for (int64_t i = 0, e = paramSize(n.getThresholdAttr()); i < e; ++i)
    if (paramAt(n.getThresholdAttr(), i) <= 0)
      return refuse(pop, target, "thresholds must be positive");

  MLIRContext *ctx = n.getContext();
  ShapedType type = n.getType();
  SmallVector<double> gain;
  Attribute gainAttr = n.getSynGain();
  double g = paramAt(n.getSynGain(), 0) * paramAt(n.getMemGain(), 0);
  if (paramSize(n.getSynGain()) > 1 || paramSize(n.getMemGain()) > 1)
    return refuse(pop, target,
                  "one scale per layer needs one input gain per layer");
  gainAttr = Builder(ctx).getF32FloatAttr(g);
  FailureOr<double> maxW = maxEffectiveWeight(pop, gainAttr);
  if (failed(maxW))
    return failure();
  double maxBias = 0;
  SmallVector<double> w, bias;
  for (Operation *p : pop.projections) {
    if (failed(effectiveWeights(p, gainAttr, type, w, bias)))
      return failure();
    for (double v : bias)
      maxBias = std::max(maxBias, std::abs(v));
  }
  const double weightMax = (1 << (target.weightBits - 1)) - 1;
  const double stateMax = (1 << (target.stateBits - 1)) - 1;
  double thetaMax = maxAbs(n.getThresholdAttr());
  double scale = options.vScale;
  if (scale <= 0) {
    scale = stateMax / thetaMax;
    if (*maxW > 0)
      scale = std::min(scale, weightMax / *maxW);
    if (maxBias > 0)
      scale = std::min(scale, weightMax / maxBias);
    if (options.calibration) {
      auto v = options.calibration->maxAbsV.find(pop.name);
      if (v != options.calibration->maxAbsV.end() && v->second > 0)
        scale = std::min(scale, stateMax / v->second);
    }
  }
  SmallVector<int64_t> threshold;
  for (int64_t i = 0, e = paramSize(n.getThresholdAttr()); i < e; ++i) {
    int64_t t = roundValue(paramAt(n.getThresholdAttr(), i) * scale);
    if (t < 1 || t > stateMax)
      return n.emitError("layer '")
             << pop.name << "': threshold " << paramAt(n.getThresholdAttr(), i)
             << " becomes " << t << " at scale " << scale << ", outside 1.."
             << stateMax;
    threshold.push_back(t);
  }
  int64_t vMin = -(int64_t(1) << (target.stateBits - 1));
  if (auto floor = n.getVMin()) {
    vMin = roundValue(floor->convertToDouble() * scale);
    if (vMin < -(int64_t(1) << (target.stateBits - 1)) || vMin > 0)
      return n.emitError("layer '")
             << pop.name << "': v_min " << floor->convertToDouble()
             << " becomes " << vMin << " at scale " << scale
             << ", outside the 16-bit state's -32768..0";
  }
  std::string format = std::to_string(target.weightBits) + "-bit integers";
  if (failed(quantizeProjections(pop, gainAttr, {1.0 / scale},
                                 static_cast<int64_t>(weightMax), format)))
    return failure();
  OpBuilder b(n);
  auto op = b.create<SpeckNeuronOp>(
      n.getLoc(), type, n.getInput(), intParam(ctx, type, threshold),
      b.getI32IntegerAttr(vMin),
      n.getMultiSpike() ? b.getUnitAttr() : UnitAttr(),
      b.getF64FloatAttr(scale));
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "layer '" << pop.name << "' on " << target.name << ": scale "
     << llvm::format("%.6g", scale) << ", threshold " << threshold[0]
     << ", v_min " << vMin;
  op->emitRemark(os.str());
  replaceNeuron(n, op);
  return success();
}

LogicalResult quant::quantizeAnalog(Population &pop,
                                    const TargetDescription &target,
                                    const QuantizeOptions &options) {
  // Numbers only: weights to the 6-bit magnitude grid of the synapse array,
  // kept in float units for the float engine (the analog flow is separate).
  StepNeuronOp n = pop.neuron;
  Attribute one = Builder(n.getContext()).getF32FloatAttr(1.0f);
  FailureOr<double> maxW = maxEffectiveWeight(pop, one);
  if (failed(maxW))
    return failure();
  const int64_t maxMantissa = (int64_t(1) << (target.weightBits - 1)) - 1;
  double lsb = *maxW > 0 ? *maxW / maxMantissa : 1.0;
  std::string format =
      std::to_string(target.weightBits - 1) + "-bit magnitudes on exc/inh rows";
  if (failed(quantizeProjections(pop, one, lsb, maxMantissa, format)))
    return failure();
  // Back to float units: the float engine runs the analog numbers.
  for (Operation *p : pop.projections) {
    for (StringRef name : {"weight", "values", "bias"}) {
      auto attr = p->getAttrOfType<DenseElementsAttr>(name);
      if (!attr)
        continue;
      SmallVector<float> values;
      for (float v : attr.getValues<float>())
        values.push_back(static_cast<float>(v * lsb));
      p->setAttr(name, DenseElementsAttr::get(attr.getType(),
                                              ArrayRef<float>(values)));
    }
    if (auto scale = dyn_cast<ScaleOp>(p)) {
      auto attr = cast<DenseElementsAttr>(scale.getScale());
      SmallVector<float> values;
      for (float v : attr.getValues<float>())
        values.push_back(static_cast<float>(v * lsb));
      scale.setScaleAttr(
          DenseElementsAttr::get(attr.getType(), ArrayRef<float>(values)));
    }
  }
  return success();
}
