//===- NirExport.cpp - snn dialect to a NIR graph -------------------------===//
//
// Fields are read from the ops' attributes by their names, which are the NIR
// field names (the importer names them so). HDF5 needs a file path, so the
// translation writes a temporary file and streams its bytes to the output.
//
//===----------------------------------------------------------------------===//
#include "translate/nir/NirExport.h"
#include "dialects/InitAllDialects.h"
#include "translate/nir/NirFile.h"
#include "translate/nir/NirWrite.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>

using namespace mlir;
using namespace mlir::snn;
namespace nir = ::snn::nir;

namespace {
constexpr llvm::StringLiteral kNameAttr = "snn.name";

struct Kind {
  llvm::StringRef type;                      // NIR type; empty: not exportable.
  llvm::SmallVector<llvm::StringRef> params; // Per-neuron parameters.
};

Kind kindOf(Operation *op) {
  llvm::StringRef name = op->getName().getStringRef();
  using K = Kind;
  return llvm::StringSwitch<Kind>(name)
      .Case("snn.affine", K{"Affine", {}})
      .Case("snn.linear", K{"Linear", {}})
      .Case("snn.scale", K{"Scale", {"scale"}})
      .Case("snn.conv1d", K{"Conv1d", {}})
      .Case("snn.conv2d", K{"Conv2d", {}})
      .Case("snn.sum_pool2d", K{"SumPool2d", {}})
      .Case("snn.avg_pool2d", K{"AvgPool2d", {}})
      .Case("snn.flatten", K{"Flatten", {}})
      .Case("snn.delay", K{"Delay", {"delay"}})
      .Case("snn.threshold", K{"Threshold", {"threshold"}})
      .Case("snn.i", K{"I", {"r"}})
      .Case("snn.if", K{"IF", {"r", "v_threshold", "v_reset"}})
      .Case("snn.li", K{"LI", {"tau", "r", "v_leak"}})
      .Case("snn.lif",
            K{"LIF", {"tau", "r", "v_leak", "v_threshold", "v_reset"}})
      .Case("snn.cuba_li",
            K{"CubaLI", {"tau_syn", "tau_mem", "r", "v_leak", "w_in"}})
      .Case("snn.cuba_lif", K{"CubaLIF",
                              {"tau_syn", "tau_mem", "r", "v_leak", "w_in",
                               "v_threshold", "v_reset"}})
      .Default(K{"", {}});
}

std::vector<int64_t> shapeOf(Value v) {
  auto type = cast<ShapedType>(v.getType());
  return std::vector<int64_t>(type.getShape().begin(), type.getShape().end());
}

nir::Array ints(ArrayRef<int64_t> values, bool scalar = false) {
  nir::Array a;
  if (!scalar)
    a.shape = {static_cast<int64_t>(values.size())};
  a.data.assign(values.begin(), values.end());
  return a;
}

class Exporter {
public:
  Exporter(NetworkOp network, nir::Graph &graph)
      : network(network), graph(graph) {}
  LogicalResult run();

private:
  NetworkOp network;
  nir::Graph &graph;
  std::set<std::string> used;
  std::map<Operation *, std::string> opNames;
  std::vector<std::string> inputNames;

  std::string fresh(llvm::StringRef base) {
    for (int i = 0;; ++i) {
      std::string name = base.str() + "_" + std::to_string(i);
      if (used.insert(name).second)
        return name;
    }
  }
  LogicalResult sources(Value v, SmallVectorImpl<std::string> &out);
  LogicalResult fields(Operation *op, const Kind &kind, nir::Node &node);
};
} // namespace

/// The node names whose outputs sum to `v` (snn.add flattened, snn.zero
/// dropped).
LogicalResult Exporter::sources(Value v, SmallVectorImpl<std::string> &out) {
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    out.push_back(inputNames[arg.getArgNumber()]);
    return success();
  }
  Operation *def = v.getDefiningOp();
  if (isa<ZeroOp>(def))
    return success();
  if (auto add = dyn_cast<AddOp>(def)) {
    for (Value in : add.getInputs())
      if (failed(sources(in, out)))
        return failure();
    return success();
  }
  auto it = opNames.find(def);
  if (it == opNames.end())
    return def->emitOpError("cannot be exported to NIR: internal: no node");
  out.push_back(it->second);
  return success();
}

