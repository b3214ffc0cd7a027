//===- LoihiTarget.cpp - Loihi-style targets: loihi, loihi2
//----------------===//
//
// Numbers and their sources: targets/loihi/README.md.
//
//===----------------------------------------------------------------------===//
#include "targets/common/TargetDescription.h"
#include "targets/common/Targets.h"

void mlir::snn::registerLoihiTargets() {
  TargetDescription loihi;
  loihi.name = "loihi";
  loihi.summary = "Intel Loihi 1 style: CUBA LIF in Lava's bit-accurate "
                  "fixed point";
  loihi.arithmetic = Arithmetic::Loihi;
  loihi.weightBits = 8; // 8-bit field, mixed sign mode (one bit for sign).
  // Synapses into different compartments may use different synapse configs,
  // so the weight exponent can differ per post-synaptic neuron.
  loihi.perChannelWeights = true;
  loihi.weightExpMin = -8;
  loihi.weightExpMax = 7;
  loihi.decayBits = 12;
  loihi.stateBits = 24;
  loihi.thresholdBits = 17;
  loihi.thresholdShift = 6;
  loihi.biasMantBits = 13;
  loihi.biasExpBits = 3;
  loihi.synapticDelaySteps = 1;
  loihi.hasLeak = true;
  loihi.hasSynapticCurrent = true;
  loihi.allowsRecurrence = true;
  loihi.resetToValue = true; // To zero only.
  loihi.resetSubtract = false;
  loihi.cores = 128;
  loihi.neuronsPerCore = 1024;
  loihi.axonsInPerCore = 4096;
  loihi.axonsOutPerCore = 4096;
  loihi.synapseBytesPerCore = 128 * 1024;
  loihi.synOpPJ = 23.6;
  loihi.neuronUpdatePJ = 81;
  loihi.spikePJ = 1.7;
  loihi.hopPJ = 3.5; // Mean of 3.0 (east-west) and 4.0 (north-south).
  // Board: a Nahuku board holds 32 chips; their arrangement as 8 x 4 is
  // [unconfirmed]. A chip-to-chip hop is charged as 8 on-chip hops in
  // placement (an assumption: no published figure found).
  loihi.chipsPerBoard = 32;
  loihi.boardChipsX = 8;
  loihi.chipHopWeight = 8;
  // Times per event (Davies et al. 2018, table 2 [unconfirmed]: 3.5 ns per
  // synaptic op, 8.4 ns per active neuron update, 4.1 / 6.5 ns per east-west
  // / north-south hop (mean 5.3), barrier sync 113-465 ns (upper bound)).
  loihi.synOpNs = 3.5;
  loihi.neuronUpdateNs = 8.4;
  loihi.hopNs = 5.3;
  loihi.stepSyncNs = 465;
  loihi.figuresSource =
      "Davies et al. 2018, IEEE Micro 38(1), table 2 (energy via "
      "TARGETS.md; times [unconfirmed]); see targets/loihi/README.md";
  registerTarget(loihi);

  TargetDescription loihi2 = loihi;
  loihi2.name = "loihi2";
  loihi2.summary = "Intel Loihi 2 style: Loihi arithmetic, 6-bit axon "
                   "delays, larger cores";
  loihi2.maxDelaySteps = 63;
  loihi2.neuronsPerCore = 8192; // [unconfirmed] default.
  loihi2.chipsPerBoard = 8;     // Kapoho Point [secondary].
  loihi2.boardChipsX = 4;       // [unconfirmed] arrangement.
  registerTarget(loihi2);
}
