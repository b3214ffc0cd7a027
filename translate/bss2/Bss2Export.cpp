//===- Bss2Export.cpp - Lowered network to BrainScaleS-2 parameter set ----===//
//
// A direct reading of the lowered IR: the pass made every decision (values,
// codes' targets, placement); this file lays them out in the artifact's
// schema and rounds targets to nominal CapMem codes with the curves shared
// with the emulator (runtime/artifact/BrainScaleS2Params.h).
//
//===----------------------------------------------------------------------===//
#include "translate/bss2/Bss2Export.h"
#include "dialects/snn/SNNOps.h"
#include "runtime/artifact/BrainScaleS2.pb.h"
#include "runtime/artifact/BrainScaleS2File.h"
#include "runtime/artifact/BrainScaleS2Params.h"
#include "targets/brainscales2/translation/Bss2Translation.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include <google/protobuf/text_format.h>

#include <map>

using namespace mlir;
using namespace mlir::snn;
namespace pb = ::snn::artifact::bss2;
namespace bss2 = ::snn::bss2;

namespace {
double at(Attribute param, int64_t i) {
  if (auto scalar = dyn_cast<FloatAttr>(param))
    return scalar.getValueAsDouble();
  auto dense = cast<DenseFPElementsAttr>(param);
  return dense.getValues<APFloat>()[dense.isSplat() ? 0 : i].convertToDouble();
}
} // namespace

