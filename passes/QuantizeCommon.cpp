//===- QuantizeCommon.cpp - Shared pieces of --snn-quantize
//----------------===//
#include "passes/QuantizeCommon.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Format.h"

#include <cmath>
#include <functional>

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::quant;

double quant::paramAt(Attribute param, int64_t i) {
  if (auto scalar = dyn_cast<FloatAttr>(param))
    return scalar.getValueAsDouble();
  auto dense = cast<DenseFPElementsAttr>(param);
  return dense.getValues<APFloat>()[dense.isSplat() ? 0 : i].convertToDouble();
}

int64_t quant::paramSize(Attribute param) {
  if (auto dense = dyn_cast<DenseElementsAttr>(param))
    return dense.getNumElements();
  return 1;
}

double quant::maxAbs(Attribute param) {
  double best = 0;
  for (int64_t i = 0, n = paramSize(param); i < n; ++i)
    best = std::max(best, std::abs(paramAt(param, i)));
  return best;
}

InFlightDiagnostic quant::refuse(const Population &pop,
                                 const TargetDescription &target,
                                 const Twine &what) {
  return pop.neuron.emitError("layer '")
         << pop.name << "' cannot run on " << target.name << ": " << what;
}

int64_t quant::roundValue(double value, bool floor) {
  return floor ? static_cast<int64_t>(std::floor(value))
               : static_cast<int64_t>(std::llround(value));
}

Attribute quant::intParam(MLIRContext *context, ShapedType population,
                          ArrayRef<int64_t> values) {
  Builder b(context);
  if (llvm::all_equal(values))
    return b.getI32IntegerAttr(values.front());
  SmallVector<int32_t> narrow(values.begin(), values.end());
  auto type = RankedTensorType::get(population.getShape(), b.getI32Type());
  return DenseElementsAttr::get(type, ArrayRef<int32_t>(narrow));
}

static bool isProjection(Operation *op) {
  return isa<AffineOp, LinearOp, Conv1dOp, Conv2dOp, SparseProjectionOp,
             ScaleOp>(op);
}

FailureOr<SmallVector<Population>>
quant::collectPopulations(NetworkOp network) {
  SmallVector<Population> populations;
  DenseMap<Operation *, unsigned> owner;
  for (Operation &op : network.getBody().front()) {
    auto neuron = dyn_cast<StepNeuronOp>(&op);
    if (!neuron)
      continue;
    Population pop{neuron, getNodeName(neuron), {}};
    if (pop.name.empty())
      pop.name = "step_neuron";
    unsigned index = populations.size();
    std::function<LogicalResult(Value)> walk = [&](Value v) -> LogicalResult {
      Operation *def = v.getDefiningOp();
      if (def && isa<AddOp>(def)) {
        for (Value operand : def->getOperands())
          if (failed(walk(operand)))
            return failure();
        return success();
      }
      if (def && isa<StepDelayOp>(def))
        return walk(def->getOperand(0));
      if (def && isa<ZeroOp>(def))
        return success();
      if (def && isProjection(def)) {
        auto [it, inserted] = owner.try_emplace(def, index);
        if (!inserted && it->second != index)
          return def->emitError("projection '")
                 << getNodeName(def) << "' feeds two populations ('"
                 << populations[it->second].name << "' and '" << pop.name
                 << "'), which need their own integer scales; duplicate the "
                    "projection";
        if (inserted)
          pop.projections.push_back(def);
        return success();
      }
      std::string from = def ? "'" + getNodeName(def) + "' (" +
                                   def->getName().getStringRef().str() + ")"
                             : std::string("a network input");
      return neuron.emitError("layer '")
             << pop.name << "' receives " << from
             << " without weights in between; a fixed-point target carries "
                "its integer scale in the weights: add an snn.scale or "
                "snn.affine in front of the layer";
    };
    if (failed(walk(neuron.getInput())))
      return failure();
    populations.push_back(std::move(pop));
  }
  return populations;
}

