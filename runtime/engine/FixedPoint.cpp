//===- FixedPoint.cpp - Host side of the fixed-point neuron nodes ---------===//

#include "runtime/engine/FixedPoint.h"

#include <cmath>
#include <sstream>

using namespace snn;
using namespace snn::runtime;

namespace {

using Ints = google::protobuf::RepeatedField<int32_t>;

/// Checks one field after another, stopping at the first problem.
class FieldChecker {
public:
  FieldChecker(const plan::Node &node, int64_t n, std::string &problem)
      : op(fixedPointOpName(node)), n(n), problem(problem) {}

  /// 1 or N values (or none when `optional`), each within [lo, hi].
  bool ints(const char *name, const Ints &v, bool optional, int64_t lo,
            int64_t hi) {
    if (v.size() != 1 && v.size() != n && !(optional && v.empty()))
      return fail(std::string(name) + " has " + std::to_string(v.size()) +
                  " values, expected 1 or " + std::to_string(n) +
                  (optional ? " (or none)" : ""));
    for (int j = 0; j < v.size(); ++j)
      if (v[j] < lo || v[j] > hi)
        return fail(std::string(name) +
                    (v.size() > 1 ? "[" + std::to_string(j) + "]" : "") +
                    " = " + std::to_string(v[j]) + " is out of range " +
                    std::to_string(lo) + ".." + std::to_string(hi));
    return true;
  }

  bool any(const char *name, const Ints &v, bool optional) {
    return ints(name, v, optional, INT32_MIN, INT32_MAX);
  }

  /// v_scale converts recorded integers back to the source model's units,
  /// so it must be a usable divisor.
  bool scale(float s) {
    if (std::isfinite(s) && s > 0.0f)
      return true;
    std::ostringstream os;
    os << "v_scale = " << s << " must be > 0";
    return fail(os.str());
  }

  bool fail(const std::string &msg) {
    problem = op + " " + msg;
    return false;
  }

private:
  std::string op;
  int64_t n;
  std::string &problem;
};

void view(FixedParamArrays &p, FixedParamArrays::Field f, const Ints &v) {
  p.values[f] = v.data();
  p.counts[f] = v.size();
}

} // namespace

bool snn::runtime::isFixedPointNeuron(const plan::Node &node) {
  return node.has_loihi_neuron() || node.has_spinnaker_neuron() ||
         node.has_speck_neuron();
}

const char *snn::runtime::fixedPointOpName(const plan::Node &node) {
  if (node.has_loihi_neuron())
    return "loihi_neuron";
  if (node.has_spinnaker_neuron())
    return "spinnaker_neuron";
  return "speck_neuron";
}

bool snn::runtime::fixedPointSpikes(const plan::Node &node) {
  return (node.has_loihi_neuron() && node.loihi_neuron().spiking()) ||
         (node.has_spinnaker_neuron() && node.spinnaker_neuron().spiking()) ||
         node.has_speck_neuron();
}

bool snn::runtime::fixedPointHasCurrent(const plan::Node &node) {
  return node.has_loihi_neuron() || node.has_spinnaker_neuron();
}

