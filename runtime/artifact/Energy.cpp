//===- Energy.cpp - Energy of a core map's emulation run
//-------------------===//
#include "runtime/artifact/Energy.h"
#include "runtime/artifact/Connections.h"

#include <set>

using namespace snn;
using namespace snn::runtime;

EnergyEstimate
snn::runtime::estimateEnergy(const artifact::CoreMap &map,
                             const std::map<std::string, Tensor> &spikes,
                             int64_t steps, int64_t batch) {
  EnergyEstimate e;
  const plan::Plan &plan = map.plan();
  std::vector<std::vector<int>> cores;
  std::string err;
  neuronCores(map, cores, err);
  std::map<std::pair<int, int>, int> hops;
  for (const auto &r : map.mesh().routes())
    hops[{static_cast<int>(r.from()), static_cast<int>(r.to())}] = r.hops();
  // Spikes per neuron of each recorded node, summed over batch and time.
  auto countsOf = [&](int node) {
    std::vector<double> counts;
    auto it = spikes.find(plan.nodes(node).name());
    if (it == spikes.end())
      return counts;
    const Tensor &t = it->second;
    int64_t n = t.numel() / std::max<int64_t>(1, batch * steps);
    counts.assign(n, 0.0);
    for (int64_t k = 0; k < t.numel(); ++k)
      counts[k % n] += t.data[k];
    return counts;
  };
  for (int i = 0; i < plan.nodes_size(); ++i) {
    const plan::Node &n = plan.nodes(i);
    if (n.has_neuron() || n.has_loihi_neuron() || n.has_spinnaker_neuron() ||
        n.has_speck_neuron()) {
      int64_t size = 1;
      for (int64_t d : n.shape())
        size *= d;
      e.neuronUpdates += static_cast<double>(size) * steps * batch;
    }
  }
  for (const Connection &c : neuronConnections(plan)) {
    std::vector<double> counts = countsOf(c.pre);
    if (counts.empty())
      continue;
    const std::vector<int> &pre = cores[c.pre], &post = cores[c.post];
    std::vector<std::set<int>> remote(counts.size());
    forEachWeight(plan.nodes(c.projection), counts.size(),
                  [&](int64_t o, int64_t i, int) {
                    if (i >= static_cast<int64_t>(counts.size()))
                      return;
                    e.synapticOps += counts[i];
                    if (!pre.empty() && !post.empty() &&
                        o < static_cast<int64_t>(post.size()) &&
                        pre[i] != post[o])
                      remote[i].insert(post[o]);
                  });
    for (size_t i = 0; i < counts.size(); ++i)
      for (int to : remote[i]) {
        e.packets += counts[i];
        auto h = hops.find({pre[i], to});
        e.hops += counts[i] * (h == hops.end() ? 1 : h->second);
      }
  }
  const artifact::Report &r = map.report();
  auto add = [&](double events, double pj, const char *what) {
    if (events > 0 && pj <= 0)
      e.missing.push_back(what);
    e.joules += events * pj * 1e-12;
  };
  add(e.neuronUpdates, r.neuron_update_pj(), "neuron updates");
  add(e.synapticOps, r.syn_op_pj(), "synaptic ops");
  add(e.packets, r.spike_pj(), "spike packets");
  add(e.hops, r.hop_pj(), "hops");
  return e;
}
