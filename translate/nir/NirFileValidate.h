//===- NirFileValidate.h - Per-type checks of NIR nodes ---------*- C++
//-*-===//
//
// Internal to the NIR reader: the table of known NIR primitives, their
// required fields and the checks that keep nonsense out of the importer.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_NIR_NIRFILEVALIDATE_H
#define SNN_TRANSLATE_NIR_NIRFILEVALIDATE_H

#include "translate/nir/NirFile.h"

#include <string>

namespace snn::nir::detail {

/// True for every type the reader accepts, "NIRGraph" included.
bool isKnownType(const std::string &type);

/// Comma-separated list of the known types, for error messages.
std::string knownTypeList();

/// Describes where a problem is: "node 'n' (T)" plus ": field 'f'" if given.
std::string nodeContext(const Node &node, const std::string &field = "");

/// Formats a shape as "(2, 3)", or "scalar" for rank 0.
std::string formatShape(const std::vector<int64_t> &shape);

/// Checks `node` (of a known, non-graph type) against its primitive's field
/// table, and fills fields that older writers omit (recorded in
/// `node.defaulted`). On failure sets `error` without the file path prefix.
bool validateNode(Node &node, std::string &error);

} // namespace snn::nir::detail

#endif // SNN_TRANSLATE_NIR_NIRFILEVALIDATE_H
