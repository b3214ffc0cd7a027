//===- LowerBrainScaleS.cpp - The --snn-lower-brainscales pass ------------===//
//
// Step-level network -> analog parameter set. For each population: recover
// the continuous-time model from the step constants (the discretisation rule
// is on the network), scale time by the chip's acceleration and potentials
// onto CADC LSB, split the weights onto 6-bit excitatory/inhibitory rows, and
// check every value against the calibratable ranges. Then place the
// populations (targets/brainscales2/translation) and rewrite the IR.
// Units, scaling and rounding: docs/brainscales2.md.
//
//===----------------------------------------------------------------------===//
#include "dialects/snn/SNNSchedule.h"
#include "passes/Passes.h"
#include "passes/QuantizeCommon.h"
#include "targets/brainscales2/translation/Bss2Translation.h"
#include "targets/common/TargetDescription.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

#include <cmath>
#include <map>

namespace mlir::snn {
#define GEN_PASS_DEF_SNNLOWERBRAINSCALES
#include "passes/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::quant;
namespace bss2 = ::snn::bss2;

namespace {
std::string num(double v) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format("%.4g", v);
  return os.str();
}

/// One population's translation, in model units until `hw` is filled.
struct Translation {
  Population pop;
  int64_t size = 0;
  bool hasSyn = false;
  // Continuous model, per neuron (seconds, model potentials).
  SmallVector<double> tauMem, tauSyn, vLeak, vReset, vThr;
  SmallVector<double> memDecay; // per step
  /// Model potential one weight unit adds: the per-step input gain chain.
  SmallVector<double> memGain, synGain, synStep; // synStep = dt/tau_syn
  SmallVector<double> r;
  // Weights into the population by source value, (size x source size).
  SmallVector<std::pair<Value, SmallVector<double>>> sources;
  SmallVector<double> bias; // empty: none
  // Results.
  bss2::SignedSplit split;
  SmallVector<bss2::SignedSplit> perSource;
  bss2::SignedSplit biasSplit;
  bss2::VoltageMap vmap;
  SmallVector<double> hwTauMem, hwTauSyn, hwGain;
  SmallVector<double> lsb; // model weight per code, per neuron
  double hwRefractory = 0;
};

struct LowerPass : public mlir::snn::impl::SNNLowerBrainScaleSBase<LowerPass> {
  using SNNLowerBrainScaleSBase::SNNLowerBrainScaleSBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    const TargetDescription *target = lookupTarget("brainscales2");
    if (!target) {
      registerAllTargets();
      target = lookupTarget("brainscales2");
    }
    if (timeScale < 0 || vScale < 0 || refractory < 0 || chips < 0) {
      module.emitError("time-scale, v-scale, refractory and chips must be "
                       ">= 0 (0: choose automatically)");
      return signalPassFailure();
    }
    if (module->hasAttr("snn.target")) {
      module.emitError("module is already lowered or quantized for a target; "
                       "lower the float step-level network");
      return signalPassFailure();
    }
    for (NetworkOp network : module.getOps<NetworkOp>())
      if (failed(lowerNetwork(network, *target)))
        return signalPassFailure();
    module->setAttr("snn.target", target->toAttribute(&getContext()));
  }

  LogicalResult lowerNetwork(NetworkOp network, const TargetDescription &tgt);
  LogicalResult translateModel(Translation &t, double dt, bool exact);
  LogicalResult collectWeights(Translation &t);
  bool checkRange(Translation &t, StringRef param, ArrayRef<double> values,
                  bss2::Range range, StringRef unit, const Twine &hint);
};

/// Continuous time constant from a per-step decay.
double tauFromDecay(double decay, double dt, bool exact) {
  if (decay >= 1)
    return INFINITY;
  if (exact)
    return decay > 0 ? -dt / std::log(decay) : NAN;
  return dt / (1 - decay);
}

