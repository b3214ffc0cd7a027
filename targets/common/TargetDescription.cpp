//===- TargetDescription.cpp - Target descriptions and their registry
//------===//
#include "targets/common/TargetDescription.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"

#include <map>
#include <mutex>

using namespace mlir;
using namespace mlir::snn;

// One list of fields drives both directions of the attribute conversion.
#define SNN_TARGET_INT_FIELDS(X)                                               \
  X(weightBits, "weight_bits")                                                 \
  X(weightExpMin, "weight_exp_min")                                            \
  X(weightExpMax, "weight_exp_max")                                            \
  X(decayBits, "decay_bits")                                                   \
  X(stateBits, "state_bits")                                                   \
  X(thresholdBits, "threshold_bits")                                           \
  X(thresholdShift, "threshold_shift")                                         \
  X(biasMantBits, "bias_mant_bits")                                            \
  X(biasExpBits, "bias_exp_bits")                                              \
  X(fractionalBits, "fractional_bits")                                         \
  X(synapticDelaySteps, "synaptic_delay_steps")                                \
  X(maxDelaySteps, "max_delay_steps")                                          \
  X(cores, "cores")                                                            \
  X(neuronsPerCore, "neurons_per_core")                                        \
  X(axonsInPerCore, "axons_in_per_core")                                       \
  X(axonsOutPerCore, "axons_out_per_core")                                     \
  X(synapseBytesPerCore, "synapse_bytes_per_core")
#define SNN_TARGET_BOOL_FIELDS(X)                                              \
  X(perChannelWeights, "per_channel_weights")                                  \
  X(hasLeak, "has_leak")                                                       \
  X(hasSynapticCurrent, "has_synaptic_current")                                \
  X(allowsRecurrence, "allows_recurrence")                                     \
  X(resetToValue, "reset_to_value")                                            \
  X(resetSubtract, "reset_subtract")                                           \
  X(multiSpike, "multi_spike")
#define SNN_TARGET_FLOAT_FIELDS(X)                                             \
  X(synOpPJ, "syn_op_pj")                                                      \
  X(neuronUpdatePJ, "neuron_update_pj")                                        \
  X(spikePJ, "spike_pj")                                                       \
  X(hopPJ, "hop_pj")

// Fields added after the first descriptions: a missing key keeps the
// default, so modules written before them still load.
#define SNN_TARGET_OPTIONAL_INT_FIELDS(X)                                      \
  X(chipsPerBoard, "chips_per_board")                                          \
  X(boardChipsX, "board_chips_x")
#define SNN_TARGET_OPTIONAL_BOOL_FIELDS(X)                                     \
  X(chipTorus, "chip_torus")                                                   \
  X(chipDiagonal, "chip_diagonal")
#define SNN_TARGET_OPTIONAL_FLOAT_FIELDS(X)                                    \
  X(chipHopWeight, "chip_hop_weight")                                          \
  X(synOpNs, "syn_op_ns")                                                      \
  X(neuronUpdateNs, "neuron_update_ns")                                        \
  X(hopNs, "hop_ns")                                                           \
  X(stepSyncNs, "step_sync_ns")                                                \
  X(stepNs, "step_ns")

StringRef mlir::snn::stringifyArithmetic(Arithmetic arithmetic) {
  switch (arithmetic) {
  case Arithmetic::Float:
    return "float";
  case Arithmetic::Loihi:
    return "loihi";
  case Arithmetic::Spinnaker:
    return "spinnaker";
  case Arithmetic::Speck:
    return "speck";
  case Arithmetic::Analog:
    return "analog";
  }
  return "float";
}

std::optional<Arithmetic> mlir::snn::parseArithmetic(StringRef text) {
  return llvm::StringSwitch<std::optional<Arithmetic>>(text)
      .Case("float", Arithmetic::Float)
      .Case("loihi", Arithmetic::Loihi)
      .Case("spinnaker", Arithmetic::Spinnaker)
      .Case("speck", Arithmetic::Speck)
      .Case("analog", Arithmetic::Analog)
      .Default(std::nullopt);
}

