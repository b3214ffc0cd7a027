//===- Validate.cpp - Step-plan validation --------------------------------===//

#include "runtime/engine/Validate.h"

#include "runtime/engine/FixedPoint.h"
#include "runtime/engine/Geometry.h"
#include "runtime/engine/Tensor.h"

#include <set>
#include <unordered_map>

using namespace snn;
using namespace snn::runtime;

namespace {

/// Guards against element counts whose buffers could never be allocated.
constexpr int64_t kMaxNumel = int64_t(1) << 36;
/// Bound on a delay ring buffer (per batch item), in floats.
constexpr int64_t kMaxDelayFloats = int64_t(1) << 28;

using Shape = google::protobuf::RepeatedField<int64_t>;

std::vector<int64_t> toVector(const Shape &s) {
  return std::vector<int64_t>(s.begin(), s.end());
}

/// Validates one node; `fail` prefixes messages with the node's description.
class NodeChecker {
public:
  NodeChecker(const plan::Plan &plan, int64_t index, NodeLayout &layout,
              std::string &err)
      : plan(plan), node(plan.nodes(index)), index(index), layout(layout),
        err(err) {}

  bool check();

private:
  bool fail(const std::string &msg) {
    err = describeNode(plan, index) + ": " + msg;
    return false;
  }
  bool numelOf(const Shape &shape, const char *what, int64_t &n);
  /// A parameter vector must have 1 or N values (0 too when `optional`).
  bool checkBroadcast(int64_t count, const char *what, bool optional);
  bool checkElementwise();
  bool checkOperands();
  bool checkAffine();
  bool checkSparse();
  bool checkConv();
  bool checkPool();
  bool checkDelay();
  bool checkNeuron();
  bool checkFixedPoint();

  const plan::Plan &plan;
  const plan::Node &node;
  int64_t index;
  NodeLayout &layout;
  std::string &err;
};

} // namespace

std::string snn::runtime::describeNode(const plan::Plan &plan, int64_t index) {
  std::string s = "node " + std::to_string(index);
  if (index >= 0 && index < plan.nodes_size())
    s += " '" + plan.nodes(index).name() + "'";
  return s;
}

bool NodeChecker::numelOf(const Shape &shape, const char *what, int64_t &n) {
  n = 1;
  for (int64_t d : shape) {
    if (d <= 0)
      return fail(std::string(what) + " " + shapeToString(toVector(shape)) +
                  " has a non-positive dimension");
    if (n > kMaxNumel / d)
      return fail(std::string(what) + " " + shapeToString(toVector(shape)) +
                  " is too large");
    n *= d;
  }
  return true;
}

bool NodeChecker::checkBroadcast(int64_t count, const char *what,
                                 bool optional) {
  if (count == 1 || count == layout.outNumel || (optional && count == 0))
    return true;
  return fail(std::string(what) + " has " + std::to_string(count) +
              " values, expected 1 or " + std::to_string(layout.outNumel) +
              (optional ? " (or none)" : ""));
}

bool NodeChecker::checkElementwise() {
  if (layout.inNumel != layout.outNumel)
    return fail("element-wise op needs shape " +
                shapeToString(toVector(node.shape())) + " and input_shape " +
                shapeToString(toVector(node.input_shape())) +
                " with equal element counts");
  return true;
}

bool NodeChecker::checkOperands() {
  bool source = node.op_case() == plan::Node::kInput ||
                node.op_case() == plan::Node::kZero;
  if (source) {
    if (node.operands_size() != 0)
      return fail("input/zero nodes take no operands");
    return true;
  }
  if (node.operands_size() == 0)
    return fail("has no operands (use a zero node for an undriven input)");
  if (node.input_shape_size() == 0)
    return fail("has operands but no input_shape");
  for (const plan::Operand &o : node.operands()) {
    if (o.node() >= static_cast<uint32_t>(plan.nodes_size()))
      return fail("operand refers to node " + std::to_string(o.node()) +
                  ", but the plan has " + std::to_string(plan.nodes_size()) +
                  " nodes");
    if (!o.previous_step() && o.node() >= index)
      return fail("operand reads " + describeNode(plan, o.node()) +
                  " of the current step, which is not evaluated before it "
                  "(set previous_step for a recurrent edge)");
    const Shape &s = plan.nodes(o.node()).shape();
    if (toVector(s) != toVector(node.input_shape()))
      return fail("operand " + describeNode(plan, o.node()) + " has shape " +
                  shapeToString(toVector(s)) + ", input_shape is " +
                  shapeToString(toVector(node.input_shape())));
  }
  return true;
}

