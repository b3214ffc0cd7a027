//===- Latency.h - Latency per inference of a core map's run -----*- C++
//-*-===//
//
// Time a run of a core map would take on the target, from the target's
// published times per event (carried in the artifact's report). Cores work
// in parallel and meet at a barrier each step, so a step lasts as long as
// its busiest core's neuron updates and synaptic ops, plus the longest
// route a spike took that step, plus the barrier; an inference is the sum
// over its steps. A chip with fixed real-time steps (SpiNNaker) takes
// steps x step time whatever the load.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_RUNTIME_ARTIFACT_LATENCY_H
#define SNN_RUNTIME_ARTIFACT_LATENCY_H

#include "runtime/artifact/CoreMap.pb.h"
#include "runtime/engine/Tensor.h"

#include <map>
#include <string>
#include <vector>

namespace snn::runtime {

struct LatencyEstimate {
  /// False when the target publishes no time figures (nothing is estimated).
  bool known = false;
  /// True when the target runs fixed real-time steps (step_ns).
  bool fixedStep = false;
  /// Per inference (one batch item, all steps), averaged over the batch.
  double seconds = 0;
  /// Its parts: busiest cores' compute, longest routes, barriers.
  double computeSeconds = 0, routeSeconds = 0, syncSeconds = 0;
  /// The slowest step's time, over batch items and steps.
  double slowestStepSeconds = 0;
  /// Event kinds that occurred but whose time the target does not publish.
  std::vector<std::string> missing;
};

/// Estimates the latency of a run of `map` from per-neuron spikes (B, T,
/// ...) of the spiking nodes: per step, every neuron of a core updates, and
/// each spike of pre neuron i costs one synaptic op at the core of every post
/// neuron it has a non-zero weight to, and travels the route to each remote
/// core (hops from the mesh routes; one hop where the artifact gives none).
LatencyEstimate estimateLatency(const artifact::CoreMap &map,
                                const std::map<std::string, Tensor> &spikes,
                                int64_t steps, int64_t batch);

/// One line naming the figures used and their source, for reports.
std::string latencyFigures(const artifact::Report &report);

} // namespace snn::runtime

#endif // SNN_RUNTIME_ARTIFACT_LATENCY_H
