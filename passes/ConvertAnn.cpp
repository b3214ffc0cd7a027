//===- ConvertAnn.cpp - The --snn-convert-ann pass ------------------------===//
//
// ReLU ANN -> rate-coded IF network by data-based normalisation (see the pass
// description in Passes.td and docs/ann-to-snn.md).
//
// Every value of the network gets a scale lambda (one per element of its
// un-batched shape): the SNN signal for an ANN value a is a / lambda, as a
// current or as a spike rate. The input has lambda 1, an activation the
// calibrated percentile; a weighted op takes the scale of the activation (or
// network output) it feeds, which W' = W lambda_in / lambda_out and
// b' = b / lambda_out achieve; shape ops (flatten, pooling, scale) keep their
// input's scale. Where a value meets a consumer that needs another scale
// (a skip connection into an add, a ReLU on an unweighted path), an
// snn.scale bridges the two.
//
//===----------------------------------------------------------------------===//
#include "dialects/snn/SNNSchedule.h"
#include "passes/AnnCalibration.h"
#include "passes/Passes.h"

#include "llvm/Support/Format.h"

#include <cmath>
#include <optional>

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCONVERTANN
#include "passes/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {
using Scale = std::vector<double>;

std::string displayName(Operation *op) {
  std::string name = getNodeName(op);
  return name.empty() ? op->getName().getStringRef().str() : name;
}

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

bool isUniform(const Scale &s) {
  return llvm::all_of(s, [&](double x) { return x == s.front(); });
}

bool sameScale(const Scale &a, const Scale &b) {
  if (a.size() != b.size())
    return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (std::abs(a[k] - b[k]) > 1e-9 * std::max(std::abs(a[k]), 1.0))
      return false;
  return true;
}

/// `s`, given for a value of shape `from`, as the scale of a value of shape
/// `to` that the first reaches through flatten (same element order) or
/// pooling (same channels, dimension 0).
std::optional<Scale> mapScale(const Scale &s, ArrayRef<int64_t> from,
                              ArrayRef<int64_t> to) {
  int64_t n = ShapedType::getNumElements(to);
  if (isUniform(s))
    return Scale(n, s.front());
  if (static_cast<int64_t>(s.size()) == n)
    return s;
  if (from.size() < 2 || to.size() < 2 || from[0] != to[0])
    return std::nullopt;
  Scale out(n);
  int64_t innerFrom = s.size() / from[0], innerTo = n / to[0];
  for (int64_t c = 0; c < to[0]; ++c)
    std::fill(out.begin() + c * innerTo, out.begin() + (c + 1) * innerTo,
              s[c * innerFrom]);
  return out;
}

/// An elements attribute holding `values` with the type of `like`.
DenseElementsAttr f32Elements(DenseElementsAttr like, ArrayRef<float> values) {
  return DenseElementsAttr::get(cast<ShapedType>(like.getType()), values);
}

struct Converter {
  Converter(NetworkOp network, const AnnScales &scales)
      : network(network), scales(scales) {}

  NetworkOp network;
  const AnnScales &scales;
  llvm::DenseMap<Value, Scale> scaleOf;

  /// A scale imposed on a value, and the activation (or snn.output) that
  /// imposes it.
  struct Target {
    Scale scale;
    Operation *at;
  };