bool snn::runtime::checkFixedPointNeuron(const plan::Node &node, int64_t n,
                                         std::string &problem) {
  FieldChecker c(node, n, problem);
  if (node.has_loihi_neuron()) {
    // Bit widths of Lava's PyLifModelBitAcc: du/dv 12-bit unsigned, vth
    // 17-bit unsigned, bias mantissa 13-bit signed, bias exponent 3-bit;
    // weight_exp as Loihi's synapse format allows.
    const plan::LoihiNeuronOp &op = node.loihi_neuron();
    return c.ints("du", op.du(), false, 0, 4095) &&
           c.ints("dv", op.dv(), false, 0, 4095) &&
           c.ints("vth_mant", op.vth_mant(), !op.spiking(), 0, 131071) &&
           c.ints("bias_mant", op.bias_mant(), true, -4096, 4095) &&
           c.ints("bias_exp", op.bias_exp(), true, 0, 7) &&
           c.ints("weight_exp", op.weight_exp(), true, -8, 7) &&
           c.scale(op.v_scale());
  }
  if (node.has_spinnaker_neuron()) {
    const plan::SpinnakerNeuronOp &op = node.spinnaker_neuron();
    if (op.reset() != plan::NeuronOp::TO_VALUE &&
        op.reset() != plan::NeuronOp::SUBTRACT &&
        op.reset() != plan::NeuronOp::NONE)
      return c.fail("reset = " + std::to_string(op.reset()) +
                    " is not a reset mode");
    return c.any("syn_decay", op.syn_decay(), !op.has_synapse()) &&
           c.any("mem_decay", op.mem_decay(), false) &&
           c.any("mem_gain", op.mem_gain(), false) &&
           c.any("mem_bias", op.mem_bias(), true) &&
           c.any("threshold", op.threshold(), !op.spiking()) &&
           c.any("v_reset", op.v_reset(), true) &&
           c.ints("input_shift", op.input_shift(), true, 0, 31) &&
           c.scale(op.v_scale());
  }
  const plan::SpeckNeuronOp &op = node.speck_neuron();
  // 16-bit state: threshold_high positive, threshold_low (min_v_mem) in
  // [-2^15, 0] (sinabs' default is -2^15).
  if (!c.ints("threshold", op.threshold(), false, 1, 32767))
    return false;
  if (op.v_min() < -32768 || op.v_min() > 0)
    return c.fail("v_min = " + std::to_string(op.v_min()) +
                  " is out of range -32768..0");
  return c.scale(op.v_scale());
}

void snn::runtime::describeFixedPoint(const plan::Node &node, FixedConfig &c,
                                      FixedParamArrays &p) {
  using F = FixedParamArrays;
  c = FixedConfig();
  p = FixedParamArrays();
  if (node.has_loihi_neuron()) {
    const plan::LoihiNeuronOp &op = node.loihi_neuron();
    c.family = FixedFamily::Loihi;
    c.spiking = op.spiking();
    view(p, F::Du, op.du());
    view(p, F::Dv, op.dv());
    view(p, F::VthMant, op.vth_mant());
    view(p, F::BiasMant, op.bias_mant());
    view(p, F::BiasExp, op.bias_exp());
    view(p, F::WeightExp, op.weight_exp());
  } else if (node.has_spinnaker_neuron()) {
    const plan::SpinnakerNeuronOp &op = node.spinnaker_neuron();
    c.family = FixedFamily::Spinnaker;
    c.spiking = op.spiking();
    c.hasSynapse = op.has_synapse();
    c.reset = static_cast<NeuronReset>(op.reset());
    view(p, F::SynDecay, op.syn_decay());
    view(p, F::MemDecay, op.mem_decay());
    view(p, F::MemGain, op.mem_gain());
    view(p, F::MemBias, op.mem_bias());
    view(p, F::SpinThreshold, op.threshold());
    view(p, F::VReset, op.v_reset());
    view(p, F::InputShift, op.input_shift());
  } else {
    const plan::SpeckNeuronOp &op = node.speck_neuron();
    c.family = FixedFamily::Speck;
    c.spiking = true;
    c.multiSpike = op.multi_spike();
    c.vMin = op.v_min();
    view(p, F::SpeckThreshold, op.threshold());
  }
}

bool snn::runtime::toFixedInput(float x, int64_t &out) {
  return roundFixedInput(x, out);
}

std::string snn::runtime::nonIntegerInputMessage(const plan::Node &node,
                                                 float x, int64_t element,
                                                 int64_t numel, int64_t step) {
  std::ostringstream os;
  os << "node '" << node.name() << "' (" << fixedPointOpName(node)
     << "): input " << x;
  if (numel > 1)
    os << " (element " << element << ")";
  os << " at step " << step
     << " is not an integer; fixed-point neurons take integer inputs "
        "(quantize the upstream weights)";
  return os.str();
}