LogicalResult LowerPass::translateModel(Translation &t, double dt, bool exact) {
  StepNeuronOp n = t.pop.neuron;
  auto refuse = [&](const Twine &what) {
    return n.emitError("population '")
           << t.pop.name << "' cannot run on brainscales2: " << what;
  };
  if (!n.getThresholdAttr())
    return refuse("a non-spiking readout (no threshold) is not supported; the "
                  "analog neuron's output is its spikes");
  if (n.getReset() == ResetMode::Subtract)
    return refuse("the analog neuron resets to a potential, not by "
                  "subtracting the threshold; import with --nir-reset=zero");
  if (n.getReset() == ResetMode::None)
    return refuse("a spiking neuron without reset is not available; the "
                  "analog neuron always resets to v_reset");
  if (n.getMultiSpike())
    return refuse("the analog neuron emits one spike at a time; multi-spike "
                  "is not available");
  if (n.getAdaptDecayAttr())
    return refuse("threshold adaptation is not modelled (the AdEx circuit "
                  "is used as LIF)");
  if (n.getVMin())
    return refuse("a floor on the membrane (v_min) is not available");
  t.size = n.getType().getNumElements();
  t.hasSyn = bool(n.getSynDecayAttr());
  for (int64_t i = 0; i < t.size; ++i) {
    double dm = paramAt(n.getMemDecay(), i);
    double tau = tauFromDecay(dm, dt, exact);
    if (std::isnan(tau) || dm > 1)
      return refuse("neuron " + std::to_string(i) + "'s membrane decay " +
                    num(dm) + " per step has no time constant");
    t.tauMem.push_back(tau);
    t.memDecay.push_back(dm);
    double leakShare = dm < 1 ? 1 - dm : 0;
    t.memGain.push_back(paramAt(n.getMemGain(), i));
    t.r.push_back(leakShare > 0 ? t.memGain.back() / leakShare : 0);
    double bias = paramAt(n.getMemBias(), i);
    if (leakShare == 0 && bias != 0)
      return refuse("a constant drive without leak is not available");
    t.vLeak.push_back(leakShare > 0 ? bias / leakShare : 0);
    t.vThr.push_back(paramAt(n.getThresholdAttr(), i));
    t.vReset.push_back(n.getReset() == ResetMode::ToReset
                           ? paramAt(n.getVResetAttr(), i)
                           : 0.0);
    t.synGain.push_back(paramAt(n.getSynGain(), i));
    if (t.hasSyn) {
      double ds = paramAt(n.getSynDecayAttr(), i);
      double taus = tauFromDecay(ds, dt, exact);
      if (std::isnan(taus) || ds > 1)
        return refuse("neuron " + std::to_string(i) + "'s synaptic decay " +
                      num(ds) + " per step has no time constant");
      t.tauSyn.push_back(taus);
      // dt/tau_syn over (1 - decay): 1 for Euler; the exact rule's share.
      t.synStep.push_back(ds < 1 ? (dt / taus) / (1 - ds) : 0);
    }
  }
  return success();
}

/// The model weights of one projection as (out x in), or failure.
LogicalResult denseWeights(Operation *p, int64_t out, int64_t in,
                           SmallVector<double> &w, SmallVector<double> &bias) {
  w.assign(out * in, 0.0);
  bias.clear();
  auto floats = [](DenseElementsAttr attr) {
    SmallVector<double> v;
    for (float x : attr.getValues<float>())
      v.push_back(x);
    return v;
  };
  if (isa<AffineOp, LinearOp>(p)) {
    w = floats(cast<DenseElementsAttr>(p->getAttr("weight")));
    if (auto b = p->getAttrOfType<DenseElementsAttr>("bias"))
      bias = floats(b);
    return success();
  }
  if (auto sparse = dyn_cast<SparseProjectionOp>(p)) {
    SmallVector<double> values = floats(sparse.getValues());
    ArrayRef<int32_t> rowPtr = sparse.getRowPtr(), cols = sparse.getCols();
    for (int64_t r = 0; r < out; ++r)
      for (int32_t k = rowPtr[r]; k < rowPtr[r + 1]; ++k)
        w[r * in + cols[k]] += values[k];
    return success();
  }
  if (auto scale = dyn_cast<ScaleOp>(p)) {
    if (in != out)
      return failure();
    for (int64_t i = 0; i < out; ++i)
      w[i * in + i] = paramAt(scale.getScale(), i);
    return success();
  }
  return p->emitError("projection '")
         << getNodeName(p) << "' (" << p->getName().getStringRef()
         << "): brainscales2 takes dense, sparse and scale projections; a "
            "convolution or pooling layer has no row mapping here";
}

