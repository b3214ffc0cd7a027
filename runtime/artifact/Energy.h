//===- Energy.h - Energy of a core map's emulation run -----------*- C++
//-*-===//
#ifndef SNN_RUNTIME_ARTIFACT_ENERGY_H
#define SNN_RUNTIME_ARTIFACT_ENERGY_H

#include "runtime/artifact/CoreMap.pb.h"
#include "runtime/engine/Tensor.h"

#include <map>
#include <string>

namespace snn::runtime {

/// Events of a run and the energy the target's figures give them.
struct EnergyEstimate {
  double neuronUpdates = 0, synapticOps = 0, packets = 0, hops = 0;
  double joules = 0;
  /// Event kinds whose figure the target does not publish (left out).
  std::vector<std::string> missing;
};

/// Counts the events of a run of `map` from per-neuron spikes: every neuron
/// updates every step; each spike of neuron i costs one synaptic op per
/// non-zero outgoing weight, one packet per remote core among its targets
/// and, on a mesh, that route's hops. `spikes` maps spiking node names to
/// their recordings (B, T, ...).
EnergyEstimate estimateEnergy(const artifact::CoreMap &map,
                              const std::map<std::string, Tensor> &spikes,
                              int64_t steps, int64_t batch);

} // namespace snn::runtime

#endif // SNN_RUNTIME_ARTIFACT_ENERGY_H
