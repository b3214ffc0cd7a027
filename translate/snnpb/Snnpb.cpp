//===- Snnpb.cpp - snn dialect <-> .snnpb (SnnModel.proto) ----------------===//
//
// Generic over ops: a node's op_type is the op's mnemonic and its attributes
// are written by attribute kind (AttributeProto.type records the exact MLIR
// kind so that the import rebuilds the same attribute). Values are named; the
// graph region allows forward references, so the importer first creates a
// placeholder for every node output and replaces it once the op exists.
//
//===----------------------------------------------------------------------===//
#include "translate/snnpb/Snnpb.h"
#include "dialects/InitAllDialects.h"
#include "translate/snnpb/SnnModel.pb.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <cmath>
#include <map>
#include <set>

using namespace mlir;
using namespace mlir::snn;
namespace pb = ::snn::model;

namespace {
constexpr llvm::StringLiteral kNameAttr = "snn.name";

//===----------------------------------------------------------------------===//
// Export
//===----------------------------------------------------------------------===//

std::optional<pb::DataType> dataTypeOf(Type t) {
  if (t.isF32())
    return pb::FLOAT;
  if (t.isF64())
    return pb::DOUBLE;
  if (t.isSignlessInteger(32))
    return pb::INT32;
  if (t.isSignlessInteger(64))
    return pb::INT64;
  if (t.isSignlessInteger(1))
    return pb::BOOL;
  return std::nullopt;
}

std::string printed(Attribute a) {
  std::string s;
  llvm::raw_string_ostream os(s);
  a.print(os);
  return os.str();
}

bool writeTensor(DenseIntOrFPElementsAttr dense, pb::TensorProto &t) {
  auto type = dense.getType();
  std::optional<pb::DataType> dt = dataTypeOf(type.getElementType());
  if (!dt || !type.hasStaticShape())
    return false;
  t.set_data_type(*dt);
  for (int64_t d : type.getShape())
    t.add_dims(d);
  // A splat is written as its one element.
  int64_t count = dense.isSplat() ? std::min<int64_t>(1, dense.getNumElements())
                                  : dense.getNumElements();
  int64_t k = 0;
  switch (*dt) {
  case pb::FLOAT:
    for (float v : dense.getValues<float>()) {
      if (k++ == count)
        break;
      t.add_float_data(v);
    }
    break;
  case pb::DOUBLE:
    for (double v : dense.getValues<double>()) {
      if (k++ == count)
        break;
      t.add_double_data(v);
    }
    break;
  case pb::INT32:
    for (int32_t v : dense.getValues<int32_t>()) {
      if (k++ == count)
        break;
      t.add_int32_data(v);
    }
    break;
  case pb::INT64:
    for (int64_t v : dense.getValues<int64_t>()) {
      if (k++ == count)
        break;
      t.add_int64_data(v);
    }
    break;
  case pb::BOOL:
    for (bool v : dense.getValues<bool>()) {
      if (k++ == count)
        break;
      t.add_int32_data(v ? 1 : 0);
    }
    break;
  default:
    return false;
  }
  return true;
}

void writeAttr(StringRef name, Attribute a, pb::AttributeProto &p) {
  p.set_name(name.str());
  if (auto b = dyn_cast<BoolAttr>(a)) {
    p.set_type(pb::ATTR_BOOL);
    p.set_i(b.getValue() ? 1 : 0);
  } else if (isa<UnitAttr>(a)) {
    p.set_type(pb::ATTR_UNIT);
    p.set_i(1);
  } else if (auto f = dyn_cast<FloatAttr>(a); f && f.getType().isF32()) {
    p.set_type(pb::ATTR_FLOAT32);
    p.set_f(f.getValue().convertToFloat());
  } else if (auto f = dyn_cast<FloatAttr>(a); f && f.getType().isF64()) {
    p.set_type(pb::ATTR_FLOAT64);
    p.set_d(f.getValue().convertToDouble());
  } else if (auto i = dyn_cast<IntegerAttr>(a);
             i && i.getType().isSignlessInteger(32)) {
    p.set_type(pb::ATTR_INT32);
    p.set_i(i.getInt());
  } else if (auto i = dyn_cast<IntegerAttr>(a);
             i && i.getType().isSignlessInteger(64)) {
    p.set_type(pb::ATTR_INT64);
    p.set_i(i.getInt());
  } else if (auto s = dyn_cast<StringAttr>(a);
             s && isa<NoneType>(s.getType())) {
    p.set_type(pb::ATTR_STRING);
    p.set_s(s.getValue().str());
  } else if (auto r = dyn_cast<ResetModeAttr>(a)) {
    p.set_type(pb::ATTR_RESET_MODE);
    p.set_s(stringifyResetMode(r.getValue()).str());
  } else if (auto arr = dyn_cast<DenseI64ArrayAttr>(a)) {
    p.set_type(pb::ATTR_INTS64);
    auto *list = p.mutable_ints();
    for (int64_t v : arr.asArrayRef())
      list->add_value(v);
  } else if (auto arr = dyn_cast<DenseI32ArrayAttr>(a)) {
    p.set_type(pb::ATTR_INTS32);
    auto *list = p.mutable_ints();
    for (int32_t v : arr.asArrayRef())
      list->add_value(v);
  } else if (auto dense = dyn_cast<DenseIntOrFPElementsAttr>(a);
             dense && writeTensor(dense, *p.mutable_t())) {
    p.set_type(pb::ATTR_TENSOR);
  } else {
    // Any other kind keeps its MLIR text, so nothing is lost.
    p.clear_t();
    p.set_type(pb::ATTR_MLIR_ATTR);
    p.set_s(printed(a));
  }
}

void writeAttrs(DictionaryAttr dict,
                google::protobuf::RepeatedPtrField<pb::AttributeProto> &out) {
  if (!dict)
    return;
  for (NamedAttribute na : dict)
    writeAttr(na.getName().getValue(), na.getValue(), *out.Add());
}

class Exporter {
public:
  LogicalResult run(NetworkOp network, pb::GraphProto &graph);

private:
  std::string uniqueValue(std::string base) {
    if (base.empty())
      base = "value";
    std::string name = base;
    for (int k = 1; !valueNames.insert(name).second; ++k)
      name = base + "_" + std::to_string(k);
    return name;
  }
  std::string uniqueNode(std::string base) {
    std::string name = base;
    for (int k = 1; !nodeNames.insert(name).second; ++k)
      name = base + "_" + std::to_string(k);
    return name;
  }
  LogicalResult writeValueInfo(Operation *where, Value v, StringRef name,
                               pb::ValueInfo &info) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    std::optional<pb::DataType> dt =
        type ? dataTypeOf(type.getElementType()) : std::nullopt;
    if (!type || !type.hasStaticShape() || !dt)
      return where->emitError("cannot be exported to snnpb: value '")
             << name << "' has type " << v.getType()
             << " (expected a static tensor of f32, f64, i32, i64 or i1)";
    info.set_name(name.str());
    for (int64_t d : type.getShape())
      info.add_shape(d);
    if (*dt != pb::FLOAT)
      info.set_elem_type(*dt);
    return success();
  }

