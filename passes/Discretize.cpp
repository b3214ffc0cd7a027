//===- Discretize.cpp - Continuous-time ops to per-step ops
//----------------===//
//
// Implements --snn-discretize (see Passes.td for the rules). Every neuron model
// maps onto the one discrete neuron, snn.step_neuron, so later passes and the
// runtime deal with a single update equation.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include <cmath>
#include <functional>

namespace mlir::snn {
#define GEN_PASS_DEF_SNNDISCRETIZE
#include "passes/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {
/// Reads a scalar-or-per-neuron parameter element by element.
double paramAt(Attribute attr, int64_t i) {
  if (auto scalar = dyn_cast<FloatAttr>(attr))
    return scalar.getValueAsDouble();
  auto dense = cast<DenseFPElementsAttr>(attr);
  if (dense.isSplat())
    return dense.getSplatValue<APFloat>().convertToDouble();
  return dense.getValues<APFloat>()[i].convertToDouble();
}

/// Builds f(params...) element-wise. The result is a scalar when every input
/// is a scalar or when all elements come out equal, per neuron otherwise.
Attribute combine(ShapedType population, ArrayRef<Attribute> params,
                  const std::function<double(ArrayRef<double>)> &f) {
  Builder b(population.getContext());
  bool perNeuron = llvm::any_of(
      params, [](Attribute a) { return isa<DenseFPElementsAttr>(a); });
  int64_t n = perNeuron ? population.getNumElements() : 1;
  SmallVector<float> values(n);
  SmallVector<double> args(params.size());
  for (int64_t i = 0; i < n; ++i) {
    for (auto [k, p] : llvm::enumerate(params))
      args[k] = paramAt(p, i);
    values[i] = static_cast<float>(f(args));
  }
  if (llvm::all_equal(values))
    return b.getF32FloatAttr(values.front());
  auto type = RankedTensorType::get(population.getShape(), b.getF32Type());
  return DenseElementsAttr::get(type, ArrayRef<float>(values));
}

/// Largest dt/tau over a time-constant parameter (for the Euler warning).
double maxStepRatio(ShapedType population, Attribute tau, double dt) {
  int64_t n = isa<FloatAttr>(tau) ? 1 : population.getNumElements();
  double worst = 0;
  for (int64_t i = 0; i < n; ++i)
    worst = std::max(worst, dt / paramAt(tau, i));
  return worst;
}

struct Discretizer {
  NetworkOp network;
  bool exact;
  double dt;

  double decay(double tau) const {
    return exact ? std::exp(-dt / tau) : 1.0 - dt / tau;
  }
  double gain(double tau) const {
    return exact ? -std::expm1(-dt / tau) : dt / tau;
  }

  void warnIfCoarse(Operation *op, StringRef name, Attribute tau) {
    if (exact)
      return;
    double ratio =
        maxStepRatio(cast<ShapedType>(op->getResult(0).getType()), tau, dt);
    if (ratio > 1.0)
      op->emitWarning("dt / ")
          << name << " = " << ratio
          << " > 1: forward Euler overshoots for this time constant; use "
             "--snn-discretize=method=exact or a smaller dt";
  }

  /// The parts of snn.step_neuron shared by all models.
  struct Step {
    Attribute synDecay, synGain, memDecay, memGain, memBias;
    Attribute threshold, vReset, adaptDecay, adaptGain;
    ResetMode reset = ResetMode::None;
    bool multiSpike = false;
    std::optional<APFloat> vMin;
  };

  /// Leak constants of `tau dv/dt = (v_leak - v) + r x`.
  void leak(Step &s, ShapedType pop, Attribute tau, Attribute r,
            Attribute vLeak) {
    s.memDecay = combine(pop, {tau}, [&](auto a) { return decay(a[0]); });
    s.memGain =
        combine(pop, {tau, r}, [&](auto a) { return gain(a[0]) * a[1]; });
    s.memBias =
        combine(pop, {tau, vLeak}, [&](auto a) { return gain(a[0]) * a[1]; });
  }

  /// Constants of `dv/dt = r x` (no leak: Euler and exact agree).
  void integrate(Step &s, ShapedType pop, Attribute r) {
    Builder b(pop.getContext());
    s.memDecay = b.getF32FloatAttr(1.0f);
    s.memGain = combine(pop, {r}, [&](auto a) { return dt * a[0]; });
    s.memBias = b.getF32FloatAttr(0.0f);
  }

  template <typename SpikingOp> void spiking(Step &s, SpikingOp op) {
    s.threshold = op.getVThreshold();
    s.reset = op.getReset();
    if (s.reset == ResetMode::ToReset)
      s.vReset = op.getVReset();
    s.multiSpike = op.getMultiSpike();
    s.vMin = op.getVMin();
  }

