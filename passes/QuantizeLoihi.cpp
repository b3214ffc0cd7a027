//===- QuantizeLoihi.cpp - Float populations to Loihi-style fixed point
//----===//
//
// Maps snn.step_neuron
//   i = alpha i + g_s x;  v = beta v + g_m i + b;  spike v > theta, v = 0
// onto Lava's bit-accurate CUBA LIF (see SNNFixedOps.td):
//   u carries g_m i in integer voltage units, so the weights carry g_s g_m;
//   du = 4095 - round(4096 alpha), dv = round(4096 (1 - beta));
//   vth_mant = round(theta S / 64); bias_mant << bias_exp = round(b S);
// where S (v_scale) is the integer units per float volt. S is as large as the
// 24-bit state (with headroom for overshoot), the 17-bit threshold and the
// 8-bit weight mantissa with its largest exponent allow, unless given.
//
//===----------------------------------------------------------------------===//
#include "passes/QuantizeCommon.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Format.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::quant;

namespace {
/// Checks the features Loihi 1 neurons lack.
LogicalResult checkRepresentable(Population &pop,
                                 const TargetDescription &target) {
  StepNeuronOp n = pop.neuron;
  if (n.getMultiSpike())
    return refuse(pop, target,
                  "a neuron emits at most one spike per step; remove "
                  "multi-spike (--nir-multi-spike)");
  if (n.getVMin())
    return refuse(pop, target,
                  "the membrane has no programmable floor (v_min)");
  if (n.getAdaptDecayAttr())
    return refuse(pop, target,
                  "threshold adaptation is not part of the CUBA LIF model");
  if (n.getThresholdAttr()) {
    if (n.getReset() == ResetMode::Subtract)
      return refuse(pop, target,
                    "a spike resets v to 0; reset by subtraction is not "
                    "available (import with --nir-reset=zero)");
    if (n.getReset() == ResetMode::ToReset && maxAbs(n.getVResetAttr()) != 0)
      return refuse(pop, target,
                    "a spike resets v to 0, not to v_reset = " +
                        std::to_string(maxAbs(n.getVResetAttr())));
    for (int64_t i = 0, e = paramSize(n.getThresholdAttr()); i < e; ++i)
      if (paramAt(n.getThresholdAttr(), i) < 0)
        return refuse(pop, target,
                      "thresholds are unsigned; threshold " +
                          std::to_string(paramAt(n.getThresholdAttr(), i)) +
                          " at neuron " + std::to_string(i) + " is negative");
  }
  return success();
}

/// A 12-bit decay constant d from a per-step factor: Lava decays by
/// (4096 - (d + offset)) / 4096 (offset 1 for the current, 0 for the
/// voltage). A factor that is neither exactly 1 nor exactly 0 but rounds to
/// one of them is refused: the time constant would silently change meaning.
FailureOr<int64_t> decayConstant(Population &pop, StringRef what, double factor,
                                 bool floor, int64_t offset) {
  if (offset == 0 && factor == 1.0)
    return 0; // No leak (IF).
  if (offset == 1 && factor == 0.0)
    return 4095; // The current lasts one step.
  int64_t d = roundValue(4096.0 * (1.0 - factor), floor) - offset;
  if (d < 0 || (offset == 0 && d == 0))
    return pop.neuron.emitError("layer '")
           << pop.name << "': " << what << " decay factor " << factor
           << " per step rounds to no decay in 12 bits; the time constant is "
              "longer than the chip can represent at this dt (use a larger "
              "dt or a shorter time constant)";
  if (d > 4095 || (offset == 1 && d == 4095))
    return pop.neuron.emitError("layer '")
           << pop.name << "': " << what << " decay factor " << factor
           << " per step rounds to a full decay in 12 bits; the time "
              "constant is shorter than the chip can represent at this dt";
  return d;
}
} // namespace

