//===- SNNHWOps.cpp - snn_hw op verifiers ---------------------------------===//
//
// Local checks live on each op; everything that relates ops (a slice and its
// core, a layer's slices, route endpoints, keys of different routes) lives in
// the board's region verifier, which indexes the body once so a board of many
// thousand cores verifies in linear time (plus the pairwise key check).
//
//===----------------------------------------------------------------------===//
#include "dialects/snn_hw/SNNHWOps.h"
#include "dialects/snn/SNNOps.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"

#include <map>
#include <set>
#include <tuple>

using namespace mlir;
using namespace mlir::snn_hw;

#define GET_OP_CLASSES
#include "dialects/snn_hw/SNNHWOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Local verifiers
//===----------------------------------------------------------------------===//

/// `value` as 0x-prefixed hex of `width` characters, for keys and routes.
static std::string hex(uint32_t value, unsigned width) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::format_hex(value, width);
  return text;
}

LogicalResult ChipOp::verify() {
  if (getXAttr().getInt() < 0 || getYAttr().getInt() < 0)
    return emitOpError("chip coordinates must be non-negative");
  int64_t cores = getCoresAttr().getInt();
  if (cores <= 0)
    return emitOpError("a chip needs at least one core, got ") << cores;
  if (getRouterEntries() && getRouterEntriesAttr().getInt() <= 0)
    return emitOpError("a router needs room for at least one entry");
  if (std::optional<ArrayRef<int32_t>> mesh = getMesh()) {
    if (mesh->size() != 2 || (*mesh)[0] <= 0 || (*mesh)[1] <= 0)
      return emitOpError("mesh must be two positive sizes (cores along x, "
                         "rows along y)");
    if (int64_t{(*mesh)[0]} * (*mesh)[1] < cores)
      return emitOpError("a ") << (*mesh)[0] << "x" << (*mesh)[1]
                               << " mesh cannot hold " << cores << " cores";
  }
  return success();
}

std::optional<int64_t> CoreOp::getUsed(StringRef name) {
  for (auto use : getUse().getAsRange<UseAttr>())
    if (use.getResource() == name)
      return use.getUsed();
  return std::nullopt;
}

LogicalResult CoreOp::verify() {
  if (getIndexAttr().getInt() < 0)
    return emitOpError("core number must be non-negative");
  std::set<StringRef> seen;
  for (auto use : getUse().getAsRange<UseAttr>()) {
    if (!seen.insert(use.getResource()).second)
      return emitOpError("lists resource '") << use.getResource() << "' twice";
    if (use.getUsed() < 0 || use.getCapacity() < 0)
      return emitOpError("resource '")
             << use.getResource() << "' has a negative use or capacity";
    if (use.getCapacity() > 0 && use.getUsed() > use.getCapacity())
      return emitOpError("uses ")
             << use.getUsed() << " " << use.getResource()
             << " but the core holds at most " << use.getCapacity();
  }
  return success();
}

LogicalResult NeuronSliceOp::verify() {
  int64_t begin = getBeginAttr().getInt(), end = getEndAttr().getInt();
  if (begin < 0 || end <= begin)
    return emitOpError("slice [")
           << begin << ", " << end << ") must be a non-empty range from 0 up";
  return success();
}

int64_t SynapseTableOp::getNumAxons() {
  int64_t n = 0;
  ArrayRef<int64_t> axons = getAxons();
  for (size_t i = 0; i + 1 < axons.size(); i += 2)
    n += axons[i + 1] - axons[i];
  return n;
}

LogicalResult SynapseTableOp::verify() {
  int64_t begin = getBeginAttr().getInt(), end = getEndAttr().getInt();
  if (begin < 0 || end <= begin)
    return emitOpError("rows [")
           << begin << ", " << end << ") must be a non-empty range from 0 up";
  ArrayRef<int64_t> axons = getAxons();
  if (axons.size() % 2)
    return emitOpError("axons must be [begin, end) pairs, got ")
           << axons.size() << " numbers";
  for (size_t i = 0; i < axons.size(); i += 2) {
    int64_t previous = i ? axons[i - 1] : 0;
    if (axons[i] < previous || axons[i + 1] <= axons[i])
      return emitOpError("axon ranges must be non-empty, sorted and disjoint; "
                         "[")
             << axons[i] << ", " << axons[i + 1] << ") is not";
  }
  int64_t synapses = getSynapsesAttr().getInt();
  if (synapses < 0 || synapses > (end - begin) * getNumAxons())
    return emitOpError("holds ")
           << synapses << " synapses, but " << (end - begin) << " rows and "
           << getNumAxons() << " axons make at most "
           << (end - begin) * getNumAxons();
  return success();
}