LogicalResult Exporter::fields(Operation *op, const Kind &kind,
                               nir::Node &node) {
  auto tensor = [&](llvm::StringRef name) -> LogicalResult {
    auto attr = op->getAttrOfType<DenseElementsAttr>(name);
    if (!attr)
      return op->emitOpError("cannot be exported to NIR: field '")
             << name << "' is missing";
    nir::Array a;
    a.shape.assign(attr.getType().getShape().begin(),
                   attr.getType().getShape().end());
    for (float f : attr.getValues<float>())
      a.data.push_back(f);
    node.arrays[name.str()] = std::move(a);
    return success();
  };
  auto i64s = [&](llvm::StringRef name) {
    auto attr = op->getAttrOfType<DenseI64ArrayAttr>(name);
    node.arrays[name.str()] =
        ints(attr ? attr.asArrayRef() : ArrayRef<int64_t>());
  };
  auto i64 = [&](llvm::StringRef name) {
    auto attr = op->getAttrOfType<IntegerAttr>(name);
    int64_t v = attr ? attr.getInt() : 0;
    node.arrays[name.str()] = ints({v}, /*scalar=*/true);
  };
  std::vector<int64_t> pop = shapeOf(op->getResult(0));
  int64_t count = 1;
  for (int64_t d : pop)
    count *= d;
  for (llvm::StringRef name : kind.params) {
    Attribute attr = op->getAttr(name);
    nir::Array a;
    a.shape = pop;
    if (auto f = dyn_cast_or_null<FloatAttr>(attr)) {
      a.data.assign(count, f.getValueAsDouble());
    } else if (auto d = dyn_cast_or_null<DenseElementsAttr>(attr)) {
      if (d.getNumElements() != count)
        return op->emitOpError("cannot be exported to NIR: parameter '")
               << name << "' has " << d.getNumElements()
               << " values but the population has " << count;
      for (float v : d.getValues<float>())
        a.data.push_back(v);
    } else {
      return op->emitOpError("cannot be exported to NIR: parameter '")
             << name << "' is missing or not a number";
    }
    node.arrays[name.str()] = std::move(a);
  }
  llvm::StringRef t = kind.type;
  if (t == "Affine" || t == "Linear") {
    if (failed(tensor("weight")) || (t == "Affine" && failed(tensor("bias"))))
      return failure();
  } else if (t == "Conv1d" || t == "Conv2d") {
    if (failed(tensor("weight")))
      return failure();
    if (op->getAttr("bias")) {
      if (failed(tensor("bias")))
        return failure();
    } else { // NIR always stores a bias.
      int64_t cout = pop.empty() ? 0 : pop[0];
      node.arrays["bias"] = nir::Array{{cout}, std::vector<double>(cout, 0)};
    }
    i64s("stride");
    i64s("padding");
    i64s("dilation");
    i64("groups");
    std::vector<int64_t> in = shapeOf(op->getOperand(0));
    std::vector<int64_t> spatial(in.begin() + (in.empty() ? 0 : 1), in.end());
    node.arrays["input_shape"] =
        ints(spatial, /*scalar=*/t == "Conv1d" && spatial.size() == 1);
  } else if (t == "SumPool2d" || t == "AvgPool2d") {
    i64s("kernel_size");
    i64s("stride");
    i64s("padding");
  } else if (t == "Flatten") {
    i64("start_dim");
    i64("end_dim");
    node.arrays["input_type"] = ints(shapeOf(op->getOperand(0)));
  }
  // Neuron options NIR has no field for.
  if (auto reset = op->getAttrOfType<ResetModeAttr>("reset"))
    if (reset.getValue() != ResetMode::ToReset)
      op->emitWarning("NIR has no reset mode field; the importer's "
                      "--nir-reset decides it");
  if (op->hasAttr("multi_spike") || op->hasAttr("v_min"))
    op->emitWarning("NIR has no field for multi_spike/v_min; the importer's "
                    "--nir-multi-spike/--nir-v-min decide them");
  return success();
}

