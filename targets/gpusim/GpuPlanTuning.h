//===- GpuPlanTuning.h - The gpusim target's plan hints ----------*- C++
//-*-===//
//
// The gpusim artifact is the step plan itself, tuned for the CUDA engine:
// Plan.gpu records per node the propagation (dense gather or event-driven)
// and the synapse index width, and a batch group size. The hints are the
// engine's own automatic decisions (runtime/cuda/Placement.h) written down,
// so the artifact states how it will run and tools can inspect or override
// it; they never change results. Plain C++ (no MLIR), used by snnc and
// snn-run for --target=gpusim.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_TARGETS_GPUSIM_GPUPLANTUNING_H
#define SNN_TARGETS_GPUSIM_GPUPLANTUNING_H

#include "runtime/plan/Plan.pb.h"

#include <cstdint>
#include <string>

namespace snn::gpusim {

/// Device memory per launch group the batch hint aims at (state and
/// buffers; inputs and recordings come on top and depend on the run).
constexpr int64_t kGroupBudgetBytes = int64_t(1) << 30;

/// Fills plan.gpu for a validated plan. Returns false with `err` when the
/// plan is invalid.
bool tunePlanForGpu(plan::Plan &plan, std::string &err);

} // namespace snn::gpusim

#endif // SNN_TARGETS_GPUSIM_GPUPLANTUNING_H
