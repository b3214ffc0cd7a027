//===- Targets.h - One registration call per target folder -------*- C++
//-*-===//
#ifndef SNN_TARGETS_COMMON_TARGETS_H
#define SNN_TARGETS_COMMON_TARGETS_H

namespace mlir::snn {
void registerLoihiTargets();
void registerSpinnakerTargets();
void registerSpeckTarget();
void registerBrainScaleS2Target();
void registerGpuSimTarget();
} // namespace mlir::snn

#endif // SNN_TARGETS_COMMON_TARGETS_H
