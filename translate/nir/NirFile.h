//===- NirFile.h - Reading NIR (HDF5) files into a plain graph ----*- C++
//-*-===//
//
// The NIR reader knows the on-disk format (see docs/nir-import.md) and nothing
// about MLIR: it turns a .nir file of any writer version into a flat, validated
// graph. It is kept out of the MLIR libraries because it talks to libhdf5.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_NIR_NIRFILE_H
#define SNN_TRANSLATE_NIR_NIRFILE_H

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace snn::nir {

/// A numeric field of a node. Every integer or float dataset is converted to
/// double; `shape` is the dataset's shape (empty for a scalar).
struct Array {
  std::vector<int64_t> shape;
  std::vector<double> data;

  int64_t numElements() const { return static_cast<int64_t>(data.size()); }
};

/// One node of the flattened graph.
struct Node {
  /// Full name: top-level names verbatim ("lif1.lif"); nodes of a subgraph
  /// `sub` are named "sub.<inner>".
  std::string name;
  /// NIR type name ("LIF", "Affine", ...). Inner Input/Output nodes of a
  /// flattened subgraph become "Identity" (with their `shape` kept).
  std::string type;
  /// Numeric fields by name ("weight", "tau", ...).
  std::map<std::string, Array> arrays;
  /// String fields by name (e.g. Conv padding "same"/"valid").
  std::map<std::string, std::string> strings;
  /// Fields the reader filled in because the file lacks them (e.g. "v_reset"
  /// in files written by NIR <= 0.2.0), for diagnostics and provenance.
  std::vector<std::string> defaulted;
};

/// A flattened NIR graph. `edges` are (source, target) node names, all of
/// which name a node in `nodes`.
struct Graph {
  std::string path;
  std::string version;
  /// Sorted by name (byte order); flattened subgraph nodes included.
  std::vector<Node> nodes;
  /// In file order: the top-level edges first, then each subgraph's (in node
  /// name order, a nested subgraph's after its parent's).
  std::vector<std::pair<std::string, std::string>> edges;
  /// Top-level metadata: scalars (and single-element arrays) only; nested
  /// dicts give "a.b" keys, longer arrays are skipped.
  std::map<std::string, double> metadataNumbers;
  std::map<std::string, std::string> metadataStrings;

  const Node *findNode(const std::string &name) const;
};

/// Reads and validates `path`. On failure returns false and sets `error` to
/// one line of the form "<path>: node '<name>' (<Type>): field '<f>': <what>"
/// (the parts that apply), never throws or crashes on malformed input.
bool readNirFile(const std::string &path, Graph &graph, std::string &error);

} // namespace snn::nir

#endif // SNN_TRANSLATE_NIR_NIRFILE_H
