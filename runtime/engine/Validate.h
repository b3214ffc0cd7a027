//===- Validate.h - Step-plan validation -------------------------*- C++
//-*-===//
//
// A plan comes from a file, so the engine never trusts it: validatePlan checks
// every index, size and shape the kernels rely on and resolves the geometry
// they need. An invalid plan yields a message naming the node, never a crash.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_VALIDATE_H
#define SNN_RUNTIME_ENGINE_VALIDATE_H

#include "runtime/engine/Kernels.h"
#include "runtime/plan/Plan.pb.h"

#include <string>
#include <vector>

namespace snn::runtime {

/// The newest plan format_version this runtime understands.
constexpr uint32_t kPlanFormatVersion = 1;

/// What validation derives for one node.
struct NodeLayout {
  int64_t inNumel = 0;  ///< Element count of input_shape (0: no operands).
  int64_t outNumel = 0; ///< Element count of shape.
  ConvGeom conv;        ///< For conv nodes.
  PoolGeom pool;        ///< For pool nodes.
};

/// Checks `plan` completely and fills one NodeLayout per node. Returns false
/// with `err` such as "node 3 'fc1': weight has 10 values, expected 12 (4 x
/// 3)".
///
/// Defaults for unset fields: conv stride 1, padding 0, dilation 1, groups 1;
/// pool stride = kernel (as PyTorch), padding 0; neuron mem_bias and v_reset
/// 0. Element-wise ops (identity, scale, delay, threshold, neuron and the
/// fixed-point neurons) need shape and input_shape with equal element counts.
bool validatePlan(const plan::Plan &plan, std::vector<NodeLayout> &layouts,
                  std::string &err);

/// "node 3 'fc1'" as used in messages.
std::string describeNode(const plan::Plan &plan, int64_t index);

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_VALIDATE_H
