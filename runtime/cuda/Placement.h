//===- Placement.h - How the CUDA engine stores each plan node ---*- C++
//-*-===//
//
// Host-only decisions of the CUDA engine, kept out of the .cu file so that
// builds without nvcc (snn-run --dry-run, the gpusim target, unit tests) make
// the very same decisions: per node, dense gather or event-driven propagation
// and the width of stored synapse indices. The decisions change memory use and
// speed, never results (runtime/cuda/CudaEngine.cu explains why).
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_CUDA_PLACEMENT_H
#define SNN_RUNTIME_CUDA_PLACEMENT_H

#include "runtime/engine/Validate.h"

#include <string>
#include <vector>

namespace snn::runtime::cuda {

enum class Propagation {
  Dense, ///< One thread per output reads every input.
  Event, ///< Non-zero inputs are listed first; only their rows are read.
};

struct NodePlacement {
  Propagation propagation = Propagation::Dense;
  /// Bytes per stored synapse index of a sparse node (2 or 4).
  int indexBytes = 4;
  /// Bytes per stored weight of an affine or sparse node (1, 2 or 4): 1 or
  /// 2 when every weight is an integer of that signed width.
  int weightBytes = 4;
};

/// The fewest bytes (1, 2 or 4) that store every weight of affine or sparse
/// node `i` exactly as a signed integer converted back to float; 4 for
/// other nodes and for weights that are not small integers.
int narrowestWeightBytes(const plan::Plan &plan, int64_t i);

/// True when node `i`'s synapses may be propagated event-driven with the
/// CPU engine's summation order: an affine node, or a sparse node whose CSR
/// rows hold ascending, unique columns; every weight finite (0 * inf would
/// be NaN on the CPU and skipped on the GPU).
bool eventEligible(const plan::Plan &plan, int64_t i);

/// What the engine does without hints: event-driven when the node is
/// eligible and every operand emits spikes (a spiking neuron or threshold
/// node), so most inputs are zero; 16-bit indices whenever they fit.
NodePlacement autoPlacement(const plan::Plan &plan,
                            const std::vector<NodeLayout> &layouts, int64_t i);

/// The placement of every node: the plan's gpu hints where set (checked:
/// EVENT on an ineligible node or 16-bit indices that do not fit are errors
/// naming the node), else autoPlacement. `plan` must be validated.
bool placeNodes(const plan::Plan &plan, const std::vector<NodeLayout> &layouts,
                std::vector<NodePlacement> &placements, std::string &err);

} // namespace snn::runtime::cuda

#endif // SNN_RUNTIME_CUDA_PLACEMENT_H
