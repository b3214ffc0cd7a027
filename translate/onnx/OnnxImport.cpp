//===- OnnxImport.cpp - ONNX ANN graph to an snn.network ------------------===//
//
// Walks the ONNX nodes in file order (ONNX requires a topological order) and
// keeps, per ONNX value name, either a signal (an SSA value of the network,
// one sample's shape: the batch axis 0 is dropped) or a constant tensor
// (initializers, Constant nodes). Layers read their weights from constants;
// a BatchNormalization or a constant Add that follows a layer whose output
// nobody else reads is folded into that layer's weight and bias.
//
//===----------------------------------------------------------------------===//
#include "translate/onnx/OnnxImport.h"
#include "translate/ShapeText.h"
#include "translate/onnx/OnnxFile.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

#include <cmath>
#include <map>

using namespace mlir;
using namespace mlir::snn;
namespace ox = ::snn::onnx;

namespace {

/// What an ONNX value name stands for.
struct Entry {
  Value signal;                            ///< Per-sample signal, or
  std::shared_ptr<const ox::Tensor> value; ///< a constant.
};

constexpr const char *kSupported =
    "Gemm, MatMul, Add, Conv, Relu, AveragePool, MaxPool, Flatten, Reshape, "
    "BatchNormalization, Dropout, Identity, Constant";

class Importer {
public:
  Importer(const ox::Model &model, StringRef fileName, MLIRContext *ctx)
      : model(model), fileName(fileName.str()), ctx(ctx), builder(ctx) {}
  OwningOpRef<ModuleOp> run();

private:
  const ox::Model &model;
  std::string fileName;
  MLIRContext *ctx;
  OpBuilder builder;
  std::map<std::string, Entry> values;
  /// ONNX consumers of each value name (node inputs and graph outputs).
  std::map<std::string, int> consumers;
  /// The static batch size of the inputs, or -1 when symbolic.
  int64_t batch = -1;
  const ox::Node *node = nullptr;
  std::string nodeName;
  Location loc = UnknownLoc::get(ctx);

  // Diagnostics: "ONNX node 'NAME' (OP): WHAT".
  InFlightDiagnostic fail() {
    return emitError(loc) << "ONNX node '" << nodeName << "' (" << node->opType
                          << "): ";
  }

  LogicalResult importNode(const ox::Node &n, size_t index);
  LogicalResult checkAttributes(ArrayRef<StringRef> known);
  FailureOr<int64_t> intAttr(StringRef name, int64_t fallback);
  FailureOr<double> floatAttr(StringRef name, double fallback);
  FailureOr<std::string> stringAttr(StringRef name, StringRef fallback);
  FailureOr<SmallVector<int64_t>> intsAttr(StringRef name);
  FailureOr<Value> signalInput(size_t i);
  FailureOr<std::shared_ptr<const ox::Tensor>> constInput(size_t i);
  bool hasInput(size_t i) const {
    return i < node->inputs.size() && !node->inputs[i].empty();
  }
  LogicalResult setOutput(Value v);
  LogicalResult checkOutputs(size_t allowed);
  template <typename OpT, typename... Args>
  Value create(Type type, Args &&...args) {
    auto op = builder.create<OpT>(loc, type, std::forward<Args>(args)...);
    op->setAttr("snn.name", builder.getStringAttr(nodeName));
    return op->getResult(0);
  }
  RankedTensorType f32(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getF32Type());
  }
  DenseElementsAttr dense(ArrayRef<int64_t> shape, ArrayRef<float> data) {
    return DenseElementsAttr::get(f32(shape), data);
  }
  /// The layer producing `v` when this node may fold into it: a dense or
  /// conv op whose result no other ONNX node or graph output reads.
  Operation *foldableProducer(Value v);
  /// Scales output unit o's weights by scale[o] and sets the bias to
  /// bias[o] (replacing a linear op by an affine one); updates `values`.
  Value refold(Operation *layer, ArrayRef<double> scale, ArrayRef<double> bias);

  LogicalResult importGemm();
  LogicalResult importMatMul();
  LogicalResult importAdd();
  LogicalResult importConv();
  LogicalResult importBatchNorm();
  LogicalResult importPool(bool max);
  LogicalResult importFlatten();
  LogicalResult importReshape();
  LogicalResult importConstant();
  struct Window {
    SmallVector<int64_t> kernel, stride, padding, dilation, out;
  };
  /// Reads kernel_shape/strides/pads/dilations/auto_pad of a Conv or pool
  /// over the (C, H, W) input `in`; `kernel` is preset for Conv.
  LogicalResult readWindow(ArrayRef<int64_t> in, Window &w, bool pool);
};

LogicalResult Importer::checkAttributes(ArrayRef<StringRef> known) {
  for (const auto &[name, attr] : node->attributes)
    if (!llvm::is_contained(known, StringRef(name)))
      return fail() << "attribute '" << name
                    << "' is not supported (the importer knows "
                    << (known.empty() ? std::string("none")
                                      : llvm::join(known, ", "))
                    << "); re-export the model without it";
  return success();
}

