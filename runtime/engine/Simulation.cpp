//===- Simulation.cpp - One batch item's state and step -------------------===//

#include "runtime/engine/Simulation.h"

#include <algorithm>
#include <stdexcept>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::detail;

void snn::runtime::detail::describeNeuron(const plan::NeuronOp &op,
                                          NeuronConfig &c,
                                          NeuronParamArrays &p) {
  c.hasSynapse = op.has_synapse();
  c.spiking = op.spiking();
  c.multiSpike = op.multi_spike();
  c.hasVMin = op.has_v_min();
  c.adaptive = op.adaptive();
  c.reset = static_cast<NeuronReset>(op.reset());
  c.vMin = op.v_min();
  using F = NeuronParamArrays;
  auto set = [&](F::Field f, const google::protobuf::RepeatedField<float> &v) {
    p.values[f] = v.data();
    p.counts[f] = v.size();
  };
  set(F::SynDecay, op.syn_decay());
  set(F::SynGain, op.syn_gain());
  set(F::MemDecay, op.mem_decay());
  set(F::MemGain, op.mem_gain());
  set(F::MemBias, op.mem_bias());
  set(F::Threshold, op.threshold());
  set(F::VReset, op.v_reset());
  set(F::AdaptDecay, op.adapt_decay());
  set(F::AdaptGain, op.adapt_gain());
}

PreparedPlan snn::runtime::detail::preparePlan(const plan::Plan &plan) {
  PreparedPlan p;
  p.nodes.resize(plan.nodes_size());
  for (int i = 0; i < plan.nodes_size(); ++i) {
    const plan::Node &node = plan.nodes(i);
    PreparedNode &pn = p.nodes[i];
    for (const plan::Operand &o : node.operands()) {
      // A previous-step read of a node at or before this one happens after
      // that node was overwritten this step, so it needs the snapshot. Later
      // nodes still hold last step's value and are read in place.
      bool snap = o.previous_step() && o.node() <= static_cast<uint32_t>(i);
      pn.operands.push_back({o.node(), snap});
      if (snap)
        p.nodes[o.node()].snapshot = true;
    }
    if (node.has_neuron()) {
      describeNeuron(node.neuron(), pn.neuronConfig, pn.neuronParams);
      pn.countsSpikes = node.neuron().spiking();
    }
    if (isFixedPointNeuron(node)) {
      pn.fixedPoint = true;
      describeFixedPoint(node, pn.fixedConfig, pn.fixedParams);
      pn.countsSpikes = fixedPointSpikes(node);
    }
    pn.countsSpikes |= node.has_threshold();
  }
  for (int k = 0; k < plan.inputs_size(); ++k)
    p.nodes[plan.inputs(k)].inputSlot = k;
  return p;
}

Simulation::Simulation(const plan::Plan &plan,
                       const std::vector<NodeLayout> &layouts,
                       const PreparedPlan &prepared)
    : plan(plan), layouts(layouts), prepared(prepared) {
  size_t n = layouts.size();
  cur.resize(n);
  prev.resize(n);
  neuronStates.resize(n);
  fixedPointStates.resize(n);
  delays.resize(n);
  int64_t maxIn = 0;
  for (size_t i = 0; i < n; ++i) {
    cur[i].assign(layouts[i].outNumel, 0.0f);
    if (prepared.nodes[i].snapshot)
      prev[i].assign(layouts[i].outNumel, 0.0f);
    if (plan.nodes(i).has_neuron())
      neuronStates[i].assign(layouts[i].outNumel, NeuronState());
    if (prepared.nodes[i].fixedPoint)
      fixedPointStates[i].assign(layouts[i].outNumel, FixedState());
    if (plan.nodes(i).has_delay()) {
      const auto &steps = plan.nodes(i).delay().steps();
      delays[i].reset(std::vector<int64_t>(steps.begin(), steps.end()),
                      layouts[i].outNumel);
    }
    maxIn = std::max(maxIn, layouts[i].inNumel);
  }
  scratch.resize(maxIn);
}

