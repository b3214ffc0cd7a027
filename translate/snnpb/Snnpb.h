//===- Snnpb.h - The .snnpb model format (import/export) --------*- C++ -*-===//
//
// .snnpb is snn-mlir's own ONNX-like protobuf model format (SnnModel.proto,
// specified in docs/snnpb-format.md). Export and import are generic over the
// snn dialect: a node is an op named by its mnemonic, with its attributes
// written by attribute kind.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_SNNPB_SNNPB_H
#define SNN_TRANSLATE_SNNPB_SNNPB_H

#include "dialects/snn/SNNOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace snn::model {
class ModelProto;
}

namespace mlir::snn {

/// The newest opset version of domain "snn" this build reads and writes.
constexpr int64_t kSnnpbOpsetVersion = 1;
/// The ModelProto.ir_version this build reads and writes.
constexpr int64_t kSnnpbIrVersion = 1;

/// Fills `model` from every snn.network of `module`.
LogicalResult exportSnnpb(ModuleOp module, ::snn::model::ModelProto &model);

/// Imports a model (binary or text protobuf) held in `bytes`; `source` names
/// it in diagnostics. Errors go to the context's diagnostic handler.
OwningOpRef<ModuleOp> importSnnpb(llvm::StringRef bytes, llvm::StringRef source,
                                  MLIRContext *context);

/// Reads and imports a .snnpb/.snnpbtxt file.
OwningOpRef<ModuleOp> importSnnpbFile(llvm::StringRef path,
                                      MLIRContext *context);

/// --export-snnpb, --export-snnpb-text and --import-snnpb.
void registerSnnpbTranslations();

} // namespace mlir::snn

#endif // SNN_TRANSLATE_SNNPB_SNNPB_H