FailureOr<int64_t> Importer::intAttr(StringRef name, int64_t fallback) {
  auto it = node->attributes.find(name.str());
  if (it == node->attributes.end())
    return fallback;
  if (it->second.kind != ox::Attribute::Int)
    return fail() << "attribute '" << name << "' must be an INT, got "
                  << it->second.typeName;
  return it->second.i;
}

FailureOr<double> Importer::floatAttr(StringRef name, double fallback) {
  auto it = node->attributes.find(name.str());
  if (it == node->attributes.end())
    return fallback;
  if (it->second.kind != ox::Attribute::Float)
    return fail() << "attribute '" << name << "' must be a FLOAT, got "
                  << it->second.typeName;
  return it->second.f;
}

FailureOr<std::string> Importer::stringAttr(StringRef name,
                                            StringRef fallback) {
  auto it = node->attributes.find(name.str());
  if (it == node->attributes.end())
    return fallback.str();
  if (it->second.kind != ox::Attribute::String)
    return fail() << "attribute '" << name << "' must be a STRING, got "
                  << it->second.typeName;
  return it->second.s;
}

FailureOr<SmallVector<int64_t>> Importer::intsAttr(StringRef name) {
  auto it = node->attributes.find(name.str());
  if (it == node->attributes.end())
    return SmallVector<int64_t>();
  if (it->second.kind != ox::Attribute::Ints)
    return fail() << "attribute '" << name << "' must be INTS, got "
                  << it->second.typeName;
  return SmallVector<int64_t>(it->second.ints.begin(), it->second.ints.end());
}

FailureOr<Value> Importer::signalInput(size_t i) {
  if (!hasInput(i))
    return fail() << "input " << i << " is missing";
  auto it = values.find(node->inputs[i]);
  if (it == values.end())
    return fail() << "input '" << node->inputs[i]
                  << "' is not produced by an earlier node, an initializer "
                     "or a graph input (nodes must be in topological order)";
  if (!it->second.signal)
    return fail() << "input " << i << " ('" << node->inputs[i]
                  << "') is a constant; the importer expects the data "
                     "signal there (constant folding is not supported; "
                     "simplify the model, e.g. with onnx-simplifier)";
  return it->second.signal;
}

FailureOr<std::shared_ptr<const ox::Tensor>> Importer::constInput(size_t i) {
  if (!hasInput(i))
    return fail() << "input " << i << " is missing";
  auto it = values.find(node->inputs[i]);
  if (it == values.end())
    return fail() << "input '" << node->inputs[i]
                  << "' is not produced by an earlier node, an initializer "
                     "or a graph input";
  if (!it->second.value)
    return fail() << "input " << i << " ('" << node->inputs[i]
                  << "') must be a constant (an initializer or a Constant "
                     "node): a layer's weights cannot depend on the data";
  const ox::Tensor &t = *it->second.value;
  if (!t.decoded)
    return fail() << "constant '" << node->inputs[i] << "' has element type "
                  << ox::dataTypeName(t.dataType)
                  << ", which the importer does not read (use FLOAT)";
  return it->second.value;
}

LogicalResult Importer::checkOutputs(size_t allowed) {
  for (size_t k = allowed; k < node->outputs.size(); ++k)
    if (!node->outputs[k].empty())
      return fail() << "output " << k << " ('" << node->outputs[k]
                    << "') is not supported (training or index outputs); "
                       "export the model for inference";
  if (node->outputs.empty() || node->outputs[0].empty())
    return fail() << "has no output";
  return success();
}

LogicalResult Importer::setOutput(Value v) {
  values[node->outputs[0]] = Entry{v, nullptr};
  return success();
}

Operation *Importer::foldableProducer(Value v) {
  Operation *op = v.getDefiningOp();
  if (!op || !isa<AffineOp, LinearOp, Conv2dOp>(op))
    return nullptr;
  int readers = 0;
  for (const auto &[name, entry] : values)
    if (entry.signal == v)
      readers += consumers[name];
  return readers == 1 ? op : nullptr;
}

Value Importer::refold(Operation *layer, ArrayRef<double> scale,
                       ArrayRef<double> bias) {
  auto weightAttr = layer->getAttrOfType<DenseElementsAttr>("weight");
  auto biasAttr = layer->getAttrOfType<DenseElementsAttr>("bias");
  ArrayRef<int64_t> wShape = weightAttr.getType().getShape();
  int64_t units = wShape[0], per = ShapedType::getNumElements(wShape) / units;
  SmallVector<float> w(weightAttr.getValues<float>());
  SmallVector<float> b(units, 0.0f);
  for (int64_t o = 0; o < units; ++o) {
    double old = biasAttr ? biasAttr.getValues<float>()[o] : 0.0;
    // Computed in double, rounded once: y = s (W x + b_old) + bias_term.
    b[o] = static_cast<float>(scale[o] * old + bias[o]);
    for (int64_t k = 0; k < per; ++k)
      w[o * per + k] = static_cast<float>(scale[o] * w[o * per + k]);
  }
  Value old = layer->getResult(0), replacement = old;
  if (auto conv = dyn_cast<Conv2dOp>(layer)) {
    conv.setWeightAttr(dense(wShape, w));
    conv.setBiasAttr(dense({units}, b));
  } else if (auto affine = dyn_cast<AffineOp>(layer)) {
    affine.setWeightAttr(dense(wShape, w));
    affine.setBiasAttr(dense({units}, b));
  } else {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(layer);
    auto created = builder.create<AffineOp>(
        layer->getLoc(), old.getType(), layer->getOperand(0), dense(wShape, w),
        dense({units}, b));
    created->setAttr("snn.name", layer->getAttr("snn.name"));
    replacement = created.getResult();
    old.replaceAllUsesWith(replacement);
    layer->erase();
    for (auto &[name, entry] : values)
      if (entry.signal == old)
        entry.signal = replacement;
  }
  return replacement;
}

