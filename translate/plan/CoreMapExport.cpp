//===- CoreMapExport.cpp - Mapped network to core-map artifact -----------===//
//
// The artifact is a copy of what the module says: the quantized network's
// plan, and the snn_hw.board's cores, slices and routes in the board's order
// (routing is computed when the mapping is lowered, see passes/LowerHw*.cpp).
//
//===----------------------------------------------------------------------===//
#include "translate/plan/CoreMapExport.h"
#include "dialects/snn/SNNOps.h"
#include "dialects/snn_hw/SNNHWOps.h"
#include "runtime/artifact/CoreMap.pb.h"
#include "targets/common/TargetDescription.h"
#include "translate/plan/PlanExport.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <set>

using namespace mlir;
using namespace mlir::snn;
namespace artifact = ::snn::artifact;

/// The board's cores, chips and slices in the artifact: cores in the
/// board's order, each with its chip's coordinates, its number and its
/// slices (plan nodes matched by layer name).
static LogicalResult exportCores(snn_hw::BoardOp board, artifact::CoreMap &map,
                                 llvm::StringMap<int> &slotOf,
                                 llvm::StringMap<snn_hw::ChipOp> &chips) {
  const auto &plan = map.plan();
  llvm::StringMap<int> nodeOf;
  for (int i = plan.nodes_size() - 1; i >= 0; --i)
    nodeOf[plan.nodes(i).name()] = i; // The first node of a name wins.
  for (Operation &op : board.getBlock()) {
    if (auto chip = dyn_cast<snn_hw::ChipOp>(op)) {
      chips[chip.getSymName()] = chip;
    } else if (auto core = dyn_cast<snn_hw::CoreOp>(op)) {
      snn_hw::ChipOp chip = chips.lookup(core.getChip());
      slotOf[core.getSymName()] = map.cores_size();
      artifact::Core *out = map.add_cores();
      out->mutable_chip()->set_x(chip.getXAttr().getInt());
      out->mutable_chip()->set_y(chip.getYAttr().getInt());
      out->set_index(core.getIndexAttr().getInt());
      out->set_neurons(core.getUsed("neurons").value_or(0));
    } else if (auto slice = dyn_cast<snn_hw::NeuronSliceOp>(op)) {
      auto node = nodeOf.find(slice.getLayer());
      if (node == nodeOf.end())
        return slice.emitError("layer '")
               << slice.getLayer() << "' has no node in the plan";
      artifact::Slice *out =
          map.mutable_cores(slotOf.lookup(slice.getCore()))->add_slices();
      out->set_node(node->second);
      out->set_begin(slice.getBeginAttr().getInt());
      out->set_end(slice.getEndAttr().getInt());
    }
  }
  return success();
}

