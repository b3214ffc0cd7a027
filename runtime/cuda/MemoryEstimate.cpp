//===- MemoryEstimate.cpp - Bytes a run needs, per component --------------===//
//
// Keep estimateCuda in step with CudaEngine.cu's allocations: the engine
// refuses to start when this estimate exceeds the free device memory.
//
//===----------------------------------------------------------------------===//

#include "runtime/cuda/MemoryEstimate.h"

#include "runtime/engine/FixedPoint.h"
#include "runtime/engine/FixedPointMath.h"
#include "runtime/engine/NeuronMath.h"

#include <algorithm>
#include <cstdio>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::cuda;

namespace {

constexpr int64_t kFloat = 4;

/// Parameter values of a neuron or fixed-point neuron node (4 bytes each).
int64_t neuronParamCount(const plan::Node &node) {
  if (node.has_neuron()) {
    const plan::NeuronOp &op = node.neuron();
    return op.syn_decay_size() + op.syn_gain_size() + op.mem_decay_size() +
           op.mem_gain_size() + op.mem_bias_size() + op.threshold_size() +
           op.v_reset_size() + op.adapt_decay_size() + op.adapt_gain_size();
  }
  if (node.has_loihi_neuron()) {
    const plan::LoihiNeuronOp &op = node.loihi_neuron();
    return op.du_size() + op.dv_size() + op.vth_mant_size() +
           op.bias_mant_size() + op.bias_exp_size() + op.weight_exp_size();
  }
  if (node.has_spinnaker_neuron()) {
    const plan::SpinnakerNeuronOp &op = node.spinnaker_neuron();
    return op.syn_decay_size() + op.mem_decay_size() + op.mem_gain_size() +
           op.mem_bias_size() + op.threshold_size() + op.v_reset_size() +
           op.input_shift_size();
  }
  if (node.has_speck_neuron())
    return node.speck_neuron().threshold_size();
  return 0;
}

int64_t delayDepth(const plan::Node &node) {
  const auto &s = node.delay().steps();
  return 1 + *std::max_element(s.begin(), s.end());
}

bool countsSpikes(const plan::Node &node) {
  return (node.has_neuron() && node.neuron().spiking()) ||
         node.has_threshold() || fixedPointSpikes(node);
}

/// Bytes of the plan's own parameters (what the CPU engine reads in place).
int64_t planWeightBytes(const plan::Node &node) {
  switch (node.op_case()) {
  case plan::Node::kAffine:
    return (node.affine().weight_size() + node.affine().bias_size()) * kFloat;
  case plan::Node::kConv:
    return (node.conv().weight_size() + node.conv().bias_size()) * kFloat;
  case plan::Node::kSparse:
    return (node.sparse().row_ptr_size() + node.sparse().col_size() +
            node.sparse().value_size()) *
           4;
  case plan::Node::kScale:
    return node.scale().scale_size() * kFloat;
  case plan::Node::kThreshold:
    return node.threshold().threshold_size() * kFloat;
  case plan::Node::kDelay:
    return node.delay().steps_size() * int64_t(sizeof(int64_t));
  default:
    return neuronParamCount(node) * 4;
  }
}

/// Bytes of the recordings and spike counters for `steps` steps.
int64_t recordingBytes(const plan::Plan &plan, const RunShape &run,
                       int64_t batch, int64_t steps) {
  int64_t bytes = 0;
  for (int64_t n : run.recordNumel)
    bytes += batch * steps * n * kFloat;
  for (const plan::Node &node : plan.nodes())
    if (countsSpikes(node))
      bytes += batch * int64_t(sizeof(double));
  return bytes;
}

int64_t inputBytes(const plan::Plan &plan,
                   const std::vector<NodeLayout> &layouts, int64_t batch,
                   int64_t length) {
  int64_t bytes = 0;
  for (uint32_t k : plan.inputs())
    bytes += batch * length * layouts[k].outNumel * kFloat;
  return bytes;
}

} // namespace

int64_t snn::runtime::cuda::recordChunk(const RunShape &run) {
  int64_t perStep = 0;
  for (int64_t n : run.recordNumel)
    perStep += run.batch * n * kFloat;
  int64_t chunk = std::min<int64_t>(run.steps, 1024);
  if (perStep > 0)
    chunk = std::min(chunk, (int64_t(64) << 20) / perStep);
  return std::max<int64_t>(std::min<int64_t>(run.steps, 1), chunk);
}

