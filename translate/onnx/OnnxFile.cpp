//===- OnnxFile.cpp - ONNX ModelProto reader (no MLIR) --------------------===//
#include "translate/onnx/OnnxFile.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace pb = ::onnx;
namespace so = ::snn::onnx;

namespace {

/// Tensors beyond this many elements are refused: no layer of a model this
/// tool compiles comes near, and it bounds what a corrupt file can allocate.
constexpr int64_t kMaxElements = int64_t(1) << 31;

template <typename T>
void decodeRaw(const std::string &raw, std::vector<double> &out) {
  size_t n = raw.size() / sizeof(T);
  out.resize(n);
  for (size_t k = 0; k < n; ++k) {
    T v; // ONNX raw_data is little-endian, as is every host we build for.
    std::memcpy(&v, raw.data() + k * sizeof(T), sizeof(T));
    out[k] = static_cast<double>(v);
  }
}

size_t elementSize(int32_t type) {
  switch (type) {
  case pb::TensorProto::FLOAT:
  case pb::TensorProto::INT32:
    return 4;
  case pb::TensorProto::INT64:
  case pb::TensorProto::DOUBLE:
    return 8;
  case pb::TensorProto::BOOL:
    return 1;
  default:
    return 0;
  }
}

bool decodeTensor(const pb::TensorProto &proto, so::Tensor &out,
                  std::string &err) {
  out = so::Tensor();
  out.name = proto.name();
  out.dataType = proto.data_type();
  std::string what = "tensor '" + proto.name() + "'";
  int64_t numel = 1;
  for (int64_t d : proto.dims()) {
    if (d < 0 || (d && numel > kMaxElements / d)) {
      err = what + " has an invalid or too large shape (dimension " +
            std::to_string(d) + ")";
      return false;
    }
    numel *= d;
    out.shape.push_back(d);
  }
  if (proto.data_location() == pb::TensorProto::EXTERNAL) {
    err = what + " keeps its data in an external file, which is not "
                 "supported; save the model with the weights inside "
                 "(onnx.save(model, path, save_as_external_data=False))";
    return false;
  }
  if (proto.has_segment()) {
    err = what + " is segmented, which is not supported";
    return false;
  }
  size_t size = elementSize(out.dataType);
  if (!size) {
    out.decoded = false; // The importer names the type where it matters.
    return true;
  }
  if (proto.has_raw_data()) {
    const std::string &raw = proto.raw_data();
    if (raw.size() != static_cast<size_t>(numel) * size) {
      err = what + " has " + std::to_string(raw.size()) +
            " bytes of raw_data, expected " + std::to_string(numel) + " x " +
            std::to_string(size);
      return false;
    }
    switch (out.dataType) {
    case pb::TensorProto::FLOAT:
      decodeRaw<float>(raw, out.values);
      break;
    case pb::TensorProto::INT32:
      decodeRaw<int32_t>(raw, out.values);
      break;
    case pb::TensorProto::INT64:
      decodeRaw<int64_t>(raw, out.values);
      break;
    case pb::TensorProto::DOUBLE:
      decodeRaw<double>(raw, out.values);
      break;
    case pb::TensorProto::BOOL:
      decodeRaw<uint8_t>(raw, out.values);
      break;
    }
  } else {
    switch (out.dataType) {
    case pb::TensorProto::FLOAT:
      out.values.assign(proto.float_data().begin(), proto.float_data().end());
      break;
    case pb::TensorProto::INT32:
    case pb::TensorProto::BOOL: // Stored in int32_data, as ONNX says.
      out.values.assign(proto.int32_data().begin(), proto.int32_data().end());
      break;
    case pb::TensorProto::INT64:
      out.values.assign(proto.int64_data().begin(), proto.int64_data().end());
      break;
    case pb::TensorProto::DOUBLE:
      out.values.assign(proto.double_data().begin(), proto.double_data().end());
      break;
    }
    if (static_cast<int64_t>(out.values.size()) != numel) {
      err = what + " has " + std::to_string(out.values.size()) +
            " values, but its shape holds " + std::to_string(numel);
      return false;
    }
  }
  return true;
}

bool decodeAttribute(const pb::AttributeProto &proto, so::Attribute &out,
                     std::string &err) {
  out.typeName = pb::AttributeProto::AttributeType_Name(proto.type());
  switch (proto.type()) {
  case pb::AttributeProto::FLOAT:
    out.kind = so::Attribute::Float;
    out.f = proto.f();
    break;
  case pb::AttributeProto::INT:
    out.kind = so::Attribute::Int;
    out.i = proto.i();
    break;
  case pb::AttributeProto::STRING:
    out.kind = so::Attribute::String;
    out.s = proto.s();
    break;
  case pb::AttributeProto::TENSOR:
    out.kind = so::Attribute::TensorValue;
    out.tensor = std::make_shared<so::Tensor>();
    if (!decodeTensor(proto.t(), *out.tensor, err)) {
      err = "attribute '" + proto.name() + "': " + err;
      return false;
    }
    break;
  case pb::AttributeProto::FLOATS:
    out.kind = so::Attribute::Floats;
    out.floats.assign(proto.floats().begin(), proto.floats().end());
    break;
  case pb::AttributeProto::INTS:
    out.kind = so::Attribute::Ints;
    out.ints.assign(proto.ints().begin(), proto.ints().end());
    break;
  default:
    out.kind = so::Attribute::Other;
    break;
  }
  return true;
}

void decodeValueInfo(const pb::ValueInfoProto &proto, so::ValueInfo &out) {
  out.name = proto.name();
  if (!proto.type().has_tensor_type()) {
    out.isTensor = !proto.has_type(); // No type at all: treat as unknown.
    return;
  }
  const pb::TypeProto::Tensor &tensor = proto.type().tensor_type();
  out.elemType = tensor.elem_type();
  if (!tensor.has_shape())
    return;
  out.hasShape = true;
  for (const pb::TensorShapeProto::Dimension &d : tensor.shape().dim())
    out.shape.push_back(d.has_dim_value() ? d.dim_value() : -1);
}

} // namespace

