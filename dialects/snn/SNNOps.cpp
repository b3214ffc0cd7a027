//===- SNNOps.cpp - Verifiers of the snn ops
//-------------------------------===//
//
// Every check names the op, the parameter and the offending value, because
// these messages are what a user sees when a model file is wrong.
//
//===----------------------------------------------------------------------===//
#include "dialects/snn/SNNOps.h"

#include "llvm/ADT/STLExtras.h"
#include <cmath>

using namespace mlir;
using namespace mlir::snn;

#define GET_OP_CLASSES
#include "dialects/snn/SNNOps.cpp.inc"

namespace {
enum class Rule { Finite, Positive, NonNegative };

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (auto [i, dim] : llvm::enumerate(shape))
    text += (i ? ", " : "") + std::to_string(dim);
  return text + ")";
}

LogicalResult checkValue(Operation *op, StringRef name, double value, Rule rule,
                         std::optional<int64_t> element) {
  auto fail = [&](StringRef what) {
    InFlightDiagnostic diag = op->emitOpError("parameter '")
                              << name << "' " << what << ", got " << value;
    if (element)
      diag << " at element " << *element;
    return diag;
  };
  if (!std::isfinite(value))
    return fail("must be finite");
  if (rule == Rule::Positive && !(value > 0.0))
    return fail("must be > 0");
  if (rule == Rule::NonNegative && value < 0.0)
    return fail("must be >= 0");
  return success();
}

/// Checks a scalar-or-per-neuron parameter against the population's shape.
LogicalResult verifyParam(Operation *op, StringRef name, Attribute attr,
                          ShapedType population, Rule rule = Rule::Finite) {
  if (!attr)
    return success();
  if (auto scalar = dyn_cast<FloatAttr>(attr))
    return checkValue(op, name, scalar.getValueAsDouble(), rule, std::nullopt);
  auto dense = cast<DenseFPElementsAttr>(attr);
  if (dense.getType().getShape() != population.getShape())
    return op->emitOpError("per-neuron parameter '")
           << name << "' has shape " << shapeString(dense.getType().getShape())
           << " but the population has shape "
           << shapeString(population.getShape())
           << "; give one value or one per neuron";
  for (auto [i, value] : llvm::enumerate(dense.getValues<APFloat>()))
    if (failed(checkValue(op, name, value.convertToDouble(), rule, i)))
      return failure();
  return success();
}

/// Shared checks of the spiking ops' reset, multi-spike and floor options.
LogicalResult verifySpiking(Operation *op, Attribute threshold,
                            ShapedType population, bool multiSpike,
                            std::optional<APFloat> vMin) {
  if (failed(verifyParam(op, "v_threshold", threshold, population,
                         multiSpike ? Rule::Positive : Rule::Finite)))
    return failure();
  if (vMin && !std::isfinite(vMin->convertToDouble()))
    return op->emitOpError("v_min must be finite");
  return success();
}

int64_t numElements(Type type) {
  return cast<ShapedType>(type).getNumElements();
}

LogicalResult verifyDense(Operation *op, Type inputType, Type outputType,
                          DenseElementsAttr weight, DenseElementsAttr bias) {
  auto input = cast<ShapedType>(inputType),
       output = cast<ShapedType>(outputType);
  if (input.getRank() != 1 || output.getRank() != 1)
    return op->emitOpError("expects 1-d input and output, got ")
           << input << " -> " << output << "; flatten the input first";
  ArrayRef<int64_t> w = weight.getType().getShape();
  if (w.size() != 2)
    return op->emitOpError("weight must be 2-d (out, in), got shape ")
           << shapeString(w);
  if (w[0] != output.getDimSize(0) || w[1] != input.getDimSize(0))
    return op->emitOpError("weight shape ")
           << shapeString(w) << " does not match (out, in) = ("
           << output.getDimSize(0) << ", " << input.getDimSize(0) << ")";
  if (bias && bias.getType().getShape() != ArrayRef<int64_t>{w[0]})
    return op->emitOpError("bias shape ")
           << shapeString(bias.getType().getShape()) << " must be (" << w[0]
           << ")";
  return success();
}