LogicalResult LowerPass::collectWeights(Translation &t) {
  // Delays: the chip has no programmable synaptic delay.
  std::function<LogicalResult(Value)> walk = [&](Value v) -> LogicalResult {
    Operation *def = v.getDefiningOp();
    if (auto delay = dyn_cast_or_null<StepDelayOp>(def)) {
      if (llvm::any_of(delay.getSteps(), [](int64_t s) { return s != 0; }))
        return t.pop.neuron.emitError("population '")
               << t.pop.name
               << "' cannot run on brainscales2: its input is delayed by '"
               << getNodeName(def)
               << "'; the chip has no programmable synaptic delays";
      return walk(delay.getInput());
    }
    if (def && isa<AddOp>(def))
      for (Value operand : def->getOperands())
        if (failed(walk(operand)))
          return failure();
    return success();
  };
  if (failed(walk(t.pop.neuron.getInput())))
    return failure();
  for (Operation *p : t.pop.projections) {
    Value src = p->getOperand(0);
    auto srcType = cast<ShapedType>(src.getType());
    Operation *def = src.getDefiningOp();
    if (def && !isa<StepNeuronOp>(def))
      return p->emitError("projection '")
             << getNodeName(p) << "' reads '" << getNodeName(def) << "' ("
             << def->getName().getStringRef()
             << "); brainscales2 rows carry the spikes of a population or a "
                "network input";
    int64_t in = srcType.getNumElements();
    SmallVector<double> w, bias;
    if (failed(denseWeights(p, t.size, in, w, bias)))
      return failure();
    if (srcType.getRank() != 1 ||
        cast<ShapedType>(p->getResult(0).getType()).getNumElements() != t.size)
      return p->emitError("projection '")
             << getNodeName(p)
             << "' must map a 1-d source onto the whole population";
    auto it = llvm::find_if(t.sources,
                            [&](auto &entry) { return entry.first == src; });
    if (it == t.sources.end()) {
      t.sources.push_back({src, w});
    } else {
      for (auto [a, b] : llvm::zip(it->second, w))
        a += b;
    }
    if (!bias.empty()) {
      if (t.bias.empty())
        t.bias.assign(t.size, 0.0);
      for (auto [a, b] : llvm::zip(t.bias, bias))
        a += b;
    }
  }
  return success();
}

bool LowerPass::checkRange(Translation &t, StringRef param,
                           ArrayRef<double> values, bss2::Range range,
                           StringRef unit, const Twine &hint) {
  // The worst neuron: farthest outside, relative to the range.
  int64_t worst = -1;
  double worstBy = 0;
  for (auto [i, v] : llvm::enumerate(values)) {
    // A relative tolerance keeps values chosen exactly on an edge legal.
    double tol = 1e-9 * std::max(std::abs(range.lo), std::abs(range.hi));
    double by = v < range.lo - tol   ? range.lo / v
                : v > range.hi + tol ? v / range.hi
                                     : 0;
    if (std::isnan(v) || std::isinf(v))
      by = INFINITY;
    if (by > worstBy) {
      worstBy = by;
      worst = static_cast<int64_t>(i);
    }
  }
  if (worst < 0)
    return true;
  double v = values[worst];
  InFlightDiagnostic diag = t.pop.neuron.emitError("population '");
  diag << t.pop.name << "': " << param << " = " << num(v) << " " << unit;
  if (values.size() > 1)
    diag << " (neuron " << worst << ")";
  diag << " is outside the calibratable range " << num(range.lo) << "-"
       << num(range.hi) << " " << unit << "; nearest legal value "
       << num(range.nearest(v)) << " " << unit << hint;
  return false;
}

/// Rounds to 3 significant digits towards the inside of [lo, hi].
double roundInside(double k, double lo, double hi) {
  double mag = std::pow(10.0, std::floor(std::log10(k)) - 2);
  double up = std::ceil(k / mag - 1e-9) * mag,
         down = std::floor(k / mag + 1e-9) * mag;
  if (k <= lo * (1 + 1e-12) && up <= hi)
    return up;
  if (k >= hi * (1 - 1e-12) && down >= lo)
    return down;
  return k;
}