/// The report fields every map has.
static void reportCores(snn_hw::BoardOp board, artifact::Report *report,
                        int64_t numCores) {
  report->set_cores_used(numCores);
  report->set_cores_lower_bound(board.getCoresLowerBound().value_or(numCores));
  if (std::optional<APFloat> packets = board.getInterCorePackets())
    report->set_inter_core_packets_per_step(packets->convertToDouble());
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
  snn_hw::BoardOp board;
  for (auto candidate : module.getOps<snn_hw::BoardOp>())
    if (candidate.getNetwork() == network.getSymName())
      board = candidate;
  if (!board)
    return network.emitError("no snn_hw.board maps this network: run "
                             "--snn-map before emitting a core map");
  map.set_magic("snn-coremap");
  map.set_format_version(1);
  map.set_target(target->name);
  map.set_arithmetic(stringifyArithmetic(target->arithmetic).str());
  artifact::Report *report = map.mutable_report();
  report->set_syn_op_pj(target->synOpPJ);
  report->set_neuron_update_pj(target->neuronUpdatePJ);
  report->set_spike_pj(target->spikePJ);
  report->set_hop_pj(target->hopPJ);
  report->set_syn_op_ns(target->synOpNs);
  report->set_neuron_update_ns(target->neuronUpdateNs);
  report->set_hop_ns(target->hopNs);
  report->set_step_sync_ns(target->stepSyncNs);
  report->set_step_ns(target->stepNs);
  report->set_figures_source(target->figuresSource);
  if (failed(exportPlan(network, *map.mutable_plan())))
    return failure();
  llvm::StringMap<int> slotOf;
  llvm::StringMap<snn_hw::ChipOp> chips;
  if (failed(exportCores(board, map, slotOf, chips)))
    return failure();
  int64_t numCores = map.cores_size();
  reportCores(board, report, numCores);
  auto routes = llvm::to_vector(board.getBlock().getOps<snn_hw::RouteOp>());
  auto addUsage = [&](StringRef resource, int64_t used, int64_t capacity) {
    auto *usage = report->add_usage();
    usage->set_resource(resource.str());
    usage->set_used(used);
    usage->set_capacity(capacity);
  };

  switch (board.getRouting()) {
  case snn_hw::RoutingKind::Direct: {
    auto *speck = map.mutable_speck();
    for (snn_hw::RouteOp route : routes)
      for (auto to : route.getTo().getAsRange<FlatSymbolRefAttr>()) {
        auto *d = speck->add_destinations();
        d->set_from(slotOf.lookup(route.getFrom()));
        d->set_to(slotOf.lookup(to.getValue()));
      }
    addUsage("cores", numCores, target->cores);
    return success();
  }
  case snn_hw::RoutingKind::Mesh: {
    auto *mesh = map.mutable_mesh();
    for (auto chip : board.getBlock().getOps<snn_hw::ChipOp>()) {
      mesh->set_cores_x((*chip.getMesh())[0]);
      mesh->set_cores_y((*chip.getMesh())[1]);
      break;
    }
    for (snn_hw::RouteOp route : routes)
      for (auto [to, hops] :
           llvm::zip(route.getTo().getAsRange<FlatSymbolRefAttr>(),
                     *route.getHops())) {
        auto *out = mesh->add_routes();
        out->set_from(slotOf.lookup(route.getFrom()));
        out->set_to(slotOf.lookup(to.getValue()));
        out->set_hops(hops);
      }
    addUsage("cores", numCores, target->cores);
    return success();
  }
  case snn_hw::RoutingKind::Multicast: {
    auto *routing = map.mutable_spinnaker();
    ArrayRef<int32_t> grid = board.getGrid();
    routing->set_width(grid[0]);
    routing->set_height(grid[1]);
    routing->set_torus(board.getTorus());
    for (snn_hw::RouteOp route : routes) {
      auto *source = routing->add_sources();
      source->set_core(slotOf.lookup(route.getFrom()));
      source->set_key(route.getKeyAttr().getKey());
      source->set_mask(route.getKeyAttr().getMask());
    }
    int64_t largest = 0, routerEntries = 0;
    for (auto table : board.getBlock().getOps<snn_hw::RouterTableOp>()) {
      snn_hw::ChipOp chip = chips.lookup(table.getChip());
      auto *out = routing->add_tables();
      out->mutable_chip()->set_x(chip.getXAttr().getInt());
      out->mutable_chip()->set_y(chip.getYAttr().getInt());
      for (auto e : table.getEntries().getAsRange<snn_hw::RouterEntryAttr>()) {
        auto *entry = out->add_entries();
        entry->set_key(e.getKey());
        entry->set_mask(e.getMask());
        entry->set_route(e.getRoute());
      }
      largest = std::max<int64_t>(largest, table.getEntries().size());
    }
    std::set<std::pair<int64_t, int64_t>> chipsInUse;
    for (const artifact::Core &core : map.cores())
      chipsInUse.insert({core.chip().x(), core.chip().y()});
    for (auto chip : board.getBlock().getOps<snn_hw::ChipOp>())
      routerEntries = std::max<int64_t>(routerEntries,
                                        chip.getRouterEntriesAttr().getInt());
    addUsage("chips", chipsInUse.size(), grid[0] * grid[1]);
    addUsage("router entries (largest chip)", largest, routerEntries);
    return success();
  }
  }
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
      [](DialectRegistry &registry) {
        registry.insert<SNNDialect, snn_hw::SNNHWDialect>();
      });
}
