//===- Bss2TestUtil.h - Hand-built BrainScaleS-2 parameter sets -*- C++ -*-===//
//
// Builds small, valid parameter-set artifacts the way the compiler would:
// targets in hardware units and the nominal codes from BrainScaleS2Params.h.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TEST_RUNTIME_BSS2TESTUTIL_H
#define SNN_TEST_RUNTIME_BSS2TESTUTIL_H

#include "runtime/artifact/BrainScaleS2.pb.h"

#include <string>
#include <vector>

namespace snn::runtime::test {

struct Bss2Neuron {
  double tauMemUs = 10, tauSynExcUs = 5, tauSynInhUs = 5;
  double leak = 80, reset = 70, threshold = 125, refractoryUs = 2;
  double synGainExc = 5, synGainInh = 5; // CADC LSB/us per weight code
};

/// One population `name` of `n` identical neurons on partition 0 (circuits
/// 0..n-1), one network input "in" of `inputs` channels, the population as
/// output "out"; model dt 1e-4 s, acceleration 1000, model v = (V - leak) /
/// (threshold - leak), one model weight per code.
artifact::bss2::ParameterSet makeBss2(int n, int inputs,
                                      const Bss2Neuron &neuron = {},
                                      const std::string &name = "lif");

/// Appends a row driven by input channel `channel` with `weights` (one per
/// circuit of partition 0).
void addInputRow(artifact::bss2::ParameterSet &set, uint32_t channel,
                 bool excitatory, const std::vector<uint32_t> &weights);

} // namespace snn::runtime::test

#endif // SNN_TEST_RUNTIME_BSS2TESTUTIL_H