  std::set<std::string> valueNames, nodeNames;
  llvm::DenseMap<Value, std::string> names;
};

std::string stringAttrOr(DictionaryAttr dict, StringRef fallback) {
  if (dict)
    if (auto s = dict.getAs<StringAttr>(kNameAttr))
      if (!s.getValue().empty())
        return s.getValue().str();
  return fallback.str();
}

LogicalResult Exporter::run(NetworkOp network, pb::GraphProto &graph) {
  graph.set_name(network.getSymName().str());
  graph.set_dt(network.getDtAttr().getValueAsDouble());
  for (NamedAttribute na : network->getAttrs()) {
    StringRef n = na.getName().getValue();
    if (n == "sym_name" || n == "function_type" || n == "dt" ||
        n == "arg_attrs" || n == "res_attrs")
      continue;
    writeAttr(n, na.getValue(), *graph.add_attribute());
  }
  Block &body = network.getBody().front();
  for (BlockArgument arg : body.getArguments()) {
    DictionaryAttr dict = network.getArgAttrDict(arg.getArgNumber());
    std::string name = uniqueValue(stringAttrOr(dict, "input"));
    names[arg] = name;
    pb::ValueInfo &info = *graph.add_input();
    if (failed(writeValueInfo(network, arg, name, info)))
      return failure();
    writeAttrs(dict, *info.mutable_attribute());
  }
  // Name every result first: the graph region may use values defined later.
  std::vector<std::pair<Operation *, std::string>> nodes;
  for (Operation &op : body) {
    if (isa<OutputOp>(op))
      continue;
    if (op.getDialect() == nullptr ||
        op.getDialect()->getNamespace() != SNNDialect::getDialectNamespace())
      return op.emitError("cannot be exported to snnpb: '")
             << op.getName() << "' is not an snn op";
    if (op.getNumRegions() != 0)
      return op.emitError("cannot be exported to snnpb: ops with regions are "
                          "not supported");
    StringRef opType = op.getName().getStringRef();
    opType.consume_front("snn.");
    std::string base = opType.str();
    if (auto s = op.getAttrOfType<StringAttr>(kNameAttr))
      if (!s.getValue().empty())
        base = s.getValue().str();
    std::string node = uniqueNode(base);
    for (OpResult r : op.getResults())
      names[r] =
          uniqueValue(op.getNumResults() == 1
                          ? node
                          : node + ":" + std::to_string(r.getResultNumber()));
    nodes.emplace_back(&op, node);
  }
  for (auto &[op, node] : nodes) {
    pb::NodeProto &n = *graph.add_node();
    n.set_name(node);
    StringRef opType = op->getName().getStringRef();
    opType.consume_front("snn.");
    n.set_op_type(opType.str());
    for (Value v : op->getOperands()) {
      auto it = names.find(v);
      if (it == names.end())
        return op->emitError("cannot be exported to snnpb: operand defined "
                             "outside the network");
      n.add_input(it->second);
    }
    for (OpResult r : op->getResults()) {
      n.add_output(names[r]);
      if (failed(writeValueInfo(op, r, names[r], *graph.add_value_info())))
        return failure();
    }
    for (NamedAttribute na : op->getAttrs())
      writeAttr(na.getName().getValue(), na.getValue(), *n.add_attribute());
  }
  auto output = cast<OutputOp>(body.getTerminator());
  for (OpOperand &operand : output->getOpOperands()) {
    unsigned i = operand.getOperandNumber();
    pb::ValueInfo &info = *graph.add_output();
    if (failed(
            writeValueInfo(output, operand.get(), names[operand.get()], info)))
      return failure();
    writeAttrs(network.getResultAttrDict(i), *info.mutable_attribute());
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Import
//===----------------------------------------------------------------------===//

const char *caseName(const pb::AttributeProto &p) {
  switch (p.value_case()) {
  case pb::AttributeProto::kF:
    return "f (float)";
  case pb::AttributeProto::kD:
    return "d (double)";
  case pb::AttributeProto::kI:
    return "i (int)";
  case pb::AttributeProto::kS:
    return "s (string)";
  case pb::AttributeProto::kT:
    return "t (tensor)";
  case pb::AttributeProto::kInts:
    return "ints";
  default:
    return "no value";
  }
}

class Importer {
public:
  Importer(MLIRContext *ctx, StringRef source)
      : ctx(ctx), builder(ctx),
        fileLoc(FileLineColLoc::get(ctx, source, 0, 0)) {}
  OwningOpRef<ModuleOp> run(const pb::ModelProto &model);

private:
  InFlightDiagnostic error(const Twine &where) {
    return emitError(fileLoc) << where;
  }
  FailureOr<Attribute> readAttr(const pb::AttributeProto &p,
                                const std::string &where);
  FailureOr<Attribute> readTensor(const pb::TensorProto &t,
                                  const std::string &where);
  FailureOr<Type> elemType(int dt, const std::string &where);
  FailureOr<RankedTensorType> valueType(const pb::ValueInfo &info,
                                        const std::string &where);
  FailureOr<NamedAttrList>
  readAttrs(const google::protobuf::RepeatedPtrField<pb::AttributeProto> &attrs,
            const std::string &where);
  LogicalResult importGraph(const pb::GraphProto &graph, ModuleOp module);

  MLIRContext *ctx;
  OpBuilder builder;
  Location fileLoc;
};

FailureOr<Type> Importer::elemType(int dt, const std::string &where) {
  switch (dt) {
  case pb::UNDEFINED:
  case pb::FLOAT:
    return Type(builder.getF32Type());
  case pb::DOUBLE:
    return Type(builder.getF64Type());
  case pb::INT32:
    return Type(builder.getI32Type());
  case pb::INT64:
    return Type(builder.getI64Type());
  case pb::BOOL:
    return Type(builder.getI1Type());
  default:
    error(where) << ": unsupported data_type " << dt;
    return failure();
  }
}

FailureOr<RankedTensorType> Importer::valueType(const pb::ValueInfo &info,
                                                const std::string &where) {
  for (int64_t d : info.shape())
    if (d < 0) {
      error(where) << ": value '" << info.name()
                   << "' has a negative dimension " << d;
      return failure();
    }
  FailureOr<Type> elt = elemType(info.elem_type(), where);
  if (failed(elt))
    return failure();
  SmallVector<int64_t> shape(info.shape().begin(), info.shape().end());
  return RankedTensorType::get(shape, *elt);
}

FailureOr<Attribute> Importer::readTensor(const pb::TensorProto &t,
                                          const std::string &where) {
  SmallVector<int64_t> dims;
  int64_t n = 1;
  for (int64_t d : t.dims()) {
    if (d < 0 || (d > 0 && n > (int64_t(1) << 40) / d)) {
      error(where) << ": tensor has an invalid dimension " << d;
      return failure();
    }
    dims.push_back(d);
    n *= d;
  }
  FailureOr<Type> elt = elemType(t.data_type(), where);
  if (failed(elt))
    return failure();
  if (t.data_type() == pb::UNDEFINED) {
    error(where) << ": tensor has no data_type";
    return failure();
  }
  auto type = RankedTensorType::get(dims, *elt);
  auto expand = [&](auto data, auto &out) -> LogicalResult {
    int64_t size = data.size();
    if (size != n && !(size == 1 && n > 0)) {
      error(where) << ": tensor has " << size << " elements, expected " << n
                   << " (or 1 for a splat)";
      return failure();
    }
    out.reserve(n);
    for (int64_t k = 0; k < n; ++k)
      out.push_back(data.Get(size == 1 ? 0 : k));
    return success();
  };
  switch (t.data_type()) {
  case pb::FLOAT: {
    SmallVector<float> v;
    if (failed(expand(t.float_data(), v)))
      return failure();
    return Attribute(DenseElementsAttr::get(type, ArrayRef<float>(v)));
  }
  case pb::DOUBLE: {
    SmallVector<double> v;
    if (failed(expand(t.double_data(), v)))
      return failure();
    return Attribute(DenseElementsAttr::get(type, ArrayRef<double>(v)));
  }
  case pb::INT32: {
    SmallVector<int32_t> v;
    if (failed(expand(t.int32_data(), v)))
      return failure();
    return Attribute(DenseElementsAttr::get(type, ArrayRef<int32_t>(v)));
  }
  case pb::INT64: {
    SmallVector<int64_t> v;
    if (failed(expand(t.int64_data(), v)))
      return failure();
    return Attribute(DenseElementsAttr::get(type, ArrayRef<int64_t>(v)));
  }
  case pb::BOOL: {
    SmallVector<int32_t> v;
    if (failed(expand(t.int32_data(), v)))
      return failure();
    SmallVector<bool> b;
    for (int32_t x : v)
      b.push_back(x != 0);
    return Attribute(DenseElementsAttr::get(type, ArrayRef<bool>(b)));
  }
  default:
    error(where) << ": unsupported data_type " << t.data_type();
    return failure();
  }
}

FailureOr<Attribute> Importer::readAttr(const pb::AttributeProto &p,
                                        const std::string &where0) {
  std::string where = where0 + ": attribute '" + p.name() + "'";
  if (p.name().empty()) {
    error(where0) << ": attribute without a name";
    return failure();
  }
  int type = p.type();
  if (type == pb::ATTR_UNDEFINED) {
    switch (p.value_case()) {
    case pb::AttributeProto::kF:
      type = pb::ATTR_FLOAT32;
      break;
    case pb::AttributeProto::kD:
      type = pb::ATTR_FLOAT64;
      break;
    case pb::AttributeProto::kI:
      type = pb::ATTR_INT64;
      break;
    case pb::AttributeProto::kS:
      type = pb::ATTR_STRING;
      break;
    case pb::AttributeProto::kT:
      type = pb::ATTR_TENSOR;
      break;
    case pb::AttributeProto::kInts:
      type = pb::ATTR_INTS64;
      break;
    default:
      error(where) << " has no value";
      return failure();
    }
  }
  auto want = [&](pb::AttributeProto::ValueCase c) -> bool {
    if (p.value_case() == c)
      return true;
    error(where) << " has type "
                 << pb::AttributeType_Name(static_cast<pb::AttributeType>(type))
                 << " but holds " << caseName(p);
    return false;
  };
  switch (type) {
  case pb::ATTR_FLOAT32:
    if (!want(pb::AttributeProto::kF))
      return failure();
    return Attribute(builder.getF32FloatAttr(p.f()));
  case pb::ATTR_FLOAT64:
    if (p.value_case() == pb::AttributeProto::kF)
      return Attribute(builder.getF64FloatAttr(p.f()));
    if (!want(pb::AttributeProto::kD))
      return failure();
    return Attribute(builder.getF64FloatAttr(p.d()));
  case pb::ATTR_INT32:
    if (!want(pb::AttributeProto::kI))
      return failure();
    if (p.i() < INT32_MIN || p.i() > INT32_MAX) {
      error(where) << " value " << p.i() << " does not fit in i32";
      return failure();
    }
    return Attribute(builder.getI32IntegerAttr(static_cast<int32_t>(p.i())));
  case pb::ATTR_INT64:
    if (!want(pb::AttributeProto::kI))
      return failure();
    return Attribute(builder.getI64IntegerAttr(p.i()));
  case pb::ATTR_BOOL:
    if (!want(pb::AttributeProto::kI))
      return failure();
    return Attribute(builder.getBoolAttr(p.i() != 0));
  case pb::ATTR_UNIT:
    return Attribute(builder.getUnitAttr());
  case pb::ATTR_STRING:
    if (!want(pb::AttributeProto::kS))
      return failure();
    return Attribute(builder.getStringAttr(p.s()));
  case pb::ATTR_TENSOR:
    if (!want(pb::AttributeProto::kT))
      return failure();
    return readTensor(p.t(), where);
  case pb::ATTR_INTS64: {
    if (!want(pb::AttributeProto::kInts))
      return failure();
    SmallVector<int64_t> v(p.ints().value().begin(), p.ints().value().end());
    return Attribute(builder.getDenseI64ArrayAttr(v));
  }
  case pb::ATTR_INTS32: {
    if (!want(pb::AttributeProto::kInts))
      return failure();
    SmallVector<int32_t> v;
    for (int64_t x : p.ints().value()) {
      if (x < INT32_MIN || x > INT32_MAX) {
        error(where) << " value " << x << " does not fit in i32";
        return failure();
      }
      v.push_back(static_cast<int32_t>(x));
    }
    return Attribute(builder.getDenseI32ArrayAttr(v));
  }
  case pb::ATTR_RESET_MODE: {
    if (!want(pb::AttributeProto::kS))
      return failure();
    std::optional<ResetMode> mode = symbolizeResetMode(p.s());
    if (!mode) {
      error(where) << " has unknown reset mode '" << p.s()
                   << "' (expected zero, to_reset, subtract or none)";
      return failure();
    }
    return Attribute(ResetModeAttr::get(ctx, *mode));
  }
  case pb::ATTR_MLIR_ATTR: {
    if (!want(pb::AttributeProto::kS))
      return failure();
    // Parse quietly: our own one-line error names the node.
    Attribute a;
    {
      ScopedDiagnosticHandler quiet(ctx,
                                    [](Diagnostic &) { return success(); });
      a = parseAttribute(p.s(), ctx);
    }
    if (!a) {
      error(where) << " is not a valid MLIR attribute: '" << p.s() << "'";
      return failure();
    }
    return a;
  }
  default:
    error(where) << " has unknown attribute type " << type
                 << " (written by a newer version?)";
    return failure();
  }
}

FailureOr<NamedAttrList> Importer::readAttrs(
    const google::protobuf::RepeatedPtrField<pb::AttributeProto> &attrs,
    const std::string &where) {
  NamedAttrList list;
  std::set<std::string> seen;
  for (const pb::AttributeProto &p : attrs) {
    FailureOr<Attribute> a = readAttr(p, where);
    if (failed(a))
      return failure();
    if (!seen.insert(p.name()).second) {
      error(where) << ": attribute '" << p.name() << "' given twice";
      return failure();
    }
    list.append(p.name(), *a);
  }
  return list;
}

LogicalResult Importer::importGraph(const pb::GraphProto &g, ModuleOp module) {
  std::string gname = g.name().empty() ? "network" : g.name();
  std::string where = "graph '" + gname + "'";
  if (!(g.dt() > 0.0) || !std::isfinite(g.dt()))
    return error(where) << ": dt must be a positive number of seconds, got "
                        << g.dt();
  // Types of every named value.
  std::map<std::string, RankedTensorType> types;
  SmallVector<Type> inTypes, outTypes;
  for (const pb::ValueInfo &in : g.input()) {
    FailureOr<RankedTensorType> t = valueType(in, where);
    if (failed(t))
      return failure();
    if (in.name().empty() || !types.emplace(in.name(), *t).second)
      return error(where) << ": input name '" << in.name()
                          << "' is empty or not unique";
    inTypes.push_back(*t);
  }
  std::map<std::string, RankedTensorType> infos;
  for (const pb::ValueInfo &vi : g.value_info()) {
    FailureOr<RankedTensorType> t = valueType(vi, where);
    if (failed(t))
      return failure();
    infos[vi.name()] = *t;
  }
  auto nodeWhere = [&](int k) {
    const pb::NodeProto &n = g.node(k);
    return "node '" + (n.name().empty() ? "#" + std::to_string(k) : n.name()) +
           "' (" + n.op_type() + ")";
  };
  for (int k = 0; k < g.node_size(); ++k)
    for (const std::string &o : g.node(k).output()) {
      auto it = infos.find(o);
      if (it == infos.end())
        return error(nodeWhere(k))
               << ": output '" << o << "' has no value_info";
      if (o.empty() || !types.emplace(o, it->second).second)
        return error(nodeWhere(k))
               << ": output name '" << o << "' is empty or defined twice";
    }
  for (const pb::ValueInfo &out : g.output()) {
    auto it = types.find(out.name());
    if (it == types.end())
      return error(where) << ": output '" << out.name()
                          << "' is not an input or a node output";
    FailureOr<RankedTensorType> t = valueType(out, where);
    if (failed(t))
      return failure();
    if (*t != it->second)
      return error(where) << ": output '" << out.name() << "' declared as "
                          << *t << " but the value is " << it->second;
    outTypes.push_back(it->second);
  }

  builder.setInsertionPointToEnd(module.getBody());
  auto network = builder.create<NetworkOp>(
      NameLoc::get(builder.getStringAttr(gname), fileLoc), gname,
      builder.getFunctionType(inTypes, outTypes), g.dt());
  FailureOr<NamedAttrList> netAttrs = readAttrs(g.attribute(), where);
  if (failed(netAttrs))
    return failure();
  for (NamedAttribute na : *netAttrs)
    network->setAttr(na.getName(), na.getValue());
  SmallVector<DictionaryAttr> argAttrs, resAttrs;
  for (const pb::ValueInfo &in : g.input()) {
    FailureOr<NamedAttrList> a =
        readAttrs(in.attribute(), where + ": input '" + in.name() + "'");
    if (failed(a))
      return failure();
    argAttrs.push_back(a->getDictionary(ctx));
  }
  for (const pb::ValueInfo &out : g.output()) {
    FailureOr<NamedAttrList> a =
        readAttrs(out.attribute(), where + ": output '" + out.name() + "'");
    if (failed(a))
      return failure();
    resAttrs.push_back(a->getDictionary(ctx));
  }
  network.setAllArgAttrs(argAttrs);
  network.setAllResultAttrs(resAttrs);

  Block &body = network.getBody().front();
  std::map<std::string, Value> values;
  for (auto [i, in] : llvm::enumerate(g.input()))
    values[in.name()] = body.getArgument(i);
  builder.setInsertionPointToStart(&body);
  std::map<std::string, Operation *> placeholders;
  for (const pb::NodeProto &n : g.node())
    for (const std::string &o : n.output()) {
      auto ph = builder.create<UnrealizedConversionCastOp>(
          fileLoc, TypeRange{types[o]}, ValueRange{});
      placeholders[o] = ph;
      values[o] = ph->getResult(0);
    }
  std::map<std::string, Value> real;
  for (int k = 0; k < g.node_size(); ++k) {
    const pb::NodeProto &n = g.node(k);
    std::string nw = nodeWhere(k);
    if (n.op_type().empty())
      return error(nw) << ": missing op_type";
    std::string opName = "snn." + n.op_type();
    std::optional<RegisteredOperationName> reg =
        RegisteredOperationName::lookup(opName, ctx);
    if (!reg || n.op_type() == "network" || n.op_type() == "output")
      return error(nw) << ": unknown op_type '" << n.op_type()
                       << "' (not an snn dialect op)";
    Location loc = NameLoc::get(
        builder.getStringAttr(n.name().empty() ? n.op_type() : n.name()),
        fileLoc);
    OperationState state(loc, *reg);
    for (const std::string &in : n.input()) {
      auto it = values.find(in);
      if (it == values.end())
        return error(nw) << ": input '" << in << "' is not defined";
      state.addOperands(it->second);
    }
    for (const std::string &o : n.output())
      state.addTypes(types[o]);
    FailureOr<NamedAttrList> attrs = readAttrs(n.attribute(), nw);
    if (failed(attrs))
      return failure();
    state.addAttributes(attrs->getAttrs());
    builder.setInsertionPointToEnd(&body);
    Operation *op = builder.create(state);
    for (auto [i, o] : llvm::enumerate(n.output()))
      real[o] = op->getResult(i);
  }
  SmallVector<Value> results;
  for (const pb::ValueInfo &out : g.output())
    results.push_back(values[out.name()]);
  builder.setInsertionPointToEnd(&body);
  builder.create<OutputOp>(fileLoc, results);
  for (auto &[name, ph] : placeholders) {
    ph->getResult(0).replaceAllUsesWith(real[name]);
    ph->erase();
  }
  return success();
}

void collectUnknown(const google::protobuf::Message &m, const std::string &path,
                    std::vector<std::string> &out) {
  const google::protobuf::Reflection *r = m.GetReflection();
  const google::protobuf::UnknownFieldSet &unknown = r->GetUnknownFields(m);
  for (int i = 0; i < unknown.field_count(); ++i)
    out.push_back(path + "#" + std::to_string(unknown.field(i).number()));
  std::vector<const google::protobuf::FieldDescriptor *> fields;
  r->ListFields(m, &fields);
  for (const auto *f : fields) {
    if (f->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE)
      continue;
    if (f->is_repeated()) {
      for (int i = 0, e = r->FieldSize(m, f); i < e; ++i)
        collectUnknown(r->GetRepeatedMessage(m, f, i),
                       path + "." + f->name() + "[" + std::to_string(i) + "]",
                       out);
    } else {
      collectUnknown(r->GetMessage(m, f), path + "." + f->name(), out);
    }
  }
}

OwningOpRef<ModuleOp> Importer::run(const pb::ModelProto &model) {
  if (model.ir_version() <= 0) {
    error("model") << ": missing ir_version (not an snnpb model?)";
    return nullptr;
  }
  if (model.ir_version() > kSnnpbIrVersion) {
    error("model") << ": ir_version " << model.ir_version()
                   << " is newer than supported version " << kSnnpbIrVersion;
    return nullptr;
  }
  bool haveSnn = false;
  for (const pb::OpsetId &o : model.opset_import()) {
    if (!o.domain().empty() && o.domain() != "snn") {
      error("model") << ": unsupported opset domain '" << o.domain() << "'";
      return nullptr;
    }
    if (o.version() > kSnnpbOpsetVersion) {
      error("model") << ": opset snn version " << o.version()
                     << " is newer than supported version "
                     << kSnnpbOpsetVersion;
      return nullptr;
    }
    if (o.version() < 1) {
      error("model") << ": invalid opset snn version " << o.version();
      return nullptr;
    }
    haveSnn = true;
  }
  if (!haveSnn) {
    error("model") << ": no opset_import for domain 'snn'";
    return nullptr;
  }
  if (!model.has_graph()) {
    error("model") << ": no graph";
    return nullptr;
  }
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  FailureOr<NamedAttrList> attrs = readAttrs(model.attribute(), "model");
  if (failed(attrs))
    return nullptr;
  for (NamedAttribute na : *attrs)
    (*module)->setAttr(na.getName(), na.getValue());
  if (failed(importGraph(model.graph(), *module)))
    return nullptr;
  for (const pb::GraphProto &g : model.additional_graph())
    if (failed(importGraph(g, *module)))
      return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

bool looksLikeText(StringRef bytes) {
  for (unsigned char c : bytes)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
      return false;
  return true;
}

struct TextErrors : google::protobuf::io::ErrorCollector {
  std::vector<std::string> errors, warnings;
  void AddError(int line, google::protobuf::io::ColumnNumber col,
                const std::string &message) override {
    errors.push_back("line " + std::to_string(line + 1) + ":" +
                     std::to_string(col + 1) + ": " + message);
  }
  void AddWarning(int line, google::protobuf::io::ColumnNumber col,
                  const std::string &message) override {
    warnings.push_back("line " + std::to_string(line + 1) + ":" +
                       std::to_string(col + 1) + ": " + message);
  }
};

LogicalResult serialise(const pb::ModelProto &model, std::string &bytes) {
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  return success(model.SerializeToCodedStream(&coded));
}
} // namespace

LogicalResult mlir::snn::exportSnnpb(ModuleOp module, pb::ModelProto &model) {
  model.set_ir_version(kSnnpbIrVersion);
  pb::OpsetId &opset = *model.add_opset_import();
  opset.set_domain("snn");
  opset.set_version(kSnnpbOpsetVersion);
  model.set_producer_name("snn-mlir");
  model.set_producer_version("1");
  for (NamedAttribute na : module->getAttrs())
    writeAttr(na.getName().getValue(), na.getValue(), *model.add_attribute());
  bool first = true;
  for (Operation &op : *module.getBody()) {
    auto network = dyn_cast<NetworkOp>(op);
    if (!network)
      return op.emitError("cannot be exported to snnpb: only snn.network ops "
                          "may appear at module level");
    pb::GraphProto &graph =
        first ? *model.mutable_graph() : *model.add_additional_graph();
    first = false;
    if (failed(Exporter().run(network, graph)))
      return failure();
  }
  if (first)
    return module.emitError("cannot be exported to snnpb: no snn.network");
  return success();
}

OwningOpRef<ModuleOp> mlir::snn::importSnnpb(StringRef bytes, StringRef source,
                                             MLIRContext *context) {
  context->loadDialect<SNNDialect>();
  Location loc = FileLineColLoc::get(context, source, 0, 0);
  pb::ModelProto model;
  if (looksLikeText(bytes)) {
    TextErrors collector;
    google::protobuf::TextFormat::Parser parser;
    parser.RecordErrorsTo(&collector);
    parser.AllowUnknownField(true);
    if (!parser.ParseFromString(std::string(bytes), &model)) {
      // Perhaps binary that happens to be printable.
      model.Clear();
      if (bytes.empty() ||
          !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
        emitError(loc) << "malformed snnpb text: "
                       << (collector.errors.empty() ? "parse error"
                                                    : collector.errors.front());
        return nullptr;
      }
    } else {
      for (const std::string &w : collector.warnings)
        emitWarning(loc) << "snnpb text: " << w
                         << " (ignored; written by a newer version?)";
    }
  } else {
    if (bytes.size() > static_cast<size_t>(INT_MAX) ||
        !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      emitError(loc) << "malformed snnpb: not a valid binary ModelProto";
      return nullptr;
    }
  }
  std::vector<std::string> unknown;
  collectUnknown(model, "model", unknown);
  if (!unknown.empty()) {
    std::string list;
    for (size_t i = 0; i < unknown.size() && i < 8; ++i)
      list += (i ? ", " : "") + unknown[i];
    if (unknown.size() > 8)
      list += ", ...";
    emitWarning(loc) << unknown.size()
                     << " unknown field(s) kept but ignored (written by a "
                        "newer version?): "
                     << list;
  }
  return Importer(context, source).run(model);
}

OwningOpRef<ModuleOp> mlir::snn::importSnnpbFile(StringRef path,
                                                 MLIRContext *context) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot read: " << buffer.getError().message();
    return nullptr;
  }
  return importSnnpb((*buffer)->getBuffer(), path, context);
}