LogicalResult Importer::importGemm() {
  if (failed(checkAttributes({"alpha", "beta", "transA", "transB"})) ||
      failed(checkOutputs(1)))
    return failure();
  FailureOr<double> alpha = floatAttr("alpha", 1.0),
                    beta = floatAttr("beta", 1.0);
  FailureOr<int64_t> transA = intAttr("transA", 0),
                     transB = intAttr("transB", 0);
  if (failed(alpha) || failed(beta) || failed(transA) || failed(transB))
    return failure();
  if (*transA)
    return fail() << "transA=1 would put the batch axis of A last; only "
                     "transA=0 (A is (batch, K)) is supported";
  FailureOr<Value> a = signalInput(0);
  if (failed(a))
    return failure();
  auto aType = cast<RankedTensorType>(a->getType());
  if (aType.getRank() != 1)
    return fail() << "A has per-sample shape " << shapeText(aType.getShape())
                  << "; Gemm needs (batch, K): insert a Flatten";
  FailureOr<std::shared_ptr<const ox::Tensor>> b = constInput(1);
  if (failed(b))
    return failure();
  const ox::Tensor &bt = **b;
  if (bt.shape.size() != 2)
    return fail() << "B must be 2-d, got shape " << shapeText(bt.shape);
  int64_t k = aType.getDimSize(0);
  int64_t n = *transB ? bt.shape[0] : bt.shape[1];
  int64_t bk = *transB ? bt.shape[1] : bt.shape[0];
  if (bk != k)
    return fail() << "B of shape " << shapeText(bt.shape)
                  << (*transB ? " (transB=1)" : "") << " does not take A's "
                  << k << " features";
  SmallVector<float> w(n * k);
  for (int64_t o = 0; o < n; ++o)
    for (int64_t i = 0; i < k; ++i)
      w[o * k + i] = static_cast<float>(
          *alpha * (*transB ? bt.values[o * k + i] : bt.values[i * n + o]));
  if (!hasInput(2))
    return setOutput(create<LinearOp>(f32({n}), *a, dense({n, k}, w)));
  FailureOr<std::shared_ptr<const ox::Tensor>> c = constInput(2);
  if (failed(c))
    return failure();
  const ox::Tensor &ct = **c;
  bool perUnit = ct.numel() == n && (ct.shape == std::vector<int64_t>{n} ||
                                     ct.shape == std::vector<int64_t>{1, n});
  if (ct.numel() != 1 && !perUnit)
    return fail() << "C of shape " << shapeText(ct.shape)
                  << " is not supported: the bias must be one value or one "
                     "per output, ("
                  << n << ",) or (1, " << n
                  << "), since a row-dependent bias depends on the batch";
  SmallVector<float> bias(n);
  for (int64_t o = 0; o < n; ++o)
    bias[o] = static_cast<float>(*beta * ct.values[perUnit ? o : 0]);
  return setOutput(
      create<AffineOp>(f32({n}), *a, dense({n, k}, w), dense({n}, bias)));
}

LogicalResult Importer::importMatMul() {
  if (failed(checkAttributes({})) || failed(checkOutputs(1)))
    return failure();
  FailureOr<Value> a = signalInput(0);
  if (failed(a))
    return failure();
  auto aType = cast<RankedTensorType>(a->getType());
  if (aType.getRank() != 1)
    return fail() << "A has per-sample shape " << shapeText(aType.getShape())
                  << "; only (batch, K) x (K, N) is supported: insert a "
                     "Flatten or use Gemm";
  FailureOr<std::shared_ptr<const ox::Tensor>> b = constInput(1);
  if (failed(b))
    return failure();
  const ox::Tensor &bt = **b;
  int64_t k = aType.getDimSize(0);
  if (bt.shape.size() != 2 || bt.shape[0] != k)
    return fail() << "B must be (" << k << ", N) to multiply A's " << k
                  << " features, got shape " << shapeText(bt.shape);
  int64_t n = bt.shape[1];
  SmallVector<float> w(n * k);
  for (int64_t o = 0; o < n; ++o)
    for (int64_t i = 0; i < k; ++i)
      w[o * k + i] = static_cast<float>(bt.values[i * n + o]);
  return setOutput(create<LinearOp>(f32({n}), *a, dense({n, k}, w)));
}

