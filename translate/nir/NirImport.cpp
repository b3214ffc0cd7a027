//===- NirImport.cpp - NIR graph to snn dialect
//----------------------------===//
//
// Turns the reader's flat graph into one snn.network:
//  1. infer every node's input and output shape (fields first, then edges,
//     to a fixed point: pooling nodes carry no shape of their own);
//  2. give every op-producing node a placeholder value, so edges may point
//     forwards or around cycles;
//  3. create the ops, summing several incoming edges with snn.add;
//  4. replace the placeholders with the real results.
//
//===----------------------------------------------------------------------===//
#include "translate/nir/NirImport.h"
#include "translate/ShapeText.h"
#include "translate/nir/NirFile.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"

#include <map>
#include <set>

using namespace mlir;
using namespace mlir::snn;
namespace nir = ::snn::nir;

using Shape = SmallVector<int64_t>;

std::optional<ResetMode> mlir::snn::parseNirReset(StringRef text) {
  return llvm::StringSwitch<std::optional<ResetMode>>(text)
      .Case("zero", ResetMode::ToReset)
      .Case("subtract", ResetMode::Subtract)
      .Case("none", ResetMode::None)
      .Default(std::nullopt);
}

namespace {
bool isNeuron(StringRef type) {
  return llvm::is_contained({"I", "IF", "LI", "LIF", "CubaLI", "CubaLIF"},
                            type);
}

/// The field that fixes a neuron-like node's population shape.
StringRef populationField(StringRef type) {
  return llvm::StringSwitch<StringRef>(type)
      .Cases("I", "IF", "LI", "LIF", "CubaLI", "CubaLIF", "r")
      .Case("Scale", "scale")
      .Case("Threshold", "threshold")
      .Case("Delay", "delay")
      .Default("");
}

struct NodeInfo {
  const nir::Node *node = nullptr;
  std::optional<Shape> input, output;
  SmallVector<std::string> sources; // Edge sources, in file order.
};

class Importer {
public:
  Importer(const nir::Graph &graph, MLIRContext *context,
           const NirImportOptions &options)
      : graph(graph), ctx(context), options(options), builder(context) {}

  OwningOpRef<ModuleOp> run();

private:
  const nir::Graph &graph;
  MLIRContext *ctx;
  const NirImportOptions &options;
  OpBuilder builder;
  std::map<std::string, NodeInfo> infos;
  std::vector<std::string> order; // Node names in file order.
  std::map<std::string, Value> values;
  std::set<std::string> skipped;

  Location loc(const nir::Node &node) {
    return NameLoc::get(StringAttr::get(ctx, node.name),
                        FileLineColLoc::get(ctx, graph.path, 0, 0));
  }
  InFlightDiagnostic error(const nir::Node &node) {
    return emitError(loc(node))
           << "node '" << node.name << "' (" << node.type << "): ";
  }
  const nir::Array &field(const nir::Node &node, StringRef name) {
    return node.arrays.at(name.str());
  }
  Shape fieldShape(const nir::Node &node, StringRef name) {
    const nir::Array &a = field(node, name);
    return Shape(a.shape.begin(), a.shape.end());
  }
  int64_t intField(const nir::Node &node, StringRef name, size_t index = 0) {
    const nir::Array &a = field(node, name);
    return static_cast<int64_t>(a.data[a.data.size() == 1 ? 0 : index]);
  }

  LogicalResult ownShapes(NodeInfo &info);
  LogicalResult propagateShapes();
  LogicalResult checkEdgeShapes();
  LogicalResult deriveOutput(NodeInfo &info);
  Value inputValue(const std::string &name, std::set<std::string> &visiting);
  Value valueOf(const std::string &name, std::set<std::string> &visiting);
  FailureOr<Value> createOp(NodeInfo &info, Value input);
  Attribute param(const nir::Node &node, StringRef name, ArrayRef<int64_t> pop);
  DenseElementsAttr tensor(const nir::Node &node, StringRef name);
  SmallVector<int64_t> window(const nir::Node &node, StringRef name, int n);
};
} // namespace