  /// Lowers one neuron op; returns false for ops that are not neurons.
  bool lower(Operation *op) {
    auto pop = cast<ShapedType>(op->getResult(0).getType());
    Builder b(op->getContext());
    Step s;
    s.synGain = b.getF32FloatAttr(1.0f);
    if (auto i = dyn_cast<IOp>(op)) {
      integrate(s, pop, i.getR());
    } else if (auto f = dyn_cast<IFOp>(op)) {
      integrate(s, pop, f.getR());
      spiking(s, f);
    } else if (auto li = dyn_cast<LIOp>(op)) {
      warnIfCoarse(op, "tau", li.getTau());
      leak(s, pop, li.getTau(), li.getR(), li.getVLeak());
    } else if (auto lif = dyn_cast<LIFOp>(op)) {
      warnIfCoarse(op, "tau", lif.getTau());
      leak(s, pop, lif.getTau(), lif.getR(), lif.getVLeak());
      spiking(s, lif);
    } else if (auto alif = dyn_cast<ALIFOp>(op)) {
      warnIfCoarse(op, "tau", alif.getTau());
      warnIfCoarse(op, "tau_adapt", alif.getTauAdapt());
      leak(s, pop, alif.getTau(), alif.getR(), alif.getVLeak());
      spiking(s, alif);
      s.adaptDecay = combine(pop, {alif.getTauAdapt()},
                             [&](auto a) { return decay(a[0]); });
      s.adaptGain = alif.getBeta();
    } else if (auto cli = dyn_cast<CubaLIOp>(op)) {
      cuba(s, op, pop, cli.getTauSyn(), cli.getWIn());
      warnIfCoarse(op, "tau_mem", cli.getTauMem());
      leak(s, pop, cli.getTauMem(), cli.getR(), cli.getVLeak());
    } else if (auto clif = dyn_cast<CubaLIFOp>(op)) {
      cuba(s, op, pop, clif.getTauSyn(), clif.getWIn());
      warnIfCoarse(op, "tau_mem", clif.getTauMem());
      leak(s, pop, clif.getTauMem(), clif.getR(), clif.getVLeak());
      spiking(s, clif);
    } else {
      return false;
    }
    OpBuilder builder(op);
    auto step = builder.create<StepNeuronOp>(
        op->getLoc(), op->getResult(0).getType(), op->getOperand(0), s.synDecay,
        s.synGain, s.memDecay, s.memGain, s.memBias, s.threshold,
        ResetModeAttr::get(op->getContext(), s.reset), s.vReset,
        s.multiSpike ? builder.getUnitAttr() : UnitAttr(),
        s.vMin ? builder.getF32FloatAttr(s.vMin->convertToFloat())
               : FloatAttr(),
        s.adaptDecay, s.adaptGain);
    step->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    op->replaceAllUsesWith(step);
    op->erase();
    return true;
  }

  /// Synapse constants of `tau_syn di/dt = -i + w_in x`.
  void cuba(Step &s, Operation *op, ShapedType pop, Attribute tauSyn,
            Attribute wIn) {
    warnIfCoarse(op, "tau_syn", tauSyn);
    s.synDecay = combine(pop, {tauSyn}, [&](auto a) { return decay(a[0]); });
    s.synGain =
        combine(pop, {tauSyn, wIn}, [&](auto a) { return gain(a[0]) * a[1]; });
  }

  void lowerDelay(DelayOp op) {
    auto pop = cast<ShapedType>(op.getType());
    Attribute delay = op.getDelay();
    int64_t n = isa<FloatAttr>(delay) ? 1 : pop.getNumElements();
    SmallVector<int64_t> steps(n);
    bool inexact = false;
    for (int64_t i = 0; i < n; ++i) {
      double exactSteps = paramAt(delay, i) / dt;
      steps[i] = std::llround(exactSteps);
      inexact |=
          std::abs(exactSteps - steps[i]) > 1e-6 * std::max(1.0, exactSteps);
    }
    if (inexact)
      op.emitWarning("delay is not a whole number of steps of dt = ")
          << dt << " s; rounded to the nearest step";
    if (llvm::all_equal(steps))
      steps.resize(1);
    OpBuilder builder(op);
    auto step = builder.create<StepDelayOp>(op.getLoc(), op.getType(),
                                            op.getInput(), steps);
    step->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    op.replaceAllUsesWith(step.getOutput());
    op.erase();
  }
};

struct DiscretizePass
    : public mlir::snn::impl::SNNDiscretizeBase<DiscretizePass> {
  using SNNDiscretizeBase::SNNDiscretizeBase;

  void runOnOperation() override {
    NetworkOp network = getOperation();
    if (method != "euler" && method != "exact") {
      network.emitError("unknown discretization method '")
          << method << "'; use euler or exact";
      return signalPassFailure();
    }
    Discretizer d{network, method == "exact",
                  network.getDt().convertToDouble()};
    // Collect first: lowering erases ops while we iterate.
    SmallVector<Operation *> ops;
    for (Operation &op : network.getBody().front().without_terminator())
      ops.push_back(&op);
    for (Operation *op : ops) {
      if (auto delay = dyn_cast<DelayOp>(op))
        d.lowerDelay(delay);
      else
        d.lower(op);
    }
    network->setAttr("snn.discretization",
                     StringAttr::get(&getContext(), method));
  }
};
} // namespace