bool NodeChecker::check() {
  if (node.name().empty())
    return fail("has an empty name");
  if (!numelOf(node.shape(), "shape", layout.outNumel))
    return false;
  if (node.input_shape_size() &&
      !numelOf(node.input_shape(), "input_shape", layout.inNumel))
    return false;
  if (node.op_case() == plan::Node::OP_NOT_SET)
    return fail("has no op");
  if (!checkOperands())
    return false;
  switch (node.op_case()) {
  case plan::Node::kInput:
  case plan::Node::kZero:
    return true;
  case plan::Node::kIdentity:
  case plan::Node::kRelu:
    return checkElementwise();
  case plan::Node::kAffine:
    return checkAffine();
  case plan::Node::kScale:
    return checkElementwise() &&
           checkBroadcast(node.scale().scale_size(), "scale", false);
  case plan::Node::kConv:
    return checkConv();
  case plan::Node::kPool:
    return checkPool();
  case plan::Node::kDelay:
    return checkElementwise() && checkDelay();
  case plan::Node::kThreshold:
    return checkElementwise() &&
           checkBroadcast(node.threshold().threshold_size(), "threshold",
                          false);
  case plan::Node::kNeuron:
    return checkElementwise() && checkNeuron();
  case plan::Node::kSparse:
    return checkSparse();
  case plan::Node::kLoihiNeuron:
  case plan::Node::kSpinnakerNeuron:
  case plan::Node::kSpeckNeuron:
    return checkElementwise() && checkFixedPoint();
  default:
    return fail("has an unknown op");
  }
}

bool NodeChecker::checkAffine() {
  const plan::AffineOp &a = node.affine();
  int64_t out = layout.outNumel, in = layout.inNumel;
  if (a.weight_size() != out * in)
    return fail("affine weight has " + std::to_string(a.weight_size()) +
                " values, expected " + std::to_string(out * in) + " (" +
                std::to_string(out) + " x " + std::to_string(in) + ")");
  if (a.bias_size() != 0 && a.bias_size() != out)
    return fail("affine bias has " + std::to_string(a.bias_size()) +
                " values, expected 0 or " + std::to_string(out));
  return true;
}

bool NodeChecker::checkSparse() {
  const plan::SparseOp &s = node.sparse();
  int64_t out = layout.outNumel;
  if (s.row_ptr_size() != out + 1)
    return fail("sparse row_ptr has " + std::to_string(s.row_ptr_size()) +
                " entries, expected " + std::to_string(out + 1));
  if (s.col_size() != s.value_size())
    return fail("sparse col has " + std::to_string(s.col_size()) +
                " entries but value has " + std::to_string(s.value_size()));
  if (s.row_ptr(0) != 0 ||
      s.row_ptr(static_cast<int>(out)) != static_cast<uint32_t>(s.col_size()))
    return fail("sparse row_ptr must start at 0 and end at nnz (" +
                std::to_string(s.col_size()) + ")");
  for (int64_t r = 0; r < out; ++r)
    if (s.row_ptr(static_cast<int>(r + 1)) < s.row_ptr(static_cast<int>(r)))
      return fail("sparse row_ptr decreases at row " + std::to_string(r));
  for (uint32_t c : s.col())
    if (c >= layout.inNumel)
      return fail("sparse column index " + std::to_string(c) +
                  " is out of range (input has " +
                  std::to_string(layout.inNumel) + " elements)");
  return true;
}

bool NodeChecker::checkConv() {
  std::string problem;
  return resolveConvGeom(node, layout.conv, problem) || fail(problem);
}

bool NodeChecker::checkPool() {
  std::string problem;
  return resolvePoolGeom(node, layout.pool, problem) || fail(problem);
}

