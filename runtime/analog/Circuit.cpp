//===- Circuit.cpp - A neuron circuit's parameters from its codes ---------===//
#include "runtime/analog/Circuit.h"
#include "runtime/artifact/BrainScaleS2Params.h"

using namespace snn;
using namespace snn::runtime::analog;

CircuitParams
snn::runtime::analog::circuitParams(const artifact::bss2::Codes &codes,
                                    const CircuitMismatch &m,
                                    uint32_t refractoryScale) {
  CircuitParams p;
  p.tauMemUs = bss2::tauMemUs(codes.tau_mem()) * m.tauMem;
  p.tauSynExcUs = bss2::tauSynUs(codes.tau_syn_exc()) * m.tauSynExc;
  p.tauSynInhUs = bss2::tauSynUs(codes.tau_syn_inh()) * m.tauSynInh;
  p.leak = bss2::potentialLsb(codes.leak()) * m.leakGain + m.leakOffset;
  p.reset = bss2::potentialLsb(codes.reset()) * m.resetGain + m.resetOffset;
  p.threshold = bss2::potentialLsb(codes.threshold()) * m.thresholdGain +
                m.thresholdOffset;
  p.refractoryUs =
      bss2::refractoryUs(codes.refractory_counter(), refractoryScale);
  p.synGainExc = bss2::synGain(codes.syn_gain_exc()) * m.synGainExc;
  p.synGainInh = bss2::synGain(codes.syn_gain_inh()) * m.synGainInh;
  return p;
}

CircuitParams
snn::runtime::analog::targetParams(const artifact::bss2::Targets &t) {
  CircuitParams p;
  p.tauMemUs = t.tau_mem_us();
  p.tauSynExcUs = t.tau_syn_exc_us();
  p.tauSynInhUs = t.tau_syn_inh_us();
  p.leak = t.leak_lsb();
  p.reset = t.reset_lsb();
  p.threshold = t.threshold_lsb();
  p.refractoryUs = t.refractory_us();
  p.synGainExc = t.syn_gain_exc();
  p.synGainInh = t.syn_gain_inh();
  return p;
}