/// Shapes a node states itself.
LogicalResult Importer::ownShapes(NodeInfo &info) {
  const nir::Node &n = *info.node;
  StringRef type = n.type;
  if (type == "Input" || type == "Output" || type == "Identity") {
    Shape s =
        Shape(field(n, "shape").data.begin(), field(n, "shape").data.end());
    info.input = info.output = s;
  } else if (type == "Affine" || type == "Linear") {
    Shape w = fieldShape(n, "weight");
    info.input = Shape{w[1]};
    info.output = Shape{w[0]};
  } else if (type == "Conv1d" || type == "Conv2d") {
    int spatial = type == "Conv1d" ? 1 : 2;
    Shape w = fieldShape(n, "weight");
    Shape in{w[1] * intField(n, "groups")};
    const nir::Array &ishape = field(n, "input_shape");
    for (int d = 0; d < spatial; ++d)
      in.push_back(
          static_cast<int64_t>(ishape.data[ishape.data.size() == 1 ? 0 : d]));
    info.input = in;
  } else if (type == "Flatten") {
    const nir::Array &t = field(n, "input_type");
    info.input = Shape(t.data.begin(), t.data.end());
  } else if (StringRef f = populationField(type); !f.empty()) {
    Shape s = fieldShape(n, f);
    if (ShapedType::getNumElements(s) != 1 ||
        s.size() > 1) // A 1-element field broadcasts.
      info.input = info.output = s;
  }
  return success();
}

/// Output shape from the input shape, for nodes whose output depends on it.
LogicalResult Importer::deriveOutput(NodeInfo &info) {
  const nir::Node &n = *info.node;
  StringRef type = n.type;
  const Shape &in = *info.input;
  auto windowed = [&](int spatial, int64_t channels, SmallVector<int64_t> k,
                      SmallVector<int64_t> s, SmallVector<int64_t> p,
                      SmallVector<int64_t> d) -> LogicalResult {
    if (static_cast<int>(in.size()) != spatial + 1)
      return error(n) << "expects a " << spatial + 1 << "-d input, got "
                      << shapeText(in);
    Shape out{channels};
    for (int i = 0; i < spatial; ++i) {
      int64_t span = d[i] * (k[i] - 1) + 1, padded = in[i + 1] + 2 * p[i];
      if (padded < span || s[i] < 1)
        return error(n) << "window " << span << " (stride " << s[i]
                        << ") does not fit the padded input size " << padded;
      out.push_back((padded - span) / s[i] + 1);
    }
    info.output = out;
    return success();
  };
  if (type == "Conv1d" || type == "Conv2d") {
    int spatial = type == "Conv1d" ? 1 : 2;
    Shape w = fieldShape(n, "weight");
    SmallVector<int64_t> k(w.begin() + 2, w.end());
    return windowed(spatial, w[0], k, window(n, "stride", spatial),
                    window(n, "padding", spatial),
                    window(n, "dilation", spatial));
  }
  if (type == "SumPool2d" || type == "AvgPool2d")
    return windowed(2, in.empty() ? 0 : in[0], window(n, "kernel_size", 2),
                    window(n, "stride", 2), window(n, "padding", 2), {1, 1});
  if (type == "Flatten") {
    int64_t rank = in.size();
    int64_t start = intField(n, "start_dim"), end = intField(n, "end_dim");
    start += start < 0 ? rank : 0;
    end += end < 0 ? rank : 0;
    if (start < 0 || end >= rank || start > end)
      return error(n) << "field 'start_dim'/'end_dim': "
                      << intField(n, "start_dim") << ".."
                      << intField(n, "end_dim")
                      << " is not a range of the input shape " << shapeText(in);
    Shape out(in.begin(), in.begin() + start);
    out.push_back(ShapedType::getNumElements(
        ArrayRef<int64_t>(in).slice(start, end - start + 1)));
    out.append(in.begin() + end + 1, in.end());
    info.output = out;
    return success();
  }
  info.output = in; // Element-wise nodes.
  return success();
}