LogicalResult RouteOp::verify() {
  ArrayAttr to = getTo();
  if (to.empty())
    return emitOpError("a route needs at least one destination");
  std::set<StringRef> seen;
  for (auto dest : to.getAsRange<FlatSymbolRefAttr>())
    if (!seen.insert(dest.getValue()).second)
      return emitOpError("lists destination ") << dest << " twice";
  if (std::optional<ArrayRef<int32_t>> hops = getHops()) {
    if (hops->size() != to.size())
      return emitOpError("has ") << hops->size() << " hop counts for "
                                 << to.size() << " destinations";
    if (llvm::any_of(*hops, [](int32_t h) { return h < 0; }))
      return emitOpError("hop counts must be non-negative");
  }
  // A key bit outside the mask matches no packet.
  if (KeyMaskAttr key = getKeyAttr(); key && (key.getKey() & ~key.getMask()))
    return emitOpError("key ")
           << hex(key.getKey(), 10) << " has bits outside its mask "
           << hex(key.getMask(), 10);
  return success();
}

LogicalResult RouterTableOp::verify() {
  // 6 chip-to-chip links, then one bit per core of an 18-core chip.
  const uint32_t routeBits = (1u << 24) - 1;
  for (auto entry : getEntries().getAsRange<RouterEntryAttr>()) {
    if (entry.getKey() & ~entry.getMask())
      return emitOpError("entry key ")
             << hex(entry.getKey(), 10) << " has bits outside its mask "
             << hex(entry.getMask(), 10);
    if (entry.getRoute() & ~routeBits)
      return emitOpError("entry route ")
             << hex(entry.getRoute(), 8)
             << " sets bits beyond 6 links and 18 cores";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Board
//===----------------------------------------------------------------------===//

namespace {
/// A neuron layer must be placed; other ops (convolutions, pools on a Speck
/// core) are placed only where they run with their layer, and delays live in
/// the plan, not on cores.
bool isNeuronLayer(Operation *op) {
  return op->hasTrait<OpTrait::snn::Stateful>() &&
         !isa<snn::StepDelayOp, snn::DelayOp>(op);
}
} // namespace

LogicalResult BoardOp::verifyRegions() {
  ArrayRef<int32_t> grid = getGrid();
  if (grid.size() != 2 || grid[0] <= 0 || grid[1] <= 0)
    return emitOpError("grid must be two positive sizes (chips along x, y)");
  auto network = mlir::SymbolTable::lookupNearestSymbolFrom<snn::NetworkOp>(
      getOperation()->getParentOp(), getNetworkAttr());
  if (!network)
    return emitOpError("'")
           << getNetworkAttr() << "' does not name an snn.network";

  // The module's target description (--snn-quantize) names the target and
  // the per-core capacities the uses must state.
  int64_t neuronCapacity = -1, fanInCapacity = -1;
  if (auto target =
          getOperation()->getParentOp()->getAttrOfType<DictionaryAttr>(
              "snn.target")) {
    if (auto name = target.getAs<StringAttr>("name");
        name && name != getTargetAttr())
      return emitOpError("maps onto '")
             << getTarget() << "' but the module is quantized for '"
             << name.getValue() << "'";
    if (auto n = target.getAs<IntegerAttr>("neurons_per_core"))
      neuronCapacity = n.getInt();
    if (auto n = target.getAs<IntegerAttr>("axons_in_per_core"))
      fanInCapacity = n.getInt();
  }

  // Layers by the name slices use: the `snn.name` attribute, else the name
  // of the op's location (importers give helper ops their node's location,
  // so an attribute wins over a location).
  llvm::StringMap<Operation *> layers, byLocation;
  llvm::StringMap<int> nameCount, locationCount;
  for (Operation &op : network.getBody().front()) {
    if (op.getNumResults() != 1)
      continue;
    if (auto name = op.getAttrOfType<StringAttr>("snn.name")) {
      layers[name.getValue()] = &op;
      ++nameCount[name.getValue()];
    } else if (std::string name = snn::getNodeName(&op); !name.empty()) {
      byLocation[name] = &op;
      ++locationCount[name];
    }
  }
  for (auto &[name, op] : byLocation)
    if (!layers.count(name)) {
      layers[name] = op;
      nameCount[name] = locationCount.lookup(name);
    }

  llvm::StringMap<ChipOp> chips;
  llvm::StringMap<CoreOp> cores;
  std::set<std::pair<int64_t, int64_t>> chipAt;
  std::set<std::pair<StringRef, int64_t>> coreAt;
  llvm::StringMap<int64_t> neuronsOn;
  std::map<Operation *, std::vector<std::pair<int64_t, int64_t>>> slicesOf;
  llvm::StringMap<Operation *> tableOf;
  std::set<std::tuple<StringRef, StringRef, int64_t, int64_t>> sliceAt;
  SmallVector<SynapseTableOp> synapseTables;
  // Multicast keys, to check that no two routes share packets.
  std::vector<std::pair<RouteOp, KeyMaskAttr>> keys;
  const RoutingKind routing = getRouting();

  for (Operation &op : getBlock()) {
    if (auto chip = dyn_cast<ChipOp>(op)) {
      int64_t x = chip.getXAttr().getInt(), y = chip.getYAttr().getInt();
      if (x >= grid[0] || y >= grid[1])
        return chip.emitOpError("at (")
               << x << ", " << y << ") lies outside the board's " << grid[0]
               << "x" << grid[1] << " grid";
      if (!chipAt.insert({x, y}).second)
        return chip.emitOpError("a second chip at (") << x << ", " << y << ")";
      if (routing == RoutingKind::Mesh && !chip.getMesh())
        return chip.emitOpError("mesh routing needs the chip's core mesh");
      if (routing == RoutingKind::Multicast && !chip.getRouterEntries())
        return chip.emitOpError(
            "multicast routing needs the chip's router size");
      chips[chip.getSymName()] = chip;
    } else if (auto core = dyn_cast<CoreOp>(op)) {
      ChipOp chip = chips.lookup(core.getChip());
      if (!chip)
        return core.emitOpError("is on ")
               << core.getChipAttr()
               << ", which is not a chip listed before it";
      int64_t index = core.getIndexAttr().getInt();
      if (index >= chip.getCoresAttr().getInt())
        return core.emitOpError("number ")
               << index << " is beyond the " << chip.getCoresAttr().getInt()
               << " cores of " << core.getChipAttr();
      if (!coreAt.insert({chip.getSymName(), index}).second)
        return core.emitOpError("a second core ")
               << index << " on " << core.getChipAttr();
      for (auto use : core.getUse().getAsRange<UseAttr>()) {
        int64_t expected = use.getResource() == "neurons"  ? neuronCapacity
                           : use.getResource() == "fan-in" ? fanInCapacity
                                                           : -1;
        if (expected >= 0 && use.getCapacity() != expected)
          return core.emitOpError("states a ")
                 << use.getResource() << " capacity of " << use.getCapacity()
                 << " but the target description gives " << expected;
      }
      cores[core.getSymName()] = core;
      neuronsOn[core.getSymName()] = 0;
    } else if (auto slice = dyn_cast<NeuronSliceOp>(op)) {
      if (!cores.count(slice.getCore()))
        return slice.emitOpError("is on ")
               << slice.getCoreAttr()
               << ", which is not a core listed before it";
      Operation *layer = layers.lookup(slice.getLayer());
      if (!layer)
        return slice.emitOpError("layer '")
               << slice.getLayer() << "' is not an op of " << getNetworkAttr();
      if (nameCount.lookup(slice.getLayer()) > 1)
        return slice.emitOpError("layer name '")
               << slice.getLayer() << "' names "
               << nameCount.lookup(slice.getLayer()) << " ops of "
               << getNetworkAttr();
      int64_t size =
          cast<ShapedType>(layer->getResult(0).getType()).getNumElements();
      int64_t begin = slice.getBeginAttr().getInt(),
              end = slice.getEndAttr().getInt();
      if (end > size)
        return slice.emitOpError("slice [")
               << begin << ", " << end << ") exceeds the " << size
               << " neurons of layer '" << slice.getLayer() << "'";
      slicesOf[layer].push_back({begin, end});
      sliceAt.insert({slice.getCore(), slice.getLayer(), begin, end});
      if (isNeuronLayer(layer))
        neuronsOn[slice.getCore()] += end - begin;
    } else if (auto table = dyn_cast<SynapseTableOp>(op)) {
      synapseTables.push_back(table);
    } else if (auto route = dyn_cast<RouteOp>(op)) {
      SmallVector<FlatSymbolRefAttr> ends{route.getFromAttr()};
      llvm::append_range(ends, route.getTo().getAsRange<FlatSymbolRefAttr>());
      for (FlatSymbolRefAttr end : ends)
        if (!cores.count(end.getValue()))
          return route.emitOpError("endpoint ")
                 << end << " is not a core listed before the route";
      bool hasHops = route.getHops().has_value();
      bool hasKey = route.getKey().has_value();
      if ((routing == RoutingKind::Mesh) != hasHops)
        return route.emitOpError(hasHops ? "hop counts belong to mesh routing"
                                         : "mesh routing needs hop counts");
      if ((routing == RoutingKind::Multicast) != hasKey)
        return route.emitOpError(hasKey ? "keys belong to multicast routing"
                                        : "multicast routing needs a key");
      if (routing == RoutingKind::Direct && route.getTo().size() > 2)
        return route.emitOpError("a directly routed core sends to at most 2 "
                                 "destinations, this one to ")
               << route.getTo().size();
      if (hasKey)
        keys.push_back({route, route.getKeyAttr()});
    } else if (auto table = dyn_cast<RouterTableOp>(op)) {
      if (routing != RoutingKind::Multicast)
        return table.emitOpError("router tables belong to multicast routing");
      ChipOp chip = chips.lookup(table.getChip());
      if (!chip)
        return table.emitOpError("is for ")
               << table.getChipAttr()
               << ", which is not a chip listed before it";
      int64_t capacity = chip.getRouterEntriesAttr().getInt();
      if (static_cast<int64_t>(table.getEntries().size()) > capacity)
        return table.emitOpError("has ")
               << table.getEntries().size() << " entries but the router of "
               << table.getChipAttr() << " holds at most " << capacity;
      if (!tableOf.insert({table.getChip(), table}).second)
        return table.emitOpError("a second router table for ")
               << table.getChipAttr();
    }
  }

  // A layer's slices tile it exactly; every neuron layer is placed.
  for (Operation &op : network.getBody().front()) {
    auto it = slicesOf.find(&op);
    if (it == slicesOf.end()) {
      if (isNeuronLayer(&op))
        return emitOpError("neuron layer '")
               << snn::getNodeName(&op) << "' has no slice on any core";
      continue;
    }
    std::vector<std::pair<int64_t, int64_t>> ranges = it->second;
    llvm::sort(ranges);
    int64_t size = cast<ShapedType>(op.getResult(0).getType()).getNumElements();
    int64_t next = 0;
    for (auto [begin, end] : ranges) {
      if (begin < next)
        return emitOpError("slices of layer '")
               << snn::getNodeName(&op) << "' overlap at neuron " << begin;
      if (begin > next)
        return emitOpError("neurons [")
               << next << ", " << begin << ") of layer '"
               << snn::getNodeName(&op) << "' are on no core";
      next = end;
    }
    if (next < size)
      return emitOpError("neurons [")
             << next << ", " << size << ") of layer '" << snn::getNodeName(&op)
             << "' are on no core";
  }
  for (auto &[name, core] : cores) {
    std::optional<int64_t> used = core.getUsed("neurons");
    if (used && *used != neuronsOn.lookup(name))
      return core.emitOpError("lists ")
             << *used << " neurons in use but its slices hold "
             << neuronsOn.lookup(name);
  }
  // Synapse tables (after the loop: they may precede their slice).
  for (SynapseTableOp table : synapseTables) {
    if (!cores.count(table.getCore()))
      return table.emitOpError("is on ")
             << table.getCoreAttr() << ", which is not a core of the board";
    for (StringRef name : {table.getProjection(), table.getLayer()})
      if (!layers.count(name) || nameCount.lookup(name) != 1)
        return table.emitOpError("'")
               << name << "' does not name one op of " << getNetworkAttr();
    Operation *projection = layers.lookup(table.getProjection());
    if (projection->getNumOperands() < 1 ||
        !isa<ShapedType>(projection->getOperand(0).getType()))
      return table.emitOpError("'")
             << table.getProjection() << "' is not a projection";
    int64_t inputs =
        cast<ShapedType>(projection->getOperand(0).getType()).getNumElements();
    if (!table.getAxons().empty() && table.getAxons().back() > inputs)
      return table.emitOpError("axons reach input ")
             << table.getAxons().back() << " of a projection with " << inputs
             << " inputs";
    int64_t begin = table.getBeginAttr().getInt(),
            end = table.getEndAttr().getInt();
    if (!sliceAt.count({table.getCore(), table.getLayer(), begin, end}))
      return table.emitOpError("rows [")
             << begin << ", " << end << ") of '" << table.getLayer()
             << "' are not a slice on " << table.getCoreAttr();
  }
  // Two key/mask pairs overlap when some key matches both.
  for (size_t i = 0; i < keys.size(); ++i)
    for (size_t j = i + 1; j < keys.size(); ++j) {
      uint32_t k1 = keys[i].second.getKey(), m1 = keys[i].second.getMask();
      uint32_t k2 = keys[j].second.getKey(), m2 = keys[j].second.getMask();
      if ((k1 & m2) == (k2 & m1))
        return keys[j].first.emitOpError("key ")
               << keys[j].second << " overlaps the key " << keys[i].second
               << " of the route from " << keys[i].first.getFromAttr();
    }
  return success();
}
