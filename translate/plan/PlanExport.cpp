//===- PlanExport.cpp - snn network to runtime plan
//------------------------===//
#include "translate/plan/PlanExport.h"
#include "dialects/InitAllDialects.h"
#include "dialects/snn/SNNSchedule.h"
#include "runtime/plan/Plan.pb.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

using namespace mlir;
using namespace mlir::snn;
namespace plan = ::snn::plan;

namespace {
template <typename Field> void appendParam(Attribute attr, Field *out) {
  if (auto scalar = dyn_cast<FloatAttr>(attr)) {
    out->Add(static_cast<float>(scalar.getValueAsDouble()));
    return;
  }
  for (float v : cast<DenseElementsAttr>(attr).getValues<float>())
    out->Add(v);
}

template <typename Field> void appendInt(Attribute attr, Field *out) {
  if (auto scalar = dyn_cast<IntegerAttr>(attr)) {
    out->Add(static_cast<int32_t>(scalar.getInt()));
    return;
  }
  for (int32_t v : cast<DenseElementsAttr>(attr).getValues<int32_t>())
    out->Add(v);
}

template <typename Field>
void appendInts(ArrayRef<int64_t> values, Field *out) {
  for (int64_t v : values)
    out->Add(v);
}

class Exporter {
public:
  Exporter(NetworkOp network, plan::Plan &out) : network(network), out(out) {}
  LogicalResult run();

private:
  NetworkOp network;
  plan::Plan &out;
  StepSchedule schedule;
  DenseMap<Value, unsigned> nodeOf;
  DenseSet<Operation *> foldedAdds;
  llvm::StringSet<> names;
  unsigned unnamed = 0;

  std::string uniqueName(std::string base) {
    std::string name = base;
    for (int k = 1; !names.insert(name).second; ++k)
      name = base + "_" + std::to_string(k);
    return name;
  }
  plan::Node *addNode(Operation *op, StringRef name, ShapedType type);
  void addOperands(plan::Node *node, Operation *op);
  void addOperand(plan::Node *node, Value value, bool delayed);
  LogicalResult lowerOp(Operation *op, plan::Node *node);
};
} // namespace

plan::Node *Exporter::addNode(Operation *op, StringRef name, ShapedType type) {
  plan::Node *node = out.add_nodes();
  node->set_name(uniqueName(name.str()));
  appendInts(type.getShape(), node->mutable_shape());
  return node;
}

void Exporter::addOperand(plan::Node *node, Value value, bool delayed) {
  Operation *producer = value.getDefiningOp();
  if (producer && foldedAdds.contains(producer)) {
    for (auto [i, v] : llvm::enumerate(producer->getOperands()))
      addOperand(node, v, schedule.isDelayed(producer, i));
    return;
  }
  plan::Operand *operand = node->add_operands();
  operand->set_node(nodeOf.lookup(value));
  operand->set_previous_step(delayed);
}

void Exporter::addOperands(plan::Node *node, Operation *op) {
  if (op->getNumOperands())
    appendInts(cast<ShapedType>(op->getOperand(0).getType()).getShape(),
               node->mutable_input_shape());
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    addOperand(node, v, schedule.isDelayed(op, i));
}