  /// The scale that the activation or network output `v` ends in imposes
  /// on `v`, following flatten/pool/scale/add; nullopt when it only feeds
  /// weighted ops (which absorb any scale). `from` is the op diagnostics
  /// are about.
  FailureOr<std::optional<Target>> targetOf(Operation *from, Value v) {
    std::optional<Target> found;
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      std::optional<Target> t;
      if (isa<ReluOp>(user)) {
        std::optional<Scale> s =
            mapScale(scales.relu.lookup(user).lambda,
                     shapeOf(user->getResult(0)), shapeOf(v));
        if (!s)
          return from->emitError("'")
                 << displayName(from) << "': the per-channel scales of '"
                 << displayName(user)
                 << "' do not follow its channels; use per-channel=false";
        t = Target{*s, user};
      } else if (isa<OutputOp>(user)) {
        t = Target{Scale(ShapedType::getNumElements(shapeOf(v)),
                         scales.outputs[use.getOperandNumber()].lambda.front()),
                   user};
      } else if (isa<FlattenOp, AvgPool2dOp, SumPool2dOp, ScaleOp, AddOp>(
                     user)) {
        FailureOr<std::optional<Target>> next =
            targetOf(from, user->getResult(0));
        if (failed(next))
          return failure();
        if (*next) {
          std::optional<Scale> s =
              mapScale((*next)->scale, shapeOf(user->getResult(0)), shapeOf(v));
          if (!s)
            return from->emitError("'")
                   << displayName(from) << "': per-channel scales cannot "
                   << "pass through '" << displayName(user)
                   << "'; use per-channel=false";
          t = Target{*s, (*next)->at};
        }
      }
      if (!t)
        continue;
      if (!found) {
        found = t;
        continue;
      }
      if (!sameScale(found->scale, t->scale)) {
        // Name the two in block order, whatever the use-list order.
        Operation *first = found->at, *second = t->at;
        if (second->isBeforeInBlock(first))
          std::swap(first, second);
        return from->emitError("'")
               << displayName(from) << "' feeds '" << displayName(first)
               << "' and '" << displayName(second)
               << "', whose calibrated scales differ; --snn-convert-ann "
                  "needs one scale per weighted layer (give each branch its "
                  "own layer)";
      }
    }
    return found;
  }

  /// targetOf's scale alone.
  FailureOr<std::optional<Scale>> targetScale(Operation *from, Value v) {
    FailureOr<std::optional<Target>> t = targetOf(from, v);
    if (failed(t))
      return failure();
    if (!*t)
      return std::optional<Scale>();
    return std::optional<Scale>((*t)->scale);
  }

  /// Makes `operand` of `user` carry scale `want` instead of its value's,
  /// inserting an snn.scale when they differ.
  void rescaleOperand(Operation *user, unsigned operand, const Scale &want) {
    Value v = user->getOperand(operand);
    Scale have = scaleOf[v]; // Copied: inserting below may rehash.
    if (sameScale(have, want) || v.getDefiningOp<ZeroOp>())
      return;
    OpBuilder b(user);
    Attribute factor;
    if (isUniform(have) && isUniform(want)) {
      factor = b.getF32FloatAttr(have.front() / want.front());
    } else {
      SmallVector<float> f(have.size());
      for (size_t k = 0; k < f.size(); ++k)
        f[k] = have[k] / want[k];
      factor = DenseElementsAttr::get(
          RankedTensorType::get(shapeOf(v), b.getF32Type()), ArrayRef(f));
    }
    auto scale = b.create<ScaleOp>(user->getLoc(), v.getType(), v, factor);
    scaleOf[scale.getResult()] = want;
    user->setOperand(operand, scale.getResult());
  }

  /// The input's scale per channel of a convolution (dimension 0).
  Scale perInputChannel(Value input) {
    const Scale &s = scaleOf[input];
    int64_t channels = shapeOf(input)[0];
    int64_t inner = s.size() / channels;
    Scale out(channels);
    for (int64_t c = 0; c < channels; ++c)
      out[c] = s[c * inner];
    return out;
  }

  LogicalResult convertWeighted(Operation *op) {
    Value input = op->getOperand(0), result = op->getResult(0);
    FailureOr<std::optional<Scale>> target = targetScale(op, result);
    if (failed(target))
      return failure();
    Scale out = *target ? **target
                        : Scale(ShapedType::getNumElements(shapeOf(result)), 1);
    Scale in = scaleOf[input];
    if (auto affine = dyn_cast<AffineOp>(op)) {
      affine.setWeightAttr(scaleDense(affine.getWeight(), in, out));
      affine.setBiasAttr(scaleBias(affine.getBias(), out));
    } else if (auto linear = dyn_cast<LinearOp>(op)) {
      linear.setWeightAttr(scaleDense(linear.getWeight(), in, out));
    } else {
      auto convert = [&](auto conv) -> LogicalResult {
        Scale outChannels(shapeOf(result)[0]);
        int64_t inner = out.size() / outChannels.size();
        for (size_t c = 0; c < outChannels.size(); ++c) {
          outChannels[c] = out[c * inner];
          for (int64_t e = 0; e < inner; ++e)
            if (out[c * inner + e] != outChannels[c])
              return op->emitError("'")
                     << displayName(op)
                     << "': its activation's per-channel scales vary within "
                        "an output channel; use per-channel=false";
        }
        conv.setWeightAttr(scaleConv(conv.getWeight(), perInputChannel(input),
                                     outChannels, conv.getGroups()));
        if (conv.getBias())
          conv.setBiasAttr(scaleBias(*conv.getBias(), outChannels));
        return success();
      };
      if (failed(isa<Conv1dOp>(op) ? convert(cast<Conv1dOp>(op))
                                   : convert(cast<Conv2dOp>(op))))
        return failure();
    }
    scaleOf[result] = out;
    return success();
  }

  /// W'[o, i] = W[o, i] in[i] / out[o] for a dense (out, in) matrix.
  DenseElementsAttr scaleDense(DenseElementsAttr w, const Scale &in,
                               const Scale &out) {
    SmallVector<float> v(w.getValues<float>());
    size_t cols = in.size();
    for (size_t k = 0; k < v.size(); ++k)
      v[k] = static_cast<float>(v[k] * in[k % cols] / out[k / cols]);
    return f32Elements(w, v);
  }

  DenseElementsAttr scaleBias(DenseElementsAttr b, const Scale &out) {
    SmallVector<float> v(b.getValues<float>());
    for (size_t k = 0; k < v.size(); ++k)
      v[k] = static_cast<float>(v[k] / out[k]);
    return f32Elements(b, v);
  }

  /// W'[co, k, ...] = W[co, k, ...] in[ci] / out[co] with ci the input
  /// channel that kernel slice k of output channel co reads (groups).
  DenseElementsAttr scaleConv(DenseElementsAttr w, const Scale &in,
                              const Scale &out, int64_t groups) {
    SmallVector<float> v(w.getValues<float>());
    ArrayRef<int64_t> shape = cast<ShapedType>(w.getType()).getShape();
    int64_t cout = shape[0], kin = shape[1];
    int64_t window = v.size() / (cout * kin);
    int64_t outPerGroup = cout / groups;
    for (int64_t co = 0; co < cout; ++co)
      for (int64_t k = 0; k < kin; ++k) {
        int64_t ci = (co / outPerGroup) * kin + k;
        double f = in[ci] / out[co];
        for (int64_t e = 0; e < window; ++e) {
          float &x = v[(co * kin + k) * window + e];
          x = static_cast<float>(x * f);
        }
      }
    return f32Elements(w, v);
  }

  /// An IF population with reset by subtraction and threshold 1 on `input`.
  IFOp createIF(OpBuilder &b, Location loc, Value input) {
    return b.create<IFOp>(
        loc, input.getType(), input, b.getF32FloatAttr(1.0f),
        b.getF32FloatAttr(1.0f), b.getF32FloatAttr(0.0f),
        ResetModeAttr::get(b.getContext(), ResetMode::Subtract), UnitAttr(),
        FloatAttr());
  }

  void remark(Operation *op, const ActivationScale &s, StringRef what) {
    auto [lo, hi] = std::minmax_element(s.lambda.begin(), s.lambda.end());
    std::string range;
    llvm::raw_string_ostream os(range);
    if (*lo == *hi)
      os << llvm::format("%g", *lo);
    else
      os << llvm::format("%g..%g over channels", *lo, *hi);
    InFlightDiagnostic d = op->emitRemark("'");
    d << displayName(op) << "': " << what << ", lambda " << os.str();
    d << " from " << s.positives << " positive activations of "
      << scales.samples << " calibration samples";
  }

  LogicalResult run() {
    StepSchedule schedule = computeSchedule(network);
    for (BlockArgument arg : network.getBody().front().getArguments())
      scaleOf[arg] = Scale(ShapedType::getNumElements(shapeOf(arg)), 1.0);
    for (Operation *op : schedule.order) {
      if (isa<AffineOp, LinearOp, Conv1dOp, Conv2dOp>(op)) {
        if (failed(convertWeighted(op)))
          return failure();
      } else if (isa<FlattenOp, ScaleOp>(op)) {
        Scale same = scaleOf[op->getOperand(0)]; // Copied: [] may rehash.
        scaleOf[op->getResult(0)] = std::move(same);
      } else if (isa<AvgPool2dOp, SumPool2dOp>(op)) {
        // Pooling never mixes channels, and scales are per channel here.
        Scale pooled =
            *mapScale(scaleOf[op->getOperand(0)], shapeOf(op->getOperand(0)),
                      shapeOf(op->getResult(0)));
        scaleOf[op->getResult(0)] = std::move(pooled);
      } else if (isa<ZeroOp>(op)) {
        scaleOf[op->getResult(0)] =
            Scale(ShapedType::getNumElements(shapeOf(op->getResult(0))), 1.0);
      } else if (isa<AddOp>(op)) {
        FailureOr<std::optional<Scale>> target =
            targetScale(op, op->getResult(0));
        if (failed(target))
          return failure();
        Scale want = *target ? **target : scaleOf[op->getOperand(0)];
        for (unsigned k = 0; k < op->getNumOperands(); ++k)
          rescaleOperand(op, k, want);
        scaleOf[op->getResult(0)] = want;
      } else if (isa<ReluOp>(op)) {
        const ActivationScale &s = scales.relu.lookup(op);
        rescaleOperand(op, 0, s.lambda);
        OpBuilder b(op);
        IFOp neuron = createIF(b, op->getLoc(), op->getOperand(0));
        neuron->setDiscardableAttrs(op->getDiscardableAttrDictionary());
        remark(op, s, "IF neurons (threshold 1, reset by subtraction)");
        op->getResult(0).replaceAllUsesWith(neuron.getResult());
        scaleOf[neuron.getResult()] = s.lambda;
        op->erase();
      }
    }
    // Outputs that are not spikes yet get an output IF population: the
    // class is the arg-max of its spike counts.
    OutputOp output = network.getOutputOp();
    for (unsigned k = 0; k < output.getNumOperands(); ++k) {
      Value v = output.getOperand(k);
      if (v.getDefiningOp<IFOp>())
        continue;
      const ActivationScale &s = scales.outputs[k];
      rescaleOperand(output, k, Scale(s.lambda.size(), s.lambda.front()));
      OpBuilder b(output);
      std::string name = network.getOutputName(k).str();
      if (name.empty())
        name = "output" + std::to_string(k);
      name += ".if";
      Location loc = NameLoc::get(b.getStringAttr(name), output.getLoc());
      IFOp neuron = createIF(b, loc, output.getOperand(k));
      neuron->setAttr("snn.name", b.getStringAttr(name));
      remark(neuron, s, "output IF neurons (arg-max of spike counts)");
      output.setOperand(k, neuron.getResult());
    }
    network->removeAttr(kAnnAttrName);
    network.setDtAttr(Builder(network).getF64FloatAttr(1.0));
    return success();
  }
};