LogicalResult Importer::importAdd() {
  if (failed(checkAttributes({})) || failed(checkOutputs(1)))
    return failure();
  for (size_t i = 0; i < 2; ++i)
    if (!hasInput(i) || !values.count(node->inputs[i]))
      return fail() << "input " << i << " is missing or not produced earlier";
  const Entry &x = values[node->inputs[0]], &y = values[node->inputs[1]];
  if (x.signal && y.signal) {
    if (x.signal.getType() != y.signal.getType())
      return fail()
             << "adds signals of per-sample shapes "
             << shapeText(cast<ShapedType>(x.signal.getType()).getShape())
             << " and "
             << shapeText(cast<ShapedType>(y.signal.getType()).getShape())
             << "; broadcasting between signals is not supported";
    return setOutput(
        create<AddOp>(x.signal.getType(), ValueRange{x.signal, y.signal}));
  }
  if (!x.signal && !y.signal)
    return fail() << "adds two constants; fold them before export (e.g. "
                     "onnx-simplifier)";
  Value signal = x.signal ? x.signal : y.signal;
  FailureOr<std::shared_ptr<const ox::Tensor>> c = constInput(x.signal ? 1 : 0);
  if (failed(c))
    return failure();
  const ox::Tensor &ct = **c;
  Operation *layer = foldableProducer(signal);
  if (!layer)
    return fail() << "adds a constant to a signal that is not the output "
                     "of a Gemm, MatMul or Conv read only by this Add; "
                     "only such a bias is supported (it is folded into the "
                     "layer)";
  auto type = cast<ShapedType>(signal.getType());
  int64_t units = type.getDimSize(0);
  // The constant must broadcast one value per output unit (per channel for
  // a conv): all its non-unit axes must be the unit axis.
  bool perUnit = false;
  if (isa<Conv2dOp>(layer)) {
    // (C, 1, 1) or (1, C, 1, 1) against (batch, C, H, W).
    SmallVector<int64_t> shape(ct.shape.begin(), ct.shape.end());
    while (shape.size() > 3 && shape.front() == 1)
      shape.erase(shape.begin());
    perUnit = shape == SmallVector<int64_t>{units, 1, 1};
  } else {
    perUnit = ct.shape == std::vector<int64_t>{units} ||
              ct.shape == std::vector<int64_t>{1, units};
  }
  if (ct.numel() != 1 && !perUnit)
    return fail() << "the constant of shape " << shapeText(ct.shape)
                  << " is not one value per output"
                  << (isa<Conv2dOp>(layer) ? " channel, (C, 1, 1)," : ",")
                  << " so it cannot be folded into the layer's bias";
  SmallVector<double> scale(units, 1.0), bias(units);
  for (int64_t o = 0; o < units; ++o)
    bias[o] = ct.values[perUnit ? o : 0];
  return setOutput(refold(layer, scale, bias));
}

LogicalResult Importer::readWindow(ArrayRef<int64_t> in, Window &w, bool pool) {
  FailureOr<std::string> autoPad = stringAttr("auto_pad", "NOTSET");
  FailureOr<SmallVector<int64_t>> kernel = intsAttr("kernel_shape"),
                                  strides = intsAttr("strides"),
                                  pads = intsAttr("pads"),
                                  dilations = intsAttr("dilations");
  if (failed(autoPad) || failed(kernel) || failed(strides) || failed(pads) ||
      failed(dilations))
    return failure();
  if (*autoPad != "NOTSET" && *autoPad != "VALID")
    return fail() << "auto_pad=" << *autoPad
                  << " is not supported; export with explicit pads "
                     "(auto_pad=NOTSET)";
  if (pool && kernel->empty())
    return fail() << "kernel_shape is required";
  if (!kernel->empty()) {
    if (!pool && *kernel != w.kernel)
      return fail() << "kernel_shape " << shapeText(*kernel)
                    << " does not match the weight's " << shapeText(w.kernel);
    w.kernel = *kernel;
  }
  auto sized = [&](StringRef name, SmallVector<int64_t> &v, size_t n,
                   int64_t fallback) -> LogicalResult {
    if (v.empty())
      v.assign(n, fallback);
    if (v.size() != n)
      return fail() << name << " has " << v.size() << " entries, expected " << n
                    << " for a 2-d window";
    return success();
  };
  if (w.kernel.size() != 2)
    return fail() << "kernel_shape has " << w.kernel.size()
                  << " entries; only 2-d windows are supported";
  if (failed(sized("strides", *strides, 2, 1)) ||
      failed(sized("pads", *pads, 4, 0)) ||
      failed(sized("dilations", *dilations, 2, 1)))
    return failure();
  if (*autoPad == "VALID" && llvm::any_of(*pads, [](int64_t p) { return p; }))
    return fail() << "auto_pad=VALID with non-zero pads is contradictory";
  if ((*pads)[0] != (*pads)[2] || (*pads)[1] != (*pads)[3])
    return fail() << "asymmetric pads " << shapeText(*pads)
                  << " (begin H, W, end H, W) are not supported; pad "
                     "symmetrically";
  for (int a = 0; a < 2; ++a) {
    if (w.kernel[a] < 1 || (*strides)[a] < 1 || (*pads)[a] < 0 ||
        (*dilations)[a] < 1)
      return fail() << "kernel, strides and dilations must be >= 1 and "
                       "pads >= 0";
    int64_t span = (*dilations)[a] * (w.kernel[a] - 1) + 1;
    int64_t padded = in[a + 1] + 2 * (*pads)[a];
    if (padded < span)
      return fail() << "the window of " << span
                    << " does not fit the padded input size " << padded;
    w.out.push_back((padded - span) / (*strides)[a] + 1);
  }
  w.stride = *strides;
  w.padding = {(*pads)[0], (*pads)[1]};
  w.dilation = *dilations;
  return success();
}

