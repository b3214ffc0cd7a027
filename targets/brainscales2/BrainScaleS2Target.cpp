//===- BrainScaleS2Target.cpp - BrainScaleS-like analog target
//-------------===//
//
// The chip's resources and neuron facts. The analog flow
// (--snn-lower-brainscales) reads its ranges and curves from
// runtime/artifact/BrainScaleS2Params.h. Sources:
// targets/brainscales2/README.md.
//
//===----------------------------------------------------------------------===//
#include "targets/common/TargetDescription.h"
#include "targets/common/Targets.h"

void mlir::snn::registerBrainScaleS2Target() {
  TargetDescription bss2;
  bss2.name = "brainscales2";
  bss2.summary = "BrainScaleS-2 style: analog LIF, 6-bit weight magnitude on "
                 "excitatory/inhibitory rows";
  bss2.arithmetic = Arithmetic::Analog;
  bss2.weightBits = 7; // 6-bit magnitude plus the row's sign.
  bss2.perChannelWeights = false;
  bss2.resetSubtract = false; // Analog reset to a voltage only.
  bss2.multiSpike = false;    // One spike per threshold crossing.
  bss2.maxDelaySteps = 0;     // No programmable synaptic delays.
  bss2.cores = 1;
  bss2.neuronsPerCore = 512;
  bss2.axonsInPerCore = 256; // Synapse rows per neuron.
  registerTarget(bss2);
}
