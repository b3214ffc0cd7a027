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

#include <map>

using namespace mlir;
using namespace mlir::snn;
namespace artifact = ::snn::artifact;

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
  if (failed(exportPlan(network, *map.mutable_plan())))
    return failure();
  const auto &plan = map.plan();
  auto nodeIndex = [&](Operation *op) -> int {
    std::string name = getNodeName(op);
    for (int i = 0; i < plan.nodes_size(); ++i)
      if (plan.nodes(i).name() == name)
        return i;
    return -1;
  };
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