const float *Simulation::gatherInput(int64_t i) {
  const PreparedNode &pn = prepared.nodes[i];
  auto source = [&](const PreparedNode::Source &s) {
    return s.fromSnapshot ? prev[s.node].data() : cur[s.node].data();
  };
  // One operand: read it in place. Its buffer is never the node's own output
  // (a self-loop reads the snapshot), so kernels never alias.
  if (pn.operands.size() == 1)
    return source(pn.operands[0]);
  int64_t n = layouts[i].inNumel;
  const float *first = source(pn.operands[0]);
  std::copy(first, first + n, scratch.begin());
  for (size_t k = 1; k < pn.operands.size(); ++k) {
    const float *x = source(pn.operands[k]);
    for (int64_t e = 0; e < n; ++e)
      scratch[e] += x[e];
  }
  return scratch.data();
}

void Simulation::stepFixedPoint(int64_t i, int64_t t, const float *x,
                                float *y) {
  const PreparedNode &pn = prepared.nodes[i];
  int64_t n = layouts[i].outNumel;
  FixedState *s = fixedPointStates[i].data();
  for (int64_t k = 0; k < n; ++k) {
    int64_t xi;
    // The chips add integer weights; a fractional sum means the plan was
    // not quantized, and rounding it silently would hide that.
    if (!toFixedInput(x[k], xi))
      throw std::runtime_error(
          nonIntegerInputMessage(plan.nodes(i), x[k], k, n, t));
    y[k] = fixedStep(pn.fixedConfig, pn.fixedParams, k, xi, s[k]);
  }
}

void Simulation::step(int64_t t, const std::vector<const float *> &inputs) {
  for (size_t i = 0; i < cur.size(); ++i)
    if (prepared.nodes[i].snapshot)
      prev[i] = cur[i];

  for (int64_t i = 0; i < static_cast<int64_t>(cur.size()); ++i) {
    const plan::Node &node = plan.nodes(i);
    const PreparedNode &pn = prepared.nodes[i];
    const NodeLayout &l = layouts[i];
    float *y = cur[i].data();
    switch (node.op_case()) {
    case plan::Node::kInput: {
      const float *src = inputs[pn.inputSlot];
      if (src)
        std::copy(src, src + l.outNumel, y);
      else
        std::fill(y, y + l.outNumel, 0.0f);
      continue;
    }
    case plan::Node::kZero:
      continue; // Stays zero from construction.
    default:
      break;
    }
    const float *x = gatherInput(i);
    switch (node.op_case()) {
    case plan::Node::kIdentity:
      std::copy(x, x + l.outNumel, y);
      break;
    case plan::Node::kAffine: {
      const plan::AffineOp &a = node.affine();
      affineKernel(a.weight().data(), a.bias_size() ? a.bias().data() : nullptr,
                   l.outNumel, l.inNumel, x, y);
      break;
    }
    case plan::Node::kScale:
      scaleKernel(node.scale().scale().data(), node.scale().scale_size(),
                  l.outNumel, x, y);
      break;
    case plan::Node::kConv: {
      const plan::ConvOp &c = node.conv();
      convKernel(l.conv, c.weight().data(),
                 c.bias_size() ? c.bias().data() : nullptr, x, y);
      break;
    }
    case plan::Node::kPool:
      if (l.pool.max)
        maxPoolKernel(l.pool, x, y);
      else
        poolKernel(l.pool, x, y);
      break;
    case plan::Node::kRelu:
      reluKernel(l.outNumel, x, y);
      break;
    case plan::Node::kDelay:
      delays[i].step(t, x, y);
      break;
    case plan::Node::kThreshold:
      thresholdKernel(node.threshold().threshold().data(),
                      node.threshold().threshold_size(), l.outNumel, x, y);
      break;
    case plan::Node::kNeuron: {
      NeuronState *s = neuronStates[i].data();
      for (int64_t k = 0; k < l.outNumel; ++k)
        y[k] = neuronStep(pn.neuronConfig, gatherParams(pn.neuronParams, k),
                          x[k], s[k]);
      break;
    }
    case plan::Node::kSparse: {
      const plan::SparseOp &sp = node.sparse();
      sparseKernel(sp.row_ptr().data(), sp.col().data(), sp.value().data(),
                   l.outNumel, x, y);
      break;
    }
    case plan::Node::kLoihiNeuron:
    case plan::Node::kSpinnakerNeuron:
    case plan::Node::kSpeckNeuron:
      stepFixedPoint(i, t, x, y);
      break;
    default:
      break; // Unreachable: validation rejects other ops.
    }
  }
}
