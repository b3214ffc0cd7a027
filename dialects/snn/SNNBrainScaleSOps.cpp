//===- SNNBrainScaleSOps.cpp - Verifiers of the BrainScaleS-2 ops ---------===//
//
// Structural checks only (shapes, code ranges, positive constants). The
// calibratable ranges are the lowering's diagnostics, where they can name the
// population and suggest a rescale.
//
//===----------------------------------------------------------------------===//
#include "dialects/snn/SNNOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;

namespace {
/// Checks a 6-bit code tensor of the given shape.
LogicalResult verifyCodes(Operation *op, StringRef name,
                          DenseIntElementsAttr codes, ArrayRef<int64_t> shape) {
  if (!codes)
    return success();
  if (codes.getType().getShape() != shape)
    return op->emitOpError("'") << name << "' has the wrong shape";
  for (auto [i, c] : llvm::enumerate(codes.getValues<int8_t>()))
    if (c < 0 || c > 63)
      return op->emitOpError("'") << name << "' code " << int(c)
                                  << " at element " << i << " is outside 0..63";
  return success();
}

/// A scalar-or-per-neuron parameter that must be finite and > 0 (or >= 0).
LogicalResult verifyPositive(Operation *op, StringRef name, Attribute attr,
                             ShapedType population, bool allowZero = false) {
  SmallVector<double> values;
  if (auto scalar = dyn_cast<FloatAttr>(attr)) {
    values.push_back(scalar.getValueAsDouble());
  } else {
    auto dense = cast<DenseFPElementsAttr>(attr);
    if (dense.getType().getShape() != population.getShape())
      return op->emitOpError("per-neuron parameter '")
             << name << "' must have the population's shape";
    for (APFloat v : dense.getValues<APFloat>())
      values.push_back(v.convertToDouble());
  }
  for (double v : values)
    if (!std::isfinite(v) || v < 0 || (!allowZero && v == 0))
      return op->emitOpError("parameter '")
             << name << "' must be " << (allowZero ? ">= 0" : "> 0") << ", got "
             << v;
  return success();
}
} // namespace

LogicalResult Bss2SynapsesOp::verify() {
  auto in = cast<ShapedType>(getInput().getType());
  ShapedType out = getType();
  if (in.getRank() != 1 || out.getRank() != 1)
    return emitOpError("input and output must be 1-d");
  SmallVector<int64_t> matrix{out.getDimSize(0), in.getDimSize(0)};
  SmallVector<int64_t> vector{out.getDimSize(0)};
  if (failed(verifyCodes(*this, "exc", getExc(), matrix)) ||
      failed(verifyCodes(*this, "inh", getInh(), matrix)) ||
      failed(verifyCodes(*this, "bias_exc", getBiasExcAttr(), vector)) ||
      failed(verifyCodes(*this, "bias_inh", getBiasInhAttr(), vector)))
    return failure();
  if (bool(getBiasExcAttr()) != bool(getBiasInhAttr()))
    return emitOpError("bias_exc and bias_inh come together");
  for (auto [e, i] :
       llvm::zip(getExc().getValues<int8_t>(), getInh().getValues<int8_t>()))
    if (e != 0 && i != 0)
      return emitOpError("a synapse has codes on both its excitatory and its "
                         "inhibitory row");
  return verifyPositive(*this, "weight_lsb", getWeightLsb(), out);
}

LogicalResult Bss2NeuronOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyPositive(*this, "tau_mem", getTauMem(), pop)) ||
      failed(verifyPositive(*this, "tau_syn", getTauSyn(), pop)) ||
      failed(verifyPositive(*this, "v_leak", getVLeak(), pop, true)) ||
      failed(verifyPositive(*this, "v_reset", getVReset(), pop, true)) ||
      failed(
          verifyPositive(*this, "v_threshold", getVThreshold(), pop, true)) ||
      failed(verifyPositive(*this, "syn_gain", getSynGain(), pop, true)))
    return failure();
  double refractory = getRefractory().convertToDouble();
  if (!std::isfinite(refractory) || !(refractory > 0))
    return emitOpError("refractory must be > 0, got ") << refractory;
  double scale = getVScale().convertToDouble();
  if (!std::isfinite(scale) || !(scale > 0))
    return emitOpError("v_scale must be > 0, got ") << scale;
  if (auto placement = getPlacementAttr()) {
    ArrayRef<int64_t> p = placement.asArrayRef();
    if (p.size() % 4 != 0)
      return emitOpError("placement must hold (partition, circuit, begin, "
                         "end) quadruples");
    int64_t covered = 0;
    for (size_t k = 0; k < p.size(); k += 4) {
      if (p[k] < 0 || p[k + 1] < 0 || p[k + 1] + (p[k + 3] - p[k + 2]) > 512 ||
          p[k + 2] != covered || p[k + 3] <= p[k + 2])
        return emitOpError("placement run ")
               << k / 4 << " is not a run of the next neurons on 512 circuits";
      covered = p[k + 3];
    }
    if (covered != pop.getNumElements())
      return emitOpError("placement covers ")
             << covered << " of " << pop.getNumElements() << " neurons";
  }
  return success();
}
