//===- LowerHwCores.cpp - Neuron-level maps to snn_hw ---------------------===//
//
// Loihi- and SpiNNaker-style maps: MapCores.cpp leaves the core of every
// neuron, the core-to-core links and (Loihi) the placement slots. Each run of
// neurons on a core becomes a slice, with a synapse table per projection into
// it; links become routes with mesh hop counts, or (SpiNNaker) multicast keys
// routed over a torus of chips and compressed per chip.
//
//===----------------------------------------------------------------------===//
#include "passes/LowerHw.h"
#include "targets/common/partition/Place.h"
#include "targets/spinnaker/routing/Routing.h"

#include <cmath>
#include <map>
#include <set>

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::lowerhw;

namespace {
/// The weighted ops whose sum feeds a neuron through `v` (snn.add and
/// snn.step_delay in between), as MapCores.cpp walks them.
void projectionsInto(Value v, SmallVectorImpl<Operation *> &out) {
  Operation *def = v.getDefiningOp();
  if (!def)
    return;
  if (isa<AddOp>(def)) {
    for (Value operand : def->getOperands())
      projectionsInto(operand, out);
  } else if (isa<StepDelayOp>(def)) {
    projectionsInto(def->getOperand(0), out);
  } else if (isa<AffineOp, LinearOp, SparseProjectionOp, ScaleOp>(def)) {
    out.push_back(def);
  }
}

/// The synapses of projection `p` into its outputs [begin, end): how many
/// weights are non-zero, and which inputs (as [b, e) ranges) carry one.
void synapsesOf(Operation *p, int64_t begin, int64_t end, int64_t &synapses,
                SmallVectorImpl<int64_t> &axons) {
  int64_t inputs =
      cast<ShapedType>(p->getOperand(0).getType()).getNumElements();
  // The inputs used, collected and sorted: a core's work stays proportional
  // to its synapses, not to the size of the input.
  std::vector<int64_t> used;
  synapses = 0;
  auto add = [&](int64_t input, float w) {
    if (w != 0 && input >= 0 && input < inputs) {
      ++synapses;
      used.push_back(input);
    }
  };
  if (auto scale = dyn_cast<ScaleOp>(p)) {
    if (auto values = dyn_cast<DenseElementsAttr>(scale.getScale())) {
      auto range = values.getValues<float>();
      for (int64_t r = begin; r < end; ++r)
        add(r, range[r]);
    } else if (auto single = dyn_cast<FloatAttr>(scale.getScale())) {
      for (int64_t r = begin; r < end; ++r)
        add(r, static_cast<float>(single.getValueAsDouble()));
    }
  } else if (auto sparse = dyn_cast<SparseProjectionOp>(p)) {
    ArrayRef<int32_t> rows = sparse.getRowPtr(), cols = sparse.getCols();
    auto values = sparse.getValues().getValues<float>();
    for (int64_t r = begin;
         r < end && r + 1 < static_cast<int64_t>(rows.size()); ++r)
      for (int32_t k = rows[r]; k < rows[r + 1]; ++k)
        add(cols[k], values[k]);
  } else {
    auto weight = cast<DenseElementsAttr>(p->getAttr("weight"));
    int64_t in = weight.getType().getDimSize(1);
    auto values = weight.getValues<float>();
    for (int64_t r = begin; r < end; ++r)
      for (int64_t k = 0; k < in; ++k)
        add(k, values[r * in + k]);
  }
  llvm::sort(used);
  for (size_t i = 0; i < used.size();) {
    size_t j = i + 1;
    while (j < used.size() && used[j] <= used[j - 1] + 1)
      ++j;
    axons.append({used[i], used[j - 1] + 1});
    i = j;
  }
}

/// Per core, the runs of neurons `snn.core_of` gives it, in network order.
struct Run {
  Operation *op;
  int64_t core, begin, end;
};

LogicalResult collectRuns(NetworkOp network, SmallVectorImpl<Run> &runs,
                          std::vector<int64_t> &neuronsOn) {
  for (Operation &op : network.getBody().front()) {
    auto coreOf = op.getAttrOfType<DenseI32ArrayAttr>("snn.core_of");
    if (!coreOf)
      continue;
    if (failed(nameForSlices(&op)))
      return failure();
    ArrayRef<int32_t> cores = coreOf.asArrayRef();
    int64_t size = neuronCount(&op);
    if (static_cast<int64_t>(cores.size()) != size)
      return op.emitError("snn.core_of has ")
             << cores.size() << " entries for " << size << " neurons";
    for (size_t i = 0; i < cores.size();) {
      size_t j = i;
      while (j < cores.size() && cores[j] == cores[i])
        ++j;
      if (cores[i] < 0 || cores[i] >= static_cast<int64_t>(neuronsOn.size()))
        return op.emitError("snn.core_of names core ")
               << cores[i] << " of " << neuronsOn.size();
      runs.push_back(
          {&op, cores[i], static_cast<int64_t>(i), static_cast<int64_t>(j)});
      neuronsOn[cores[i]] += j - i;
      i = j;
    }
  }
  return success();
}

int64_t valueAt(NetworkOp network, StringRef name, int64_t c) {
  if (auto values = network->getAttrOfType<DenseI64ArrayAttr>(name))
    if (c < static_cast<int64_t>(values.size()))
      return values[c];
  return 0;
}

} // namespace