DictionaryAttr TargetDescription::toAttribute(MLIRContext *context) const {
  Builder b(context);
  SmallVector<NamedAttribute> fields;
  fields.push_back(b.getNamedAttr("name", b.getStringAttr(name)));
  fields.push_back(b.getNamedAttr("summary", b.getStringAttr(summary)));
  fields.push_back(b.getNamedAttr(
      "arithmetic", b.getStringAttr(stringifyArithmetic(arithmetic))));
  fields.push_back(
      b.getNamedAttr("figures_source", b.getStringAttr(figuresSource)));
#define X(member, key)                                                         \
  fields.push_back(b.getNamedAttr(key, b.getI64IntegerAttr(member)));
  SNN_TARGET_INT_FIELDS(X)
#undef X
#define X(member, key)                                                         \
  fields.push_back(b.getNamedAttr(key, b.getBoolAttr(member)));
  SNN_TARGET_BOOL_FIELDS(X)
#undef X
#define X(member, key)                                                         \
  fields.push_back(b.getNamedAttr(key, b.getF64FloatAttr(member)));
  SNN_TARGET_FLOAT_FIELDS(X)
  SNN_TARGET_OPTIONAL_FLOAT_FIELDS(X)
#undef X
#define X(member, key)                                                         \
  fields.push_back(b.getNamedAttr(key, b.getI64IntegerAttr(member)));
  SNN_TARGET_OPTIONAL_INT_FIELDS(X)
#undef X
#define X(member, key)                                                         \
  fields.push_back(b.getNamedAttr(key, b.getBoolAttr(member)));
  SNN_TARGET_OPTIONAL_BOOL_FIELDS(X)
#undef X
  return b.getDictionaryAttr(fields);
}

std::optional<TargetDescription>
TargetDescription::fromAttribute(DictionaryAttr attr, std::string &error) {
  TargetDescription d;
  auto str = [&](StringRef key, std::string &out) {
    auto value = attr.getAs<StringAttr>(key);
    if (!value)
      error = key.str();
    else
      out = value.str();
    return static_cast<bool>(value);
  };
  std::string arithmetic;
  if (!str("name", d.name) || !str("summary", d.summary) ||
      !str("arithmetic", arithmetic))
    return std::nullopt;
  std::optional<Arithmetic> parsed = parseArithmetic(arithmetic);
  if (!parsed) {
    error = "arithmetic";
    return std::nullopt;
  }
  d.arithmetic = *parsed;
  // Optional (added later): absent means no source given.
  if (Attribute source = attr.get("figures_source")) {
    auto text = dyn_cast<StringAttr>(source);
    if (!text) {
      error = "figures_source";
      return std::nullopt;
    }
    d.figuresSource = text.str();
  }
#define X(member, key)                                                         \
  if (auto v = attr.getAs<IntegerAttr>(key))                                   \
    d.member = v.getInt();                                                     \
  else {                                                                       \
    error = key;                                                               \
    return std::nullopt;                                                       \
  }
  SNN_TARGET_INT_FIELDS(X)
#undef X
#define X(member, key)                                                         \
  if (auto v = attr.getAs<BoolAttr>(key))                                      \
    d.member = v.getValue();                                                   \
  else {                                                                       \
    error = key;                                                               \
    return std::nullopt;                                                       \
  }
  SNN_TARGET_BOOL_FIELDS(X)
#undef X
#define X(member, key)                                                         \
  if (auto v = attr.getAs<FloatAttr>(key))                                     \
    d.member = v.getValueAsDouble();                                           \
  else {                                                                       \
    error = key;                                                               \
    return std::nullopt;                                                       \
  }
  SNN_TARGET_FLOAT_FIELDS(X)
#undef X
  // Optional fields: absent keeps the default, present but ill-typed is an
  // error.
#define X(member, key, Type, getter)                                           \
  if (Attribute a = attr.get(key)) {                                           \
    auto v = dyn_cast<Type>(a);                                                \
    if (!v) {                                                                  \
      error = key;                                                             \
      return std::nullopt;                                                     \
    }                                                                          \
    d.member = v.getter();                                                     \
  }
#define XI(member, key) X(member, key, IntegerAttr, getInt)
#define XB(member, key) X(member, key, BoolAttr, getValue)
#define XF(member, key) X(member, key, FloatAttr, getValueAsDouble)
  SNN_TARGET_OPTIONAL_INT_FIELDS(XI)
  SNN_TARGET_OPTIONAL_BOOL_FIELDS(XB)
  SNN_TARGET_OPTIONAL_FLOAT_FIELDS(XF)
#undef XI
#undef XB
#undef XF
#undef X
  return d;
}

namespace {
std::mutex registryMutex;
std::map<std::string, TargetDescription> &registry() {
  static std::map<std::string, TargetDescription> targets;
  return targets;
}
} // namespace

void mlir::snn::registerTarget(TargetDescription description) {
  std::lock_guard<std::mutex> lock(registryMutex);
  registry()[description.name] = std::move(description);
}

const TargetDescription *mlir::snn::lookupTarget(StringRef name) {
  registerAllTargets();
  std::lock_guard<std::mutex> lock(registryMutex);
  auto it = registry().find(name.str());
  return it == registry().end() ? nullptr : &it->second;
}

std::vector<std::string> mlir::snn::registeredTargetNames() {
  registerAllTargets();
  std::lock_guard<std::mutex> lock(registryMutex);
  std::vector<std::string> names;
  for (const auto &entry : registry())
    names.push_back(entry.first);
  return names;
}
