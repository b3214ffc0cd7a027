//===- Latency.cpp - Latency per inference of a core map's run ------------===//
#include "runtime/artifact/Latency.h"
#include "runtime/artifact/Connections.h"

#include <algorithm>
#include <cstdio>
#include <set>

using namespace snn;
using namespace snn::runtime;

namespace {
/// What one spike of a pre neuron causes: synaptic ops per core, and the
/// longest route it takes.
struct Fanout {
  std::vector<std::pair<int, double>> synOps; // (core, ops)
  int maxHops = 0;
};
} // namespace

LatencyEstimate
snn::runtime::estimateLatency(const artifact::CoreMap &map,
                              const std::map<std::string, Tensor> &spikes,
                              int64_t steps, int64_t batch) {
  LatencyEstimate e;
  const artifact::Report &r = map.report();
  steps = std::max<int64_t>(0, steps);
  batch = std::max<int64_t>(1, batch);
  if (r.step_ns() > 0) {
    e.known = e.fixedStep = true;
    e.seconds = e.computeSeconds = steps * r.step_ns() * 1e-9;
    e.slowestStepSeconds = r.step_ns() * 1e-9;
    return e;
  }
  if (r.syn_op_ns() <= 0 && r.neuron_update_ns() <= 0 && r.hop_ns() <= 0 &&
      r.step_sync_ns() <= 0)
    return e;
  e.known = true;

  const plan::Plan &plan = map.plan();
  std::vector<std::vector<int>> cores;
  std::string err;
  neuronCores(map, cores, err);
  std::map<std::pair<int, int>, int> hops;
  for (const auto &route : map.mesh().routes())
    hops[{static_cast<int>(route.from()), static_cast<int>(route.to())}] =
        route.hops();
  const int numCores = map.cores_size();

  // Per spiking node: the effect of one spike of each of its neurons.
  std::map<int, std::vector<Fanout>> fanouts;
  for (const Connection &c : neuronConnections(plan)) {
    if (!spikes.count(plan.nodes(c.pre).name()))
      continue;
    const std::vector<int> &pre = cores[c.pre], &post = cores[c.post];
    int64_t n = 1;
    for (int64_t d : plan.nodes(c.pre).shape())
      n *= d;
    std::vector<Fanout> &f = fanouts[c.pre];
    f.resize(n);
    std::vector<std::map<int, double>> ops(n);
    std::vector<std::set<int>> remote(n);
    forEachWeight(plan.nodes(c.projection), n, [&](int64_t o, int64_t i, int) {
      if (i >= n || o >= static_cast<int64_t>(post.size()))
        return;
      ops[i][post[o]] += 1;
      if (!pre.empty() && pre[i] != post[o])
        remote[i].insert(post[o]);
    });
    for (int64_t i = 0; i < n; ++i) {
      for (auto [core, count] : ops[i])
        f[i].synOps.push_back({core, count});
      for (int to : remote[i]) {
        auto h = hops.find({pre[i], to});
        f[i].maxHops = std::max(f[i].maxHops, h == hops.end() ? 1 : h->second);
      }
    }
  }

  std::vector<double> neurons(numCores, 0);
  for (int c = 0; c < numCores; ++c)
    neurons[c] = static_cast<double>(map.cores(c).neurons());
  bool anySynOp = false, anyHop = false;
  std::vector<double> synOps(numCores);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t t = 0; t < steps; ++t) {
      std::fill(synOps.begin(), synOps.end(), 0.0);
      int maxHops = 0;
      for (const auto &[node, f] : fanouts) {
        const Tensor &s = spikes.at(plan.nodes(node).name());
        const int64_t n = static_cast<int64_t>(f.size());
        const int64_t base = (b * steps + t) * n;
        if (base + n > s.numel())
          continue;
        for (int64_t i = 0; i < n; ++i) {
          float count = s.data[base + i];
          if (count == 0)
            continue;
          for (auto [core, ops] : f[i].synOps)
            if (core >= 0 && core < numCores)
              synOps[core] += ops * count;
          maxHops = std::max(maxHops, f[i].maxHops);
        }
      }
      double busiest = 0;
      for (int c = 0; c < numCores; ++c) {
        busiest = std::max(busiest, neurons[c] * r.neuron_update_ns() +
                                        synOps[c] * r.syn_op_ns());
        anySynOp |= synOps[c] > 0;
      }
      anyHop |= maxHops > 0;
      double route = maxHops * r.hop_ns();
      e.computeSeconds += busiest * 1e-9;
      e.routeSeconds += route * 1e-9;
      e.syncSeconds += r.step_sync_ns() * 1e-9;
      e.slowestStepSeconds = std::max(
          e.slowestStepSeconds, (busiest + route + r.step_sync_ns()) * 1e-9);
    }
  e.computeSeconds /= batch;
  e.routeSeconds /= batch;
  e.syncSeconds /= batch;
  e.seconds = e.computeSeconds + e.routeSeconds + e.syncSeconds;
  if (r.neuron_update_ns() <= 0)
    e.missing.push_back("neuron updates");
  if (anySynOp && r.syn_op_ns() <= 0)
    e.missing.push_back("synaptic ops");
  if (anyHop && r.hop_ns() <= 0)
    e.missing.push_back("hops");
  if (r.step_sync_ns() <= 0)
    e.missing.push_back("step barrier");
  return e;
}

std::string snn::runtime::latencyFigures(const artifact::Report &r) {
  char buffer[256];
  if (r.step_ns() > 0) {
    std::snprintf(buffer, sizeof buffer,
                  "%g ms per step, fixed real-time steps", r.step_ns() * 1e-6);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer,
                "%g ns per neuron update, %g ns per synaptic op, %g ns per "
                "hop, %g ns barrier per step",
                r.neuron_update_ns(), r.syn_op_ns(), r.hop_ns(),
                r.step_sync_ns());
  return buffer;
}
