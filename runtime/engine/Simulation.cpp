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

  // Where a team of threads must meet (see StepTeam.h).
  for (int i = 0; i < plan.nodes_size(); ++i) {
    const plan::Node &node = plan.nodes(i);
    PreparedNode &pn = p.nodes[i];
    pn.readsAll = node.has_affine() || node.has_conv() || node.has_pool() ||
                  node.has_sparse();
    // A neuron reads only its own elements: it sums up to
    // kMaxFusedOperands operands in its loop instead of in a buffer.
    pn.fusesOperands =
        node.has_neuron() && pn.operands.size() > 1 &&
        pn.operands.size() <= static_cast<size_t>(kMaxFusedOperands);
    // Conv and pool own channel ranges, not the element ranges their
    // element-wise readers own, so the team always meets around them.
    if (node.has_conv() || node.has_pool()) {
      pn.barrierAfter = pn.barrierBefore = true;
      p.barrierAfterSnapshots |= pn.snapshot;
    }
    if (!pn.readsAll)
      continue;
    for (const PreparedNode::Source &s : pn.operands) {
      if (s.fromSnapshot)
        p.barrierAfterSnapshots = true;
      else if (s.node < static_cast<uint32_t>(i))
        p.nodes[s.node].barrierAfter = true;
      else // A later node's previous value, read in place.
        p.nodes[s.node].barrierBefore = true;
    }
  }
  return p;
}

std::shared_ptr<const EventPlan>
snn::runtime::detail::buildEventPlan(const plan::Plan &plan,
                                     const std::vector<NodeLayout> &layouts,
                                     unsigned blocks) {
  auto events = std::make_shared<EventPlan>();
  events->blocks = blocks;
  events->sparse.resize(plan.nodes_size());
  for (int i = 0; i < plan.nodes_size(); ++i) {
    if (!plan.nodes(i).has_sparse())
      continue;
    const plan::SparseOp &sp = plan.nodes(i).sparse();
    auto e = std::make_unique<EventSparse>();
    if (e->build(sp.row_ptr().data(), sp.col().data(), sp.value().data(),
                 layouts[i].outNumel, layouts[i].inNumel, blocks))
      events->sparse[i] = std::move(e);
  }
  return events;
}

Simulation::Simulation(const plan::Plan &plan,
                       const std::vector<NodeLayout> &layouts,
                       const PreparedPlan &prepared, const EventPlan *events)
    : plan(plan), layouts(layouts), prepared(prepared), events(events) {
  size_t n = layouts.size();
  cur.resize(n);
  prev.resize(n);
  neuronStates.resize(n);
  fixedPointStates.resize(n);
  delays.resize(n);
  gathered.resize(n);
  int64_t maxSparseIn = 0;
  for (size_t i = 0; i < n; ++i) {
    cur[i].assign(layouts[i].outNumel, 0.0f);
    if (prepared.nodes[i].snapshot)
      prev[i].assign(layouts[i].outNumel, 0.0f);
    if (plan.nodes(i).has_neuron())
      neuronStates[i].assign(layouts[i].outNumel);
    if (prepared.nodes[i].fixedPoint)
      fixedPointStates[i].assign(layouts[i].outNumel, FixedState());
    if (plan.nodes(i).has_delay()) {
      const auto &steps = plan.nodes(i).delay().steps();
      delays[i].reset(std::vector<int64_t>(steps.begin(), steps.end()),
                      layouts[i].outNumel);
    }
    if (prepared.nodes[i].operands.size() > 1 &&
        !prepared.nodes[i].fusesOperands)
      gathered[i].assign(layouts[i].inNumel, 0.0f);
    if (events && events->sparse[i])
      maxSparseIn = std::max(maxSparseIn, layouts[i].inNumel);
  }
  if (events) {
    active.assign(events->blocks, std::vector<uint32_t>(maxSparseIn));
    listed.assign(events->blocks, ListedInput());
  }
}