LogicalResult Importer::importConv() {
  if (failed(checkAttributes({"auto_pad", "dilations", "group", "kernel_shape",
                              "pads", "strides"})) ||
      failed(checkOutputs(1)))
    return failure();
  FailureOr<Value> x = signalInput(0);
  FailureOr<std::shared_ptr<const ox::Tensor>> weight = constInput(1);
  FailureOr<int64_t> group = intAttr("group", 1);
  if (failed(x) || failed(weight) || failed(group))
    return failure();
  auto xType = cast<RankedTensorType>(x->getType());
  const ox::Tensor &wt = **weight;
  if (xType.getRank() != 3 || wt.shape.size() != 4)
    return fail() << "only 2-d convolution is supported: input (batch, C, "
                     "H, W) and weight (M, C/group, kH, kW), got per-sample "
                  << shapeText(xType.getShape()) << " and weight "
                  << shapeText(wt.shape);
  int64_t cin = xType.getDimSize(0), cout = wt.shape[0];
  if (*group < 1 || cin % *group || cout % *group ||
      wt.shape[1] * *group != cin)
    return fail() << "group=" << *group << " with " << cin
                  << " input channels and weight " << shapeText(wt.shape)
                  << " is inconsistent";
  Window w;
  w.kernel = {wt.shape[2], wt.shape[3]};
  if (failed(readWindow(xType.getShape(), w, /*pool=*/false)))
    return failure();
  SmallVector<float> wv(wt.values.begin(), wt.values.end());
  DenseElementsAttr bias;
  if (hasInput(2)) {
    FailureOr<std::shared_ptr<const ox::Tensor>> b = constInput(2);
    if (failed(b))
      return failure();
    if ((*b)->numel() != cout)
      return fail() << "bias has shape " << shapeText((*b)->shape)
                    << ", expected (" << cout << ",)";
    SmallVector<float> bv((*b)->values.begin(), (*b)->values.end());
    bias = dense({cout}, bv);
  }
  Type type = f32({cout, w.out[0], w.out[1]});
  return setOutput(create<Conv2dOp>(type, *x, dense(wt.shape, wv), bias,
                                    builder.getDenseI64ArrayAttr(w.stride),
                                    builder.getDenseI64ArrayAttr(w.padding),
                                    builder.getDenseI64ArrayAttr(w.dilation),
                                    builder.getI64IntegerAttr(*group)));
}

LogicalResult Importer::importBatchNorm() {
  if (failed(checkAttributes(
          {"epsilon", "momentum", "training_mode", "spatial"})) ||
      failed(checkOutputs(1)))
    return failure();
  FailureOr<double> eps = floatAttr("epsilon", 1e-5);
  FailureOr<int64_t> training = intAttr("training_mode", 0),
                     spatial = intAttr("spatial", 1);
  if (failed(eps) || failed(training) || failed(spatial))
    return failure();
  if (*training)
    return fail() << "training_mode=1 normalises with batch statistics; "
                     "export the model in eval mode";
  if (!*spatial)
    return fail() << "spatial=0 (per-element statistics) is not supported";
  FailureOr<Value> x = signalInput(0);
  if (failed(x))
    return failure();
  Operation *layer = foldableProducer(*x);
  if (!layer) {
    Operation *producer = x->getDefiningOp();
    return fail() << "follows "
                  << (producer
                          ? "'" + getNodeName(producer) + "' (" +
                                producer->getName().getStringRef().str() + ")"
                          : std::string("a graph input"))
                  << ", not a Conv, Gemm or MatMul read only by it; "
                     "BatchNormalization is folded into the preceding "
                     "layer, so fold or remove it before export";
  }
  int64_t units = cast<ShapedType>(x->getType()).getDimSize(0);
  std::shared_ptr<const ox::Tensor> p[4];
  for (size_t i = 0; i < 4; ++i) {
    FailureOr<std::shared_ptr<const ox::Tensor>> t = constInput(i + 1);
    if (failed(t))
      return failure();
    if ((*t)->numel() != units)
      return fail() << "parameter " << i + 1 << " ('" << node->inputs[i + 1]
                    << "') has shape " << shapeText((*t)->shape)
                    << ", expected (" << units << ",)";
    p[i] = *t;
  }
  // y = gamma (x - mean) / sqrt(var + eps) + beta
  //   = s x + (beta - s mean)  with  s = gamma / sqrt(var + eps).
  SmallVector<double> scale(units), bias(units);
  for (int64_t o = 0; o < units; ++o) {
    double var = p[3]->values[o] + *eps;
    if (!(var > 0.0))
      return fail() << "variance + epsilon is " << var << " for channel " << o
                    << "; it must be > 0";
    scale[o] = p[0]->values[o] / std::sqrt(var);
    bias[o] = p[1]->values[o] - scale[o] * p[2]->values[o];
  }
  return setOutput(refold(layer, scale, bias));
}

