//===- LowerHw.h - Shared pieces of the snn_hw lowering ----------*- C++
//-*-===//
//
// Private to passes/LowerHw*.cpp: building a board, and one lowering per
// mapping family (neuron-level cores, Speck stages).
//
//===----------------------------------------------------------------------===//
#ifndef SNN_PASSES_LOWERHW_H
#define SNN_PASSES_LOWERHW_H

#include "dialects/snn_hw/SNNHWOps.h"
#include "passes/Mapping.h"

#include <string>

namespace mlir::snn::lowerhw {
namespace hw = mlir::snn_hw;

/// Creates the ops of a board, naming chips chip_X_Y and cores coreN.
struct BoardBuilder {
  OpBuilder &b;
  Location loc;
  std::string chipName(int64_t x, int64_t y) {
    return "chip_" + std::to_string(x) + "_" + std::to_string(y);
  }
  std::string coreName(int64_t c) { return "core" + std::to_string(c); }
  FlatSymbolRefAttr ref(StringRef name) {
    return FlatSymbolRefAttr::get(b.getContext(), name);
  }
  hw::UseAttr use(StringRef resource, int64_t used, int64_t capacity) {
    return hw::UseAttr::get(b.getContext(), resource, used, capacity);
  }
  hw::ChipOp chip(int64_t x, int64_t y, int64_t cores) {
    return b.create<hw::ChipOp>(loc, b.getStringAttr(chipName(x, y)),
                                b.getI64IntegerAttr(x), b.getI64IntegerAttr(y),
                                b.getI64IntegerAttr(cores), nullptr, nullptr);
  }
  void core(int64_t c, StringRef chip, int64_t index,
            ArrayRef<Attribute> uses) {
    b.create<hw::CoreOp>(loc, b.getStringAttr(coreName(c)), ref(chip),
                         b.getI64IntegerAttr(index), b.getArrayAttr(uses));
  }
  void slice(int64_t c, StringRef layer, int64_t begin, int64_t end) {
    b.create<hw::NeuronSliceOp>(loc, ref(coreName(c)), b.getStringAttr(layer),
                                b.getI64IntegerAttr(begin),
                                b.getI64IntegerAttr(end));
  }
  void synapseTable(int64_t c, StringRef projection, StringRef layer,
                    int64_t begin, int64_t end, int64_t synapses,
                    ArrayRef<int64_t> axons) {
    b.create<hw::SynapseTableOp>(
        loc, ref(coreName(c)), b.getStringAttr(projection),
        b.getStringAttr(layer), b.getI64IntegerAttr(begin),
        b.getI64IntegerAttr(end), b.getI64IntegerAttr(synapses),
        b.getDenseI64ArrayAttr(axons));
  }
  hw::RouteOp route(int64_t from, ArrayRef<int64_t> to) {
    SmallVector<Attribute> dests;
    for (int64_t d : to)
      dests.push_back(ref(coreName(d)));
    return b.create<hw::RouteOp>(loc, ref(coreName(from)),
                                 b.getArrayAttr(dests), nullptr, nullptr);
  }
};

/// Creates the board op after `network`, with an empty body.
hw::BoardOp createBoard(NetworkOp network, const TargetDescription &target,
                        hw::RoutingKind routing, ArrayRef<int32_t> grid);

/// Neurons of the population `op` produces (its flattened result), or -1
/// when a mapping attribute sits on an op without one result tensor.
int64_t neuronCount(Operation *op);

/// Slices name their layer; the `snn.name` attribute keeps that name when
/// the module is printed without locations, so a mapped op gets one.
LogicalResult nameForSlices(Operation *op);

/// Loihi/SpiNNaker style: neurons partitioned onto cores (`snn.core_of`,
/// `snn.core_links`, `snn.core_slot`), with mesh hops or SpiNNaker keys and
/// router tables.
LogicalResult lowerNeuronCores(NetworkOp network,
                               const TargetDescription &target);

/// Speck style: every op of a conv -> IAF -> pool stage on one core
/// (`snn.core`, `snn.routes`, `snn.core_memory`).
LogicalResult lowerSpeck(NetworkOp network, const TargetDescription &target);

} // namespace mlir::snn::lowerhw

#endif // SNN_PASSES_LOWERHW_H