void Simulation::ownedRange(int64_t i, unsigned rank, unsigned parts,
                            int64_t &lo, int64_t &hi) const {
  const NodeLayout &l = layouts[i];
  const plan::Node &node = plan.nodes(i);
  // Conv and pool split by channel, so each output keeps its serial loop.
  int64_t units = node.has_conv()   ? l.conv.cout
                  : node.has_pool() ? l.pool.c
                                    : l.outNumel;
  splitRange(units, rank, parts, lo, hi);
  int64_t per = units ? l.outNumel / units : 0;
  lo *= per;
  hi *= per;
}

const float *Simulation::gatherInput(int64_t i, int64_t lo, int64_t hi) {
  const PreparedNode &pn = prepared.nodes[i];
  auto source = [&](const PreparedNode::Source &s) { return operandData(s); };
  // One operand: read it in place. Its buffer is never the node's own output
  // (a self-loop reads the snapshot), so kernels never alias.
  if (pn.operands.size() == 1)
    return source(pn.operands[0]);
  float *sum = gathered[i].data();
  const float *first = source(pn.operands[0]);
  std::copy(first + lo, first + hi, sum + lo);
  for (size_t k = 1; k < pn.operands.size(); ++k) {
    const float *x = source(pn.operands[k]);
    for (int64_t e = lo; e < hi; ++e)
      sum[e] += x[e];
  }
  return sum;
}

void Simulation::stepFixedPoint(int64_t i, int64_t t, const float *x, float *y,
                                int64_t lo, int64_t hi) {
  const PreparedNode &pn = prepared.nodes[i];
  int64_t n = layouts[i].outNumel;
  FixedState *s = fixedPointStates[i].data();
  for (int64_t k = lo; k < hi; ++k) {
    int64_t xi;
    // The chips add integer weights; a fractional sum means the plan was
    // not quantized, and rounding it silently would hide that.
    if (!toFixedInput(x[k], xi))
      throw std::runtime_error(
          nonIntegerInputMessage(plan.nodes(i), x[k], k, n, t));
    y[k] = fixedStep(pn.fixedConfig, pn.fixedParams, k, xi, s[k]);
  }
}

void Simulation::stepNeurons(int64_t i, const float *x, float *y, int64_t lo,
                             int64_t hi) {
  const PreparedNode &pn = prepared.nodes[i];
  neuronStepRange(pn.neuronConfig, pn.neuronParams, x, y,
                  neuronStates[i].arrays(), lo, hi);
}

void Simulation::stepSparse(int64_t i, const float *x, float *y, unsigned rank,
                            int64_t lo, int64_t hi) {
  const plan::SparseOp &sp = plan.nodes(i).sparse();
  const EventSparse *push = events ? events->sparse[i].get() : nullptr;
  if (push) {
    // Push costs a scattered add per (active column, row) entry, pull a
    // gathered multiply-add per entry: push wins while inputs are sparse.
    int64_t cols = layouts[i].inNumel;
    uint32_t *act = active[rank].data();
    ListedInput &l = listed[rank];
    if (l.x != x) {
      l.count = nonZeroIndices(x, cols, act);
      l.x = x;
    }
    int64_t nActive = l.count;
    if (nActive * 4 <= cols) {
      push->push(rank, act, nActive, x, y);
      return;
    }
  }
  sparseRows(sp.row_ptr().data(), sp.col().data(), sp.value().data(), x, y, lo,
             hi);
}