/// Checks a convolution or pooling window and the output shape it implies.
/// `spatial` is 1 or 2; kernel sizes come from the weight or the attribute.
LogicalResult verifyWindow(Operation *op, ShapedType input, ShapedType output,
                           int64_t spatial, int64_t outChannels,
                           ArrayRef<int64_t> kernel, ArrayRef<int64_t> stride,
                           ArrayRef<int64_t> padding,
                           ArrayRef<int64_t> dilation) {
  auto checkSize = [&](StringRef name, ArrayRef<int64_t> values,
                       int64_t minimum) -> LogicalResult {
    if (static_cast<int64_t>(values.size()) != spatial)
      return op->emitOpError() << name << " must have " << spatial
                               << " entries, got " << values.size();
    for (int64_t v : values)
      if (v < minimum)
        return op->emitOpError()
               << name << " entries must be >= " << minimum << ", got " << v;
    return success();
  };
  if (failed(checkSize("kernel", kernel, 1)) ||
      failed(checkSize("stride", stride, 1)) ||
      failed(checkSize("padding", padding, 0)) ||
      failed(checkSize("dilation", dilation, 1)))
    return failure();
  SmallVector<int64_t> expected{outChannels};
  for (int64_t d = 0; d < spatial; ++d) {
    int64_t span = dilation[d] * (kernel[d] - 1) + 1;
    int64_t padded = input.getDimSize(d + 1) + 2 * padding[d];
    if (padded < span)
      return op->emitOpError("window of ")
             << span << " does not fit the padded input size " << padded
             << " on spatial axis " << d;
    expected.push_back((padded - span) / stride[d] + 1);
  }
  if (output.getShape() != ArrayRef<int64_t>(expected))
    return op->emitOpError("output shape ")
           << shapeString(output.getShape()) << " should be "
           << shapeString(expected);
  return success();
}

template <typename ConvOp>
LogicalResult verifyConv(ConvOp op, int64_t spatial) {
  auto input = cast<ShapedType>(op.getInput().getType());
  auto output = cast<ShapedType>(op.getOutput().getType());
  ArrayRef<int64_t> w = op.getWeight().getType().getShape();
  if (static_cast<int64_t>(w.size()) != spatial + 2)
    return op.emitOpError("weight must be ")
           << spatial + 2 << "-d (Cout, Cin/groups, kernel...), got shape "
           << shapeString(w);
  if (input.getRank() != spatial + 1)
    return op.emitOpError("expects a (C")
           << (spatial == 1 ? ", L" : ", H, W") << ") input, got " << input;
  int64_t groups = op.getGroups();
  int64_t inChannels = input.getDimSize(0);
  if (groups < 1 || inChannels % groups || w[0] % groups)
    return op.emitOpError("groups = ")
           << groups << " must be >= 1 and divide Cin = " << inChannels
           << " and Cout = " << w[0];
  if (w[1] * groups != inChannels)
    return op.emitOpError("weight has ")
           << w[1] << " input channels per group but the input has "
           << inChannels << " channels in " << groups << " group(s)";
  if (auto bias = op.getBiasAttr())
    if (bias.getType().getShape() != ArrayRef<int64_t>{w[0]})
      return op.emitOpError("bias shape ")
             << shapeString(bias.getType().getShape()) << " must be (" << w[0]
             << ")";
  return verifyWindow(op, input, output, spatial, w[0], w.drop_front(2),
                      op.getStride(), op.getPadding(), op.getDilation());
}

template <typename PoolOp> LogicalResult verifyPool(PoolOp op) {
  auto input = cast<ShapedType>(op.getInput().getType());
  auto output = cast<ShapedType>(op.getOutput().getType());
  if (input.getRank() != 3)
    return op.emitOpError("expects a (C, H, W) input, got ") << input;
  SmallVector<int64_t> dilation(2, 1);
  return verifyWindow(op, input, output, 2, input.getDimSize(0),
                      op.getKernelSize(), op.getStride(), op.getPadding(),
                      dilation);
}
} // namespace

//===----------------------------------------------------------------------===//
// Structure and synapses
//===----------------------------------------------------------------------===//

LogicalResult AffineOp::verify() {
  return verifyDense(*this, getInput().getType(), getType(), getWeight(),
                     getBias());
}

LogicalResult LinearOp::verify() {
  return verifyDense(*this, getInput().getType(), getType(), getWeight(), {});
}

LogicalResult ScaleOp::verify() {
  if (getInput().getType() != getType())
    return emitOpError("output type must equal the input type");
  return verifyParam(*this, "scale", getScale(), getType());
}