/// Padding may be ints or the strings "same"/"valid".
SmallVector<int64_t> Importer::window(const nir::Node &n, StringRef name,
                                      int count) {
  SmallVector<int64_t> values(count, 0);
  auto text = n.strings.find(name.str());
  if (text != n.strings.end()) {
    if (text->second == "same") {
      Shape w = fieldShape(n, "weight");
      for (int i = 0; i < count; ++i)
        values[i] = (intField(n, "dilation", i) * (w[2 + i] - 1)) / 2;
    }
    return values; // "valid": no padding.
  }
  for (int i = 0; i < count; ++i)
    values[i] = intField(n, name, i);
  return values;
}

LogicalResult Importer::propagateShapes() {
  for (const nir::Node &n : graph.nodes) {
    NodeInfo &info = infos[n.name];
    info.node = &n;
    order.push_back(n.name);
    if (failed(ownShapes(info)))
      return failure();
  }
  for (const auto &[src, dst] : graph.edges)
    infos[dst].sources.push_back(src);
  // Fixed point: a node learns its input shape from any source whose output
  // shape is known, then derives its output shape.
  for (bool changed = true; changed;) {
    changed = false;
    for (const std::string &name : order) {
      NodeInfo &info = infos[name];
      if (!info.input)
        for (const std::string &src : info.sources)
          if (infos[src].output) {
            info.input = infos[src].output;
            changed = true;
            break;
          }
      if (info.input && !info.output) {
        if (failed(deriveOutput(info)))
          return failure();
        changed = true;
      }
    }
  }
  // Neurons, scales... whose fields hold one value took their shape from an
  // edge; a lone node of that kind is a population of one.
  for (const std::string &name : order) {
    NodeInfo &info = infos[name];
    if (!info.input && !populationField(info.node->type).empty()) {
      info.input = info.output =
          fieldShape(*info.node, populationField(info.node->type));
      if (info.input->empty())
        info.input = info.output = Shape{1};
    }
    if (!info.output && info.input && failed(deriveOutput(info)))
      return failure();
    if (!info.output || !info.input) {
      emitWarning(loc(*info.node))
          << "node '" << name << "' (" << info.node->type
          << ") has no incoming edge and its input shape cannot be inferred "
             "from its fields; it is left out";
      skipped.insert(name);
    }
  }
  return success();
}

/// Reports the first edge (in file order) whose shape differs from what its
/// target takes, with a hint for the known (in, out) weight mix-up.
LogicalResult Importer::checkEdgeShapes() {
  for (const auto &[src, dst] : graph.edges) {
    NodeInfo &from = infos[src], &to = infos[dst];
    if (skipped.count(src) || skipped.count(dst) || !from.output || !to.input)
      continue;
    if (*from.output == *to.input)
      continue;
    if (to.node->type == "Output" && ShapedType::getNumElements(*from.output) ==
                                         ShapedType::getNumElements(*to.input))
      continue; // Extra singleton dims on an Output: the edge decides.
    std::string hint;
    if ((to.node->type == "Affine" || to.node->type == "Linear") &&
        from.output->size() == 1 &&
        (*from.output)[0] == fieldShape(*to.node, "weight")[0])
      hint = "; the weight looks stored (in, out) instead of NIR's (out, in): "
             "transpose it in the exporter";
    return error(*to.node) << "the edge from '" << src << "' carries shape "
                           << shapeText(*from.output) << " but the node takes "
                           << shapeText(*to.input) << hint;
  }
  return success();
}

DenseElementsAttr Importer::tensor(const nir::Node &n, StringRef name) {
  const nir::Array &a = field(n, name);
  SmallVector<float> data(a.data.begin(), a.data.end());
  auto type = RankedTensorType::get(Shape(a.shape.begin(), a.shape.end()),
                                    builder.getF32Type());
  return DenseElementsAttr::get(type, ArrayRef<float>(data));
}