LogicalResult quant::quantizeLoihi(Population &pop,
                                   const TargetDescription &target,
                                   const QuantizeOptions &options) {
  if (failed(checkRepresentable(pop, target)))
    return failure();
  StepNeuronOp n = pop.neuron;
  MLIRContext *ctx = n.getContext();
  ShapedType type = n.getType();
  int64_t count = type.getNumElements();
  bool synapse = static_cast<bool>(n.getSynDecayAttr());

  // Weights carry g_s g_m (u is in voltage units).
  SmallVector<double> gain(count);
  for (int64_t i = 0; i < count; ++i)
    gain[i] = paramAt(n.getSynGain(), i) * paramAt(n.getMemGain(), i);
  Attribute gainAttr = Builder(ctx).getF32FloatAttr(gain[0]);
  if (!llvm::all_equal(gain))
    gainAttr = DenseElementsAttr::get(
        RankedTensorType::get(type.getShape(), Builder(ctx).getF32Type()),
        ArrayRef<float>(SmallVector<float>(gain.begin(), gain.end())));
  FailureOr<double> maxW = maxEffectiveWeight(pop, gainAttr);
  if (failed(maxW))
    return failure();

  const int64_t maxMantissa = (int64_t(1) << (target.weightBits - 1)) - 1;
  const double stateLimit = std::ldexp(1.0, target.stateBits - 1) - 1;
  const double thetaMax =
      n.getThresholdAttr() ? maxAbs(n.getThresholdAttr()) : 0.0;
  double scale = options.vScale;
  if (scale <= 0) {
    // Largest scale the formats allow; half the state range is kept as
    // headroom for inputs arriving above threshold.
    scale = std::numeric_limits<double>::infinity();
    if (thetaMax > 0)
      scale = std::min(scale, stateLimit / 2 / thetaMax);
    if (*maxW > 0)
      scale = std::min(scale, maxMantissa *
                                  std::ldexp(1.0, target.thresholdShift +
                                                      target.weightExpMax) /
                                  *maxW);
    if (options.calibration) {
      auto v = options.calibration->maxAbsV.find(pop.name);
      if (v != options.calibration->maxAbsV.end() && v->second > 0)
        scale = std::min(scale, stateLimit / 1.25 / v->second);
      auto i = options.calibration->maxAbsI.find(pop.name);
      if (i != options.calibration->maxAbsI.end() && i->second > 0)
        scale = std::min(scale, stateLimit / 1.25 /
                                    (i->second * maxAbs(n.getMemGain())));
    }
    if (!std::isfinite(scale))
      scale = 1.0;
  }
  // The smallest exponent that fits the largest weight in the mantissa keeps
  // the most precision.
  auto mantissaOf = [&](int64_t e) {
    return *maxW * scale / std::ldexp(1.0, target.thresholdShift + e);
  };
  int64_t exponent = target.weightExpMin;
  if (options.weightExp) {
    exponent = *options.weightExp;
    if (exponent < target.weightExpMin || exponent > target.weightExpMax)
      return n.emitError("layer '")
             << pop.name << "': weight-exp " << exponent << " is outside "
             << target.weightExpMin << ".." << target.weightExpMax;
  } else {
    while (exponent < target.weightExpMax &&
           mantissaOf(exponent) > maxMantissa + 0.5)
      ++exponent;
  }
  // Per-channel: each neuron gets the smallest exponent its own incoming
  // weights allow (a convolution's neurons share their channel's).
  SmallVector<int64_t> exponents(1, exponent);
  SmallVector<double> lsbs;
  if (options.perChannel) {
    SmallVector<double> rowMax(count, 0.0), weights, bias;
    SmallVector<int64_t> rows;
    bool conv = false;
    for (Operation *p : pop.projections) {
      conv |= isa<Conv1dOp, Conv2dOp>(p);
      if (failed(effectiveWeights(p, gainAttr, type, weights, bias, &rows)))
        return failure();
      for (auto [k, w] : llvm::enumerate(weights))
        rowMax[rows[k]] = std::max(rowMax[rows[k]], std::abs(w));
    }
    int64_t spatial = conv ? count / type.getDimSize(0) : 1;
    exponents.assign(count, target.weightExpMin);
    for (int64_t j = 0; j < count; ++j) {
      double m = rowMax[j - j % spatial];
      while (exponents[j] < exponent &&
             m * scale / std::ldexp(1.0, target.thresholdShift + exponents[j]) >
                 maxMantissa + 0.5)
        ++exponents[j];
    }
  }
  for (int64_t e : exponents)
    lsbs.push_back(std::ldexp(1.0, target.thresholdShift + e) / scale);

  SmallVector<int64_t> du(count), dv(count), vth(count), biasMant(count),
      biasExp(count);
  for (int64_t i = 0; i < count; ++i) {
    if (synapse) {
      FailureOr<int64_t> d = decayConstant(pop, "synaptic current",
                                           paramAt(n.getSynDecayAttr(), i),
                                           options.floorDecays, 1);
      if (failed(d))
        return failure();
      du[i] = *d;
    } else {
      du[i] = 4095; // The current lasts one step: u = a << 6.
    }
    FailureOr<int64_t> d = decayConstant(
        pop, "membrane", paramAt(n.getMemDecay(), i), options.floorDecays, 0);
    if (failed(d))
      return failure();
    dv[i] = *d;
    if (n.getThresholdAttr()) {
      double t = paramAt(n.getThresholdAttr(), i) * scale /
                 std::ldexp(1.0, target.thresholdShift);
      vth[i] = roundValue(t);
      if (vth[i] >= (int64_t(1) << target.thresholdBits))
        return n.emitError("layer '")
               << pop.name << "': threshold needs mantissa " << vth[i]
               << " at v_scale " << scale << ", more than "
               << target.thresholdBits
               << " bits; lower --snn-quantize "
                  "v-scale";
    }
    double b = paramAt(n.getMemBias(), i) * scale;
    int64_t e = 0;
    const double biasMax = std::ldexp(1.0, target.biasMantBits - 1) - 1;
    while (e < (1 << target.biasExpBits) - 1 &&
           std::abs(b) / std::ldexp(1.0, e) > biasMax + 0.5)
      ++e;
    biasMant[i] = roundValue(b / std::ldexp(1.0, e));
    biasExp[i] = e;
    if (std::abs(biasMant[i]) > biasMax)
      return n.emitError("layer '")
             << pop.name << "': bias " << paramAt(n.getMemBias(), i)
             << " needs mantissa " << biasMant[i] << " << " << e
             << ", beyond the 13-bit mantissa and 3-bit exponent";
  }
  std::string format =
      std::to_string(target.weightBits) + "-bit mantissas x 2^(" +
      std::to_string(target.thresholdShift) +
      (options.perChannel
           ? std::string("+e per neuron")
           : (exponent < 0 ? "" : "+") + std::to_string(exponent)) +
      ")";
  if (failed(quantizeProjections(pop, gainAttr, lsbs, maxMantissa, format)))
    return failure();

  if (target.synapticDelaySteps > 0)
    insertSynapticDelay(n, target.synapticDelaySteps);
  OpBuilder b(n);
  auto loihi = b.create<LoihiNeuronOp>(
      n.getLoc(), n.getType(), n.getInput(), intParam(ctx, type, du),
      intParam(ctx, type, dv), intParam(ctx, type, vth),
      intParam(ctx, type, biasMant), intParam(ctx, type, biasExp),
      intParam(ctx, type, exponents),
      b.getBoolAttr(static_cast<bool>(n.getThresholdAttr())),
      b.getF64FloatAttr(scale));
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "layer '" << pop.name << "' on " << target.name << ": v_scale "
     << llvm::format("%.6g", scale) << ", weight_exp "
     << (options.perChannel ? std::string("per neuron")
                            : std::to_string(exponent))
     << ", du " << du[0] << ", dv " << dv[0];
  if (n.getThresholdAttr())
    os << ", vth_mant " << vth[0] << " (threshold "
       << llvm::format("%g", paramAt(n.getThresholdAttr(), 0)) << " -> "
       << llvm::format("%.6g",
                       vth[0] * std::ldexp(1.0, target.thresholdShift) / scale)
       << ")";
  os << (count > 1 && !llvm::all_equal(dv) ? " (first neuron)" : "");
  loihi->emitRemark(os.str());
  replaceNeuron(n, loihi);
  return success();
}