LogicalResult Conv1dOp::verify() { return verifyConv(*this, 1); }
LogicalResult Conv2dOp::verify() { return verifyConv(*this, 2); }
LogicalResult SumPool2dOp::verify() { return verifyPool(*this); }
LogicalResult AvgPool2dOp::verify() { return verifyPool(*this); }

LogicalResult MaxPool2dOp::verify() {
  if (failed(verifyPool(*this)))
    return failure();
  // A window made only of padding would have no maximum.
  for (auto [d, pair] :
       llvm::enumerate(llvm::zip(getPadding(), getKernelSize())))
    if (std::get<0>(pair) >= std::get<1>(pair))
      return emitOpError("padding ")
             << std::get<0>(pair) << " on spatial axis " << d
             << " must be smaller than the kernel size " << std::get<1>(pair);
  return success();
}

LogicalResult FlattenOp::verify() {
  auto input = cast<ShapedType>(getInput().getType());
  int64_t rank = input.getRank();
  // The I64Attr getters return uint64_t: read them as signed for the message.
  int64_t startDim = getStartDim(), endDim = getEndDim();
  int64_t start = startDim, end = endDim;
  if (start < 0)
    start += rank;
  if (end < 0)
    end += rank;
  if (start < 0 || start >= rank || end < 0 || end >= rank || start > end)
    return emitOpError("start_dim ")
           << startDim << " and end_dim " << endDim
           << " do not select a range of the " << rank << "-d input";
  SmallVector<int64_t> expected(input.getShape().take_front(start));
  int64_t merged = 1;
  for (int64_t d = start; d <= end; ++d)
    merged *= input.getDimSize(d);
  expected.push_back(merged);
  llvm::append_range(expected, input.getShape().drop_front(end + 1));
  if (getType().getShape() != ArrayRef<int64_t>(expected))
    return emitOpError("output shape ")
           << shapeString(getType().getShape()) << " should be "
           << shapeString(expected);
  return success();
}

LogicalResult SparseProjectionOp::verify() {
  auto input = cast<ShapedType>(getInput().getType());
  if (input.getRank() != 1 || getType().getRank() != 1)
    return emitOpError("expects 1-d input and output");
  ArrayRef<int32_t> rows = getRowPtr(), cols = getCols();
  int64_t out = getType().getDimSize(0), in = input.getDimSize(0);
  int64_t nnz = getValues().getNumElements();
  if (static_cast<int64_t>(rows.size()) != out + 1)
    return emitOpError("row_ptr must have out + 1 = ")
           << out + 1 << " entries, got " << rows.size();
  if (rows.front() != 0 || rows.back() != nnz)
    return emitOpError("row_ptr must start at 0 and end at nnz = ") << nnz;
  for (size_t r = 1; r < rows.size(); ++r)
    if (rows[r] < rows[r - 1])
      return emitOpError("row_ptr decreases at row ") << r - 1;
  if (static_cast<int64_t>(cols.size()) != nnz)
    return emitOpError("cols has ")
           << cols.size() << " entries but values has " << nnz;
  for (auto [k, c] : llvm::enumerate(cols))
    if (c < 0 || c >= in)
      return emitOpError("column index ")
             << c << " at entry " << k << " is outside the input size " << in;
  return success();
}

LogicalResult ThresholdOp::verify() {
  return verifyParam(*this, "threshold", getThreshold(), getType());
}

//===----------------------------------------------------------------------===//
// Neurons
//===----------------------------------------------------------------------===//

LogicalResult IOp::verify() {
  return verifyParam(*this, "r", getR(), getType());
}

LogicalResult IFOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyParam(*this, "r", getR(), pop)) ||
      failed(verifyParam(*this, "v_reset", getVReset(), pop)))
    return failure();
  return verifySpiking(*this, getVThreshold(), pop, getMultiSpike(), getVMin());
}

LogicalResult LIOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyParam(*this, "tau", getTau(), pop, Rule::Positive)) ||
      failed(verifyParam(*this, "r", getR(), pop)) ||
      failed(verifyParam(*this, "v_leak", getVLeak(), pop)))
    return failure();
  return success();
}

LogicalResult LIFOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyParam(*this, "tau", getTau(), pop, Rule::Positive)) ||
      failed(verifyParam(*this, "r", getR(), pop)) ||
      failed(verifyParam(*this, "v_leak", getVLeak(), pop)) ||
      failed(verifyParam(*this, "v_reset", getVReset(), pop)))
    return failure();
  return verifySpiking(*this, getVThreshold(), pop, getMultiSpike(), getVMin());
}