/// Ops with a linear or ReLU meaning the conversion maps; MaxPool and
/// anything else is refused up front, naming the node.
LogicalResult checkSupported(NetworkOp network) {
  for (Operation &op : network.getBody().front()) {
    if (isa<AffineOp, LinearOp, Conv1dOp, Conv2dOp, AvgPool2dOp, SumPool2dOp,
            FlattenOp, ScaleOp, AddOp, ZeroOp, ReluOp, OutputOp>(op))
      continue;
    if (isa<MaxPool2dOp>(op))
      return op.emitError("'")
             << displayName(&op)
             << "': MaxPool (snn.max_pool2d) cannot be converted to spikes: "
                "the maximum of spike trains is not the spike train of the "
                "maximum rate; retrain with AveragePool (nn.AvgPool2d)";
    return op.emitError("'")
           << displayName(&op) << "': " << op.getName()
           << " is not supported by --snn-convert-ann (it converts "
              "Conv/Gemm/MatMul, AveragePool, Flatten, Add and Relu)";
  }
  return success();
}

struct ConvertAnnPass
    : public mlir::snn::impl::SNNConvertAnnBase<ConvertAnnPass> {
  using SNNConvertAnnBase::SNNConvertAnnBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (calibration.empty()) {
      module.emitError("--snn-convert-ann needs calibration=X.npy: input "
                       "samples, shape (N, ...input shape), the ANN is run on "
                       "to choose each layer's threshold");
      return signalPassFailure();
    }
    if (!(percentile > 0 && percentile <= 100)) {
      module.emitError("percentile must be in (0, 100], got ") << percentile;
      return signalPassFailure();
    }
    for (NetworkOp network : module.getOps<NetworkOp>()) {
      if (!isAnnNetwork(network)) {
        network.emitError("network '")
            << network.getSymName()
            << "' is not an ANN (no snn.ann marker); --snn-convert-ann "
               "converts networks imported with --import-onnx";
        return signalPassFailure();
      }
      if (failed(checkSupported(network)))
        return signalPassFailure();
      AnnScales scales;
      if (failed(computeAnnScales(module, network, calibration, percentile,
                                  perChannel, scales)))
        return signalPassFailure();
      if (failed(Converter(network, scales).run()))
        return signalPassFailure();
    }
  }
};
} // namespace