int64_t so::Tensor::numel() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string so::dataTypeName(int32_t type) {
  if (pb::TensorProto::DataType_IsValid(type))
    return pb::TensorProto::DataType_Name(
        static_cast<pb::TensorProto::DataType>(type));
  return "type " + std::to_string(type);
}

bool so::parseModel(const std::string &bytes, Model &model,
                    std::string &err) try {
  model = Model();
  pb::ModelProto proto;
  if (bytes.empty()) {
    err = "empty file, not an ONNX model";
    return false;
  }
  if (!proto.ParseFromString(bytes)) {
    err = "not an ONNX model (the protobuf ModelProto does not parse; the "
          "file may be truncated or of another format)";
    return false;
  }
  if (!proto.has_graph()) {
    err = "the ONNX model has no graph (not a model file, or an empty one)";
    return false;
  }
  model.irVersion = proto.ir_version();
  model.producer = proto.producer_name();
  for (const pb::OperatorSetIdProto &set : proto.opset_import())
    if (set.domain().empty() || set.domain() == "ai.onnx")
      model.opset = set.version();
  const pb::GraphProto &graph = proto.graph();
  model.graphName = graph.name();
  for (const pb::TensorProto &t : graph.initializer()) {
    Tensor tensor;
    if (!decodeTensor(t, tensor, err)) {
      err = "initializer: " + err;
      return false;
    }
    model.initializers[t.name()] = std::move(tensor);
  }
  for (const pb::ValueInfoProto &v : graph.input())
    decodeValueInfo(v, model.inputs.emplace_back());
  for (const pb::ValueInfoProto &v : graph.output())
    decodeValueInfo(v, model.outputs.emplace_back());
  for (const pb::NodeProto &n : graph.node()) {
    Node &node = model.nodes.emplace_back();
    node.name = n.name();
    node.opType = n.op_type();
    node.domain = n.domain();
    node.inputs.assign(n.input().begin(), n.input().end());
    node.outputs.assign(n.output().begin(), n.output().end());
    for (const pb::AttributeProto &a : n.attribute()) {
      if (!decodeAttribute(a, node.attributes[a.name()], err)) {
        err = "node '" + n.name() + "' (" + n.op_type() + "): " + err;
        return false;
      }
    }
  }
  return true;
} catch (const std::exception &e) {
  err = std::string("could not read the ONNX model: ") + e.what();
  return false;
}

bool so::readModelFile(const std::string &path, Model &model,
                       std::string &err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err = "cannot open '" + path + "'";
    return false;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return parseModel(bytes.str(), model, err);
}

bool so::readTensorFile(const std::string &path, Tensor &tensor,
                        std::string &err) try {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err = "cannot open '" + path + "'";
    return false;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  pb::TensorProto proto;
  if (!proto.ParseFromString(bytes.str())) {
    err = "'" + path + "' is not a serialized ONNX TensorProto";
    return false;
  }
  return decodeTensor(proto, tensor, err);
} catch (const std::exception &e) {
  err = std::string("could not read '") + path + "': " + e.what();
  return false;
}