LogicalResult lowerhw::lowerNeuronCores(NetworkOp network,
                                        const TargetDescription &target) {
  auto coresUsed = network->getAttrOfType<IntegerAttr>("snn.cores_used");
  auto linkAttr = network->getAttrOfType<DenseI32ArrayAttr>("snn.core_links");
  if (!coresUsed || coresUsed.getInt() <= 0 || !linkAttr || linkAttr.size() % 2)
    return network.emitError("incomplete mapping: snn.cores_used (a positive "
                             "count) and snn.core_links (core pairs) are "
                             "needed; run --snn-map");
  int64_t numCores = coresUsed.getInt();
  SmallVector<Run> runs;
  std::vector<int64_t> neuronsOn(numCores, 0);
  if (failed(collectRuns(network, runs, neuronsOn)))
    return failure();
  ArrayRef<int32_t> links = linkAttr.asArrayRef();
  // Links come sorted (from, to); group them per source core.
  std::map<int64_t, SmallVector<int64_t>> destinations;
  for (size_t k = 0; k + 1 < links.size(); k += 2) {
    for (int32_t c : {links[k], links[k + 1]})
      if (c < 0 || c >= numCores)
        return network.emitError("snn.core_links names core ")
               << c << " of " << numCores;
    destinations[links[k]].push_back(links[k + 1]);
  }
  bool multicast = target.arithmetic == Arithmetic::Spinnaker;

  // Where each core sits: (chip x, chip y, core number). MapCores leaves the
  // slot of each core (`snn.core_slot`: chip = slot / cores per chip, then
  // the core's place in the chip) and the shape it placed them on
  // (`snn.mesh` = [mesh x, mesh y, board chips x, board chips y]; chips x 0:
  // one row of chips). Without them (a module mapped by other means), cores
  // fill the chips in order.
  struct Site {
    int64_t x, y, index;
  };
  std::vector<Site> site(numCores);
  SmallVector<int32_t> grid;
  namespace sp = ::snn::spinnaker;
  sp::Machine machine{1, 1};
  std::vector<int> slotOf(numCores);
  for (int64_t c = 0; c < numCores; ++c)
    slotOf[c] = static_cast<int>(c);
  if (auto slots = network->getAttrOfType<DenseI32ArrayAttr>("snn.core_slot"))
    slotOf.assign(slots.asArrayRef().begin(), slots.asArrayRef().end());
  if (static_cast<int64_t>(slotOf.size()) != numCores)
    return network.emitError("snn.core_slot places ")
           << slotOf.size() << " cores, the mapping has " << numCores;
  if (llvm::any_of(slotOf, [](int slot) { return slot < 0; }))
    return network.emitError("snn.core_slot has a negative slot");
  auto meshAttr = network->getAttrOfType<DenseI32ArrayAttr>("snn.mesh");
  if (meshAttr && (meshAttr.size() != 4 || meshAttr[0] <= 0 ||
                   meshAttr[1] <= 0 || meshAttr[2] < 0 || meshAttr[3] < 0))
    return network.emitError("snn.mesh must be [mesh x, mesh y, chips x, "
                             "chips y] with positive mesh sizes");
  ::snn::mapping::MeshShape shape;
  int64_t perChip = 0; // Slots per chip: slot / perChip is the chip.
  if (meshAttr) {
    shape.width = meshAttr[0];
    shape.height = meshAttr[1];
    shape.chipsX = meshAttr[2];
    shape.chipsY = meshAttr[3];
    perChip = shape.slotsPerChip();
  } else if (multicast) {
    // 17 application cores per chip (core 0 is the monitor).
    shape.width = 17;
    shape.height = 1;
    perChip = 17;
  } else {
    // One chip holds target.cores cores on an 8-wide mesh ([unconfirmed]
    // arrangement; only hop counts depend on it).
    perChip = target.cores > 0 ? target.cores : numCores;
    shape.width = 8;
    shape.height = static_cast<int>((perChip + 7) / 8);
  }
  shape.chipTorus = target.chipTorus;
  shape.chipDiagonal = target.chipDiagonal;
  if (multicast) {
    // The chips form a torus: the one snn-map placed the cores on, else a
    // square one, filled row by row.
    if (meshAttr && shape.chipsX > 0 && shape.chipsY > 0) {
      machine.width = shape.chipsX;
      machine.height = shape.chipsY;
    } else {
      int64_t maxSlot = *llvm::max_element(slotOf);
      int chips = static_cast<int>(maxSlot / perChip + 1);
      machine.width =
          std::max(1, static_cast<int>(std::ceil(std::sqrt(chips))));
      machine.height = (chips + machine.width - 1) / machine.width;
    }
    grid = {machine.width, machine.height};
  } else if (shape.chipsX > 0 && shape.chipsY > 0) {
    grid = {shape.chipsX, shape.chipsY};
  }
  int64_t chipsX = multicast ? machine.width : shape.chipsX;
  int64_t chipsInRow = 1, rows = 1;
  for (int64_t c = 0; c < numCores; ++c) {
    int64_t chip = slotOf[c] / perChip;
    site[c] = {chipsX > 0 ? chip % chipsX : chip,
               chipsX > 0 ? chip / chipsX : 0,
               slotOf[c] % perChip + (multicast ? 1 : 0)};
    chipsInRow = std::max(chipsInRow, site[c].x + 1);
    rows = std::max(rows, site[c].y + 1);
  }
  if (grid.empty())
    grid = {static_cast<int32_t>(chipsInRow), 1};
  if (rows > grid[1] || chipsInRow > grid[0])
    return network.emitError("snn.core_slot places a core on chip (")
           << chipsInRow - 1 << ", " << rows - 1 << "), outside the " << grid[0]
           << "x" << grid[1] << " chip grid";
  auto spPlace = [&](int64_t c) {
    return std::make_pair(
        sp::ChipCoord{static_cast<int>(site[c].x), static_cast<int>(site[c].y)},
        static_cast<int>(site[c].index));
  };
  const int meshX = shape.width, meshY = shape.height;

  hw::BoardOp board = createBoard(
      network, target,
      multicast ? hw::RoutingKind::Multicast : hw::RoutingKind::Mesh, grid);
  OpBuilder b = OpBuilder::atBlockEnd(&board.getBlock());
  BoardBuilder hwb{b, network.getLoc()};
  if (multicast ? machine.torus : shape.chipTorus)
    board.setTorus(true);
  if (auto bound = network->getAttrOfType<IntegerAttr>("snn.cores_lower_bound"))
    board.setCoresLowerBoundAttr(b.getI64IntegerAttr(bound.getInt()));
  if (auto packets =
          network->getAttrOfType<FloatAttr>("snn.inter_core_packets"))
    board.setInterCorePacketsAttr(
        b.getF64FloatAttr(packets.getValueAsDouble()));

  // Chips: the whole torus for multicast routing (packets cross chips
  // without cores too), the chips holding cores for mesh routing.
  std::set<std::pair<int64_t, int64_t>> used;
  for (const Site &s : site)
    used.insert({s.y, s.x});
  for (int32_t y = 0; y < grid[1]; ++y)
    for (int32_t x = 0; x < grid[0]; ++x) {
      if (multicast) {
        hw::ChipOp chip = hwb.chip(x, y, sp::kNumCores);
        chip.setRouterEntriesAttr(b.getI64IntegerAttr(machine.routerEntries));
      } else if (used.count({y, x})) {
        hw::ChipOp chip = hwb.chip(x, y, perChip);
        chip.setMeshAttr(b.getDenseI32ArrayAttr({meshX, meshY}));
      }
    }

  int64_t synapseCapacity = target.arithmetic == Arithmetic::Loihi
                                ? synapseEntriesPerCore(target)
                                : 0;
  for (int64_t c = 0; c < numCores; ++c) {
    SmallVector<Attribute> uses{
        hwb.use("neurons", neuronsOn[c], target.neuronsPerCore)};
    if (network->hasAttr("snn.core_fan_in"))
      uses.push_back(hwb.use("fan-in", valueAt(network, "snn.core_fan_in", c),
                             target.axonsInPerCore));
    if (network->hasAttr("snn.core_synapses"))
      uses.push_back(hwb.use("synapses",
                             valueAt(network, "snn.core_synapses", c),
                             synapseCapacity));
    hwb.core(c, hwb.chipName(site[c].x, site[c].y), site[c].index, uses);
  }
  for (const Run &run : runs)
    hwb.slice(run.core, getNodeName(run.op), run.begin, run.end);
  // Each slice's core stores the synapses into it. (Convolutions are not
  // mapped onto these cores; MapCores refuses them between neurons.)
  for (const Run &run : runs) {
    SmallVector<Operation *> projections;
    projectionsInto(run.op->getOperand(0), projections);
    for (Operation *p : projections) {
      if (failed(nameForSlices(p)))
        return failure();
      int64_t synapses;
      SmallVector<int64_t> axons;
      synapsesOf(p, run.begin, run.end, synapses, axons);
      if (synapses == 0)
        continue; // Nothing stored: all its weights into these rows are 0.
      hwb.synapseTable(run.core, getNodeName(p), getNodeName(run.op), run.begin,
                       run.end, synapses, axons);
    }
  }

  if (!multicast) {
    for (auto &[from, to] : destinations) {
      SmallVector<int32_t> hops;
      for (int64_t d : to)
        hops.push_back(
            ::snn::mapping::hopsBetween(shape, slotOf[from], slotOf[d]));
      hwb.route(from, to).setHopsAttr(b.getDenseI32ArrayAttr(hops));
    }
    return success();
  }

  // SpiNNaker style: one multicast key per source core, routed over the
  // torus and compressed per chip (targets/spinnaker/routing).
  std::vector<sp::Source> sources;
  std::vector<int64_t> sourceCore;
  for (auto &[from, to] : destinations) {
    auto [chip, core] = spPlace(from);
    sp::Source source{chip, core, std::max<int64_t>(1, neuronsOn[from]), {}};
    source.appVertex = static_cast<int>(from);
    for (int64_t d : to)
      source.destinations.push_back(spPlace(d));
    sources.push_back(source);
    sourceCore.push_back(from);
  }
  std::vector<sp::KeyMask> keys;
  sp::RoutingTables tables;
  std::string err;
  if (!sp::allocateKeys(sources, keys, err) ||
      !sp::route(machine, sources, keys, tables, err) ||
      !sp::compress(machine, tables, err)) {
    board.erase();
    return network.emitError("spinnaker routing: ") << err;
  }
  for (size_t s = 0; s < sources.size(); ++s) {
    hw::RouteOp route = hwb.route(sourceCore[s], destinations[sourceCore[s]]);
    route.setKeyAttr(
        hw::KeyMaskAttr::get(b.getContext(), keys[s].key, keys[s].mask));
  }
  for (const auto &[chip, entries] : tables.perChip) {
    SmallVector<Attribute> list;
    for (const sp::RoutingEntry &e : entries)
      list.push_back(
          hw::RouterEntryAttr::get(b.getContext(), e.key, e.mask, e.route));
    b.create<hw::RouterTableOp>(hwb.loc,
                                hwb.ref(hwb.chipName(chip.first, chip.second)),
                                b.getArrayAttr(list));
  }
  return success();
}
