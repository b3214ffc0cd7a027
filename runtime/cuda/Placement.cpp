//===- Placement.cpp - How the CUDA engine stores each plan node ----------===//

#include "runtime/cuda/Placement.h"

#include "runtime/engine/FixedPoint.h"

#include <algorithm>
#include <cmath>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::cuda;

namespace {

bool allFinite(const google::protobuf::RepeatedField<float> &v) {
  for (float x : v)
    if (!std::isfinite(x))
      return false;
  return true;
}

/// Nodes whose outputs are spike counts, so mostly zero per step.
bool emitsSpikes(const plan::Node &node) {
  return (node.has_neuron() && node.neuron().spiking()) ||
         node.has_threshold() || fixedPointSpikes(node);
}

/// The largest index a sparse node stores under `p` plus one.
int64_t indexRange(const NodeLayout &l, Propagation p) {
  // Dense gather stores CSR columns (< fan-in); event scatter stores the
  // transposed matrix's rows (< out).
  return p == Propagation::Dense ? l.inNumel : l.outNumel;
}

} // namespace

bool snn::runtime::cuda::eventEligible(const plan::Plan &plan, int64_t i) {
  const plan::Node &node = plan.nodes(i);
  if (node.has_affine())
    return allFinite(node.affine().weight());
  if (!node.has_sparse())
    return false;
  const plan::SparseOp &sp = node.sparse();
  if (!allFinite(sp.value()))
    return false;
  // The scatter adds a post-neuron's terms in ascending pre-neuron order;
  // that is the CPU's row order only when the row's columns ascend.
  for (int o = 0; o + 1 < sp.row_ptr_size(); ++o)
    for (uint32_t k = sp.row_ptr(o) + 1; k < sp.row_ptr(o + 1); ++k)
      if (sp.col(k) <= sp.col(k - 1))
        return false;
  return true;
}

int snn::runtime::cuda::narrowestWeightBytes(const plan::Plan &plan,
                                             int64_t i) {
  const plan::Node &node = plan.nodes(i);
  const google::protobuf::RepeatedField<float> *w = nullptr;
  if (node.has_affine())
    w = &node.affine().weight();
  else if (node.has_sparse())
    w = &node.sparse().value();
  else
    return 4;
  float lo = 0.0f, hi = 0.0f;
  for (float x : *w) {
    // Integers only; a -0.0 weight may become +0.0: the engines' sums start
    // at +0 and so never hold -0, so a +-0 term leaves them unchanged.
    if (!std::isfinite(x) || x != std::trunc(x))
      return 4;
    lo = std::min(lo, x), hi = std::max(hi, x);
  }
  if (lo >= -128.0f && hi <= 127.0f)
    return 1;
  if (lo >= -32768.0f && hi <= 32767.0f)
    return 2;
  return 4;
}

NodePlacement snn::runtime::cuda::autoPlacement(
    const plan::Plan &plan, const std::vector<NodeLayout> &layouts, int64_t i) {
  NodePlacement p;
  const plan::Node &node = plan.nodes(i);
  bool spikesIn = node.operands_size() > 0;
  for (const plan::Operand &o : node.operands())
    spikesIn &= emitsSpikes(plan.nodes(o.node()));
  // Spike lists hold 32-bit input indices.
  if (spikesIn && layouts[i].inNumel < int64_t(1) << 32 &&
      eventEligible(plan, i))
    p.propagation = Propagation::Event;
  if (node.has_sparse() && indexRange(layouts[i], p.propagation) <= int64_t(1)
                                                                        << 16)
    p.indexBytes = 2;
  p.weightBytes = narrowestWeightBytes(plan, i);
  return p;
}

bool snn::runtime::cuda::placeNodes(const plan::Plan &plan,
                                    const std::vector<NodeLayout> &layouts,
                                    std::vector<NodePlacement> &placements,
                                    std::string &err) {
  const plan::GpuHints &hints = plan.gpu();
  if (hints.nodes_size() != 0 && hints.nodes_size() != plan.nodes_size()) {
    err = "gpu hints list " + std::to_string(hints.nodes_size()) +
          " nodes, the plan has " + std::to_string(plan.nodes_size()) +
          " (regenerate the plan with --target=gpusim)";
    return false;
  }
  placements.assign(plan.nodes_size(), NodePlacement());
  for (int i = 0; i < plan.nodes_size(); ++i) {
    NodePlacement &p = placements[i];
    p = autoPlacement(plan, layouts, i);
    if (hints.nodes_size() == 0)
      continue;
    const plan::GpuNodeHint &h = hints.nodes(i);
    auto fail = [&](const std::string &msg) {
      err = describeNode(plan, i) + ": gpu hint " + msg;
      return false;
    };
    switch (h.propagation()) {
    case plan::GpuNodeHint::AUTO:
      break;
    case plan::GpuNodeHint::DENSE:
      p.propagation = Propagation::Dense;
      break;
    case plan::GpuNodeHint::EVENT:
      if (!eventEligible(plan, i) || layouts[i].inNumel >= int64_t(1) << 32)
        return fail("EVENT needs an affine or sparse node with finite "
                    "weights (sparse: ascending unique columns per row); "
                    "use DENSE or AUTO");
      p.propagation = Propagation::Event;
      break;
    default:
      return fail("propagation " + std::to_string(h.propagation()) +
                  " is unknown (AUTO, DENSE or EVENT)");
    }
    switch (h.weight_bits()) {
    case 0:
      break;
    case 8:
    case 16:
    case 32: {
      int bytes = static_cast<int>(h.weight_bits() / 8);
      if (bytes < narrowestWeightBytes(plan, i))
        return fail("weight_bits " + std::to_string(h.weight_bits()) +
                    " cannot hold the weights exactly (they need " +
                    std::to_string(8 * narrowestWeightBytes(plan, i)) +
                    " bits); use 0 or a wider width");
      if (plan.nodes(i).has_affine() || plan.nodes(i).has_sparse())
        p.weightBytes = bytes;
      break;
    }
    default:
      return fail("weight_bits " + std::to_string(h.weight_bits()) +
                  " must be 0, 8, 16 or 32");
    }
    if (!plan.nodes(i).has_sparse() && h.index_bits() == 0)
      continue;
    if (h.index_bits() == 0) {
      if (plan.nodes(i).has_sparse())
        p.indexBytes =
            indexRange(layouts[i], p.propagation) <= int64_t(1) << 16 ? 2 : 4;
      continue;
    }
    if (h.index_bits() != 16 && h.index_bits() != 32)
      return fail("index_bits " + std::to_string(h.index_bits()) +
                  " must be 0, 16 or 32");
    if (!plan.nodes(i).has_sparse())
      continue; // Only sparse nodes store indices.
    int64_t range = indexRange(layouts[i], p.propagation);
    if (h.index_bits() == 16 && range > int64_t(1) << 16)
      return fail("index_bits 16 cannot index " + std::to_string(range) +
                  " neurons (at most 65536); use 32");
    p.indexBytes = static_cast<int>(h.index_bits() / 8);
  }
  return true;
}