LogicalResult Importer::importPool(bool max) {
  SmallVector<StringRef> known = {"auto_pad", "ceil_mode", "kernel_shape",
                                  "pads", "strides"};
  known.push_back(max ? "dilations" : "count_include_pad");
  if (max)
    known.push_back("storage_order");
  if (failed(checkAttributes(known)) || failed(checkOutputs(1)))
    return failure();
  FailureOr<Value> x = signalInput(0);
  FailureOr<int64_t> ceil = intAttr("ceil_mode", 0),
                     countPad = intAttr("count_include_pad", 0);
  if (failed(x) || failed(ceil) || failed(countPad))
    return failure();
  auto xType = cast<RankedTensorType>(x->getType());
  if (xType.getRank() != 3)
    return fail() << "only 2-d pooling of (batch, C, H, W) is supported, got "
                     "per-sample shape "
                  << shapeText(xType.getShape());
  Window w;
  if (failed(readWindow(xType.getShape(), w, /*pool=*/true)))
    return failure();
  if (llvm::any_of(w.dilation, [](int64_t d) { return d != 1; }))
    return fail() << "dilations " << shapeText(w.dilation)
                  << " are not supported; only 1";
  if (*ceil) {
    // Ceil mode only differs when a window would start past the floor
    // output: refuse exactly then.
    for (int a = 0; a < 2; ++a) {
      int64_t padded = xType.getDimSize(a + 1) + 2 * w.padding[a];
      if ((padded - w.kernel[a]) % w.stride[a])
        return fail() << "ceil_mode=1 adds a partial window here; only "
                         "floor output sizes are supported (ceil_mode=0)";
    }
  }
  bool padded = w.padding[0] || w.padding[1];
  if (max && (w.padding[0] >= w.kernel[0] || w.padding[1] >= w.kernel[1]))
    return fail() << "pads must be smaller than the kernel";
  if (!max && padded && !*countPad)
    return fail() << "count_include_pad=0 with pads divides border windows "
                     "by their in-image size; snn.avg_pool2d counts the "
                     "padding (count_include_pad=1), so export with that or "
                     "without pads";
  Type type = f32({xType.getDimSize(0), w.out[0], w.out[1]});
  auto kernel = builder.getDenseI64ArrayAttr(w.kernel);
  auto stride = builder.getDenseI64ArrayAttr(w.stride);
  auto padding = builder.getDenseI64ArrayAttr(w.padding);
  if (max)
    return setOutput(create<MaxPool2dOp>(type, *x, kernel, stride, padding));
  return setOutput(create<AvgPool2dOp>(type, *x, kernel, stride, padding));
}

LogicalResult Importer::importFlatten() {
  if (failed(checkAttributes({"axis"})) || failed(checkOutputs(1)))
    return failure();
  FailureOr<Value> x = signalInput(0);
  FailureOr<int64_t> axis = intAttr("axis", 1);
  if (failed(x) || failed(axis))
    return failure();
  auto xType = cast<RankedTensorType>(x->getType());
  int64_t rank = xType.getRank() + 1; // With the batch axis.
  int64_t a = *axis < 0 ? *axis + rank : *axis;
  if (a != 1)
    return fail() << "axis=" << *axis << " of a " << rank
                  << "-d input merges the batch axis with others; only "
                     "axis=1 (keep the batch, flatten the rest) is supported";
  if (xType.getRank() == 1)
    return setOutput(*x);
  return setOutput(create<FlattenOp>(f32({xType.getNumElements()}), *x,
                                     builder.getI64IntegerAttr(0),
                                     builder.getI64IntegerAttr(-1)));
}

LogicalResult Importer::importReshape() {
  if (failed(checkAttributes({"allowzero"})) || failed(checkOutputs(1)))
    return failure();
  FailureOr<Value> x = signalInput(0);
  FailureOr<std::shared_ptr<const ox::Tensor>> shapeT = constInput(1);
  FailureOr<int64_t> allowZero = intAttr("allowzero", 0);
  if (failed(x) || failed(shapeT) || failed(allowZero))
    return failure();
  auto xType = cast<RankedTensorType>(x->getType());
  int64_t per = xType.getNumElements();
  std::vector<int64_t> target;
  for (double v : (*shapeT)->values)
    target.push_back(static_cast<int64_t>(v));
  // Accepted: (B, ...) -> (B, per), spelled with 0 (copy), -1 (infer) or
  // the numbers themselves. Everything else moves elements across samples
  // or changes the per-sample layout the following ops expect.
  bool keepsBatch = false;
  if (target.size() == 2) {
    int64_t t0 = target[0], t1 = target[1];
    bool firstIsBatch = (t0 == 0 && !*allowZero) || (t0 == -1 && t1 == per) ||
                        (batch > 0 && t0 == batch);
    bool secondIsRest = t1 == per || (t1 == -1 && t0 != -1) ||
                        (t1 == 0 && !*allowZero && xType.getRank() == 1);
    keepsBatch = firstIsBatch && secondIsRest;
  }
  if (!keepsBatch)
    return fail() << "reshapes (batch, ...) of per-sample shape "
                  << shapeText(xType.getShape()) << " to " << shapeText(target)
                  << "; only flattening to (batch, " << per
                  << ") is supported (e.g. shape [0, -1] or [-1, " << per
                  << "])";
  if (xType.getRank() == 1)
    return setOutput(*x);
  return setOutput(create<FlattenOp>(f32({per}), *x,
                                     builder.getI64IntegerAttr(0),
                                     builder.getI64IntegerAttr(-1)));
}