LogicalResult mlir::snn::exportBss2(ModuleOp module, pb::ParameterSet &set) {
  auto networks = llvm::to_vector(module.getOps<NetworkOp>());
  if (networks.size() != 1)
    return module.emitError("a BrainScaleS-2 parameter set holds one network, "
                            "the module has ")
           << networks.size();
  NetworkOp network = networks.front();
  auto timeScale = network->getAttrOfType<FloatAttr>("snn.bss2_time_scale");
  auto execution = network->getAttrOfType<StringAttr>("snn.bss2_execution");
  if (!timeScale || !execution)
    return network.emitError("network is not lowered for brainscales2: run "
                             "--snn-lower-brainscales before emitting");
  Block &body = network.getBody().front();
  SmallVector<Bss2NeuronOp> pops;
  DenseMap<Operation *, int64_t> popIndex;
  for (auto n : body.getOps<Bss2NeuronOp>()) {
    popIndex[n] = static_cast<int64_t>(pops.size());
    pops.push_back(n);
  }
  for (Operation &op : body)
    if (!isa<Bss2NeuronOp, Bss2SynapsesOp, AddOp, OutputOp>(op))
      return op.emitError("'")
             << op.getName().getStringRef()
             << "' has no BrainScaleS-2 form; run --snn-lower-brainscales on "
                "the step-level network";

  set.set_magic(::snn::runtime::kBss2Magic);
  set.set_format_version(::snn::runtime::kBss2FormatVersion);
  set.mutable_provenance()->set_producer("snn-mlir");
  set.mutable_provenance()->set_producer_version("1");
  set.mutable_provenance()->add_notes(
      "time scale " + std::to_string(timeScale.getValueAsDouble()));
  set.set_target("brainscales2");
  set.set_model_dt(network.getDt().convertToDouble());
  set.set_time_acceleration(bss2::kTimeAcceleration /
                            timeScale.getValueAsDouble());
  if (auto advance =
          network->getAttrOfType<FloatAttr>("snn.bss2_input_advance_us"))
    set.set_input_advance_us(advance.getValueAsDouble());
  StringRef exec = execution.getValue();
  set.set_execution(exec == "single_chip"      ? pb::SINGLE_CHIP
                    : exec == "parallel_chips" ? pb::PARALLEL_CHIPS
                                               : pb::SEQUENTIAL_PARTITIONS);

  // Inputs and outputs.
  for (unsigned i = 0; i < network.getNumArguments(); ++i) {
    pb::NetworkInput *in = set.add_inputs();
    in->set_name(network.getInputName(i).str());
    in->set_size(
        cast<ShapedType>(network.getArgument(i).getType()).getNumElements());
  }
  std::map<int64_t, std::vector<std::string>> aliases;
  for (auto [i, value] : llvm::enumerate(network.getOutputOp().getOperands())) {
    auto n = value.getDefiningOp<Bss2NeuronOp>();
    if (!n)
      return network.emitError("output ")
             << i << " is not a population's spikes";
    pb::NetworkOutput *out = set.add_outputs();
    out->set_name(network.getOutputName(i).str());
    out->set_population(popIndex[n]);
    aliases[popIndex[n]].push_back(out->name());
  }

  // Populations and where their neurons sit.
  double maxRefractory = 0;
  for (Bss2NeuronOp n : pops)
    maxRefractory =
        std::max(maxRefractory, n.getRefractory().convertToDouble());
  uint32_t clockScale = bss2::refractoryClockScale(maxRefractory);
  set.set_refractory_clock_scale(clockScale);
  // (population, neuron) -> (partition, circuit)
  std::map<std::pair<int64_t, int64_t>, std::pair<int64_t, int64_t>> where;
  int64_t partitions = 0;
  for (auto [p, n] : llvm::enumerate(pops)) {
    pb::Population *pop = set.add_populations();
    pop->set_name(getNodeName(n).empty() ? "population" + std::to_string(p)
                                         : getNodeName(n));
    pop->set_size(n.getType().getNumElements());
    for (const std::string &a : aliases[p])
      if (a != pop->name())
        pop->add_aliases(a);
    pop->set_model_v_per_lsb(1.0 / n.getVScale().convertToDouble());
    pop->set_v_zero_lsb(n.getVOffset().convertToDouble());
    if (!n.getPlacementAttr())
      return n.emitError("population is not placed");
    ArrayRef<int64_t> runs = n.getPlacementAttr().asArrayRef();
    for (size_t k = 0; k < runs.size(); k += 4) {
      for (int64_t j = runs[k + 2]; j < runs[k + 3]; ++j)
        where[{static_cast<int64_t>(p), j}] = {runs[k],
                                               runs[k + 1] + j - runs[k + 2]};
      partitions = std::max(partitions, runs[k] + 1);
    }
  }
  for (int64_t k = 0; k < partitions; ++k)
    set.add_partitions()->set_chip(exec == "parallel_chips" ? k : 0);
  // Circuits, in circuit order per partition.
  std::map<std::pair<int64_t, int64_t>, std::pair<int64_t, int64_t>> byCircuit;
  for (auto &[neuron, place] : where)
    byCircuit[place] = neuron;
  std::map<std::pair<int64_t, int64_t>, int> slot; // (partition, circuit)
  for (auto &[place, neuron] : byCircuit) {
    auto [p, j] = neuron;
    Bss2NeuronOp n = pops[p];
    pb::Partition *part = set.mutable_partitions(place.first);
    slot[place] = part->circuits_size();
    pb::NeuronCircuit *c = part->add_circuits();
    c->set_circuit(place.second);
    c->set_population(p);
    c->set_index(j);
    pb::Targets *t = c->mutable_targets();
    t->set_tau_mem_us(at(n.getTauMem(), j));
    t->set_tau_syn_exc_us(at(n.getTauSyn(), j));
    t->set_tau_syn_inh_us(at(n.getTauSyn(), j));
    t->set_leak_lsb(at(n.getVLeak(), j));
    t->set_reset_lsb(at(n.getVReset(), j));
    t->set_threshold_lsb(at(n.getVThreshold(), j));
    t->set_refractory_us(n.getRefractory().convertToDouble());
    t->set_syn_gain_exc(at(n.getSynGain(), j));
    t->set_syn_gain_inh(at(n.getSynGain(), j));
    pb::Codes *code = c->mutable_codes();
    code->set_tau_mem(bss2::tauMemCode(t->tau_mem_us()));
    code->set_tau_syn_exc(bss2::tauSynCode(t->tau_syn_exc_us()));
    code->set_tau_syn_inh(bss2::tauSynCode(t->tau_syn_inh_us()));
    code->set_leak(bss2::potentialCode(t->leak_lsb()));
    code->set_reset(bss2::potentialCode(t->reset_lsb()));
    code->set_threshold(bss2::potentialCode(t->threshold_lsb()));
    code->set_syn_gain_exc(bss2::synGainCode(t->syn_gain_exc()));
    code->set_syn_gain_inh(bss2::synGainCode(t->syn_gain_inh()));
    code->set_refractory_counter(
        bss2::refractoryCounter(t->refractory_us(), clockScale));
  }

  // Synapse rows: per partition, one per (source, sign) with a nonzero code
  // into one of its circuits, in RowKey order (as the pass counted them).
  std::vector<std::map<bss2::RowKey, std::vector<uint32_t>>> rows(partitions);
  auto addCode = [&](const bss2::RowKey &key, std::pair<int64_t, int64_t> pl,
                     uint32_t code) {
    if (!code)
      return;
    auto &w = rows[pl.first][key];
    w.resize(set.partitions(pl.first).circuits_size(), 0);
    w[slot[pl]] = code;
  };
  double maxLsb = 0;
  for (auto [p, n] : llvm::enumerate(pops)) {
    SmallVector<Bss2SynapsesOp> syns;
    std::function<void(Value)> walk = [&](Value v) {
      if (auto add = v.getDefiningOp<AddOp>())
        for (Value o : add.getInputs())
          walk(o);
      else if (auto s = v.getDefiningOp<Bss2SynapsesOp>())
        syns.push_back(s);
    };
    walk(n.getInput());
    int64_t size = n.getType().getNumElements();
    for (Bss2SynapsesOp s : syns) {
      Value src = s.getInput();
      bss2::RowKey key;
      if (auto arg = dyn_cast<BlockArgument>(src)) {
        key.kind = bss2::RowKey::Input;
        key.index = arg.getArgNumber();
      } else if (auto from = src.getDefiningOp<Bss2NeuronOp>()) {
        key.kind = bss2::RowKey::Neuron;
        key.index = popIndex[from];
      } else {
        return s.emitError("synapses read neither a population nor an input");
      }
      int64_t in = cast<ShapedType>(src.getType()).getNumElements();
      auto exc = llvm::to_vector(s.getExc().getValues<int8_t>());
      auto inh = llvm::to_vector(s.getInh().getValues<int8_t>());
      for (int64_t j = 0; j < size; ++j) {
        auto pl = where[{static_cast<int64_t>(p), j}];
        maxLsb = std::max(maxLsb, at(s.getWeightLsb(), j));
        for (int64_t c = 0; c < in; ++c) {
          key.element = c;
          key.inhibitory = false;
          addCode(key, pl, exc[j * in + c]);
          key.inhibitory = true;
          addCode(key, pl, inh[j * in + c]);
        }
      }
      if (s.getBiasExcAttr()) {
        auto be = llvm::to_vector(s.getBiasExcAttr().getValues<int8_t>());
        auto bi = llvm::to_vector(s.getBiasInhAttr().getValues<int8_t>());
        for (int64_t j = 0; j < size; ++j) {
          auto pl = where[{static_cast<int64_t>(p), j}];
          addCode({bss2::RowKey::Bias, 0, 0, false}, pl, be[j]);
          addCode({bss2::RowKey::Bias, 0, 0, true}, pl, bi[j]);
        }
      }
    }
    set.mutable_populations(p)->set_model_weight_per_code(maxLsb);
    maxLsb = 0;
  }
  for (int64_t k = 0; k < partitions; ++k) {
    pb::Partition *part = set.mutable_partitions(k);
    if (rows[k].size() > bss2::kRowsPerChip)
      return network.emitError("partition ")
             << k << " needs " << rows[k].size() << " rows; re-run placement";
    uint32_t number = 0;
    for (auto &[key, weights] : rows[k]) {
      pb::SynapseRow *row = part->add_rows();
      row->set_row(number++);
      row->set_sign(key.inhibitory ? pb::INHIBITORY : pb::EXCITATORY);
      pb::RowSource *source = row->mutable_source();
      if (key.kind == bss2::RowKey::Input) {
        source->mutable_input()->set_input(key.index);
        source->mutable_input()->set_channel(key.element);
      } else if (key.kind == bss2::RowKey::Neuron) {
        auto pl = where[{key.index, key.element}];
        source->mutable_circuit()->set_partition(pl.first);
        source->mutable_circuit()->set_circuit(pl.second);
      } else {
        source->mutable_bias();
      }
      std::vector<uint32_t> w = weights;
      w.resize(part->circuits_size(), 0);
      for (uint32_t v : w)
        row->add_weights(v);
    }
  }

  // Report: resource use and the weight resolution.
  pb::Report *report = set.mutable_report();
  for (int64_t k = 0; k < partitions; ++k) {
    std::string name = partitions > 1 ? " (partition " + std::to_string(k) + ")"
                                      : std::string();
    auto *u = report->add_usage();
    u->set_resource("neuron circuits" + name);
    u->set_used(set.partitions(k).circuits_size());
    u->set_capacity(bss2::kNeuronsPerChip);
    u = report->add_usage();
    u->set_resource("synapse rows" + name);
    u->set_used(set.partitions(k).rows_size());
    u->set_capacity(bss2::kRowsPerChip);
  }
  auto *u = report->add_usage();
  u->set_resource(exec == "sequential_partitions" ? "sequential partitions"
                                                  : "chips");
  u->set_used(partitions);
  u->set_capacity(exec == "sequential_partitions" ? partitions : partitions);
  if (auto err = network->getAttrOfType<FloatAttr>("snn.bss2_max_weight_error"))
    report->set_max_weight_error(err.getValueAsDouble());
  std::string why;
  if (!::snn::runtime::validateBss2(set, why))
    return network.emitError("the parameter set is invalid (hand-edited IR?): ")
           << why;
  return success();
}

void mlir::snn::registerBss2Translation() {
  static llvm::cl::opt<bool> text(
      "emit-bss2-text",
      llvm::cl::desc("With --emit=brainscales2: write protobuf text"),
      llvm::cl::init(false));
  TranslateFromMLIRRegistration reg(
      "emit-brainscales2",
      "Emit the BrainScaleS-2 parameter set of a lowered network "
      "(--emit=brainscales2)",
      [](Operation *op, raw_ostream &os) -> LogicalResult {
        pb::ParameterSet set;
        if (failed(exportBss2(cast<ModuleOp>(op), set)))
          return failure();
        std::string bytes;
        if (text)
          google::protobuf::TextFormat::PrintToString(set, &bytes);
        else
          bytes = ::snn::runtime::serializeBss2(set);
        os << bytes;
        return success();
      },
      [](DialectRegistry &registry) { registry.insert<SNNDialect>(); });
}
