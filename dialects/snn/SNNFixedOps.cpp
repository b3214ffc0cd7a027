//===- SNNFixedOps.cpp - Verifiers of the fixed-point neuron ops
//-----------===//
//
// Ranges are the chips' register widths (targets/*/README.md); a value outside
// one would be silently truncated by hardware, so it is an error here.
//
//===----------------------------------------------------------------------===//
#include "dialects/snn/SNNOps.h"

using namespace mlir;
using namespace mlir::snn;

namespace {
/// Checks an i32 scalar-or-per-neuron parameter against [lo, hi].
LogicalResult verifyIntParam(Operation *op, StringRef name, Attribute attr,
                             ShapedType population, int64_t lo, int64_t hi) {
  if (!attr)
    return success();
  auto check = [&](int64_t value,
                   std::optional<int64_t> element) -> LogicalResult {
    if (value >= lo && value <= hi)
      return success();
    InFlightDiagnostic diag = op->emitOpError("parameter '")
                              << name << "' = " << value << " is outside " << lo
                              << ".." << hi;
    if (element)
      diag << " at element " << *element;
    return diag;
  };
  if (auto scalar = dyn_cast<IntegerAttr>(attr))
    return check(scalar.getInt(), std::nullopt);
  auto dense = cast<DenseIntElementsAttr>(attr);
  if (dense.getType().getShape() != population.getShape())
    return op->emitOpError("per-neuron parameter '")
           << name << "' must have the population's shape " << population;
  for (auto [i, value] : llvm::enumerate(dense.getValues<int32_t>()))
    if (failed(check(value, i)))
      return failure();
  return success();
}

LogicalResult verifyScale(Operation *op, APFloat scale) {
  double value = scale.convertToDouble();
  if (!(value > 0) || !std::isfinite(value))
    return op->emitOpError("v_scale must be a positive number, got ") << value;
  return success();
}

constexpr int64_t kInt32Min = INT32_MIN, kInt32Max = INT32_MAX;
} // namespace

LogicalResult LoihiNeuronOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyIntParam(*this, "du", getDu(), pop, 0, 4095)) ||
      failed(verifyIntParam(*this, "dv", getDv(), pop, 0, 4095)) ||
      failed(verifyIntParam(*this, "vth_mant", getVthMant(), pop, 0,
                            (1 << 17) - 1)) ||
      failed(verifyIntParam(*this, "bias_mant", getBiasMant(), pop, -4096,
                            4095)) ||
      failed(verifyIntParam(*this, "bias_exp", getBiasExp(), pop, 0, 7)) ||
      failed(verifyIntParam(*this, "weight_exp", getWeightExp(), pop, -8, 7)))
    return failure();
  return verifyScale(*this, getVScale());
}

LogicalResult SpinnakerNeuronOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyIntParam(*this, "syn_decay", getSynDecayAttr(), pop,
                            kInt32Min, kInt32Max)) ||
      failed(verifyIntParam(*this, "mem_decay", getMemDecay(), pop, kInt32Min,
                            kInt32Max)) ||
      failed(verifyIntParam(*this, "mem_gain", getMemGain(), pop, kInt32Min,
                            kInt32Max)) ||
      failed(verifyIntParam(*this, "mem_bias", getMemBias(), pop, kInt32Min,
                            kInt32Max)) ||
      failed(verifyIntParam(*this, "v_reset", getVReset(), pop, kInt32Min,
                            kInt32Max)) ||
      failed(
          verifyIntParam(*this, "input_shift", getInputShift(), pop, 0, 31)) ||
      failed(verifyIntParam(*this, "threshold", getThresholdAttr(), pop,
                            kInt32Min, kInt32Max)))
    return failure();
  if (!getThresholdAttr() && getReset() != ResetMode::None)
    return emitOpError("without a threshold the reset must be none");
  return verifyScale(*this, getVScale());
}

LogicalResult SpeckNeuronOp::verify() {
  if (failed(verifyIntParam(*this, "threshold", getThreshold(), getType(), 1,
                            32767)))
    return failure();
  // The generated getter returns the bits unsigned; read the signed value.
  int64_t vMin = getVMinAttr().getInt();
  if (vMin < -32768 || vMin > 0)
    return emitOpError("v_min = ") << vMin << " is outside -32768..0";
  return verifyScale(*this, getVScale());
}
