//===- NirWrite.h - Writing a plain NIR graph as an HDF5 file ------*- C++
//-*-===//
//
// The counterpart of NirFile.h: writes a flat snn::nir::Graph in the layout
// the NIR 1.0 reference writer produces (see docs/nir-import.md). Plain C++
// over libhdf5; knows nothing about MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_NIR_NIRWRITE_H
#define SNN_TRANSLATE_NIR_NIRWRITE_H

#include "translate/nir/NirFile.h"

#include <string>

namespace snn::nir {

/// Writes `graph` to `path` (truncating it):
///   /version            variable-length UTF-8 string (graph.version, or
///                       "1.0.0" when empty)
///   /node/type          "NIRGraph"
///   /node/nodes/<name>/ `type` plus one dataset per field: integer fields
///                       (stride, padding, shape, ...) as int64, the rest as
///                       float32, each with the Array's shape (scalar when the
///                       shape is empty); string fields as UTF-8 strings
///   /node/edges         (E, 2) UTF-8 strings; float64 (0,) when empty
///   /node/metadata/     numeric entries as float64 scalars, strings as strings
/// The output is deterministic (object time stamps are off). On failure
/// returns false and sets `error` to one line.
bool writeNirFile(const std::string &path, const Graph &graph,
                  std::string &error);

/// True for the NIR fields stored as int64 (stride, padding, dilation, groups,
/// kernel_size, start_dim, end_dim, input_type, shape, input_shape).
bool isIntegerField(const std::string &name);

} // namespace snn::nir

#endif // SNN_TRANSLATE_NIR_NIRWRITE_H
