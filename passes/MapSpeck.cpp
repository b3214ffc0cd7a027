//===- MapSpeck.cpp - Speck-style layer-to-core mapping
//--------------------===//
//
// A Speck core runs one conv -> IAF -> sum-pool stage. This turns each
// quantized population (snn.speck_neuron with the weighted op feeding it and
// an optional sum pool after it) into a speckmap::Layer, checks every per-layer
// limit, and assigns layers to cores by the published memory formulas
// (targets/speck/mapping). Results: `snn.core` on every neuron op, one remark
// per layer with its memory use, and errors at the layer for what does not fit.
//
//===----------------------------------------------------------------------===//
#include "passes/Mapping.h"
#include "targets/speck/mapping/SpeckMapping.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlir::snn;
namespace speckmap = ::snn::speck;

namespace {
struct SpeckLayer {
  SpeckNeuronOp neuron;
  Operation *projection = nullptr;
  SumPool2dOp pool;
  speckmap::Layer layer;
};

/// Describes the projection feeding `neuron` as a Speck convolution.
LogicalResult describeProjection(SpeckLayer &l) {
  speckmap::Layer &layer = l.layer;
  auto out = cast<ShapedType>(l.neuron.getType());
  Operation *p = l.neuron.getInput().getDefiningOp();
  if (auto conv = dyn_cast_or_null<Conv2dOp>(p)) {
    auto in = cast<ShapedType>(conv.getInput().getType());
    auto w = conv.getWeight().getType().getShape();
    if (conv.getGroups() != 1)
      return conv.emitError("layer '")
             << getNodeName(l.neuron)
             << "': Speck cores run ungrouped convolutions (groups = "
             << conv.getGroups() << ")";
    layer.inChannels = in.getDimSize(0);
    layer.inH = in.getDimSize(1);
    layer.inW = in.getDimSize(2);
    layer.outChannels = w[0];
    layer.kernelH = w[2];
    layer.kernelW = w[3];
    layer.strideH = conv.getStride()[0];
    layer.strideW = conv.getStride()[1];
    layer.padH = conv.getPadding()[0];
    layer.padW = conv.getPadding()[1];
    layer.hasBias = static_cast<bool>(conv.getBiasAttr());
  } else if (p && isa<AffineOp, LinearOp>(p)) {
    // A dense layer is a convolution whose kernel covers its input: over the
    // (C, H, W) map that a flatten hides, or 1x1 over a vector.
    Value source = p->getOperand(0);
    auto shape = cast<ShapedType>(source.getType()).getShape();
    SmallVector<int64_t> map{shape[0], 1, 1};
    if (auto flatten = source.getDefiningOp<FlattenOp>()) {
      auto inner = cast<ShapedType>(flatten.getInput().getType()).getShape();
      if (inner.size() == 3)
        map.assign(inner.begin(), inner.end());
    }
    layer.inChannels = map[0];
    layer.inH = layer.kernelH = map[1];
    layer.inW = layer.kernelW = map[2];
    layer.outChannels = out.getNumElements();
    layer.hasBias = isa<AffineOp>(p);
  } else {
    return l.neuron.emitError("layer '")
           << getNodeName(l.neuron)
           << "': a Speck core's input is a convolution or dense layer; "
              "this layer's input is "
           << (p ? p->getName().getStringRef() : StringRef("a network input"));
  }
  layer.name = getNodeName(l.neuron);
  if (out.getRank() == 3) {
    layer.outH = out.getDimSize(1);
    layer.outW = out.getDimSize(2);
  }
  // A square, non-overlapping sum pool right after the neurons runs on the
  // same core.
  if (l.neuron->hasOneUse())
    if (auto pool = dyn_cast<SumPool2dOp>(*l.neuron->getUsers().begin()))
      if (pool.getKernelSize()[0] == pool.getKernelSize()[1] &&
          pool.getStride() == pool.getKernelSize() &&
          llvm::all_of(pool.getPadding(), [](int64_t v) { return v == 0; })) {
        l.pool = pool;
        layer.pool = pool.getKernelSize()[0];
      }
  return success();
}

/// The layers that consume `value` (through flatten), by neuron op.
void collectConsumers(Value value, SmallVectorImpl<Operation *> &out) {
  for (Operation *user : value.getUsers()) {
    if (isa<FlattenOp>(user)) {
      collectConsumers(user->getResult(0), out);
    } else if (isa<Conv2dOp, AffineOp, LinearOp>(user)) {
      for (Operation *next : user->getResult(0).getUsers())
        if (isa<SpeckNeuronOp>(next))
          out.push_back(next);
    }
  }
}
} // namespace

LogicalResult mlir::snn::mapSpeck(NetworkOp network,
                                  const TargetDescription &target) {
  SmallVector<SpeckLayer> layers;
  DenseMap<Operation *, int> indexOf;
  for (Operation &op : network.getBody().front())
    if (auto neuron = dyn_cast<SpeckNeuronOp>(&op)) {
      SpeckLayer l;
      l.neuron = neuron;
      if (failed(describeProjection(l)))
        return failure();
      indexOf[neuron] = layers.size();
      layers.push_back(std::move(l));
    }
  bool ok = true;
  for (SpeckLayer &l : layers) {
    Value output = l.pool ? l.pool.getOutput() : l.neuron.getOutput();
    SmallVector<Operation *> consumers;
    collectConsumers(output, consumers);
    for (Operation *c : consumers)
      l.layer.destinations.push_back(indexOf.lookup(c));
    for (const std::string &problem : speckmap::checkLayer(l.layer)) {
      l.neuron.emitError(problem);
      ok = false;
    }
  }
  if (!ok)
    return failure();
  std::vector<speckmap::Layer> plain;
  for (SpeckLayer &l : layers)
    plain.push_back(l.layer);
  speckmap::Chip chip = speckmap::Chip::speck();
  if (target.cores > 0 &&
      target.cores < static_cast<int64_t>(chip.cores.size()))
    chip.cores.resize(target.cores);
  std::vector<int> coreOf;
  std::string err;
  if (!speckmap::assignCores(plain, chip, coreOf, err))
    return network.emitError("cannot map onto ") << target.name << ": " << err;
  Builder b(network.getContext());
  for (auto [i, l] : llvm::enumerate(layers)) {
    speckmap::LayerMemory need = speckmap::memoryNeed(l.layer);
    const speckmap::CoreMemory &core = chip.cores[coreOf[i]];
    l.neuron->setAttr("snn.core", b.getI64IntegerAttr(coreOf[i]));
    l.neuron.getInput().getDefiningOp()->setAttr(
        "snn.core", b.getI64IntegerAttr(coreOf[i]));
    SmallVector<int64_t> routes;
    for (int d : l.layer.destinations)
      routes.push_back(coreOf[d]);
    l.neuron->setAttr("snn.routes", b.getDenseI64ArrayAttr(routes));
    l.neuron->setAttr(
        "snn.core_memory",
        b.getDenseI64ArrayAttr({need.kernel, need.neuron, need.bias}));
    if (l.pool)
      l.pool->setAttr("snn.core", b.getI64IntegerAttr(coreOf[i]));
    l.neuron.emitRemark() << "layer '" << l.layer.name << "' on core "
                          << coreOf[i] << ": kernel memory " << need.kernel
                          << "/" << core.kernel << ", neuron memory "
                          << need.neuron << "/" << core.neuron << ", bias "
                          << need.bias << "/" << core.bias
                          << (l.pool ? ", with its sum pool" : "");
  }
  network->setAttr("snn.cores_used", b.getI64IntegerAttr(layers.size()));
  return success();
}