LogicalResult Importer::importConstant() {
  if (failed(checkOutputs(1)))
    return failure();
  if (node->attributes.size() != 1)
    return fail() << "needs exactly one value attribute, got "
                  << node->attributes.size();
  const auto &[name, attr] = *node->attributes.begin();
  auto t = std::make_shared<ox::Tensor>();
  t->name = node->outputs[0];
  if (name == "value" && attr.kind == ox::Attribute::TensorValue) {
    *t = *attr.tensor;
  } else if (name == "value_float" && attr.kind == ox::Attribute::Float) {
    t->dataType = ox::kFloat;
    t->values = {attr.f};
  } else if (name == "value_floats" && attr.kind == ox::Attribute::Floats) {
    t->dataType = ox::kFloat;
    t->shape = {static_cast<int64_t>(attr.floats.size())};
    t->values = attr.floats;
  } else if (name == "value_int" && attr.kind == ox::Attribute::Int) {
    t->dataType = ox::kInt64;
    t->values = {static_cast<double>(attr.i)};
  } else if (name == "value_ints" && attr.kind == ox::Attribute::Ints) {
    t->dataType = ox::kInt64;
    t->shape = {static_cast<int64_t>(attr.ints.size())};
    t->values.assign(attr.ints.begin(), attr.ints.end());
  } else {
    return fail() << "attribute '" << name << "' (" << attr.typeName
                  << ") is not supported; use value, value_float(s) or "
                     "value_int(s)";
  }
  values[node->outputs[0]] = Entry{nullptr, t};
  return success();
}

LogicalResult Importer::importNode(const ox::Node &n, size_t index) {
  node = &n;
  nodeName = !n.name.empty() ? n.name
             : !n.outputs.empty() && !n.outputs[0].empty()
                 ? n.outputs[0]
                 : n.opType + "_" + std::to_string(index);
  loc = NameLoc::get(StringAttr::get(ctx, nodeName),
                     FileLineColLoc::get(ctx, fileName, 0, 0));
  if (!n.domain.empty() && n.domain != "ai.onnx")
    return fail() << "operator of domain '" << n.domain
                  << "' is not supported (only the default ONNX domain)";
  const std::string &op = n.opType;
  if (op == "Gemm")
    return importGemm();
  if (op == "MatMul")
    return importMatMul();
  if (op == "Add")
    return importAdd();
  if (op == "Conv")
    return importConv();
  if (op == "BatchNormalization")
    return importBatchNorm();
  if (op == "AveragePool")
    return importPool(false);
  if (op == "MaxPool")
    return importPool(true);
  if (op == "Flatten")
    return importFlatten();
  if (op == "Reshape")
    return importReshape();
  if (op == "Constant")
    return importConstant();
  if (op == "Relu") {
    if (failed(checkAttributes({})) || failed(checkOutputs(1)))
      return failure();
    FailureOr<Value> x = signalInput(0);
    if (failed(x))
      return failure();
    return setOutput(create<ReluOp>(x->getType(), *x));
  }
  if (op == "Identity" || op == "Dropout") {
    // Inference: Dropout is the identity (its ratio only acts in training).
    if (failed(checkAttributes(
            op == "Dropout" ? ArrayRef<StringRef>{"seed", "ratio", "is_test"}
                            : ArrayRef<StringRef>{})) ||
        failed(checkOutputs(1)))
      return failure();
    if (op == "Dropout" && hasInput(2)) {
      FailureOr<std::shared_ptr<const ox::Tensor>> mode = constInput(2);
      if (failed(mode))
        return failure();
      if (!(*mode)->values.empty() && (*mode)->values[0] != 0.0)
        return fail() << "training_mode is true; export for inference";
    }
    if (!hasInput(0) || !values.count(n.inputs[0]))
      return fail() << "input 0 is missing or not produced earlier";
    values[n.outputs[0]] = values[n.inputs[0]];
    return success();
  }
  return fail() << "operator '" << op
                << "' is not supported (supported: " << kSupported
                << "); replace it in the model or export the "
                   "network without it";
}

