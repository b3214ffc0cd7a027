//===- CoreMapExport.cpp - Mapped network to core-map artifact
//-------------===//
#include "translate/plan/CoreMapExport.h"
#include "dialects/snn/SNNOps.h"
#include "runtime/artifact/CoreMap.pb.h"
#include "targets/common/TargetDescription.h"
#include "translate/plan/PlanExport.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include "targets/common/partition/Place.h"
#include "targets/spinnaker/routing/Routing.h"

#include <cmath>
#include <map>
#include <set>

using namespace mlir;
using namespace mlir::snn;
namespace artifact = ::snn::artifact;

/// The plan node emitted for `op` (matched by the node name), or -1.
static int planNodeIndex(const ::snn::plan::Plan &plan, Operation *op) {
  std::string name = getNodeName(op);
  for (int i = 0; i < plan.nodes_size(); ++i)
    if (plan.nodes(i).name() == name)
      return i;
  return -1;
}

/// The report fields every neuron-level map has.
static void reportCores(NetworkOp network, artifact::Report *report,
                        int64_t numCores) {
  report->set_cores_used(numCores);
  report->set_cores_lower_bound(
      network->getAttrOfType<IntegerAttr>("snn.cores_lower_bound").getInt());
  report->set_inter_core_packets_per_step(
      network->getAttrOfType<FloatAttr>("snn.inter_core_packets")
          .getValueAsDouble());
}

/// SpiNNaker style: cores grouped 17 to a chip on a square torus of chips,
/// one multicast key per source core, routed and compressed per chip
/// (targets/spinnaker/routing).
static LogicalResult emitSpinnakerRouting(NetworkOp network,
                                          artifact::CoreMap &map) {
  namespace sp = ::snn::spinnaker;
  int perChip = 17;
  int numCores = map.cores_size();
  int chips = (numCores + perChip - 1) / perChip;
  sp::Machine machine;
  machine.width = std::max(1, static_cast<int>(std::ceil(std::sqrt(chips))));
  machine.height = (chips + machine.width - 1) / machine.width;
  // Where snn-map placed each core (slot = chip * perChip + core), and the
  // torus of chips it placed them on; else cores in order.
  std::vector<int> slotOf(numCores);
  for (int c = 0; c < numCores; ++c)
    slotOf[c] = c;
  auto slots = network->getAttrOfType<DenseI32ArrayAttr>("snn.core_slot");
  auto mesh = network->getAttrOfType<DenseI32ArrayAttr>("snn.mesh");
  if (slots && mesh && mesh.size() == 4 &&
      static_cast<int>(slots.size()) == numCores) {
    slotOf.assign(slots.asArrayRef().begin(), slots.asArrayRef().end());
    perChip = mesh[0] * mesh[1];
    machine.width = mesh[2];
    machine.height = mesh[3];
    std::set<int> used;
    for (int s : slotOf)
      used.insert(s / perChip);
    chips = static_cast<int>(used.size());
  }
  auto place = [&](int c) {
    int chip = slotOf[c] / perChip;
    return std::make_pair(
        sp::ChipCoord{chip % machine.width, chip / machine.width},
        1 + slotOf[c] % perChip);
  };
  for (int c = 0; c < numCores; ++c) {
    auto [chip, core] = place(c);
    map.mutable_cores(c)->mutable_chip()->set_x(chip.x);
    map.mutable_cores(c)->mutable_chip()->set_y(chip.y);
    map.mutable_cores(c)->set_index(core);
  }
  ArrayRef<int32_t> links =
      network->getAttrOfType<DenseI32ArrayAttr>("snn.core_links").asArrayRef();
  std::vector<sp::Source> sources;
  std::vector<int> sourceCore;
  for (size_t k = 0; k + 1 < links.size(); k += 2) {
    int from = links[k];
    if (sourceCore.empty() || sourceCore.back() != from) {
      auto [chip, core] = place(from);
      sp::Source source{
          chip, core, std::max<int64_t>(1, map.cores(from).neurons()), {}};
      source.appVertex = from;
      sources.push_back(source);
      sourceCore.push_back(from);
    }
    auto [chip, core] = place(links[k + 1]);
    sources.back().destinations.push_back({chip, core});
  }
  std::vector<sp::KeyMask> keys;
  sp::RoutingTables tables;
  std::string err;
  if (!sp::allocateKeys(sources, keys, err) ||
      !sp::route(machine, sources, keys, tables, err) ||
      !sp::compress(machine, tables, err))
    return network.emitError("spinnaker routing: ") << err;
  auto *routing = map.mutable_spinnaker();
  routing->set_width(machine.width);
  routing->set_height(machine.height);
  routing->set_torus(machine.torus);
  for (size_t s = 0; s < sources.size(); ++s) {
    auto *source = routing->add_sources();
    source->set_core(sourceCore[s]);
    source->set_key(keys[s].key);
    source->set_mask(keys[s].mask);
  }
  for (const auto &[chip, entries] : tables.perChip) {
    auto *table = routing->add_tables();
    table->mutable_chip()->set_x(chip.first);
    table->mutable_chip()->set_y(chip.second);
    for (const sp::RoutingEntry &e : entries) {
      auto *entry = table->add_entries();
      entry->set_key(e.key);
      entry->set_mask(e.mask);
      entry->set_route(e.route);
    }
  }
  artifact::Report *report = map.mutable_report();
  reportCores(network, report, numCores);
  auto *usage = report->add_usage();
  usage->set_resource("chips");
  usage->set_used(chips);
  usage->set_capacity(machine.width * machine.height);
  int64_t largest = 0;
  for (const auto &[chip, entries] : tables.perChip)
    largest = std::max<int64_t>(largest, entries.size());
  auto *entries = report->add_usage();
  entries->set_resource("router entries (largest chip)");
  entries->set_used(largest);
  entries->set_capacity(machine.routerEntries);
  return success();
}