void mlir::snn::registerSnnpbTranslations() {
  TranslateFromMLIRRegistration binary(
      "export-snnpb", "Export the snn.network(s) as an .snnpb model (binary)",
      [](Operation *op, raw_ostream &os) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        if (!module)
          return op->emitError("--export-snnpb expects a module");
        pb::ModelProto model;
        if (failed(exportSnnpb(module, model)))
          return failure();
        std::string bytes;
        if (failed(serialise(model, bytes)))
          return op->emitError("could not serialise the snnpb model");
        os << bytes;
        return success();
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
  TranslateFromMLIRRegistration text(
      "export-snnpb-text",
      "Export the snn.network(s) as an .snnpbtxt model (protobuf text)",
      [](Operation *op, raw_ostream &os) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        if (!module)
          return op->emitError("--export-snnpb-text expects a module");
        pb::ModelProto model;
        if (failed(exportSnnpb(module, model)))
          return failure();
        std::string out;
        if (!google::protobuf::TextFormat::PrintToString(model, &out))
          return op->emitError("could not print the snnpb model");
        os << out;
        return success();
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
  TranslateToMLIRRegistration import(
      "import-snnpb", "Import an .snnpb (binary) or .snnpbtxt (text) model",
      [](llvm::SourceMgr &sources,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sources.getMemoryBuffer(sources.getMainFileID());
        return importSnnpb(buffer->getBuffer(), buffer->getBufferIdentifier(),
                           context);
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
}