OwningOpRef<ModuleOp> Importer::run() {
  Location fileLoc = FileLineColLoc::get(ctx, fileName, 0, 0);
  for (const ox::Node &n : model.nodes)
    for (const std::string &in : n.inputs)
      if (!in.empty())
        ++consumers[in];
  for (const ox::ValueInfo &out : model.outputs)
    ++consumers[out.name];

  // Data inputs: graph inputs that no initializer provides.
  SmallVector<Type> inTypes;
  SmallVector<std::string> inNames;
  for (const ox::ValueInfo &in : model.inputs) {
    if (model.initializers.count(in.name))
      continue;
    auto err = [&]() {
      return emitError(fileLoc) << "ONNX input '" << in.name << "': ";
    };
    if (!in.isTensor || !in.hasShape)
      return err() << "has no tensor shape; export with a fixed input shape",
             nullptr;
    if (in.elemType != ox::kFloat)
      return err() << "has element type " << ox::dataTypeName(in.elemType)
                   << "; the network computes in float32, export a FLOAT "
                      "input",
             nullptr;
    if (in.shape.size() < 2)
      return err() << "has shape " << shapeText(in.shape)
                   << "; expected (batch, features...) with the batch first",
             nullptr;
    ArrayRef<int64_t> per = ArrayRef<int64_t>(in.shape).drop_front();
    if (llvm::any_of(per, [](int64_t d) { return d < 1; }))
      return err() << "has shape " << shapeText(in.shape)
                   << "; only the batch axis (axis 0) may be symbolic",
             nullptr;
    if (inTypes.empty())
      batch = in.shape[0];
    inTypes.push_back(f32(per));
    inNames.push_back(in.name);
  }
  if (inTypes.empty())
    return emitError(fileLoc) << "the ONNX graph has no data input (every "
                                 "input is an initializer)",
           nullptr;

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  std::string symbol = llvm::sys::path::stem(fileName).str();
  for (char &c : symbol)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_')
      c = '_';
  // dt = 1.0: one evaluation is one step (see the dialect's ANN notes).
  auto network =
      builder.create<NetworkOp>(fileLoc, symbol.empty() ? "onnx" : symbol,
                                builder.getFunctionType(inTypes, {}), 1.0);
  network->setAttr(kAnnAttrName, builder.getUnitAttr());
  if (!model.producer.empty())
    network->setAttr("snn.onnx_producer",
                     builder.getStringAttr(model.producer));
  network->setAttr("snn.onnx_opset", builder.getI64IntegerAttr(model.opset));
  Block &body = network.getBody().front();
  for (auto [i, name] : llvm::enumerate(inNames)) {
    network.setArgAttr(i, "snn.name", builder.getStringAttr(name));
    values[name] = Entry{body.getArgument(i), nullptr};
  }
  for (const auto &[name, tensor] : model.initializers)
    if (!values.count(name))
      values[name] = Entry{nullptr, std::make_shared<ox::Tensor>(tensor)};

  builder.setInsertionPointToStart(&body);
  for (auto [i, n] : llvm::enumerate(model.nodes))
    if (failed(importNode(n, i)))
      return nullptr;

  SmallVector<Value> results;
  SmallVector<Type> outTypes;
  for (const ox::ValueInfo &out : model.outputs) {
    auto it = values.find(out.name);
    if (it == values.end() || !it->second.signal)
      return emitError(fileLoc)
                 << "ONNX output '" << out.name << "' is "
                 << (it == values.end() ? "produced by no node"
                                        : "a constant, not computed from "
                                          "the input"),
             nullptr;
    results.push_back(it->second.signal);
    outTypes.push_back(it->second.signal.getType());
  }
  if (results.empty())
    return emitError(fileLoc) << "the ONNX graph has no output", nullptr;
  builder.create<OutputOp>(fileLoc, results);
  network.setFunctionTypeAttr(
      TypeAttr::get(builder.getFunctionType(inTypes, outTypes)));
  for (auto [i, out] : llvm::enumerate(model.outputs))
    network.setResultAttr(i, "snn.name", builder.getStringAttr(out.name));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

} // namespace

OwningOpRef<ModuleOp> mlir::snn::importOnnxModel(const ox::Model &model,
                                                 StringRef fileName,
                                                 MLIRContext *context) {
  context->loadDialect<SNNDialect>();
  return Importer(model, fileName, context).run();
}

OwningOpRef<ModuleOp> mlir::snn::importOnnxBytes(const std::string &bytes,
                                                 StringRef fileName,
                                                 MLIRContext *context) {
  ox::Model model;
  std::string message;
  if (!ox::parseModel(bytes, model, message)) {
    emitError(FileLineColLoc::get(context, fileName, 0, 0)) << message;
    return nullptr;
  }
  return importOnnxModel(model, fileName, context);
}

OwningOpRef<ModuleOp> mlir::snn::importOnnxFile(StringRef path,
                                                MLIRContext *context) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot open the ONNX file: " << buffer.getError().message();
    return nullptr;
  }
  return importOnnxBytes((*buffer)->getBuffer().str(), path, context);
}

void mlir::snn::registerOnnxImportTranslation() {
  TranslateToMLIRRegistration importOnnx(
      "import-onnx",
      "Import a trained ANN from ONNX as an snn.network marked snn.ann",
      [](llvm::SourceMgr &sources,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sources.getMemoryBuffer(sources.getMainFileID());
        return importOnnxBytes(buffer->getBuffer().str(),
                               buffer->getBufferIdentifier(), context);
      },
      [](DialectRegistry &registry) { registry.insert<SNNDialect>(); });
}
