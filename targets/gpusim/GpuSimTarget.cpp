//===- GpuSimTarget.cpp - The GPU simulator target
//-------------------------===//
//
// Float semantics: quantization leaves the network as it is.
//
//===----------------------------------------------------------------------===//
#include "targets/common/TargetDescription.h"
#include "targets/common/Targets.h"

void mlir::snn::registerGpuSimTarget() {
  TargetDescription gpusim;
  gpusim.name = "gpusim";
  gpusim.summary = "GPU simulator: float32 reference semantics";
  gpusim.arithmetic = Arithmetic::Float;
  gpusim.multiSpike = true;
  registerTarget(gpusim);
}