LogicalResult Exporter::run() {
  Block &body = network.getBody().front();
  // Names first, so that generated ones avoid every given one.
  for (unsigned i = 0; i < body.getNumArguments(); ++i)
    if (auto n = network.getArgAttrOfType<StringAttr>(i, kNameAttr))
      used.insert(n.str());
  for (unsigned i = 0; i < network.getFunctionType().getNumResults(); ++i)
    if (auto n = network.getResultAttrOfType<StringAttr>(i, kNameAttr))
      used.insert(n.str());
  for (Operation &op : body.without_terminator())
    if (auto n = op.getAttrOfType<StringAttr>(kNameAttr))
      used.insert(n.str());
  std::set<std::string> taken;
  auto claim = [&](StringAttr given, llvm::StringRef base) {
    if (given && taken.insert(given.str()).second)
      return given.str();
    std::string name = fresh(given ? given.getValue() : base);
    taken.insert(name);
    return name;
  };

  for (unsigned i = 0; i < body.getNumArguments(); ++i) {
    std::string name =
        claim(network.getArgAttrOfType<StringAttr>(i, kNameAttr), "input");
    inputNames.push_back(name);
    nir::Node node;
    node.name = name;
    node.type = "Input";
    node.arrays["shape"] = ints(shapeOf(body.getArgument(i)));
    graph.nodes.push_back(std::move(node));
  }
  std::vector<std::pair<Operation *, Kind>> ops;
  for (Operation &op : body.without_terminator()) {
    if (isa<AddOp, ZeroOp>(op))
      continue;
    Kind kind = kindOf(&op);
    if (kind.type.empty()) {
      llvm::StringRef opName = op.getName().getStringRef();
      bool step =
          opName.starts_with("snn.step_") || opName.ends_with("_neuron");
      return op.emitOpError("cannot be exported to NIR: ")
             << (step ? "it is a step-level op (the network was discretised)"
                      : "NIR has no primitive for it")
             << "; export the NIR-level network, before --snn-discretize";
    }
    if (op.getNumOperands() != 1 || op.getNumResults() != 1)
      return op.emitOpError("cannot be exported to NIR: expects one input "
                            "and one result");
    std::string base = kind.type.lower();
    opNames[&op] = claim(op.getAttrOfType<StringAttr>(kNameAttr), base);
    ops.emplace_back(&op, kind);
  }
  for (auto &[op, kind] : ops) {
    nir::Node node;
    node.name = opNames[op];
    node.type = kind.type.str();
    if (failed(fields(op, kind, node)))
      return failure();
    SmallVector<std::string> from;
    if (failed(sources(op->getOperand(0), from)))
      return failure();
    for (const std::string &s : from)
      graph.edges.emplace_back(s, node.name);
    graph.nodes.push_back(std::move(node));
  }
  Operation *term = body.getTerminator();
  for (auto [i, v] : llvm::enumerate(term->getOperands())) {
    std::string name =
        claim(network.getResultAttrOfType<StringAttr>(i, kNameAttr), "output");
    nir::Node node;
    node.name = name;
    node.type = "Output";
    node.arrays["shape"] = ints(shapeOf(v));
    graph.nodes.push_back(std::move(node));
    SmallVector<std::string> from;
    if (failed(sources(v, from)))
      return failure();
    for (const std::string &s : from)
      graph.edges.emplace_back(s, name);
  }
  // The reader's order: nodes sorted by name.
  std::sort(
      graph.nodes.begin(), graph.nodes.end(),
      [](const nir::Node &a, const nir::Node &b) { return a.name < b.name; });
  graph.metadataNumbers["dt"] = network.getDt().convertToDouble();
  return success();
}

LogicalResult mlir::snn::exportNirGraph(NetworkOp network, nir::Graph &graph) {
  graph.version = "1.0.0";
  return Exporter(network, graph).run();
}

LogicalResult mlir::snn::exportNirFile(ModuleOp module, llvm::StringRef path) {
  SmallVector<NetworkOp> networks(module.getOps<NetworkOp>());
  if (networks.size() != 1)
    return module.emitError("cannot be exported to NIR: expected exactly one "
                            "snn.network, found ")
           << networks.size();
  nir::Graph graph;
  if (failed(exportNirGraph(networks.front(), graph)))
    return failure();
  std::string error;
  if (!nir::writeNirFile(path.str(), graph, error))
    return module.emitError("cannot write NIR: ") << error;
  return success();
}

void mlir::snn::registerNirExportTranslation() {
  TranslateFromMLIRRegistration exportNir(
      "export-nir", "Export an snn.network as a NIR (HDF5) file",
      [](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        if (!module)
          return op->emitError("--export-nir expects a module");
        // HDF5 writes to a path: a temporary file, streamed to the output.
        llvm::SmallString<128> tmp;
        if (std::error_code ec =
                llvm::sys::fs::createTemporaryFile("snn-export", "nir", tmp))
          return op->emitError("cannot create a temporary file: ")
                 << ec.message();
        llvm::FileRemover remover(tmp);
        if (failed(exportNirFile(module, tmp)))
          return failure();
        auto buffer = llvm::MemoryBuffer::getFile(tmp, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/
                                                  false);
        if (!buffer)
          return op->emitError("cannot read back the NIR file: ")
                 << buffer.getError().message();
        os << (*buffer)->getBuffer();
        return success();
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
}