/// Neuron-level maps (Loihi/SpiNNaker style): each core holds runs of
/// neurons of several populations; the on-chip mesh carries the links.
static LogicalResult exportNeuronCores(NetworkOp network,
                                       const TargetDescription &target,
                                       artifact::CoreMap &map) {
  const auto &plan = map.plan();
  auto nodeIndex = [&](Operation *op) { return planNodeIndex(plan, op); };
  int64_t numCores =
      network->getAttrOfType<IntegerAttr>("snn.cores_used").getInt();
  // One chip holds target.cores cores on a mesh 8 wide ([unconfirmed]
  // arrangement; only hop counts depend on it); snn-map's `snn.mesh` says
  // the mesh and board chip grid it placed the cores on.
  int64_t perChip = target.cores > 0 ? target.cores : numCores;
  int meshX = 8;
  ::snn::mapping::MeshShape shape;
  shape.width = meshX;
  shape.height = static_cast<int>((perChip + meshX - 1) / meshX);
  if (auto m = network->getAttrOfType<DenseI32ArrayAttr>("snn.mesh");
      m && m.size() == 4) {
    shape.width = meshX = m[0];
    shape.height = m[1];
    shape.chipsX = m[2];
    shape.chipsY = m[3];
    shape.chipTorus = target.chipTorus;
    shape.chipDiagonal = target.chipDiagonal;
    perChip = shape.slotsPerChip();
  }
  // Where the placer put each core (Loihi style), else in core order.
  std::vector<int> slotOf(numCores);
  for (int64_t c = 0; c < numCores; ++c)
    slotOf[c] = c;
  if (auto slots = network->getAttrOfType<DenseI32ArrayAttr>("snn.core_slot"))
    slotOf.assign(slots.asArrayRef().begin(), slots.asArrayRef().end());
  for (int64_t c = 0; c < numCores; ++c) {
    artifact::Core *core = map.add_cores();
    int64_t chip = slotOf[c] / perChip;
    core->mutable_chip()->set_x(
        static_cast<int32_t>(shape.chipsX > 0 ? chip % shape.chipsX : chip));
    core->mutable_chip()->set_y(
        static_cast<int32_t>(shape.chipsX > 0 ? chip / shape.chipsX : 0));
    core->set_index(static_cast<int32_t>(slotOf[c] % perChip));
  }
  WalkResult walk = network.walk([&](Operation *op) {
    auto coreOf = op->getAttrOfType<DenseI32ArrayAttr>("snn.core_of");
    if (!coreOf)
      return WalkResult::advance();
    int node = nodeIndex(op);
    if (node < 0) {
      op->emitError("mapped op has no node in the plan");
      return WalkResult::interrupt();
    }
    ArrayRef<int32_t> cores = coreOf.asArrayRef();
    for (size_t i = 0; i < cores.size();) {
      size_t j = i;
      while (j < cores.size() && cores[j] == cores[i])
        ++j;
      artifact::Core *core = map.mutable_cores(cores[i]);
      artifact::Slice *slice = core->add_slices();
      slice->set_node(node);
      slice->set_begin(i);
      slice->set_end(j);
      core->set_neurons(core->neurons() + (j - i));
      i = j;
    }
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  if (target.arithmetic == Arithmetic::Spinnaker)
    return emitSpinnakerRouting(network, map);
  auto *mesh = map.mutable_mesh();
  mesh->set_cores_x(meshX);
  mesh->set_cores_y(shape.height);
  ArrayRef<int32_t> links =
      network->getAttrOfType<DenseI32ArrayAttr>("snn.core_links").asArrayRef();
  for (size_t k = 0; k + 1 < links.size(); k += 2) {
    auto *route = mesh->add_routes();
    int64_t a = links[k], b = links[k + 1];
    route->set_from(a);
    route->set_to(b);
    // Dimension-order routing: |dx| + |dy| on the chip's mesh, plus the
    // hops between the chips on the board's chip grid.
    int64_t hops = ::snn::mapping::hopsBetween(shape, slotOf[a], slotOf[b]);
    route->set_hops(static_cast<int32_t>(hops));
  }
  artifact::Report *report = map.mutable_report();
  reportCores(network, report, numCores);
  auto *usage = report->add_usage();
  usage->set_resource("cores");
  usage->set_used(numCores);
  usage->set_capacity(target.cores);
  return success();
}

LogicalResult mlir::snn::exportCoreMap(ModuleOp module,
                                       artifact::CoreMap &map) {
  auto targetAttr = module->getAttrOfType<DictionaryAttr>("snn.target");
  std::string field;
  std::optional<TargetDescription> target =
      targetAttr ? TargetDescription::fromAttribute(targetAttr, field)
                 : std::nullopt;
  if (!target)
    return module.emitError("emitting a core map needs a quantized module "
                            "(run --snn-quantize and --snn-map)");
  auto networks = llvm::to_vector(module.getOps<NetworkOp>());
  if (networks.size() != 1)
    return module.emitError("expected one snn.network, found ")
           << networks.size();
  NetworkOp network = networks.front();
  map.set_magic("snn-coremap");
  map.set_format_version(1);
  map.set_target(target->name);
  map.set_arithmetic(stringifyArithmetic(target->arithmetic).str());
  artifact::Report *figures = map.mutable_report();
  figures->set_syn_op_pj(target->synOpPJ);
  figures->set_neuron_update_pj(target->neuronUpdatePJ);
  figures->set_spike_pj(target->spikePJ);
  figures->set_hop_pj(target->hopPJ);
  figures->set_syn_op_ns(target->synOpNs);
  figures->set_neuron_update_ns(target->neuronUpdateNs);
  figures->set_hop_ns(target->hopNs);
  figures->set_step_sync_ns(target->stepSyncNs);
  figures->set_step_ns(target->stepNs);
  figures->set_figures_source(target->figuresSource);
  if (failed(exportPlan(network, *map.mutable_plan())))
    return failure();
  const auto &plan = map.plan();
  auto nodeIndex = [&](Operation *op) { return planNodeIndex(plan, op); };
  if (network->hasAttr("snn.core_links"))
    return exportNeuronCores(network, *target, map);
  // Cores in index order; each holds the ops marked with its number.
  std::map<int64_t, SmallVector<Operation *>> byCore;
  network.walk([&](Operation *op) {
    if (auto core = op->getAttrOfType<IntegerAttr>("snn.core"))
      byCore[core.getInt()].push_back(op);
  });
  if (byCore.empty())
    return network.emitError("no op carries an snn.core: run --snn-map "
                             "before emitting a core map");
  std::map<int64_t, int> slot; // core number -> index in map.cores
  for (auto &[number, ops] : byCore) {
    slot[number] = map.cores_size();
    artifact::Core *core = map.add_cores();
    core->mutable_chip()->set_x(0);
    core->mutable_chip()->set_y(0);
    core->set_index(number);
    for (Operation *op : ops) {
      int node = nodeIndex(op);
      if (node < 0)
        return op->emitError("mapped op has no node in the plan");
      auto type = cast<ShapedType>(op->getResult(0).getType());
      artifact::Slice *slice = core->add_slices();
      slice->set_node(node);
      slice->set_begin(0);
      slice->set_end(type.getNumElements());
      if (op->hasTrait<OpTrait::snn::Stateful>())
        core->set_neurons(core->neurons() + type.getNumElements());
    }
  }
  auto *speck = map.mutable_speck();
  for (auto &[number, ops] : byCore)
    for (Operation *op : ops)
      if (auto routes = op->getAttrOfType<DenseI64ArrayAttr>("snn.routes"))
        for (int64_t to : routes.asArrayRef()) {
          auto *d = speck->add_destinations();
          d->set_from(slot[number]);
          d->set_to(slot[to]);
        }
  artifact::Report *report = map.mutable_report();
  report->set_cores_used(map.cores_size());
  report->set_cores_lower_bound(map.cores_size());
  auto *usage = report->add_usage();
  usage->set_resource("cores");
  usage->set_used(map.cores_size());
  usage->set_capacity(target->cores);
  return success();
}

void mlir::snn::registerCoreMapTranslations() {
  static llvm::cl::opt<bool> text(
      "emit-text", llvm::cl::desc("With --emit=<target>: write protobuf text"),
      llvm::cl::init(false));
  TranslateFromMLIRRegistration coremap(
      "emit-coremap",
      "Emit the core-map artifact of a quantized, mapped network "
      "(--emit=<target>)",
      [](Operation *op, raw_ostream &os) -> LogicalResult {
        artifact::CoreMap map;
        if (failed(exportCoreMap(cast<ModuleOp>(op), map)))
          return failure();
        std::string bytes;
        if (text) {
          google::protobuf::TextFormat::PrintToString(map, &bytes);
        } else {
          google::protobuf::io::StringOutputStream stream(&bytes);
          google::protobuf::io::CodedOutputStream coded(&stream);
          coded.SetSerializationDeterministic(true);
          map.SerializeToCodedStream(&coded);
        }
        os << bytes;
        return success();
      },
      [](DialectRegistry &registry) { registry.insert<SNNDialect>(); });
}