LogicalResult Exporter::lowerOp(Operation *op, plan::Node *node) {
  if (auto affine = dyn_cast<AffineOp>(op)) {
    auto *a = node->mutable_affine();
    appendParam(affine.getWeight(), a->mutable_weight());
    appendParam(affine.getBias(), a->mutable_bias());
  } else if (auto linear = dyn_cast<LinearOp>(op)) {
    appendParam(linear.getWeight(), node->mutable_affine()->mutable_weight());
  } else if (auto scale = dyn_cast<ScaleOp>(op)) {
    appendParam(scale.getScale(), node->mutable_scale()->mutable_scale());
  } else if (isa<Conv1dOp, Conv2dOp>(op)) {
    auto *c = node->mutable_conv();
    auto lower = [&](auto conv) {
      auto wShape = conv.getWeight().getType().getShape();
      appendParam(conv.getWeight(), c->mutable_weight());
      if (conv.getBiasAttr())
        appendParam(conv.getBiasAttr(), c->mutable_bias());
      appendInts(wShape.drop_front(2), c->mutable_kernel());
      appendInts(conv.getStride(), c->mutable_stride());
      appendInts(conv.getPadding(), c->mutable_padding());
      appendInts(conv.getDilation(), c->mutable_dilation());
      c->set_groups(conv.getGroups());
      c->set_out_channels(wShape[0]);
    };
    if (auto conv = dyn_cast<Conv1dOp>(op))
      lower(conv);
    else
      lower(cast<Conv2dOp>(op));
  } else if (isa<SumPool2dOp, AvgPool2dOp, MaxPool2dOp>(op)) {
    auto *p = node->mutable_pool();
    auto lower = [&](auto pool) {
      appendInts(pool.getKernelSize(), p->mutable_kernel());
      appendInts(pool.getStride(), p->mutable_stride());
      appendInts(pool.getPadding(), p->mutable_padding());
    };
    if (auto sum = dyn_cast<SumPool2dOp>(op)) {
      p->set_kind(plan::PoolOp::SUM);
      lower(sum);
    } else if (auto avg = dyn_cast<AvgPool2dOp>(op)) {
      p->set_kind(plan::PoolOp::AVG);
      lower(avg);
    } else {
      p->set_kind(plan::PoolOp::MAX);
      lower(cast<MaxPool2dOp>(op));
    }
  } else if (isa<ReluOp>(op)) {
    node->mutable_relu();
  } else if (isa<FlattenOp, AddOp>(op)) {
    node->mutable_identity();
  } else if (isa<ZeroOp>(op)) {
    node->mutable_zero();
  } else if (auto delay = dyn_cast<StepDelayOp>(op)) {
    appendInts(delay.getSteps(), node->mutable_delay()->mutable_steps());
  } else if (auto threshold = dyn_cast<ThresholdOp>(op)) {
    appendParam(threshold.getThreshold(),
                node->mutable_threshold()->mutable_threshold());
  } else if (auto sparse = dyn_cast<SparseProjectionOp>(op)) {
    auto *s = node->mutable_sparse();
    for (int32_t r : sparse.getRowPtr())
      s->add_row_ptr(r);
    for (int32_t c : sparse.getCols())
      s->add_col(c);
    appendParam(sparse.getValues(), s->mutable_value());
  } else if (auto neuron = dyn_cast<StepNeuronOp>(op)) {
    auto *n = node->mutable_neuron();
    n->set_has_synapse(static_cast<bool>(neuron.getSynDecayAttr()));
    if (neuron.getSynDecayAttr())
      appendParam(neuron.getSynDecayAttr(), n->mutable_syn_decay());
    appendParam(neuron.getSynGain(), n->mutable_syn_gain());
    appendParam(neuron.getMemDecay(), n->mutable_mem_decay());
    appendParam(neuron.getMemGain(), n->mutable_mem_gain());
    appendParam(neuron.getMemBias(), n->mutable_mem_bias());
    n->set_spiking(static_cast<bool>(neuron.getThresholdAttr()));
    if (neuron.getThresholdAttr())
      appendParam(neuron.getThresholdAttr(), n->mutable_threshold());
    switch (neuron.getReset()) {
    case ResetMode::Zero:
      n->set_reset(plan::NeuronOp::TO_VALUE);
      n->add_v_reset(0.0f);
      break;
    case ResetMode::ToReset:
      n->set_reset(plan::NeuronOp::TO_VALUE);
      appendParam(neuron.getVResetAttr(), n->mutable_v_reset());
      break;
    case ResetMode::Subtract:
      n->set_reset(plan::NeuronOp::SUBTRACT);
      break;
    case ResetMode::None:
      n->set_reset(plan::NeuronOp::NONE);
      break;
    }
    n->set_multi_spike(neuron.getMultiSpike());
    if (auto vMin = neuron.getVMin()) {
      n->set_has_v_min(true);
      n->set_v_min(vMin->convertToFloat());
    }
    if (neuron.getAdaptDecayAttr()) {
      n->set_adaptive(true);
      appendParam(neuron.getAdaptDecayAttr(), n->mutable_adapt_decay());
      appendParam(neuron.getAdaptGainAttr(), n->mutable_adapt_gain());
    }
  } else if (auto loihi = dyn_cast<LoihiNeuronOp>(op)) {
    auto *n = node->mutable_loihi_neuron();
    appendInt(loihi.getDu(), n->mutable_du());
    appendInt(loihi.getDv(), n->mutable_dv());
    appendInt(loihi.getVthMant(), n->mutable_vth_mant());
    appendInt(loihi.getBiasMant(), n->mutable_bias_mant());
    appendInt(loihi.getBiasExp(), n->mutable_bias_exp());
    appendInt(loihi.getWeightExp(), n->mutable_weight_exp());
    n->set_spiking(loihi.getSpiking());
    n->set_v_scale(loihi.getVScale().convertToDouble());
  } else if (auto spinn = dyn_cast<SpinnakerNeuronOp>(op)) {
    auto *n = node->mutable_spinnaker_neuron();
    n->set_has_synapse(static_cast<bool>(spinn.getSynDecayAttr()));
    if (spinn.getSynDecayAttr())
      appendInt(spinn.getSynDecayAttr(), n->mutable_syn_decay());
    appendInt(spinn.getMemDecay(), n->mutable_mem_decay());
    appendInt(spinn.getMemGain(), n->mutable_mem_gain());
    appendInt(spinn.getMemBias(), n->mutable_mem_bias());
    n->set_spiking(static_cast<bool>(spinn.getThresholdAttr()));
    if (spinn.getThresholdAttr())
      appendInt(spinn.getThresholdAttr(), n->mutable_threshold());
    appendInt(spinn.getVReset(), n->mutable_v_reset());
    n->set_reset(
        spinn.getReset() == ResetMode::Subtract ? plan::NeuronOp::SUBTRACT
        : spinn.getReset() == ResetMode::None   ? plan::NeuronOp::NONE
                                                : plan::NeuronOp::TO_VALUE);
    appendInt(spinn.getInputShift(), n->mutable_input_shift());
    n->set_v_scale(spinn.getVScale().convertToDouble());
  } else if (auto speck = dyn_cast<SpeckNeuronOp>(op)) {
    auto *n = node->mutable_speck_neuron();
    appendInt(speck.getThreshold(), n->mutable_threshold());
    n->set_v_min(speck.getVMinAttr().getInt());
    n->set_multi_spike(speck.getMultiSpike());
    n->set_v_scale(speck.getVScale().convertToDouble());
  } else {
    return op->emitOpError("has no runtime form; run --snn-discretize first "
                           "(snn-run and the reference pipeline do this)");
  }
  return success();
}

