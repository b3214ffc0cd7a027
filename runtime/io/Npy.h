//===- Npy.h - NumPy .npy reading and writing --------------------*- C++
//-*-===//
//
// Inputs and recordings travel as .npy files. Reading accepts the numeric
// dtypes NumPy writes by default and converts them to float32; writing always
// produces float32 little-endian C-order arrays.
//
// Errors are returned as "<file>: <problem>" strings; nothing here throws or
// aborts, whatever the bytes, because the files come from users.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_IO_NPY_H
#define SNN_RUNTIME_IO_NPY_H

#include "runtime/engine/Tensor.h"

#include <string>

namespace snn::runtime {

/// Reads the .npy file at `path` into `out` (converted to float32).
/// Supports format versions 1-3, little-endian or byte-order-free dtypes
/// b1, u1, i1, u2, i2, u4, i4, u8, i8, f4, f8, in C or Fortran order
/// (Fortran-order data is transposed into row-major order).
/// Returns false with `err` naming the file and the problem.
bool readNpy(const std::string &path, Tensor &out, std::string &err);

/// As readNpy, for an in-memory file; `name` is used in messages.
bool parseNpy(const std::string &bytes, const std::string &name, Tensor &out,
              std::string &err);

/// Writes `t` to `path` as a float32 .npy (format 1.0, or 2.0 if the header
/// needs it). Returns false with `err` on I/O failure or a shape/size mismatch.
bool writeNpy(const std::string &path, const Tensor &t, std::string &err);

/// The bytes writeNpy would write.
std::string serializeNpy(const Tensor &t);

} // namespace snn::runtime

#endif // SNN_RUNTIME_IO_NPY_H
