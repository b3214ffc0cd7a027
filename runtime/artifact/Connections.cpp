//===- Connections.cpp - Who feeds whom in a core map's plan
//---------------===//
#include "runtime/artifact/Connections.h"

using namespace snn;
using namespace snn::runtime;

std::vector<Connection>
snn::runtime::neuronConnections(const plan::Plan &plan) {
  const int nodes = plan.nodes_size();
  auto isNeuron = [&](int i) {
    const plan::Node &n = plan.nodes(i);
    return n.has_neuron() || n.has_loihi_neuron() || n.has_spinnaker_neuron() ||
           n.has_speck_neuron();
  };
  auto passThrough = [&](int i) {
    const plan::Node &n = plan.nodes(i);
    return (n.has_delay() || n.has_identity()) && n.operands_size() >= 1;
  };
  std::vector<std::vector<int>> users(nodes);
  for (int i = 0; i < nodes; ++i)
    for (const plan::Operand &o : plan.nodes(i).operands())
      if (static_cast<int>(o.node()) < nodes)
        users[o.node()].push_back(i);
  std::vector<Connection> out;
  for (int a = 0; a < nodes; ++a) {
    const plan::Node &node = plan.nodes(a);
    if (!(node.has_affine() || node.has_sparse() || node.has_scale()) ||
        node.operands_size() != 1)
      continue;
    int pre = node.operands(0).node();
    while (pre < nodes && !isNeuron(pre) && passThrough(pre) &&
           plan.nodes(pre).operands_size() == 1)
      pre = plan.nodes(pre).operands(0).node();
    if (pre >= nodes || !isNeuron(pre))
      continue;
    std::vector<int> frontier = users[a];
    for (int guard = 0; !frontier.empty() && guard < 100000; ++guard) {
      int u = frontier.back();
      frontier.pop_back();
      if (isNeuron(u))
        out.push_back({a, pre, u});
      else if (passThrough(u))
        frontier.insert(frontier.end(), users[u].begin(), users[u].end());
    }
  }
  return out;
}

bool snn::runtime::neuronCores(const artifact::CoreMap &map,
                               std::vector<std::vector<int>> &cores,
                               std::string &err) {
  const plan::Plan &plan = map.plan();
  cores.assign(plan.nodes_size(), {});
  for (int c = 0; c < map.cores_size(); ++c)
    for (const artifact::Slice &slice : map.cores(c).slices()) {
      if (slice.node() >= static_cast<uint32_t>(plan.nodes_size())) {
        err = "core " + std::to_string(c) + " names node " +
              std::to_string(slice.node()) + " but the plan has " +
              std::to_string(plan.nodes_size()) + " nodes";
        return false;
      }
      int64_t size = 1;
      for (int64_t d : plan.nodes(slice.node()).shape())
        size *= d;
      if (slice.begin() < 0 || slice.end() > size ||
          slice.begin() >= slice.end()) {
        err = "core " + std::to_string(c) + ": slice [" +
              std::to_string(slice.begin()) + ", " +
              std::to_string(slice.end()) + ") is outside node '" +
              plan.nodes(slice.node()).name() + "' of " + std::to_string(size) +
              " neurons";
        return false;
      }
      std::vector<int> &nc = cores[slice.node()];
      nc.resize(size, -1);
      for (int64_t i = slice.begin(); i < slice.end(); ++i)
        nc[i] = c;
    }
  return true;
}