LogicalResult quant::effectiveWeights(Operation *projection, Attribute gain,
                                      ShapedType population,
                                      SmallVector<double> &weights,
                                      SmallVector<double> &bias,
                                      SmallVector<int64_t> *rows,
                                      SmallVector<int64_t> *biasRows) {
  weights.clear();
  bias.clear();
  SmallVector<int64_t> ignoredRows, ignoredBiasRows;
  if (!rows)
    rows = &ignoredRows;
  if (!biasRows)
    biasRows = &ignoredBiasRows;
  rows->clear();
  biasRows->clear();
  bool perNeuronGain = paramSize(gain) > 1;
  auto dense = [](DenseElementsAttr attr) {
    SmallVector<double> out;
    for (float v : attr.getValues<float>())
      out.push_back(v);
    return out;
  };
  if (isa<AffineOp, LinearOp>(projection)) {
    auto weight = cast<DenseElementsAttr>(projection->getAttr("weight"));
    int64_t out = weight.getType().getDimSize(0);
    int64_t in = weight.getType().getDimSize(1);
    weights = dense(weight);
    for (int64_t o = 0; o < out; ++o)
      for (int64_t k = 0; k < in; ++k) {
        weights[o * in + k] *= paramAt(gain, o);
        rows->push_back(o);
      }
    if (auto b = projection->getAttrOfType<DenseElementsAttr>("bias")) {
      bias = dense(b);
      for (int64_t o = 0; o < out; ++o) {
        bias[o] *= paramAt(gain, o);
        biasRows->push_back(o);
      }
    }
    return success();
  }
  if (auto sparse = dyn_cast<SparseProjectionOp>(projection)) {
    SmallVector<int64_t> *rowsOut = rows;
    weights = dense(sparse.getValues());
    ArrayRef<int32_t> rows = sparse.getRowPtr();
    for (size_t r = 0; r + 1 < rows.size(); ++r)
      for (int32_t k = rows[r]; k < rows[r + 1]; ++k) {
        weights[k] *= paramAt(gain, r);
        rowsOut->push_back(r);
      }
    return success();
  }
  if (auto scale = dyn_cast<ScaleOp>(projection)) {
    int64_t n = population.getNumElements();
    for (int64_t i = 0; i < n; ++i) {
      weights.push_back(paramAt(scale.getScale(), i) * paramAt(gain, i));
      rows->push_back(i);
    }
    return success();
  }
  // Convolutions share weights across positions: only a gain that is the
  // same for every neuron can be folded into them.
  if (perNeuronGain)
    return projection->emitError("projection '")
           << getNodeName(projection)
           << "' is a convolution but its population's input gain differs "
              "per neuron; it cannot be folded into shared weights";
  double g = paramAt(gain, 0);
  auto weightAttr = cast<DenseElementsAttr>(projection->getAttr("weight"));
  weights = dense(weightAttr);
  // A convolution's row is its output channel; its neurons start at
  // channel * (spatial size) in the population.
  int64_t perChannel = weights.size() / weightAttr.getType().getDimSize(0);
  int64_t spatial = population.getNumElements() / population.getDimSize(0);
  for (auto [k, w] : llvm::enumerate(weights)) {
    w *= g;
    rows->push_back(static_cast<int64_t>(k) / perChannel * spatial);
  }
  if (auto b = projection->getAttrOfType<DenseElementsAttr>("bias")) {
    bias = dense(b);
    for (auto [c, v] : llvm::enumerate(bias)) {
      v *= g;
      biasRows->push_back(static_cast<int64_t>(c) * spatial);
    }
  }
  return success();
}

FailureOr<double> quant::maxEffectiveWeight(const Population &pop,
                                            Attribute gain) {
  double best = 0;
  SmallVector<double> w, b;
  for (Operation *projection : pop.projections) {
    if (failed(effectiveWeights(projection, gain, pop.neuron.getType(), w, b)))
      return failure();
    for (double v : w)
      best = std::max(best, std::abs(v));
  }
  return best;
}

