//===- RegisterAll.cpp - Every shipped target
//------------------------------===//
//
// Adding a target: a folder with its description and README, and one line
// here.
//
//===----------------------------------------------------------------------===//
#include "targets/common/TargetDescription.h"
#include "targets/common/Targets.h"

#include <mutex>

void mlir::snn::registerAllTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerLoihiTargets();
    registerSpinnakerTargets();
    registerSpeckTarget();
    registerBrainScaleS2Target();
    registerGpuSimTarget();
  });
}
