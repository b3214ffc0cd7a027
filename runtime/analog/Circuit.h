//===- Circuit.h - A neuron circuit's parameters from its codes --*- C++
//-*-===//
//
// What a neuron circuit actually does with a set of CapMem codes: the nominal
// transfer curves (BrainScaleS2Params.h) bent by the circuit's mismatch.
// Calibration searches codes against these; the emulator runs the result.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ANALOG_CIRCUIT_H
#define SNN_RUNTIME_ANALOG_CIRCUIT_H

#include "runtime/analog/Mismatch.h"
#include "runtime/artifact/BrainScaleS2.pb.h"

namespace snn::runtime::analog {

/// Hardware-unit parameters (us, CADC LSB, LSB/us per weight code).
struct CircuitParams {
  double tauMemUs = 0, tauSynExcUs = 0, tauSynInhUs = 0;
  double leak = 0, reset = 0, threshold = 0, refractoryUs = 0;
  double synGainExc = 0, synGainInh = 0;
};

/// The parameters circuit `m` realises with `codes` (refractory: digital,
/// `refractoryScale` is the chip's clock scale).
CircuitParams circuitParams(const artifact::bss2::Codes &codes,
                            const CircuitMismatch &m, uint32_t refractoryScale);

/// The same quantities as the artifact's targets.
CircuitParams targetParams(const artifact::bss2::Targets &t);

} // namespace snn::runtime::analog

#endif // SNN_RUNTIME_ANALOG_CIRCUIT_H