void Simulation::step(int64_t t, const std::vector<const float *> &inputs,
                      StepTeam *team, unsigned rank) {
  unsigned parts = team ? team->size() : 1;
  auto meet = [&]() {
    if (team)
      team->arrive();
  };
  int64_t lo, hi;
  for (size_t i = 0; i < cur.size(); ++i)
    if (prepared.nodes[i].snapshot) {
      ownedRange(i, rank, parts, lo, hi);
      std::copy(cur[i].begin() + lo, cur[i].begin() + hi, prev[i].begin() + lo);
    }
  if (prepared.barrierAfterSnapshots)
    meet();
  // Snapshots and this step's outputs replace what was listed.
  if (!listed.empty())
    listed[rank] = ListedInput();

  for (int64_t i = 0; i < static_cast<int64_t>(cur.size()); ++i) {
    const plan::Node &node = plan.nodes(i);
    const PreparedNode &pn = prepared.nodes[i];
    const NodeLayout &l = layouts[i];
    float *y = cur[i].data();
    if (pn.barrierBefore)
      meet();
    ownedRange(i, rank, parts, lo, hi);
    switch (node.op_case()) {
    case plan::Node::kInput: {
      const float *src = inputs[pn.inputSlot];
      if (src)
        std::copy(src + lo, src + hi, y + lo);
      else
        std::fill(y + lo, y + hi, 0.0f);
      break;
    }
    case plan::Node::kZero:
      break; // Stays zero from construction.
    case plan::Node::kNeuron:
      // Operands summed in the neuron loop, in gatherInput's order.
      if (pn.fusesOperands) {
        const float *xs[kMaxFusedOperands];
        for (size_t k = 0; k < pn.operands.size(); ++k)
          xs[k] = operandData(pn.operands[k]);
        neuronStepRange(pn.neuronConfig, pn.neuronParams, xs,
                        static_cast<int>(pn.operands.size()), y,
                        neuronStates[i].arrays(), lo, hi);
        break;
      }
      [[fallthrough]];
    default: {
      const float *x;
      if (pn.readsAll) {
        int64_t inLo, inHi;
        splitRange(l.inNumel, rank, parts, inLo, inHi);
        x = gatherInput(i, inLo, inHi);
        if (pn.operands.size() > 1)
          meet();
      } else {
        x = gatherInput(i, lo, hi);
      }
      switch (node.op_case()) {
      case plan::Node::kIdentity:
        std::copy(x + lo, x + hi, y + lo);
        break;
      case plan::Node::kAffine: {
        const plan::AffineOp &a = node.affine();
        affineRows(a.weight().data(), a.bias_size() ? a.bias().data() : nullptr,
                   l.inNumel, x, y, lo, hi);
        break;
      }
      case plan::Node::kScale: {
        const plan::ScaleOp &sc = node.scale();
        int64_t ns = sc.scale_size();
        for (int64_t k = lo; k < hi; ++k)
          y[k] = sc.scale(ns == 1 ? 0 : k) * x[k];
        break;
      }
      case plan::Node::kConv: {
        const plan::ConvOp &c = node.conv();
        int64_t per = l.outNumel / std::max<int64_t>(1, l.conv.cout);
        convChannels(l.conv, c.weight().data(),
                     c.bias_size() ? c.bias().data() : nullptr, x, y,
                     per ? lo / per : 0, per ? hi / per : 0);
        break;
      }
      case plan::Node::kPool: {
        int64_t per = l.outNumel / std::max<int64_t>(1, l.pool.c);
        poolChannels(l.pool, x, y, per ? lo / per : 0, per ? hi / per : 0);
        break;
      }
      case plan::Node::kRelu:
        reluKernel(hi - lo, x + lo, y + lo);
        break;
      case plan::Node::kDelay:
        delays[i].step(t, x, y, lo, hi);
        break;
      case plan::Node::kThreshold: {
        const plan::ThresholdOp &th = node.threshold();
        thresholdKernel(th.threshold().data() +
                            (th.threshold_size() == 1 ? 0 : lo),
                        th.threshold_size(), hi - lo, x + lo, y + lo);
        break;
      }
      case plan::Node::kNeuron:
        stepNeurons(i, x, y, lo, hi);
        break;
      case plan::Node::kSparse:
        stepSparse(i, x, y, rank, lo, hi);
        break;
      case plan::Node::kLoihiNeuron:
      case plan::Node::kSpinnakerNeuron:
      case plan::Node::kSpeckNeuron:
        if (!team) {
          stepFixedPoint(i, t, x, y, lo, hi);
          break;
        }
        try {
          stepFixedPoint(i, t, x, y, lo, hi);
        } catch (...) {
          team->fail(rank, std::current_exception());
        }
        break;
      default:
        break; // Unreachable: validation rejects other ops.
      }
    }
    }
    if (!listed.empty() && listed[rank].x == y)
      listed[rank] = ListedInput(); // Node i rewrote the listed input.
    if (pn.barrierAfter)
      meet();
  }
  // The next step may read any element of this one's outputs.
  meet();
}