/// A neuron parameter: a scalar when all values agree, else per neuron.
Attribute Importer::param(const nir::Node &n, StringRef name,
                          ArrayRef<int64_t> pop) {
  const nir::Array &a = field(n, name);
  SmallVector<float> data(a.data.begin(), a.data.end());
  if (!data.empty() && llvm::all_equal(data))
    return builder.getF32FloatAttr(data.front());
  if (static_cast<int64_t>(data.size()) != ShapedType::getNumElements(pop)) {
    error(n) << "field '" << name << "': has " << data.size()
             << " values but the population " << shapeText(pop) << " has "
             << ShapedType::getNumElements(pop) << " neurons";
    return {};
  }
  auto type = RankedTensorType::get(pop, builder.getF32Type());
  return DenseElementsAttr::get(type, ArrayRef<float>(data));
}

/// The summed value of a node's incoming edges (zero when it has none).
Value Importer::inputValue(const std::string &name,
                           std::set<std::string> &visiting) {
  NodeInfo &info = infos[name];
  auto type = RankedTensorType::get(*info.input, builder.getF32Type());
  SmallVector<Value> inputs;
  for (const std::string &src : info.sources) {
    if (skipped.count(src))
      continue;
    Value v = valueOf(src, visiting);
    if (!v)
      return {};
    if (v.getType() != type) // checkEdgeShapes() reported it already.
      return {};
    inputs.push_back(v);
  }
  if (inputs.empty()) {
    emitWarning(loc(*info.node))
        << "node '" << name << "' has no incoming edge; its input is zero";
    return builder.create<ZeroOp>(loc(*info.node), type);
  }
  if (inputs.size() == 1)
    return inputs.front();
  return builder.create<AddOp>(loc(*info.node), type, inputs);
}

/// The value a node produces: a block argument, a placeholder for an op
/// created later, or (for flattened subgraph ports) its input.
Value Importer::valueOf(const std::string &name,
                        std::set<std::string> &visiting) {
  auto it = values.find(name);
  if (it != values.end())
    return it->second;
  const nir::Node &n = *infos[name].node;
  if (n.type != "Identity" && n.type != "Output") {
    error(n) << "internal: no value";
    return {};
  }
  if (!visiting.insert(name).second) {
    error(n) << "is on a cycle of subgraph ports with no neuron";
    return {};
  }
  Value v = inputValue(name, visiting);
  visiting.erase(name);
  return values[name] = v;
}

