//===- NirFileValidate.cpp - Per-type checks of NIR nodes -----------------===//
//
// The field table of docs/nir-import.md (shared/design/NIR.md) as code. The
// checks are the ones whose violation would otherwise surface much later as a
// wrong simulation or a crash in the importer; unknown extra fields are kept.
//
//===----------------------------------------------------------------------===//

#include "translate/nir/NirFileValidate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

using namespace snn::nir;
using namespace snn::nir::detail;

namespace {

/// Lower bound for integer fields that may be negative (Flatten dims).
constexpr double kNoMin = std::numeric_limits<double>::lowest();

/// One NIR primitive: the fields it must have, and (for neurons) the
/// per-neuron parameters that must all have the population's shape.
struct Primitive {
  const char *type;
  std::vector<const char *> required;
  std::vector<const char *> neuronParams;
};

const std::vector<Primitive> &primitives() {
  static const std::vector<Primitive> table = {
      {"Affine", {"weight", "bias"}, {}},
      {"AvgPool2d", {"kernel_size", "stride", "padding"}, {}},
      {"Conv1d",
       {"weight", "stride", "padding", "dilation", "groups", "input_shape"},
       {}},
      {"Conv2d",
       {"weight", "stride", "padding", "dilation", "groups", "input_shape"},
       {}},
      {"CubaLI",
       {"tau_syn", "tau_mem", "r", "v_leak", "w_in"},
       {"tau_syn", "tau_mem", "r", "v_leak", "w_in"}},
      {"CubaLIF",
       {"tau_syn", "tau_mem", "r", "v_leak", "w_in", "v_threshold"},
       {"tau_syn", "tau_mem", "r", "v_leak", "w_in", "v_threshold", "v_reset"}},
      {"Delay", {"delay"}, {}},
      {"Flatten", {"start_dim", "end_dim", "input_type"}, {}},
      {"I", {"r"}, {"r"}},
      {"IF", {"r", "v_threshold"}, {"r", "v_threshold", "v_reset"}},
      {"Input", {"shape"}, {}},
      {"LI", {"tau", "r", "v_leak"}, {"tau", "r", "v_leak"}},
      {"LIF",
       {"tau", "r", "v_leak", "v_threshold"},
       {"tau", "r", "v_leak", "v_threshold", "v_reset"}},
      {"Linear", {"weight"}, {}},
      {"NIRGraph", {}, {}},
      {"Output", {"shape"}, {}},
      {"Scale", {"scale"}, {}},
      {"SumPool2d", {"kernel_size", "stride", "padding"}, {}},
      {"Threshold", {"threshold"}, {}},
  };
  return table;
}

const Primitive *findPrimitive(const std::string &type) {
  for (const Primitive &p : primitives())
    if (type == p.type)
      return &p;
  return nullptr;
}

std::string formatNumber(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

/// Collects the failure of a check with the node/field context attached.
class Checker {
public:
  Checker(Node &node, std::string &error) : node(node), error(error) {}

  bool fail(const std::string &field, const std::string &problem) {
    error = nodeContext(node, field) + ": " + problem;
    return false;
  }

  const Array *get(const std::string &field) const {
    auto it = node.arrays.find(field);
    return it == node.arrays.end() ? nullptr : &it->second;
  }

  /// The field exists, as numbers (only Conv padding may be a string).
  bool present(const std::string &field) {
    if (get(field))
      return true;
    auto s = node.strings.find(field);
    if (s != node.strings.end())
      return fail(field,
                  "expected numbers, found the string '" + s->second + "'");
    return fail(field, "missing (required for " + node.type + ")");
  }

  bool rank(const std::string &field, size_t wanted, const char *layout) {
    const Array &a = *get(field);
    if (a.shape.size() == wanted)
      return true;
    return fail(field, "must be " + std::to_string(wanted) + "-d " + layout +
                           ", found shape " + formatShape(a.shape));
  }

  /// Integer values >= `min`, with a count in `counts` (empty: any count).
  bool ints(const std::string &field, double min,
            std::vector<int64_t> counts = {}) {
    const Array &a = *get(field);
    if (a.shape.size() > 1)
      return fail(field, "must be a scalar or 1-d, found shape " +
                             formatShape(a.shape));
    if (!counts.empty() && std::find(counts.begin(), counts.end(),
                                     a.numElements()) == counts.end()) {
      std::string allowed;
      for (int64_t c : counts)
        allowed += (allowed.empty() ? "" : " or ") + std::to_string(c);
      return fail(field, "must have " + allowed + " element(s), found " +
                             std::to_string(a.numElements()));
    }
    for (double v : a.data) {
      if (v != std::floor(v))
        return fail(field, "must be integers, found " + formatNumber(v));
      if (v < min)
        return fail(field, "must be >= " + formatNumber(min) + ", found " +
                               formatNumber(v));
    }
    return true;
  }

private:
  Node &node;
  std::string &error;
};

bool checkConv(Checker &c, Node &node, size_t spatial) {
  const Array &w = *c.get("weight");
  const char *layout =
      spatial == 1 ? "(Cout, Cin/groups, K)" : "(Cout, Cin/groups, kH, kW)";
  if (!c.rank("weight", spatial + 2, layout))
    return false;
  int64_t cout = w.shape[0];
  int64_t n = static_cast<int64_t>(spatial);
  if (!c.ints("stride", 1, {1, n}) || !c.ints("dilation", 1, {1, n}) ||
      !c.ints("groups", 1, {1}) || !c.ints("input_shape", 1, {n}))
    return false;
  int64_t groups = static_cast<int64_t>(c.get("groups")->data[0]);
  if (cout % groups != 0)
    return c.fail("groups", "weight has " + std::to_string(cout) +
                                " output channels, not divisible by groups " +
                                std::to_string(groups));
  auto pad = node.strings.find("padding");
  if (pad != node.strings.end()) {
    if (pad->second != "same" && pad->second != "valid")
      return c.fail("padding",
                    "must be numbers, \"same\" or \"valid\"; found \"" +
                        pad->second + "\"");
  } else if (!c.ints("padding", 0, {1, n})) {
    return false;
  }
  if (const Array *b = c.get("bias")) {
    if (b->shape.size() != 1 || b->shape[0] != cout)
      return c.fail("bias", "must have shape (" + std::to_string(cout) +
                                ") to match weight, found " +
                                formatShape(b->shape));
  } else {
    // NIR requires bias, but a missing one has an obvious meaning.
    node.arrays["bias"] = Array{{cout}, std::vector<double>(cout, 0.0)};
    node.defaulted.push_back("bias");
  }
  return true;
}

bool checkNeuron(Checker &c, Node &node, const Primitive &p) {
  for (const char *tau : {"tau", "tau_mem", "tau_syn"})
    if (const Array *a = c.get(tau))
      for (double v : a->data)
        if (!(v > 0))
          return c.fail(tau, "must be > 0, found " + formatNumber(v));
  bool hasReset = std::find_if(p.neuronParams.begin(), p.neuronParams.end(),
                               [](const char *f) {
                                 return std::string(f) == "v_reset";
                               }) != p.neuronParams.end();
  if (hasReset && !c.get("v_reset")) {
    // Writers up to NIR 0.2.0 had no v_reset; their neurons reset to 0.
    const Array &th = *c.get("v_threshold");
    node.arrays["v_reset"] =
        Array{th.shape, std::vector<double>(th.data.size(), 0.0)};
    node.defaulted.push_back("v_reset");
  }
  const char *first = p.neuronParams.front();
  const Array &ref = *c.get(first);
  for (const char *f : p.neuronParams) {
    const Array *a = c.get(f);
    if (a && a->shape != ref.shape)
      return c.fail(f, "shape " + formatShape(a->shape) +
                           " differs from field '" + first + "' shape " +
                           formatShape(ref.shape) +
                           "; all neuron parameters must have the same shape");
  }
  return true;
}

} // namespace

bool detail::isKnownType(const std::string &type) {
  return findPrimitive(type) != nullptr;
}

std::string detail::knownTypeList() {
  std::string list;
  for (const Primitive &p : primitives())
    list += (list.empty() ? "" : ", ") + std::string(p.type);
  return list;
}

std::string detail::nodeContext(const Node &node, const std::string &field) {
  std::string s = "node '" + node.name + "'";
  if (!node.type.empty())
    s += " (" + node.type + ")";
  if (!field.empty())
    s += ": field '" + field + "'";
  return s;
}

std::string detail::formatShape(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return "scalar";
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + ")";
}

bool detail::validateNode(Node &node, std::string &error) {
  const Primitive *p = findPrimitive(node.type);
  Checker c(node, error);
  if (!p)
    return c.fail("", "unknown type '" + node.type +
                          "'; known types: " + knownTypeList());
  bool isConv = node.type == "Conv1d" || node.type == "Conv2d";
  for (const char *f : p->required) {
    // Only convolutions may give padding as a string ("same"/"valid").
    if (isConv && std::string(f) == "padding" && node.strings.count(f))
      continue;
    if (!c.present(f))
      return false;
  }
  for (const auto &[name, a] : node.arrays)
    for (size_t i = 0; i < a.data.size(); ++i)
      if (!std::isfinite(a.data[i]))
        return c.fail(name, "non-finite value " + formatNumber(a.data[i]) +
                                " at flat index " + std::to_string(i));

  const std::string &t = node.type;
  if (t == "Input" || t == "Output")
    return c.ints("shape", 1);
  if (t == "Affine") {
    if (!c.rank("weight", 2, "(out, in)") || !c.rank("bias", 1, "(out,)"))
      return false;
    int64_t out = c.get("weight")->shape[0];
    if (c.get("bias")->shape[0] != out)
      return c.fail("bias", "has " + std::to_string(c.get("bias")->shape[0]) +
                                " elements but weight has " +
                                std::to_string(out) + " rows");
    return true;
  }
  if (t == "Linear")
    return c.rank("weight", 2, "(out, in)");
  if (t == "Conv1d")
    return checkConv(c, node, 1);
  if (t == "Conv2d")
    return checkConv(c, node, 2);
  if (t == "SumPool2d" || t == "AvgPool2d")
    return c.ints("kernel_size", 1, {1, 2}) && c.ints("stride", 1, {1, 2}) &&
           c.ints("padding", 0, {1, 2});
  if (t == "Flatten") {
    if (!c.ints("input_type", 1) || !c.ints("start_dim", kNoMin, {1}) ||
        !c.ints("end_dim", kNoMin, {1}))
      return false;
    int64_t rank = c.get("input_type")->numElements();
    for (const char *f : {"start_dim", "end_dim"}) {
      double d = c.get(f)->data[0];
      if (d < -rank || d >= rank)
        return c.fail(f, formatNumber(d) + " is out of range for input_type " +
                             "with " + std::to_string(rank) + " dims");
    }
    return true;
  }
  if (t == "Delay") {
    for (double v : c.get("delay")->data)
      if (v < 0)
        return c.fail("delay", "must be >= 0, found " + formatNumber(v));
    return true;
  }
  if (!p->neuronParams.empty())
    return checkNeuron(c, node, *p);
  return true;
}
