//===- NirImport.h - NIR graph to snn dialect --------------------*- C++
//-*-===//
#ifndef SNN_TRANSLATE_NIR_NIRIMPORT_H
#define SNN_TRANSLATE_NIR_NIRIMPORT_H

#include "dialects/snn/SNNOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <optional>
#include <string>

namespace snn::nir {
struct Graph;
}

namespace mlir::snn {

/// What NIR leaves unsaid, made explicit (see docs/nir-import.md).
struct NirImportOptions {
  /// Seconds per step. Unset: the file's metadata `dt` if present, else 1e-4
  /// (the NIR paper's convention).
  std::optional<double> dt;
  /// Reset of spiking neurons: to_reset ("zero" on the command line: v goes to
  /// the file's v_reset, 0 when absent), subtract or none.
  ResetMode reset = ResetMode::ToReset;
  /// Allow several spikes per step (Sinabs).
  bool multiSpike = false;
  /// Floor of the membrane voltage after reset (Sinabs min_v_mem).
  std::optional<double> vMin;
};

/// Parses a --nir-reset value ("zero", "subtract", "none").
std::optional<ResetMode> parseNirReset(llvm::StringRef text);

/// Builds a module holding one snn.network from a NIR graph. Problems are
/// reported as diagnostics at the node's location; returns null on error.
OwningOpRef<ModuleOp> importNirGraph(const ::snn::nir::Graph &graph,
                                     MLIRContext *context,
                                     const NirImportOptions &options);

/// Reads `path` and imports it. Reader errors are emitted as diagnostics.
OwningOpRef<ModuleOp> importNirFile(llvm::StringRef path, MLIRContext *context,
                                    const NirImportOptions &options);

} // namespace mlir::snn

#endif // SNN_TRANSLATE_NIR_NIRIMPORT_H
