//===- Tensor.h - Dense float tensor used by the runtime ---------*- C++
//-*-===//
//
// The runtime's only data container: a row-major float32 array with a shape.
// It is deliberately plain (no views, no strides) because every tensor the
// runtime exchanges is a contiguous .npy payload or a recording.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_TENSOR_H
#define SNN_RUNTIME_ENGINE_TENSOR_H

#include <cstdint>
#include <string>
#include <vector>

namespace snn::runtime {

/// Row-major float32 tensor.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<float> data;

  Tensor() = default;
  /// A zero-filled tensor of `shape`.
  explicit Tensor(std::vector<int64_t> shape)
      : shape(std::move(shape)), data(numelOf(this->shape), 0.0f) {}

  /// Element count of `shape` (1 for a scalar).
  static int64_t numelOf(const std::vector<int64_t> &shape) {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  }
  int64_t numel() const { return numelOf(shape); }
};

/// "(2, 3, 4)" for diagnostics.
inline std::string shapeToString(const std::vector<int64_t> &shape) {
  std::string s = "(";
  for (size_t k = 0; k < shape.size(); ++k)
    s += (k ? ", " : "") + std::to_string(shape[k]);
  return s + ")";
}

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_TENSOR_H