FailureOr<Value> Importer::createOp(NodeInfo &info, Value input) {
  const nir::Node &n = *info.node;
  StringRef t = n.type;
  Location l = loc(n);
  auto outType = RankedTensorType::get(*info.output, builder.getF32Type());
  Shape pop = *info.output;
  auto p = [&](StringRef f) { return param(n, f, pop); };
  auto resetAttr = ResetModeAttr::get(ctx, options.reset);
  UnitAttr multi = options.multiSpike ? builder.getUnitAttr() : UnitAttr();
  FloatAttr vMin =
      options.vMin ? builder.getF32FloatAttr(*options.vMin) : FloatAttr();
  auto i64s = [&](SmallVector<int64_t> v) {
    return builder.getDenseI64ArrayAttr(v);
  };
  Operation *op = nullptr;
  // Parameters are built first so a bad one is reported before any op.
  if (t == "Affine") {
    DenseElementsAttr bias =
        n.arrays.count("bias") ? tensor(n, "bias") : DenseElementsAttr();
    if (!bias)
      op = builder.create<LinearOp>(l, outType, input, tensor(n, "weight"));
    else
      op = builder.create<AffineOp>(l, outType, input, tensor(n, "weight"),
                                    bias);
  } else if (t == "Linear") {
    op = builder.create<LinearOp>(l, outType, input, tensor(n, "weight"));
  } else if (t == "Scale") {
    Attribute s = p("scale");
    if (!s)
      return failure();
    op = builder.create<ScaleOp>(l, outType, input, s);
  } else if (t == "Conv1d" || t == "Conv2d") {
    int spatial = t == "Conv1d" ? 1 : 2;
    DenseElementsAttr bias =
        n.arrays.count("bias") ? tensor(n, "bias") : DenseElementsAttr();
    auto stride = i64s(window(n, "stride", spatial));
    auto pad = i64s(window(n, "padding", spatial));
    auto dil = i64s(window(n, "dilation", spatial));
    auto groups = builder.getI64IntegerAttr(intField(n, "groups"));
    if (spatial == 1)
      op = builder.create<Conv1dOp>(l, outType, input, tensor(n, "weight"),
                                    bias, stride, pad, dil, groups);
    else
      op = builder.create<Conv2dOp>(l, outType, input, tensor(n, "weight"),
                                    bias, stride, pad, dil, groups);
  } else if (t == "SumPool2d" || t == "AvgPool2d") {
    auto k = i64s(window(n, "kernel_size", 2)),
         s = i64s(window(n, "stride", 2)), pd = i64s(window(n, "padding", 2));
    if (t == "SumPool2d")
      op = builder.create<SumPool2dOp>(l, outType, input, k, s, pd);
    else
      op = builder.create<AvgPool2dOp>(l, outType, input, k, s, pd);
  } else if (t == "Flatten") {
    int64_t rank = info.input->size();
    int64_t start = intField(n, "start_dim"), end = intField(n, "end_dim");
    op = builder.create<FlattenOp>(
        l, outType, input,
        builder.getI64IntegerAttr(start < 0 ? start + rank : start),
        builder.getI64IntegerAttr(end < 0 ? end + rank : end));
  } else if (t == "Delay") {
    Attribute d = p("delay");
    if (!d)
      return failure();
    op = builder.create<DelayOp>(l, outType, input, d);
  } else if (t == "Threshold") {
    Attribute th = p("threshold");
    if (!th)
      return failure();
    op = builder.create<ThresholdOp>(l, outType, input, th);
  } else if (isNeuron(t)) {
    SmallVector<StringRef> names =
        llvm::StringSwitch<SmallVector<StringRef>>(t)
            .Case("I", {"r"})
            .Case("IF", {"r", "v_threshold", "v_reset"})
            .Case("LI", {"tau", "r", "v_leak"})
            .Case("LIF", {"tau", "r", "v_leak", "v_threshold", "v_reset"})
            .Case("CubaLI", {"tau_syn", "tau_mem", "r", "v_leak", "w_in"})
            .Default({"tau_syn", "tau_mem", "r", "v_leak", "w_in",
                      "v_threshold", "v_reset"});
    SmallVector<Attribute> a;
    for (StringRef name : names) {
      a.push_back(p(name));
      if (!a.back())
        return failure();
    }
    if (t == "I")
      op = builder.create<IOp>(l, outType, input, a[0]);
    else if (t == "IF")
      op = builder.create<IFOp>(l, outType, input, a[0], a[1], a[2], resetAttr,
                                multi, vMin);
    else if (t == "LI")
      op = builder.create<LIOp>(l, outType, input, a[0], a[1], a[2]);
    else if (t == "LIF")
      op = builder.create<LIFOp>(l, outType, input, a[0], a[1], a[2], a[3],
                                 a[4], resetAttr, multi, vMin);
    else if (t == "CubaLI")
      op = builder.create<CubaLIOp>(l, outType, input, a[0], a[1], a[2], a[3],
                                    a[4]);
    else
      op = builder.create<CubaLIFOp>(l, outType, input, a[0], a[1], a[2], a[3],
                                     a[4], a[5], a[6], resetAttr, multi, vMin);
  } else {
    return error(n) << "type is not supported by the importer";
  }
  op->setAttr("snn.name", builder.getStringAttr(n.name));
  return op->getResult(0);
}