LogicalResult Exporter::run() {
  schedule = computeSchedule(network);
  out.set_format_version(1);
  out.set_name(network.getSymName().str());
  out.set_dt(network.getDt().convertToDouble());
  out.set_ann(isAnnNetwork(network));
  if (auto method = network->getAttrOfType<StringAttr>("snn.discretization"))
    (*out.mutable_metadata())["discretization"] = method.str();

  Block &body = network.getBody().front();
  for (auto [i, arg] : llvm::enumerate(body.getArguments())) {
    std::string name = network.getInputName(i).str();
    if (name.empty())
      name = "input" + std::to_string(i);
    plan::Node *node = addNode(nullptr, name, cast<ShapedType>(arg.getType()));
    node->mutable_input();
    nodeOf[arg] = out.nodes_size() - 1;
    out.add_inputs(out.nodes_size() - 1);
  }
  // An add is folded into its users' operand lists unless someone reads its
  // previous-step value (then it must keep its own buffer).
  for (Operation *op : schedule.order)
    if (isa<AddOp>(op) && llvm::none_of(op->getUses(), [&](OpOperand &use) {
          return schedule.isDelayed(use.getOwner(), use.getOperandNumber());
        }))
      foldedAdds.insert(op);
  for (Operation *op : schedule.order) {
    if (foldedAdds.contains(op))
      continue;
    std::string name = getNodeName(op);
    if (name.empty())
      name =
          op->getName().stripDialect().str() + "_" + std::to_string(unnamed++);
    else if (isa<AddOp>(op))
      name += ".sum";
    else if (isa<ZeroOp>(op))
      name += ".zero"; // Drives the named node that has no incoming edge.
    plan::Node *node =
        addNode(op, name, cast<ShapedType>(op->getResult(0).getType()));
    nodeOf[op->getResult(0)] = out.nodes_size() - 1;
    if (failed(lowerOp(op, node)))
      return failure();
  }
  // Operands are filled in a second sweep: a delayed operand may name a node
  // that comes later in the order.
  for (Operation *op : schedule.order)
    if (!foldedAdds.contains(op))
      addOperands(out.mutable_nodes(nodeOf[op->getResult(0)]), op);
  OutputOp terminator = network.getOutputOp();
  for (auto [i, v] : llvm::enumerate(terminator.getOperands())) {
    std::string name = network.getOutputName(i).str();
    if (name.empty())
      name = "output" + std::to_string(i);
    plan::Node *node = addNode(nullptr, name, cast<ShapedType>(v.getType()));
    appendInts(cast<ShapedType>(v.getType()).getShape(),
               node->mutable_input_shape());
    node->mutable_identity();
    addOperand(node, v, false);
    plan::Output *result = out.add_outputs();
    result->set_name(node->name());
    result->set_node(out.nodes_size() - 1);
  }
  return success();
}