bool NodeChecker::checkDelay() {
  const plan::DelayOp &d = node.delay();
  if (!checkBroadcast(d.steps_size(), "delay steps", false))
    return false;
  int64_t maxSteps = 0;
  for (int64_t s : d.steps()) {
    if (s < 0)
      return fail("delay steps " + std::to_string(s) + " is negative");
    maxSteps = std::max(maxSteps, s);
  }
  if (maxSteps >= kMaxDelayFloats / layout.outNumel)
    return fail("delay of " + std::to_string(maxSteps) + " steps over " +
                std::to_string(layout.outNumel) +
                " elements needs too large a buffer");
  return true;
}

bool NodeChecker::checkNeuron() {
  const plan::NeuronOp &n = node.neuron();
  bool ok =
      checkBroadcast(n.syn_gain_size(), "syn_gain", false) &&
      checkBroadcast(n.mem_decay_size(), "mem_decay", false) &&
      checkBroadcast(n.mem_gain_size(), "mem_gain", false) &&
      checkBroadcast(n.mem_bias_size(), "mem_bias", true) &&
      checkBroadcast(n.syn_decay_size(), "syn_decay", !n.has_synapse()) &&
      checkBroadcast(n.threshold_size(), "threshold", !n.spiking()) &&
      checkBroadcast(n.v_reset_size(), "v_reset", true) &&
      checkBroadcast(n.adapt_decay_size(), "adapt_decay", !n.adaptive()) &&
      checkBroadcast(n.adapt_gain_size(), "adapt_gain", !n.adaptive());
  if (!ok)
    return false;
  if (n.reset() != plan::NeuronOp::TO_VALUE &&
      n.reset() != plan::NeuronOp::SUBTRACT &&
      n.reset() != plan::NeuronOp::NONE)
    return fail("unknown reset mode " + std::to_string(n.reset()));
  if (n.spiking() && n.multi_spike())
    for (float t : n.threshold())
      if (!(t > 0.0f))
        return fail("multi-spike neurons need threshold > 0, got " +
                    std::to_string(t));
  if (n.adaptive() && !n.spiking())
    return fail("an adaptive neuron must be spiking");
  return true;
}

bool NodeChecker::checkFixedPoint() {
  std::string problem;
  return checkFixedPointNeuron(node, layout.outNumel, problem) || fail(problem);
}

bool snn::runtime::validatePlan(const plan::Plan &plan,
                                std::vector<NodeLayout> &layouts,
                                std::string &err) {
  if (plan.format_version() == 0 ||
      plan.format_version() > kPlanFormatVersion) {
    err = "plan format_version " + std::to_string(plan.format_version()) +
          " is not supported (this runtime reads version " +
          std::to_string(kPlanFormatVersion) + ")";
    return false;
  }
  if (plan.nodes_size() == 0) {
    err = "plan has no nodes";
    return false;
  }
  layouts.assign(plan.nodes_size(), NodeLayout());
  std::unordered_map<std::string, int64_t> names;
  for (int64_t i = 0; i < plan.nodes_size(); ++i) {
    if (!NodeChecker(plan, i, layouts[i], err).check())
      return false;
    auto [it, fresh] = names.emplace(plan.nodes(i).name(), i);
    if (!fresh) {
      err = describeNode(plan, i) + ": name already used by " +
            describeNode(plan, it->second);
      return false;
    }
  }
  std::set<uint32_t> listed;
  for (uint32_t in : plan.inputs()) {
    if (in >= static_cast<uint32_t>(plan.nodes_size()) ||
        plan.nodes(in).op_case() != plan::Node::kInput) {
      err = "plan input " + std::to_string(in) + " is not an input node";
      return false;
    }
    if (!listed.insert(in).second) {
      err = "plan lists input " + describeNode(plan, in) + " twice";
      return false;
    }
  }
  for (int64_t i = 0; i < plan.nodes_size(); ++i)
    if (plan.nodes(i).op_case() == plan::Node::kInput &&
        !listed.count(static_cast<uint32_t>(i))) {
      err = describeNode(plan, i) + ": input node missing from plan inputs";
      return false;
    }
  for (const plan::Output &o : plan.outputs())
    if (o.node() >= static_cast<uint32_t>(plan.nodes_size())) {
      err = "plan output '" + o.name() + "' refers to node " +
            std::to_string(o.node()) + ", but the plan has " +
            std::to_string(plan.nodes_size()) + " nodes";
      return false;
    }
  return true;
}
