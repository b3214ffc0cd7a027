//===- Geometry.h - Conv and pool geometry from a plan node ------*- C++
//-*-===//

#ifndef SNN_RUNTIME_ENGINE_GEOMETRY_H
#define SNN_RUNTIME_ENGINE_GEOMETRY_H

#include "runtime/engine/Kernels.h"
#include "runtime/plan/Plan.pb.h"

#include <string>

namespace snn::runtime {

/// Fills `g` from a conv node (defaults: stride 1, padding 0, dilation 1,
/// groups 1) and checks weight/bias sizes and the output shape. On failure
/// returns false with `problem` (without the node prefix).
bool resolveConvGeom(const plan::Node &node, ConvGeom &g, std::string &problem);

/// Fills `g` from a pool node (defaults: stride = kernel as in PyTorch,
/// padding 0) and checks the output shape.
bool resolvePoolGeom(const plan::Node &node, PoolGeom &g, std::string &problem);

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_GEOMETRY_H