LogicalResult mlir::snn::exportPlan(NetworkOp network, plan::Plan &plan) {
  return Exporter(network, plan).run();
}

LogicalResult mlir::snn::exportPlan(ModuleOp module, plan::Plan &plan) {
  auto networks = llvm::to_vector(module.getOps<NetworkOp>());
  if (networks.size() != 1)
    return module.emitError("expected exactly one snn.network to emit, found ")
           << networks.size();
  return exportPlan(networks.front(), plan);
}

void mlir::snn::registerPlanExportTranslations() {
  TranslateFromMLIRRegistration binary(
      "emit-plan",
      "Emit the runtime plan (binary protobuf) of a step-level network",
      [](Operation *op, raw_ostream &os) -> LogicalResult {
        plan::Plan plan;
        if (failed(exportPlan(cast<ModuleOp>(op), plan)))
          return failure();
        std::string bytes;
        {
          // Deterministic: map fields in key order, same input, same bytes.
          google::protobuf::io::StringOutputStream stream(&bytes);
          google::protobuf::io::CodedOutputStream coded(&stream);
          coded.SetSerializationDeterministic(true);
          if (!plan.SerializeToCodedStream(&coded))
            return op->emitError("could not serialise the plan");
        }
        os << bytes;
        return success();
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
  TranslateFromMLIRRegistration text(
      "emit-plan-text", "Emit the runtime plan as protobuf text (for review)",
      [](Operation *op, raw_ostream &os) -> LogicalResult {
        plan::Plan plan;
        if (failed(exportPlan(cast<ModuleOp>(op), plan)))
          return failure();
        std::string text;
        google::protobuf::TextFormat::PrintToString(plan, &text);
        os << text;
        return success();
      },
      [](DialectRegistry &registry) { registerAllDialects(registry); });
}
