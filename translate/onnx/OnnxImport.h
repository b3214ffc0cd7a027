//===- OnnxImport.h - ONNX ANN graph to an snn.network -----------*- C++
//-*-===//
//
// Imports a trained ANN from ONNX as an `snn.network` marked `snn.ann`
// (dt = 1.0): Gemm/MatMul -> snn.affine/snn.linear, Conv -> snn.conv2d,
// Relu -> snn.relu, pools, Flatten/Reshape -> snn.flatten, with
// BatchNormalization and constant bias Adds folded into the layer before
// them and Dropout/Identity removed. The batch axis (axis 0 of every ONNX
// input) is not part of the network's signal types. docs/onnx-import.md has
// the operator list and the rules.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TRANSLATE_ONNX_ONNXIMPORT_H
#define SNN_TRANSLATE_ONNX_ONNXIMPORT_H

#include "dialects/snn/SNNOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace snn::onnx {
struct Model;
}

namespace mlir::snn {

/// Builds a module holding one ANN snn.network from a parsed ONNX model.
/// Unsupported operators or attributes are errors at the node's location
/// (naming the node, its op_type and what to try); returns null on error.
/// `fileName` goes into the locations.
OwningOpRef<ModuleOp> importOnnxModel(const ::snn::onnx::Model &model,
                                      llvm::StringRef fileName,
                                      MLIRContext *context);

/// Parses serialized ModelProto bytes and imports them; reader errors are
/// emitted as diagnostics naming `fileName`.
OwningOpRef<ModuleOp> importOnnxBytes(const std::string &bytes,
                                      llvm::StringRef fileName,
                                      MLIRContext *context);

/// Reads `path` and imports it.
OwningOpRef<ModuleOp> importOnnxFile(llvm::StringRef path,
                                     MLIRContext *context);

/// Registers --import-onnx with snn-translate.
void registerOnnxImportTranslation();

} // namespace mlir::snn

#endif // SNN_TRANSLATE_ONNX_ONNXIMPORT_H