MemoryParts
snn::runtime::cuda::estimateCuda(const plan::Plan &plan,
                                 const std::vector<NodeLayout> &layouts,
                                 const std::vector<NodePlacement> &placements,
                                 const RunShape &run, int64_t batch) {
  MemoryParts m;
  int64_t scratch = 0;
  for (int i = 0; i < plan.nodes_size(); ++i) {
    const plan::Node &node = plan.nodes(i);
    const NodeLayout &l = layouts[i];
    const NodePlacement &p = placements[i];
    int64_t elems = batch * l.outNumel;
    m.spikeBuffers += elems * kFloat; // The node's output.
    if (node.operands_size() > 1)
      scratch = std::max(scratch, l.inNumel);
    bool event = p.propagation == Propagation::Event &&
                 (node.has_affine() || node.has_sparse());
    if (event) // Spike list: a count and up to inNumel indices per item.
      m.spikeBuffers += batch * (l.inNumel + 1) * 4;
    switch (node.op_case()) {
    case plan::Node::kSparse: {
      const plan::SparseOp &sp = node.sparse();
      int64_t ptrs = event ? l.inNumel + 1 : l.outNumel + 1;
      m.weights += ptrs * 4 + sp.col_size() * p.indexBytes +
                   sp.value_size() * p.weightBytes;
      break;
    }
    case plan::Node::kAffine:
      m.weights += node.affine().weight_size() * p.weightBytes +
                   node.affine().bias_size() * kFloat;
      break;
    case plan::Node::kDelay:
      m.weights += node.delay().steps_size() * int64_t(sizeof(int64_t));
      m.state += delayDepth(node) * elems * kFloat;
      break;
    case plan::Node::kNeuron:
      m.weights += neuronParamCount(node) * 4;
      m.state += elems * int64_t(sizeof(NeuronState));
      break;
    case plan::Node::kLoihiNeuron:
    case plan::Node::kSpinnakerNeuron:
    case plan::Node::kSpeckNeuron:
      m.weights += neuronParamCount(node) * 4;
      m.state += elems * int64_t(sizeof(FixedState));
      break;
    default:
      m.weights += planWeightBytes(node);
      break;
    }
  }
  // Snapshots of nodes read with previous_step after they were overwritten.
  std::vector<bool> snap(plan.nodes_size(), false);
  for (int i = 0; i < plan.nodes_size(); ++i)
    for (const plan::Operand &o : plan.nodes(i).operands())
      if (o.previous_step() && o.node() <= static_cast<uint32_t>(i))
        snap[o.node()] = true;
  for (int i = 0; i < plan.nodes_size(); ++i)
    if (snap[i])
      m.state += batch * layouts[i].outNumel * kFloat;
  m.state += 3 * 8; // The step counter and the error report.
  m.spikeBuffers += batch * scratch * kFloat;
  RunShape group = run;
  group.batch = batch;
  m.recordings = recordingBytes(plan, run, batch, recordChunk(group));
  m.inputs = inputBytes(plan, layouts, batch, run.length);
  return m;
}

MemoryParts
snn::runtime::cuda::estimateHost(const plan::Plan &plan,
                                 const std::vector<NodeLayout> &layouts,
                                 const RunShape &run, int64_t workers) {
  MemoryParts m;
  int64_t maxIn = 0;
  std::vector<bool> snap(plan.nodes_size(), false);
  for (int i = 0; i < plan.nodes_size(); ++i) {
    const plan::Node &node = plan.nodes(i);
    const NodeLayout &l = layouts[i];
    m.weights += planWeightBytes(node);
    maxIn = std::max(maxIn, l.inNumel);
    m.spikeBuffers += workers * l.outNumel * kFloat;
    if (node.has_neuron())
      m.state += workers * l.outNumel * int64_t(sizeof(NeuronState));
    if (isFixedPointNeuron(node))
      m.state += workers * l.outNumel * int64_t(sizeof(FixedState));
    if (node.has_delay())
      m.state += workers * (delayDepth(node) * l.outNumel * kFloat +
                            node.delay().steps_size() * 8);
    for (const plan::Operand &o : node.operands())
      if (o.previous_step() && o.node() <= static_cast<uint32_t>(i))
        snap[o.node()] = true;
  }
  for (int i = 0; i < plan.nodes_size(); ++i)
    if (snap[i])
      m.state += workers * layouts[i].outNumel * kFloat;
  m.spikeBuffers += workers * maxIn * kFloat;
  m.recordings = recordingBytes(plan, run, run.batch, run.steps);
  m.inputs = inputBytes(plan, layouts, run.batch, run.length);
  return m;
}

bool snn::runtime::cuda::recordSizes(const plan::Plan &plan,
                                     const std::vector<NodeLayout> &layouts,
                                     const std::vector<std::string> &record,
                                     std::vector<int64_t> &numel,
                                     std::string &err) {
  auto find = [&](const std::string &name) -> int64_t {
    for (int i = 0; i < plan.nodes_size(); ++i)
      if (plan.nodes(i).name() == name)
        return i;
    return -1;
  };
  numel.clear();
  for (const std::string &name : record) {
    int64_t node = find(name);
    if (node < 0 && name.size() > 2 && name[name.size() - 2] == ':') {
      node = find(name.substr(0, name.size() - 2));
      if (node >= 0 && !plan.nodes(node).has_neuron() &&
          !isFixedPointNeuron(plan.nodes(node)))
        node = -1;
    }
    if (node < 0) {
      err = "cannot record '" + name + "': no such node or neuron state";
      return false;
    }
    numel.push_back(layouts[node].outNumel);
  }
  for (const plan::Output &o : plan.outputs())
    numel.push_back(layouts[o.node()].outNumel);
  return true;
}

std::string snn::runtime::cuda::formatBytes(int64_t bytes) {
  const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 4)
    v /= 1024.0, ++u;
  char buf[64];
  if (u == 0)
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  else
    std::snprintf(buf, sizeof buf, "%.1f %s (%lld bytes)", v, units[u],
                  static_cast<long long>(bytes));
  return buf;
}
