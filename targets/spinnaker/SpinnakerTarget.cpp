//===- SpinnakerTarget.cpp - SpiNNaker-style targets
//-----------------------===//
//
// Numbers and their sources: targets/spinnaker/README.md.
//
//===----------------------------------------------------------------------===//
#include "targets/common/TargetDescription.h"
#include "targets/common/Targets.h"

void mlir::snn::registerSpinnakerTargets() {
  TargetDescription spinnaker;
  spinnaker.name = "spinnaker";
  spinnaker.summary = "SpiNNaker 1 style: s16.15 fixed point, 16-bit weights "
                      "with a left shift";
  spinnaker.arithmetic = Arithmetic::Spinnaker;
  spinnaker.weightBits = 16;
  spinnaker.perChannelWeights = false; // One shift per synapse type.
  spinnaker.weightExpMin = 0;          // The left shift.
  spinnaker.weightExpMax = 31;
  spinnaker.stateBits = 32;
  spinnaker.thresholdBits = 32;
  spinnaker.fractionalBits = 15;
  spinnaker.synapticDelaySteps = 1; // Ring buffer: 1..16 ticks.
  spinnaker.maxDelaySteps = 16;
  spinnaker.cores = 17; // 18 cores, one monitor.
  spinnaker.neuronsPerCore = 256;
  // 25 pJ per router bit, 40-bit packets (SpiNNFrontEndCommon energy model);
  // cores are costed per second (0.034 W active), not per event.
  spinnaker.hopPJ = 25.0 * 40;
  spinnaker.synapseBytesPerCore = 64 * 1024; // DTCM.
  // A SpiNN-5 board: 48 chips on the triangular mesh (six links, NE/SW
  // diagonal), wrapping round as a torus. Cores of one chip share its
  // router, so only chip-to-chip hops count.
  spinnaker.chipsPerBoard = 48;
  spinnaker.chipTorus = true;
  spinnaker.chipDiagonal = true;
  // Real-time steps: 1 ms per step (sPyNNaker's default timestep,
  // time_scale_factor 1), whatever the load.
  spinnaker.stepNs = 1e6;
  spinnaker.figuresSource =
      "SpiNNFrontEndCommon energy_report.py (25 pJ per router bit); "
      "sPyNNaker's default 1 ms timestep; see targets/spinnaker/README.md";
  registerTarget(spinnaker);

  TargetDescription spinnaker2 = spinnaker;
  spinnaker2.name = "spinnaker2";
  spinnaker2.summary = "SpiNNaker 2 style: SpiNNaker arithmetic, 152 "
                       "processing elements per chip";
  spinnaker2.cores = 152;
  spinnaker2.chipsPerBoard = 48; // [unconfirmed] 48-chip board.
  registerTarget(spinnaker2);
}