LogicalResult quant::quantizeProjections(const Population &pop, Attribute gain,
                                         ArrayRef<double> lsbs,
                                         int64_t maxMantissa,
                                         StringRef format) {
  Builder b(pop.neuron.getContext());
  SmallVector<double> weights, bias;
  SmallVector<int64_t> rows, biasRows;
  auto lsbOf = [&](int64_t row) {
    return lsbs.size() == 1 ? lsbs.front() : lsbs[row];
  };
  for (Operation *projection : pop.projections) {
    if (failed(effectiveWeights(projection, gain, pop.neuron.getType(), weights,
                                bias, &rows, &biasRows)))
      return failure();
    int64_t saturated = 0, largest = 0;
    double maxErr = 0, sumErr = 0, maxW = 0;
    SmallVector<float> q(weights.size());
    for (auto [k, w] : llvm::enumerate(weights)) {
      double lsb = lsbOf(rows[k]);
      int64_t m = roundValue(w / lsb);
      if (std::abs(m) > maxMantissa) {
        ++saturated;
        m = m > 0 ? maxMantissa : -maxMantissa;
      }
      q[k] = static_cast<float>(m);
      largest = std::max<int64_t>(largest, std::abs(m));
      double err = std::abs(w - m * lsb);
      maxErr = std::max(maxErr, err);
      sumErr += err;
      maxW = std::max(maxW, std::abs(w));
    }
    // Biases are a constant input in the same integer units; they must fit
    // the 16-bit input sum.
    SmallVector<float> qb(bias.size());
    for (auto [k, v] : llvm::enumerate(bias)) {
      int64_t m = roundValue(v / lsbOf(biasRows[k]));
      if (std::abs(m) > 32767)
        return projection->emitError("bias of '")
               << getNodeName(projection) << "' at element " << k << " (" << v
               << ") needs " << m
               << " units of the layer's integer scale, more than the 16-bit "
                  "input range allows; reduce the bias or the weight range";
      qb[k] = static_cast<float>(m);
    }
    auto replace = [&](StringRef name, ArrayRef<float> values) {
      auto old = cast<DenseElementsAttr>(projection->getAttr(name));
      projection->setAttr(name, DenseElementsAttr::get(old.getType(), values));
    };
    if (isa<SparseProjectionOp>(projection))
      replace("values", q);
    else if (auto scale = dyn_cast<ScaleOp>(projection))
      scale.setScaleAttr(DenseElementsAttr::get(
          RankedTensorType::get(pop.neuron.getType().getShape(),
                                b.getF32Type()),
          ArrayRef<float>(q)));
    else
      replace("weight", q);
    if (!qb.empty())
      replace("bias", qb);
    double smallest = *std::min_element(lsbs.begin(), lsbs.end());
    projection->setAttr("snn.weight_lsb", b.getF64FloatAttr(smallest));
    int bits =
        largest ? static_cast<int>(std::floor(std::log2(largest))) + 2 : 1;
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "weights of '" << getNodeName(projection) << "' into '" << pop.name
       << "': " << weights.size() << " values as " << format
       << (lsbs.size() > 1 ? ", smallest LSB " : ", LSB ")
       << llvm::format("%.4g", smallest) << "; max abs error "
       << llvm::format("%.3g", maxErr) << " ("
       << llvm::format("%.2f", maxW > 0 ? 100 * maxErr / maxW : 0.0)
       << "% of max |w| " << llvm::format("%.4g", maxW) << "), mean "
       << llvm::format("%.3g", weights.empty() ? 0.0 : sumErr / weights.size())
       << "; saturated " << saturated << "; effective bits " << bits;
    projection->emitRemark(os.str());
  }
  return success();
}

void quant::insertSynapticDelay(StepNeuronOp neuron, int64_t steps) {
  OpBuilder b(neuron);
  auto delay =
      b.create<StepDelayOp>(neuron.getLoc(), neuron.getType(),
                            neuron.getInput(), b.getDenseI64ArrayAttr({steps}));
  delay->setAttr("snn.name",
                 b.getStringAttr(getNodeName(neuron) + ".synaptic_delay"));
  neuron->setOperand(0, delay.getOutput());
}

void quant::replaceNeuron(StepNeuronOp neuron, Operation *replacement) {
  replacement->setDiscardableAttrs(neuron->getDiscardableAttrDictionary());
  neuron->replaceAllUsesWith(replacement);
  neuron->erase();
}
