//===- MapCores.cpp - Neuron-level mapping onto many-core chips
//------------===//
//
// Loihi- and SpiNNaker-style chips hold a slice of a population per core and
// store synapses at the post-synaptic core. This lowers the quantized network
// to a neuron graph (one edge per non-zero weight between neurons),
// partitions it under the description's per-core capacities
// (targets/common/partition), numbers the cores in order so consecutive cores
// sit next to each other on the on-chip mesh, and records the result as
// `snn.core_of` (the core of every neuron) on each neuron op.
//
//===----------------------------------------------------------------------===//
#include "passes/Calibration.h"
#include "passes/Mapping.h"
#include "targets/common/partition/Partition.h"
#include "targets/common/partition/Place.h"

#include "mlir/IR/Builders.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

using namespace mlir;
using namespace mlir::snn;
namespace partition = ::snn::mapping;

namespace {
/// A number as %g prints it (8, 0.5), for remarks.
std::string shortNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

bool isFixedNeuron(Operation *op) {
  return isa<LoihiNeuronOp, SpinnakerNeuronOp>(op);
}

/// The neuron op whose spikes reach `v` through delays, flattens and adds of
/// one operand (null for a network input).
Operation *sourceNeuron(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (isFixedNeuron(def))
      return def;
    if (isa<StepDelayOp, FlattenOp>(def)) {
      v = def->getOperand(0);
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// The weighted ops whose sum feeds `neuron` (through snn.add/step_delay).
void projectionsOf(Value v, SmallVectorImpl<Operation *> &out) {
  Operation *def = v.getDefiningOp();
  if (!def)
    return;
  if (isa<AddOp>(def)) {
    for (Value operand : def->getOperands())
      projectionsOf(operand, out);
  } else if (isa<StepDelayOp>(def)) {
    projectionsOf(def->getOperand(0), out);
  } else if (isa<AffineOp, LinearOp, SparseProjectionOp, ScaleOp, Conv1dOp,
                 Conv2dOp>(def)) {
    out.push_back(def);
  }
}
} // namespace

LogicalResult mlir::snn::mapNeuronCores(NetworkOp network,
                                        const TargetDescription &target,
                                        int64_t neuronsPerCore,
                                        int64_t coresPerChip,
                                        StringRef ratesInput) {
  SmallVector<Operation *> populations;
  DenseMap<Operation *, int64_t> begin;
  partition::NeuronGraph graph;
  for (Operation &op : network.getBody().front())
    if (isFixedNeuron(&op)) {
      begin[&op] = graph.numNeurons;
      graph.popBegin.push_back(graph.numNeurons);
      graph.numNeurons +=
          cast<ShapedType>(op.getResult(0).getType()).getNumElements();
      populations.push_back(&op);
    }
  graph.popBegin.push_back(graph.numNeurons);
  for (auto [p, op] : llvm::enumerate(populations))
    for (int64_t i = graph.popBegin[p]; i < graph.popBegin[p + 1]; ++i)
      graph.population.push_back(p);

  // Edges pre -> post for every non-zero weight between two neurons.
  std::vector<std::pair<int64_t, int32_t>> edges;
  for (Operation *post : populations) {
    SmallVector<Operation *> projections;
    projectionsOf(post->getOperand(0), projections);
    for (Operation *p : projections) {
      Operation *pre = sourceNeuron(p->getOperand(0));
      if (!pre)
        continue; // From the host: input axons, not core-to-core traffic.
      if (isa<Conv1dOp, Conv2dOp>(p))
        return p->emitError("projection '")
               << getNodeName(p) << "' into '" << getNodeName(post)
               << "': convolutions are not yet mapped onto " << target.name
               << " cores (use speck for convolutional networks)";
      int64_t from = begin[pre], to = begin[post];
      auto add = [&](int64_t i, int64_t o, float w) {
        if (w != 0)
          edges.push_back({from + i, static_cast<int32_t>(to + o)});
      };
      if (auto scale = dyn_cast<ScaleOp>(p)) {
        auto values = cast<DenseElementsAttr>(scale.getScale());
        for (auto [i, w] : llvm::enumerate(values.getValues<float>()))
          add(i, i, w);
      } else if (auto sparse = dyn_cast<SparseProjectionOp>(p)) {
        ArrayRef<int32_t> rows = sparse.getRowPtr(), cols = sparse.getCols();
        auto values = llvm::to_vector(sparse.getValues().getValues<float>());
        for (size_t r = 0; r + 1 < rows.size(); ++r)
          for (int32_t k = rows[r]; k < rows[r + 1]; ++k)
            add(cols[k], r, values[k]);
      } else {
        auto weight = cast<DenseElementsAttr>(p->getAttr("weight"));
        int64_t in = weight.getType().getDimSize(1);
        for (auto [k, w] : llvm::enumerate(weight.getValues<float>()))
          add(k % in, k / in, w);
      }
    }
  }
  std::sort(edges.begin(), edges.end());
  graph.rowPtr.assign(graph.numNeurons + 1, 0);
  for (auto [pre, post] : edges) {
    ++graph.rowPtr[pre + 1];
    graph.col.push_back(post);
  }
  for (int64_t i = 0; i < graph.numNeurons; ++i)
    graph.rowPtr[i + 1] += graph.rowPtr[i];

  // Expected rates: each neuron's spikes per step on the user's input, run
  // on the quantized network with the reference runtime, so the partitioner
  // minimises packets actually sent rather than connections.
  if (!ratesInput.empty()) {
    std::map<std::string, std::vector<float>> rates;
    if (failed(quant::measureSpikeRates(network->getParentOfType<ModuleOp>(),
                                        ratesInput, rates)))
      return failure();
    graph.rate.assign(graph.numNeurons, 0.0f);
    for (auto [p, op] : llvm::enumerate(populations)) {
      auto it = rates.find(getNodeName(op));
      int64_t size = graph.popBegin[p + 1] - graph.popBegin[p];
      if (it == rates.end() || static_cast<int64_t>(it->second.size()) != size)
        return op->emitError("rates: the run on ")
               << ratesInput << " recorded no spikes of layer '"
               << getNodeName(op) << "'";
      std::copy(it->second.begin(), it->second.end(),
                graph.rate.begin() + graph.popBegin[p]);
    }
  }

  partition::PartitionOptions options;
  options.capacity.neurons = target.neuronsPerCore;
  options.capacity.fanIn = target.axonsInPerCore;
  // Synapse memory in entries: one weight plus a target index of the same
  // width per synapse (an approximation of the chips' packed formats).
  if (target.synapseBytesPerCore > 0 && target.arithmetic == Arithmetic::Loihi)
    options.capacity.synapses =
        target.synapseBytesPerCore * 8 / (2 * target.weightBits);
  options.neuronsPerCoreCap = neuronsPerCore;
  options.coresPerChip = target.cores;
  partition::PartitionResult result;
  std::string err;
  if (!partition::partition(graph, options, result, err)) {
    // The partitioner numbers populations; the user knows their names.
    for (size_t p = 0; p < populations.size(); ++p) {
      std::string index = "population " + std::to_string(p) + ":";
      if (size_t at = err.find(index); at != std::string::npos) {
        err.replace(at, index.size(),
                    "layer '" + getNodeName(populations[p]) + "':");
        return populations[p]->emitError("cannot map onto ")
               << target.name << ": " << err;
      }
    }
    return network.emitError("cannot map onto ") << target.name << ": " << err;
  }
  // Cores per chip and per board; a network over the board's cores fails at
  // the layer holding the first core past the limit (partition order fills
  // populations in order).
  int64_t perChip = target.cores > 0 ? target.cores : result.numCores;
  if (coresPerChip > 0)
    perChip = std::min(perChip, coresPerChip);
  perChip = std::max<int64_t>(1, perChip);
  const int64_t chipsNeeded = (result.numCores + perChip - 1) / perChip;
  if (target.chipsPerBoard > 0 && chipsNeeded > target.chipsPerBoard) {
    const int64_t limit = perChip * target.chipsPerBoard;
    Operation *over = network.getOperation();
    for (size_t p = 0; p < populations.size() && over == network.getOperation();
         ++p)
      for (int64_t i = graph.popBegin[p]; i < graph.popBegin[p + 1]; ++i)
        if (result.coreOf[i] >= limit) {
          over = populations[p];
          break;
        }
    InFlightDiagnostic diag = over->emitError("cannot map onto ")
                              << target.name << ": ";
    if (over != network.getOperation())
      diag << "layer '" << getNodeName(over) << "': ";
    diag << "the network needs " << result.numCores
         << " cores but a board holds at most " << limit << " ("
         << target.chipsPerBoard << " chips x " << perChip
         << " cores, cores per board); use fewer or smaller layers, or a "
            "target with larger cores";
    return failure();
  }
  if (chipsNeeded > 1)
    network.emitRemark() << "the network needs " << result.numCores
                         << " cores, more than the " << perChip
                         << " of one chip: it spans " << chipsNeeded << " chips"
                         << (target.chipsPerBoard > 0
                                 ? " of the board's " +
                                       std::to_string(target.chipsPerBoard)
                                 : std::string());

  Builder b(network.getContext());
  for (auto [p, op] : llvm::enumerate(populations)) {
    int64_t lo = graph.popBegin[p], hi = graph.popBegin[p + 1];
    SmallVector<int32_t> cores(result.coreOf.begin() + lo,
                               result.coreOf.begin() + hi);
    op->setAttr("snn.core_of", b.getDenseI32ArrayAttr(cores));
    SmallVector<int32_t> used(cores);
    llvm::sort(used);
    used.erase(std::unique(used.begin(), used.end()), used.end());
    op->emitRemark() << "layer '" << getNodeName(op) << "': " << (hi - lo)
                     << " neurons on " << used.size() << " core(s)";
  }
  for (int32_t c = 0; c < result.numCores; ++c)
    network.emitRemark() << "core " << c << ": " << result.neuronsPerCore[c]
                         << "/" << target.neuronsPerCore << " neurons, fan-in "
                         << result.fanInPerCore[c] << "/"
                         << (target.axonsInPerCore
                                 ? std::to_string(target.axonsInPerCore)
                                 : std::string("no limit"))
                         << ", synapses " << result.synapsesPerCore[c];
  // Core-to-core connections the routing must carry, as (from, to) pairs
  // sorted by source then destination, with their packets per step: the
  // sum of the sending neurons' rates (1 each without rates), a silent
  // connection included since the routing must still carry it.
  std::vector<partition::CoreLink> flows =
      partition::coreFlows(graph, result.coreOf);
  SmallVector<int32_t> flat;
  for (const partition::CoreLink &l : flows) {
    flat.push_back(l.from);
    flat.push_back(l.to);
  }
  // Place the cores on the chips' meshes and the board's chip grid so heavy
  // flows take few hops, inter-chip hops charged chipHopWeight each.
  partition::MeshShape mesh;
  mesh.coresPerChip = static_cast<int>(perChip);
  mesh.chipHopWeight = target.chipHopWeight;
  mesh.chipTorus = target.chipTorus;
  mesh.chipDiagonal = target.chipDiagonal;
  if (target.arithmetic == Arithmetic::Loihi) {
    // [unconfirmed] 8-wide mesh of the chip's cores.
    mesh.width = static_cast<int>(std::min<int64_t>(8, perChip));
    mesh.height = static_cast<int>((perChip + mesh.width - 1) / mesh.width);
    mesh.chipsX = static_cast<int>(target.boardChipsX);
    if (mesh.chipsX > 0)
      mesh.chipsY = static_cast<int>(
          (std::max<int64_t>(target.chipsPerBoard, chipsNeeded) + mesh.chipsX -
           1) /
          mesh.chipsX);
  } else {
    // SpiNNaker: a chip's cores share its router (no on-chip hops); the
    // chips in use form a square-ish torus, which the snn_hw lowering
    // routes over (LowerHwCores.cpp).
    mesh.width = static_cast<int>(perChip);
    mesh.height = 1;
    mesh.onChipHops = false;
    mesh.chipsX = std::max(
        1, static_cast<int>(std::ceil(std::sqrt(double(chipsNeeded)))));
    mesh.chipsY =
        static_cast<int>((chipsNeeded + mesh.chipsX - 1) / mesh.chipsX);
  }
  partition::Placement placement =
      partition::placeCores(result.numCores, flows, mesh);
  SmallVector<int32_t> slots(placement.slotOf.begin(), placement.slotOf.end());
  network->setAttr("snn.core_slot", b.getDenseI32ArrayAttr(slots));
  network->setAttr("snn.mesh",
                   b.getDenseI32ArrayAttr(
                       {mesh.width, mesh.height, mesh.chipsX, mesh.chipsY}));
  const std::string basis =
      ratesInput.empty() ? std::string("if every neuron spikes")
                         : "at the spike rates measured on " + ratesInput.str();
  network.emitRemark() << "inter-core traffic: "
                       << shortNumber(result.interCoreTraffic)
                       << " packets per step " << basis;
  InFlightDiagnostic remark = network.emitRemark();
  if (mesh.onChipHops)
    remark << "placement on " << mesh.width << "x" << mesh.height
           << " core meshes: " << shortNumber(placement.hopTraffic)
           << " packet-hops per step " << basis;
  else
    remark << "placement on a " << mesh.chipsX << "x" << mesh.chipsY
           << " torus of chips: " << shortNumber(placement.hopTraffic)
           << " packet chip-hops per step " << basis;
  remark << " (cores in partition order: "
         << shortNumber(placement.sequentialHopTraffic) << "); "
         << placement.chipsUsed << " chip(s)"
         << (chipsNeeded > 1 ? ", a chip-to-chip hop weighs " +
                                   shortNumber(mesh.chipHopWeight)
                             : std::string());
  remark.report();
  if (target.arithmetic == Arithmetic::Loihi) {
    partition::LinkLoad load =
        partition::linkLoad(mesh, flows, placement.slotOf);
    network.emitRemark() << "busiest mesh link: "
                         << static_cast<int64_t>(std::llround(load.maxPackets))
                         << " packets per step " << basis << " ("
                         << load.linksUsed
                         << " directed links used, dimension-order routes)";
  }
  network->setAttr("snn.core_links", b.getDenseI32ArrayAttr(flat));
  network->setAttr("snn.core_fan_in",
                   b.getDenseI64ArrayAttr(result.fanInPerCore));
  network->setAttr("snn.core_synapses",
                   b.getDenseI64ArrayAttr(result.synapsesPerCore));
  network->setAttr("snn.cores_used", b.getI64IntegerAttr(result.numCores));
  network->setAttr("snn.cores_lower_bound",
                   b.getI64IntegerAttr(result.lowerBound));
  network->setAttr("snn.inter_core_packets",
                   b.getF64FloatAttr(result.interCoreTraffic));
  return success();
}
