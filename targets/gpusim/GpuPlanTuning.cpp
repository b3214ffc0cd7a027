//===- GpuPlanTuning.cpp - The gpusim target's plan hints -----------------===//

#include "targets/gpusim/GpuPlanTuning.h"

#include "runtime/cuda/MemoryEstimate.h"
#include "runtime/cuda/Placement.h"

#include <algorithm>

using namespace snn;
using namespace snn::runtime;

bool snn::gpusim::tunePlanForGpu(plan::Plan &plan, std::string &err) {
  std::vector<NodeLayout> layouts;
  plan.clear_gpu();
  if (!validatePlan(plan, layouts, err))
    return false;
  plan::GpuHints *hints = plan.mutable_gpu();
  for (int i = 0; i < plan.nodes_size(); ++i) {
    cuda::NodePlacement p = cuda::autoPlacement(plan, layouts, i);
    plan::GpuNodeHint *h = hints->add_nodes();
    const plan::Node &node = plan.nodes(i);
    if (node.has_affine() || node.has_sparse()) {
      h->set_propagation(p.propagation == cuda::Propagation::Event
                             ? plan::GpuNodeHint::EVENT
                             : plan::GpuNodeHint::DENSE);
      h->set_weight_bits(p.weightBytes * 8);
    }
    if (node.has_sparse())
      h->set_index_bits(p.indexBytes * 8);
  }
  // Batch group: as many items as keep the per-item state and buffers (one
  // step's worth; no inputs or recordings) within the budget.
  std::vector<cuda::NodePlacement> placements;
  if (!cuda::placeNodes(plan, layouts, placements, err))
    return false;
  cuda::RunShape one;
  cuda::MemoryParts item =
      cuda::estimateCuda(plan, layouts, placements, one, 1);
  int64_t perItem = std::max<int64_t>(1, item.state + item.spikeBuffers);
  int64_t room = std::max<int64_t>(0, kGroupBudgetBytes - item.weights);
  hints->set_batch(static_cast<uint32_t>(
      std::clamp<int64_t>(room / perItem, 1, int64_t(1) << 20)));
  (*plan.mutable_metadata())["gpu_hints"] = "gpusim";
  return true;
}
