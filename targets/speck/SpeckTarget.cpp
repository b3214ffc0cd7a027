//===- SpeckTarget.cpp - Speck-style target
//--------------------------------===//
//
// Numbers and their sources: targets/speck/README.md.
//
//===----------------------------------------------------------------------===//
#include "targets/common/TargetDescription.h"
#include "targets/common/Targets.h"

void mlir::snn::registerSpeckTarget() {
  TargetDescription speck;
  speck.name = "speck";
  speck.summary = "SynSense Speck style: integrate-and-fire, 8-bit weights, "
                  "16-bit state, one scale per layer";
  speck.arithmetic = Arithmetic::Speck;
  speck.weightBits = 8;
  speck.perChannelWeights = false;
  speck.stateBits = 16;
  speck.thresholdBits = 15; // Positive part of the 16-bit state.
  speck.hasLeak = false;
  speck.hasSynapticCurrent = false;
  speck.allowsRecurrence = false;
  speck.resetToValue = false;
  speck.resetSubtract = true;
  speck.multiSpike = true;
  speck.cores = 9;
  registerTarget(speck);
}