OwningOpRef<ModuleOp> Importer::run() {
  if (failed(propagateShapes()) || failed(checkEdgeShapes()))
    return nullptr;
  double dt = 1e-4;
  std::string dtSource = "default";
  if (auto it = graph.metadataNumbers.find("dt");
      it != graph.metadataNumbers.end()) {
    dt = it->second;
    dtSource = "file metadata";
  }
  if (options.dt) {
    dt = *options.dt;
    dtSource = "--nir-dt";
  }
  SmallVector<std::string> inputs, outputs;
  SmallVector<Type> inTypes, outTypes;
  for (const std::string &name : order) {
    NodeInfo &info = infos[name];
    if (skipped.count(name))
      continue;
    auto type = RankedTensorType::get(*info.output, builder.getF32Type());
    if (info.node->type == "Input") {
      inputs.push_back(name);
      inTypes.push_back(type);
    } else if (info.node->type == "Output") {
      // Writers sometimes add singleton dims to Output shapes; the edge
      // decides.
      if (!info.sources.empty() && infos[info.sources[0]].output &&
          ShapedType::getNumElements(*infos[info.sources[0]].output) ==
              ShapedType::getNumElements(*info.output))
        info.input = info.output = infos[info.sources[0]].output;
      outputs.push_back(name);
      outTypes.push_back(
          RankedTensorType::get(*info.output, builder.getF32Type()));
    }
  }
  Location fileLoc = FileLineColLoc::get(ctx, graph.path, 0, 0);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  std::string symbol = llvm::sys::path::stem(graph.path).str();
  for (char &c : symbol)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_')
      c = '_';
  auto network =
      builder.create<NetworkOp>(fileLoc, symbol.empty() ? "network" : symbol,
                                builder.getFunctionType(inTypes, outTypes), dt);
  network->setAttr("snn.nir_version", builder.getStringAttr(graph.version));
  network->setAttr("snn.dt_source", builder.getStringAttr(dtSource));
  auto nameAttr = [&](StringRef n) {
    return builder.getDictionaryAttr(
        builder.getNamedAttr("snn.name", builder.getStringAttr(n)));
  };
  SmallVector<Attribute> argAttrs, resAttrs;
  for (const std::string &n : inputs)
    argAttrs.push_back(nameAttr(n));
  for (const std::string &n : outputs)
    resAttrs.push_back(nameAttr(n));
  network.setAllArgAttrs(argAttrs);
  network.setAllResultAttrs(resAttrs);
  Block &body = network.getBody().front();
  for (auto [i, n] : llvm::enumerate(inputs))
    values[n] = body.getArgument(i);
  builder.setInsertionPointToStart(&body);

  // Placeholders for every op-producing node, replaced once the op exists.
  std::map<std::string, Operation *> placeholders;
  for (const std::string &name : order) {
    StringRef type = infos[name].node->type;
    if (skipped.count(name) || type == "Input" || type == "Output" ||
        type == "Identity")
      continue;
    auto t = RankedTensorType::get(*infos[name].output, builder.getF32Type());
    Operation *ph = builder.create<ZeroOp>(loc(*infos[name].node), t);
    placeholders[name] = ph;
    values[name] = ph->getResult(0);
  }
  std::set<std::string> visiting;
  for (const std::string &name : order) {
    if (!placeholders.count(name))
      continue;
    Value input = inputValue(name, visiting);
    if (!input)
      return nullptr;
    FailureOr<Value> result = createOp(infos[name], input);
    if (failed(result))
      return nullptr;
    values[name] = *result;
  }
  SmallVector<Value> results;
  for (const std::string &name : outputs) {
    Value v = valueOf(name, visiting);
    if (!v)
      return nullptr;
    results.push_back(v);
  }
  builder.create<OutputOp>(fileLoc, results);
  for (auto &[name, ph] : placeholders) {
    ph->getResult(0).replaceAllUsesWith(values[name]);
    ph->erase();
  }
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp>
mlir::snn::importNirGraph(const nir::Graph &graph, MLIRContext *context,
                          const NirImportOptions &options) {
  context->loadDialect<SNNDialect>();
  return Importer(graph, context, options).run();
}

OwningOpRef<ModuleOp>
mlir::snn::importNirFile(StringRef path, MLIRContext *context,
                         const NirImportOptions &options) {
  nir::Graph graph;
  std::string message;
  if (!nir::readNirFile(path.str(), graph, message)) {
    // The reader's message starts with the path, which the location repeats.
    llvm::StringRef text(message);
    text.consume_front((path + ": ").str());
    emitError(FileLineColLoc::get(context, path, 0, 0)) << text;
    return nullptr;
  }
  return importNirGraph(graph, context, options);
}