LogicalResult CubaLIOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyParam(*this, "tau_syn", getTauSyn(), pop, Rule::Positive)) ||
      failed(verifyParam(*this, "tau_mem", getTauMem(), pop, Rule::Positive)) ||
      failed(verifyParam(*this, "r", getR(), pop)) ||
      failed(verifyParam(*this, "v_leak", getVLeak(), pop)) ||
      failed(verifyParam(*this, "w_in", getWIn(), pop)))
    return failure();
  return success();
}

LogicalResult CubaLIFOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyParam(*this, "tau_syn", getTauSyn(), pop, Rule::Positive)) ||
      failed(verifyParam(*this, "tau_mem", getTauMem(), pop, Rule::Positive)) ||
      failed(verifyParam(*this, "r", getR(), pop)) ||
      failed(verifyParam(*this, "v_leak", getVLeak(), pop)) ||
      failed(verifyParam(*this, "w_in", getWIn(), pop)) ||
      failed(verifyParam(*this, "v_reset", getVReset(), pop)))
    return failure();
  return verifySpiking(*this, getVThreshold(), pop, getMultiSpike(), getVMin());
}

LogicalResult ALIFOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyParam(*this, "tau", getTau(), pop, Rule::Positive)) ||
      failed(verifyParam(*this, "tau_adapt", getTauAdapt(), pop,
                         Rule::Positive)) ||
      failed(verifyParam(*this, "r", getR(), pop)) ||
      failed(verifyParam(*this, "v_leak", getVLeak(), pop)) ||
      failed(verifyParam(*this, "v_reset", getVReset(), pop)) ||
      failed(verifyParam(*this, "beta", getBeta(), pop, Rule::NonNegative)))
    return failure();
  return verifySpiking(*this, getVThreshold(), pop, getMultiSpike(), getVMin());
}

LogicalResult DelayOp::verify() {
  return verifyParam(*this, "delay", getDelay(), getType(), Rule::NonNegative);
}

LogicalResult StepDelayOp::verify() {
  ArrayRef<int64_t> steps = getSteps();
  int64_t n = numElements(getType());
  if (steps.size() != 1 && static_cast<int64_t>(steps.size()) != n)
    return emitOpError("steps must have 1 entry or one per element (")
           << n << "), got " << steps.size();
  for (int64_t s : steps)
    if (s < 0)
      return emitOpError("steps must be >= 0, got ") << s;
  return success();
}

LogicalResult StepNeuronOp::verify() {
  ShapedType pop = getType();
  if (failed(verifyParam(*this, "syn_decay", getSynDecayAttr(), pop)) ||
      failed(verifyParam(*this, "syn_gain", getSynGain(), pop)) ||
      failed(verifyParam(*this, "mem_decay", getMemDecay(), pop)) ||
      failed(verifyParam(*this, "mem_gain", getMemGain(), pop)) ||
      failed(verifyParam(*this, "mem_bias", getMemBias(), pop)) ||
      failed(verifyParam(*this, "v_reset", getVResetAttr(), pop)) ||
      failed(verifyParam(*this, "adapt_decay", getAdaptDecayAttr(), pop)) ||
      failed(verifyParam(*this, "adapt_gain", getAdaptGainAttr(), pop)))
    return failure();
  // v_min floors v with or without a threshold, so check it first.
  if (auto vMin = getVMin(); vMin && !std::isfinite(vMin->convertToDouble()))
    return emitOpError("v_min must be finite");
  bool adaptive = getAdaptDecayAttr() || getAdaptGainAttr();
  if (adaptive && !(getAdaptDecayAttr() && getAdaptGainAttr()))
    return emitOpError("adapt_decay and adapt_gain must be given together");
  if (!getThresholdAttr()) {
    if (getReset() != ResetMode::None || getMultiSpike() || adaptive ||
        getVResetAttr())
      return emitOpError("without a threshold the neuron does not spike: "
                         "reset must be none and v_reset, multi_spike and "
                         "adaptation absent");
    return success();
  }
  if (getReset() == ResetMode::ToReset && !getVResetAttr())
    return emitOpError("reset to_reset needs v_reset");
  if (failed(verifyParam(*this, "threshold", getThresholdAttr(), pop,
                         getMultiSpike() ? Rule::Positive : Rule::Finite)))
    return failure();
  return success();
}
