//===- ShapeText.h - Shapes in importer diagnostics ----------------*- C++
//-*-===//
//
// One spelling of a shape in every importer's messages: Python's tuple
// notation, as NIR and ONNX users see shapes, with "?" for a dynamic size.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_TRANSLATE_SHAPETEXT_H
#define SNN_TRANSLATE_SHAPETEXT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"

#include <cstdint>
#include <string>

namespace mlir::snn {

/// "(2, 3)", "(4,)", "()"; a negative (dynamic) size prints as "?".
inline std::string shapeText(llvm::ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (auto [i, d] : llvm::enumerate(shape))
    text += (i ? ", " : "") + (d < 0 ? std::string("?") : std::to_string(d));
  return text + (shape.size() == 1 ? ",)" : ")");
}

} // namespace mlir::snn

#endif // SNN_TRANSLATE_SHAPETEXT_H
