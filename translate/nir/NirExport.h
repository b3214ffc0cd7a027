//===- NirExport.h - snn dialect to a NIR graph ------------------*- C++
//-*-===//
//
// The inverse of NirImport.h: turns a NIR-level snn.network (as imported, or
// as built by a front end, before --snn-discretize) into a plain NIR graph,
// and registers the --export-nir translation.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_NIR_NIREXPORT_H
#define SNN_TRANSLATE_NIR_NIREXPORT_H

#include "dialects/snn/SNNOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace snn::nir {
struct Graph;
}

namespace mlir::snn {

/// Builds the NIR graph of `network`:
///  - every op becomes a node named by its `snn.name` (or a generated unique
///    name), with its NIR type and fields; scalar neuron parameters are
///    expanded to arrays of the population's shape (NIR stores per-neuron
///    arrays);
///  - network arguments become Input nodes and results Output nodes, named by
///    their `snn.name` argument/result attribute;
///  - an snn.add is not a node: each of its (transitive) operands gets an
///    edge into the consumer; an snn.zero input gives no edge;
///  - the network's dt goes to metadata "dt".
/// Step-level ops (after --snn-discretize) and ops NIR has no primitive for
/// (ALIF, sparse projections, ...) are reported as errors at the op.
LogicalResult exportNirGraph(NetworkOp network, ::snn::nir::Graph &graph);

/// Exports the single snn.network of `module` (error when there is not
/// exactly one) and writes it to the HDF5 file `path`.
LogicalResult exportNirFile(ModuleOp module, llvm::StringRef path);

/// Registers --export-nir: writes the NIR (HDF5) bytes to the -o output.
void registerNirExportTranslation();

} // namespace mlir::snn

#endif // SNN_TRANSLATE_NIR_NIREXPORT_H
