//===- OnnxFile.h - ONNX ModelProto reader (no MLIR) -------------*- C++
//-*-===//
//
// Reads an ONNX model (Debian's libonnx protobuf classes) into plain structs
// the importer walks: nodes with their attributes, initializers as float64
// tensors, and the graph's inputs and outputs with their shapes. Tensor
// payloads are decoded here (raw_data little-endian or the typed fields), so
// the importer never sees protobuf. A plain library: protobuf may throw.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_ONNX_ONNXFILE_H
#define SNN_TRANSLATE_ONNX_ONNXFILE_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace snn::onnx {

/// ONNX TensorProto.DataType values the reader decodes.
enum DataType : int32_t {
  kFloat = 1,
  kInt32 = 6,
  kInt64 = 7,
  kBool = 9,
  kDouble = 11,
};

/// A decoded constant tensor. `values` holds every element as a double
/// (int64 shape vectors are exact up to 2^53); `decoded` is false for an
/// element type the reader does not decode (the importer refuses it where
/// it is used).
struct Tensor {
  std::string name;
  int32_t dataType = 0;
  std::vector<int64_t> shape;
  std::vector<double> values;
  bool decoded = true;
  int64_t numel() const;
};

struct Attribute {
  enum Kind { Float, Int, String, TensorValue, Floats, Ints, Other };
  Kind kind = Other;
  double f = 0.0;
  int64_t i = 0;
  std::string s;
  std::vector<double> floats;
  std::vector<int64_t> ints;
  std::shared_ptr<Tensor> tensor;
  /// ONNX's name of the attribute type (FLOAT, GRAPH, ...), for messages.
  std::string typeName;
};

struct Node {
  std::string name, opType, domain;
  /// Empty strings are omitted optional inputs/outputs, as in ONNX.
  std::vector<std::string> inputs, outputs;
  std::map<std::string, Attribute> attributes;
};

/// A graph input or output. Dimensions without a value (symbolic dim_param or
/// unknown) are -1; `hasShape` is false when the type carries no shape.
struct ValueInfo {
  std::string name;
  int32_t elemType = 0;
  bool isTensor = true;
  bool hasShape = false;
  std::vector<int64_t> shape;
};

struct Model {
  int64_t irVersion = 0;
  /// Opset of the default (ai.onnx) domain; 0 when not declared.
  int64_t opset = 0;
  std::string producer;
  std::string graphName;
  std::vector<Node> nodes;
  std::map<std::string, Tensor> initializers;
  /// Graph inputs, initializers included (older exporters list them).
  std::vector<ValueInfo> inputs;
  std::vector<ValueInfo> outputs;
};

/// Parses a serialized ModelProto. Returns false with a one-line `err` for
/// bytes that are not a model, a model without a graph, or a tensor whose
/// payload does not match its shape.
bool parseModel(const std::string &bytes, Model &model, std::string &err);

/// Reads and parses `path`.
bool readModelFile(const std::string &path, Model &model, std::string &err);

/// Reads a serialized TensorProto file (the node tests' input_*.pb and
/// output_*.pb).
bool readTensorFile(const std::string &path, Tensor &tensor, std::string &err);

/// Human name of a TensorProto data type ("FLOAT", "UINT8", ...).
std::string dataTypeName(int32_t type);

} // namespace snn::onnx

#endif // SNN_TRANSLATE_ONNX_ONNXFILE_H