LogicalResult LowerPass::lowerNetwork(NetworkOp network,
                                      const TargetDescription &tgt) {
  for (Operation &op : network.getBody().front())
    if (isa<LIFOp, IFOp, LIOp, IOp, CubaLIOp, CubaLIFOp, ALIFOp, DelayOp>(op))
      return op.emitError("the brainscales2 lowering works on step-level "
                          "networks; run --snn-discretize first");
  auto method = network->getAttrOfType<StringAttr>("snn.discretization");
  bool exact = method && method.getValue() == "exact";
  double dt = network.getDt().convertToDouble();
  FailureOr<SmallVector<Population>> pops = collectPopulations(network);
  if (failed(pops))
    return failure();

  std::vector<Translation> ts;
  bool ok = true;
  for (Population &pop : *pops) {
    Translation t;
    t.pop = pop;
    // Unnamed populations get a name the report, artifact and recordings
    // can share.
    if (getNodeName(pop.neuron).empty())
      t.pop.name = "population" + std::to_string(&pop - pops->begin());
    if (failed(translateModel(t, dt, exact)) || failed(collectWeights(t))) {
      ok = false;
      continue;
    }
    ts.push_back(std::move(t));
  }
  if (!ok)
    return failure();
  // Which populations take a projection's spikes: step_neuron -> index.
  DenseMap<Operation *, int64_t> popIndex;
  for (auto [i, t] : llvm::enumerate(ts))
    popIndex[t.pop.neuron] = static_cast<int64_t>(i);

  // --- Time scale ---
  const double chipTauSyn = bss2::kTauSynRangeUs.lo; // fast synapse (LIF)
  const double usPerModelS = 1e6 / bss2::kTimeAcceleration;
  std::vector<std::pair<double, bss2::Range>> constants;
  for (Translation &t : ts) {
    for (double tau : t.tauMem)
      if (std::isfinite(tau))
        constants.push_back({tau, bss2::kTauMemRangeUs});
    for (double tau : t.tauSyn)
      constants.push_back({tau, bss2::kTauSynRangeUs});
  }
  if (refractory > 0)
    constants.push_back({refractory, bss2::kRefractoryRangeUs});
  double k = timeScale;
  std::string timeNote;
  if (k == 0) {
    k = 1;
    if (auto window = bss2::timeScaleWindow(constants)) {
      auto [lo, hi] = *window;
      // A population without a synaptic current gets the chip's shortest
      // synapse, compensated by the input playback advance and charge
      // factor below; no time stretching for it (stretching coarsens the
      // tau_mem codes, ~7% per code near 37 us; measured in
      // docs/brainscales2.md, "Time scale").
      // A 25% margin from the range edges, where the window allows it,
      // leaves calibration room for mismatched circuits.
      if (lo * 1.25 <= hi / 1.25) {
        lo *= 1.25;
        hi /= 1.25;
      }
      k = roundInside(std::clamp(1.0, lo, hi), lo, hi);
      timeNote = "time scale " + num(k) + " chosen (hardware runs " +
                 num(bss2::kTimeAcceleration / k) + "x faster than the model)";
    } else {
      timeNote = "no single time scale brings every time constant into its "
                 "range; using 1";
    }
  } else {
    timeNote = "time scale " + num(k) + " (hardware runs " +
               num(bss2::kTimeAcceleration / k) + "x faster than the model)";
  }
  double modelToUs = usPerModelS * k; // model seconds -> hardware us
  const double stepUs = dt * modelToUs;

  // --- Per population: hardware values and range checks ---
  for (Translation &t : ts) {
    for (auto [tau, decay] : llvm::zip(t.tauMem, t.memDecay)) {
      // Without a synaptic current the chip's membrane decays exactly over
      // a step: match the model's per-step decay, e^(-h/tau_mem) = decay
      // (the Euler rule's dt/(1-decay) would leak 2% less per step at 0.96).
      if (!t.hasSyn && decay > 0 && decay < 1)
        t.hwTauMem.push_back(-stepUs / std::log(decay));
      else
        t.hwTauMem.push_back(tau * modelToUs);
    }
    if (t.hasSyn)
      for (double tau : t.tauSyn)
        t.hwTauSyn.push_back(tau * modelToUs);
    else
      t.hwTauSyn.assign(t.size, chipTauSyn);
    t.hwRefractory =
        refractory > 0 ? refractory * modelToUs : bss2::kRefractoryRangeUs.lo;
    auto timeHint = [&](double v, bss2::Range range) {
      double want = range.nearest(v);
      return "; time-scale=" + num(k * want / v) + " would bring it into range";
    };
    auto worstOf = [](ArrayRef<double> vs, bss2::Range range) {
      double worst = vs.front(), by = 0;
      for (double v : vs) {
        double b = v < range.lo   ? range.lo / v
                   : v > range.hi ? v / range.hi
                                  : 0;
        if (b > by) {
          by = b;
          worst = v;
        }
      }
      return worst;
    };
    bool fine = true;
    if (llvm::any_of(t.hwTauMem, [](double v) { return std::isinf(v); })) {
      t.pop.neuron.emitError("population '")
          << t.pop.name
          << "': tau_mem = inf (the neurons do not leak) is outside the "
             "calibratable range 0.5-60 us; nearest legal value 60 us; give "
             "the layer a membrane time constant";
      fine = false;
    } else {
      fine &= checkRange(t, "tau_mem", t.hwTauMem, bss2::kTauMemRangeUs, "us",
                         timeHint(worstOf(t.hwTauMem, bss2::kTauMemRangeUs),
                                  bss2::kTauMemRangeUs));
    }
    if (t.hasSyn)
      fine &= checkRange(t, "tau_syn", t.hwTauSyn, bss2::kTauSynRangeUs, "us",
                         timeHint(worstOf(t.hwTauSyn, bss2::kTauSynRangeUs),
                                  bss2::kTauSynRangeUs));
    if (refractory > 0)
      fine &= checkRange(
          t, "refractory", {t.hwRefractory}, bss2::kRefractoryRangeUs, "us",
          "; refractory=" +
              num(bss2::kRefractoryRangeUs.nearest(t.hwRefractory) /
                  modelToUs) +
              " (model seconds) is legal at this time scale");
    if (!fine) {
      ok = false;
      continue;
    }
    // Weights: one code step per neuron (its synaptic gain is calibrated per
    // circuit), covering every source's weight into it and its bias.
    std::vector<double> all;
    for (auto &[src, w] : t.sources)
      all.insert(all.end(), w.begin(), w.end());
    all.insert(all.end(), t.bias.begin(), t.bias.end());
    for (auto &[src, w] : t.sources) {
      bss2::SignedSplit split;
      split.exc.assign(w.size(), 0);
      split.inh.assign(w.size(), 0);
      t.perSource.push_back(split);
    }
    t.biasSplit.exc.assign(t.bias.size(), 0);
    t.biasSplit.inh.assign(t.bias.size(), 0);
    for (int64_t j = 0; j < t.size; ++j) {
      std::vector<double> row;
      for (auto &[src, w] : t.sources) {
        int64_t in = static_cast<int64_t>(w.size()) / t.size;
        row.insert(row.end(), w.begin() + j * in, w.begin() + (j + 1) * in);
      }
      if (!t.bias.empty())
        row.push_back(t.bias[j]);
      double lsb = bss2::weightLsb(row);
      t.lsb.push_back(lsb);
      bss2::SignedSplit split = *bss2::splitSigned(row, lsb);
      t.split.maxError = std::max(t.split.maxError, split.maxError);
      size_t at = 0;
      for (auto [s, entry] : llvm::enumerate(t.sources)) {
        int64_t in = static_cast<int64_t>(entry.second.size()) / t.size;
        for (int64_t c = 0; c < in; ++c, ++at) {
          t.perSource[s].exc[j * in + c] = split.exc[at];
          t.perSource[s].inh[j * in + c] = split.inh[at];
        }
      }
      if (!t.bias.empty()) {
        t.biasSplit.exc[j] = split.exc[at];
        t.biasSplit.inh[j] = split.inh[at];
      }
    }
    t.split.lsb = *llvm::max_element(t.lsb);
    // Synaptic current jump per code per model-potential unit (scale 1).
    SmallVector<double> unitGain;
    for (int64_t i = 0; i < t.size; ++i) {
      double g;
      if (t.hasSyn) {
        // The model current jumps by w_in dt/tau_syn per unit weight and
        // drives the membrane with r i / tau_mem: as a slope in LSB/us.
        g = t.r[i] * t.synGain[i] * t.synStep[i] / t.hwTauMem[i];
      } else {
        // The model's kick per unit weight becomes the synaptic charge
        // g ts = factor * kick, with the input playback advanced by
        // inputAdvanceUs (BrainScaleS2Params.h, "Compensating the synaptic
        // current"). The factor depends on the kick relative to the
        // threshold distance: take the neuron's largest weight.
        double tm = t.hwTauMem[i], ts = t.hwTauSyn[i];
        double kick = t.memGain[i] * t.synGain[i];
        double wMax = 0;
        for (auto &[src, w] : t.sources) {
          int64_t in = static_cast<int64_t>(w.size()) / t.size;
          for (int64_t c = 0; c < in; ++c)
            wMax = std::max(wMax, std::abs(w[i * in + c]));
        }
        if (!t.bias.empty())
          wMax = std::max(wMax, std::abs(t.bias[i]));
        double distance = t.vThr[i] - t.vLeak[i];
        double q = distance > 0 ? kick * wMax / distance : 0;
        g = tm > ts ? kick * bss2::inputChargeFactor(tm, ts, stepUs, q) / ts
                    : INFINITY;
      }
      unitGain.push_back(g * t.lsb[i]);
    }
    // Voltage map.
    double lowest = INFINITY, highest = -INFINITY, thrMax = -INFINITY;
    for (int64_t i = 0; i < t.size; ++i) {
      lowest = std::min({lowest, t.vLeak[i], t.vReset[i]});
      highest = std::max({highest, t.vLeak[i], t.vReset[i]});
      thrMax = std::max(thrMax, t.vThr[i]);
    }
    double gMaxUnit = 0;
    for (double g : unitGain)
      gMaxUnit = std::max(gMaxUnit, g);
    bool anyWeight = llvm::any_of(all, [](double w) { return w != 0; });
    const bss2::Range gainRange{bss2::kSynGainPerCode,
                                bss2::kSynGainPerCode * bss2::kCapMemMax};
    if (vScale > 0) {
      t.vmap.scale = vScale;
      t.vmap.offset = bss2::kLeakRangeLsb.lo - vScale * lowest;
    } else {
      auto map = bss2::chooseVoltageMap(lowest, highest, thrMax);
      if (!map) {
        t.pop.neuron.emitError("population '")
            << t.pop.name << "': the threshold " << num(thrMax)
            << " must lie above the leak and reset potentials (lowest "
            << num(lowest) << ")";
        ok = false;
        continue;
      }
      t.vmap = *map;
      // The synaptic gain's code range caps the scale (20% headroom for
      // calibrating mismatched circuits).
      if (anyWeight && gMaxUnit * t.vmap.scale > gainRange.hi * 0.8) {
        t.vmap.scale = gainRange.hi * 0.8 / gMaxUnit;
        t.vmap.offset = bss2::kLeakRangeLsb.lo - t.vmap.scale * lowest;
      }
    }
    SmallVector<double> leak, reset, thr;
    for (int64_t i = 0; i < t.size; ++i) {
      leak.push_back(t.vmap.toLsb(t.vLeak[i]));
      reset.push_back(t.vmap.toLsb(t.vReset[i]));
      thr.push_back(t.vmap.toLsb(t.vThr[i]));
      t.hwGain.push_back(anyWeight ? unitGain[i] * t.vmap.scale : 0.0);
    }
    std::string vHint = vScale > 0 ? "; leave v-scale=0 to choose the scale "
                                     "per population"
                                   : "";
    fine &= checkRange(t, "leak", leak, bss2::kLeakRangeLsb, "LSB", vHint);
    fine &= checkRange(t, "reset", reset, bss2::kResetRangeLsb, "LSB", vHint);
    fine &=
        checkRange(t, "threshold", thr, bss2::kThresholdRangeLsb, "LSB", vHint);
    if (anyWeight)
      fine &= checkRange(
          t, "syn_gain", t.hwGain, gainRange, "LSB/us per weight code",
          "; v-scale=" +
              num(t.vmap.scale *
                  gainRange.nearest(worstOf(t.hwGain, gainRange)) /
                  worstOf(t.hwGain, gainRange)) +
              " would bring it into range");
    ok &= fine;
  }
  if (!ok)
    return failure();

  // --- Placement ---
  // Populations in dataflow order, each recurrent loop (strongly connected
  // component) a contiguous group.
  int64_t n = static_cast<int64_t>(ts.size());
  SmallVector<SmallVector<int64_t>> edges(n); // source pop -> target pop
  for (auto [j, t] : llvm::enumerate(ts))
    for (auto &[src, w] : t.sources)
      if (Operation *def = src.getDefiningOp())
        edges[popIndex.lookup(def)].push_back(static_cast<int64_t>(j));
  SmallVector<int64_t> sccOf(n, -1), low(n), order(n, -1), stack;
  SmallVector<bool> onStack(n, false);
  SmallVector<SmallVector<int64_t>> sccs;
  int64_t counter = 0;
  std::function<void(int64_t)> visit = [&](int64_t v) {
    order[v] = low[v] = counter++;
    stack.push_back(v);
    onStack[v] = true;
    for (int64_t w : edges[v]) {
      if (order[w] < 0) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (onStack[w]) {
        low[v] = std::min(low[v], order[w]);
      }
    }
    if (low[v] == order[v]) {
      SmallVector<int64_t> scc;
      int64_t w;
      do {
        w = stack.pop_back_val();
        onStack[w] = false;
        sccOf[w] = static_cast<int64_t>(sccs.size());
        scc.push_back(w);
      } while (w != v);
      llvm::sort(scc);
      sccs.push_back(scc);
    }
  };
  for (int64_t v = 0; v < n; ++v)
    if (order[v] < 0)
      visit(v);
  // Tarjan finishes sinks first: reverse for dataflow order.
  std::vector<bss2::PlacementPopulation> placed;
  SmallVector<int64_t> placedPop; // placement index -> ts index
  for (auto it = sccs.rbegin(); it != sccs.rend(); ++it)
    for (int64_t v : *it) {
      bss2::PlacementPopulation p;
      p.name = ts[v].pop.name;
      p.group = sccOf[v];
      p.recurrent = it->size() > 1 || llvm::is_contained(edges[v], v);
      p.rowsPerNeuron.resize(ts[v].size);
      for (auto [s, entry] : llvm::enumerate(ts[v].sources)) {
        Value src = entry.first;
        bss2::RowKey key;
        if (auto arg = dyn_cast<BlockArgument>(src)) {
          key.kind = bss2::RowKey::Input;
          key.index = arg.getArgNumber();
        } else {
          key.kind = bss2::RowKey::Neuron;
          key.index = popIndex.lookup(src.getDefiningOp());
        }
        const bss2::SignedSplit &split = ts[v].perSource[s];
        int64_t in = cast<ShapedType>(src.getType()).getNumElements();
        for (int64_t o = 0; o < ts[v].size; ++o)
          for (int64_t c = 0; c < in; ++c) {
            key.element = c;
            if (split.exc[o * in + c]) {
              key.inhibitory = false;
              p.rowsPerNeuron[o].push_back(key);
            }
            if (split.inh[o * in + c]) {
              key.inhibitory = true;
              p.rowsPerNeuron[o].push_back(key);
            }
          }
      }
      if (!ts[v].bias.empty())
        for (int64_t o = 0; o < ts[v].size; ++o) {
          bss2::RowKey key{bss2::RowKey::Bias, 0, 0, false};
          if (ts[v].biasSplit.exc[o])
            p.rowsPerNeuron[o].push_back(key);
          key.inhibitory = true;
          if (ts[v].biasSplit.inh[o])
            p.rowsPerNeuron[o].push_back(key);
        }
      placed.push_back(std::move(p));
      placedPop.push_back(v);
    }
  std::string error;
  std::optional<bss2::Placement> placement = bss2::place(placed, error);
  if (!placement) {
    // Name the population the message is about at its location.
    for (Translation &t : ts)
      if (StringRef(error).contains("'" + t.pop.name + "'"))
        return t.pop.neuron.emitError(error);
    return network.emitError(error);
  }
  network->emitRemark("network '")
      << network.getSymName() << "' on brainscales2: " << timeNote
      << "; one model step is " << num(dt * modelToUs) << " us";
  int64_t chipCount = chips > 0 ? chips : std::max<int64_t>(1, tgt.cores);
  int64_t parts = placement->partitions();
  StringRef execution = parts == 1           ? "single_chip"
                        : parts <= chipCount ? "parallel_chips"
                                             : "sequential_partitions";
  Builder b(&getContext());
  network->setAttr("snn.bss2_time_scale", b.getF64FloatAttr(k));
  // Input playback advance: only when every population fed by a network
  // input has no synaptic current (the compensation above assumes it; a
  // population with one is modelled exactly and must not get early inputs).
  bool advanceInputs = false, inputToSyn = false;
  for (Translation &t : ts)
    for (auto &[src, w] : t.sources)
      if (isa<BlockArgument>(src)) {
        advanceInputs |= !t.hasSyn;
        inputToSyn |= t.hasSyn;
      }
  double advanceUs = advanceInputs && !inputToSyn
                         ? bss2::inputAdvanceUs(chipTauSyn, stepUs)
                         : 0.0;
  network->setAttr("snn.bss2_input_advance_us", b.getF64FloatAttr(advanceUs));
  network->setAttr("snn.bss2_execution", b.getStringAttr(execution));
  double maxError = 0;
  for (Translation &t : ts)
    maxError = std::max(maxError, t.split.maxError);
  network->setAttr("snn.bss2_max_weight_error", b.getF64FloatAttr(maxError));
  SmallVector<int64_t> rowsUsed, circuitsUsed(parts, 0);
  for (auto &rows : placement->rows)
    rowsUsed.push_back(static_cast<int64_t>(rows.size()));
  for (auto &c : placement->chunks)
    circuitsUsed[c.partition] += c.end - c.begin;
  network->setAttr("snn.bss2_rows", b.getDenseI64ArrayAttr(rowsUsed));
  network->setAttr("snn.bss2_circuits", b.getDenseI64ArrayAttr(circuitsUsed));
  if (parts > 1) {
    std::string how = execution == "parallel_chips"
                          ? std::to_string(parts) + " chips running in parallel"
                          : std::to_string(parts) +
                                " sequential partitions on one chip (each "
                                "partition's spikes are recorded and replayed "
                                "into the later ones)";
    network->emitRemark("network '")
        << network.getSymName() << "' does not fit one chip (512 circuits, 256 "
        << "rows): placed on " << how;
  }
  SmallVector<SmallVector<int64_t>> runs(ts.size());
  for (auto &c : placement->chunks) {
    auto &r = runs[placedPop[c.population]];
    r.append({c.partition, c.firstCircuit, c.begin, c.end});
  }

  // --- Rewrite ---
  MLIRContext *ctx = &getContext();
  auto param = [&](ShapedType type, ArrayRef<double> values) -> Attribute {
    if (llvm::all_equal(values))
      return b.getF32FloatAttr(static_cast<float>(values.front()));
    SmallVector<float> narrow(values.begin(), values.end());
    return DenseElementsAttr::get(
        RankedTensorType::get(type.getShape(), b.getF32Type()),
        ArrayRef<float>(narrow));
  };
  auto codes = [&](ArrayRef<int64_t> shape, const std::vector<uint32_t> &c) {
    SmallVector<int8_t> narrow(c.begin(), c.end());
    return cast<DenseIntElementsAttr>(DenseIntElementsAttr::get(
        RankedTensorType::get(shape, IntegerType::get(ctx, 8)),
        ArrayRef<int8_t>(narrow)));
  };
  SmallVector<std::pair<StepNeuronOp, Bss2NeuronOp>> replaced;
  for (auto [i, t] : llvm::enumerate(ts)) {
    StepNeuronOp old = t.pop.neuron;
    OpBuilder ob(old);
    ShapedType type = old.getType();
    SmallVector<Value> inputs;
    for (auto [s, entry] : llvm::enumerate(t.sources)) {
      Value src = entry.first;
      int64_t in = cast<ShapedType>(src.getType()).getNumElements();
      SmallVector<int64_t> shape{t.size, in};
      auto syn = ob.create<Bss2SynapsesOp>(
          old.getLoc(), type, src, codes(shape, t.perSource[s].exc),
          codes(shape, t.perSource[s].inh), nullptr, nullptr,
          param(type, t.lsb));
      if (s == 0 && !t.bias.empty()) {
        syn.setBiasExcAttr(codes({t.size}, t.biasSplit.exc));
        syn.setBiasInhAttr(codes({t.size}, t.biasSplit.inh));
      }
      inputs.push_back(syn);
    }
    Value input =
        inputs.size() == 1
            ? inputs.front()
            : ob.create<AddOp>(old.getLoc(), type, inputs).getResult();
    SmallVector<double> leak, reset, thr;
    for (int64_t j = 0; j < t.size; ++j) {
      leak.push_back(t.vmap.toLsb(t.vLeak[j]));
      reset.push_back(t.vmap.toLsb(t.vReset[j]));
      thr.push_back(t.vmap.toLsb(t.vThr[j]));
    }
    auto neuron = ob.create<Bss2NeuronOp>(
        old.getLoc(), type, input, param(type, t.hwTauMem),
        param(type, t.hwTauSyn), param(type, leak), param(type, reset),
        param(type, thr), b.getF64FloatAttr(t.hwRefractory),
        param(type, t.hwGain), b.getF64FloatAttr(t.vmap.scale),
        b.getF64FloatAttr(t.vmap.offset), b.getDenseI64ArrayAttr(runs[i]));
    // The artifact and the emulator's recordings need a name per population.
    if (auto name = old->getAttr("snn.name"))
      neuron->setAttr("snn.name", name);
    else if (getNodeName(old).empty())
      neuron->setAttr("snn.name", b.getStringAttr(t.pop.name));
    int64_t rows = 0;
    for (auto &c : placement->chunks)
      if (placedPop[c.population] == static_cast<int64_t>(i))
        rows = std::max<int64_t>(
            rows, static_cast<int64_t>(placement->rows[c.partition].size()));
    std::string where;
    for (size_t q = 0; q < runs[i].size(); q += 4)
      where +=
          (q ? ", " : "") + std::string("partition ") +
          std::to_string(runs[i][q]) + " circuits " +
          std::to_string(runs[i][q + 1]) + ".." +
          std::to_string(runs[i][q + 1] + runs[i][q + 3] - runs[i][q + 2] - 1);
    neuron->emitRemark("population '")
        << t.pop.name << "' on brainscales2: " << t.size << " neurons at "
        << where << " (" << rows << " of 256 rows in use); tau_mem "
        << num(t.hwTauMem.front()) << " us, tau_syn " << num(t.hwTauSyn.front())
        << " us"
        << (t.hasSyn ? "" : " (chip's fastest synapse; the model has none)")
        << ", leak " << num(leak.front()) << ", reset " << num(reset.front())
        << ", threshold " << num(thr.front()) << " LSB (" << num(t.vmap.scale)
        << " LSB per model unit), refractory " << num(t.hwRefractory)
        << " us, syn_gain " << num(t.hwGain.front())
        << " LSB/us per code; weights 6-bit, lsb up to " << num(t.split.lsb)
        << ", max error " << num(t.split.maxError);
    replaced.push_back({old, neuron});
  }
  for (auto [old, neuron] : replaced) {
    old.getResult().replaceAllUsesWith(neuron.getResult());
    old.erase();
  }
  // The float projections and sums that fed the old neurons are dead now.
  bool changed = true;
  while (changed) {
    changed = false;
    for (Operation &op :
         llvm::make_early_inc_range(network.getBody().front())) {
      if (op.hasTrait<OpTrait::IsTerminator>() || !op.use_empty() ||
          isa<Bss2NeuronOp>(op))
        continue;
      op.erase();
      changed = true;
    }
  }
  return success();
}
} // namespace
