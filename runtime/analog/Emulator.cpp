//===- Emulator.cpp - Continuous-time emulation of a BrainScaleS-2 set ----===//
#include "runtime/analog/Emulator.h"
#include "runtime/analog/Calibration.h"
#include "runtime/artifact/BrainScaleS2Params.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::analog;
namespace pb = snn::artifact::bss2;

namespace {
/// One sub-step's exact propagators of a circuit (no spike inside it):
///   V' = L + (V - L) em + Ie ae - Ii ai,  Ie' = Ie ee,  Ii' = Ii ei,
/// where a = int_0^d exp(-s/tau_syn) exp(-(d-s)/tau_mem) ds
///         = d em expm1(x) / x,  x = d (1/tau_mem - 1/tau_syn)
/// (stable as tau_syn -> tau_mem, where a -> d em).
struct Propagator {
  double em, ee, ei, ae, ai;
};

double kernel(double d, double tauMem, double tauSyn) {
  const double em = std::exp(-d / tauMem);
  const double x = d * (1.0 / tauMem - 1.0 / tauSyn);
  return d * em * (x == 0.0 ? 1.0 : std::expm1(x) / x);
}

struct State {
  double v = 0, ie = 0, ii = 0, refractory = 0;
};

/// A synapse row's effect: the current jump into each circuit it reaches.
struct Target {
  uint32_t circuit; // global circuit number (partition offset + slot)
  bool excitatory;
  double jump; // LSB/us per spike
};

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}
} // namespace

bool snn::runtime::analog::emulate(const pb::ParameterSet &set,
                                   const std::vector<Tensor> &inputs,
                                   int64_t steps,
                                   const EmulatorOptions &options,
                                   Emulation &out, std::string &err) {
  out = Emulation{};
  if (options.substeps < 1) {
    err = "substeps must be >= 1";
    return false;
  }
  if (inputs.size() != static_cast<size_t>(set.inputs_size())) {
    err = "the artifact has " + std::to_string(set.inputs_size()) +
          " inputs but " + std::to_string(inputs.size()) + " were given";
    return false;
  }
  // Input layout: (T, ...) or (B, T, ...), same B and T for all.
  int64_t batch = -1, length = -1;
  bool batched = false;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const Tensor &x = inputs[k];
    const int64_t size = set.inputs(k).size();
    auto tail = [&](size_t from) {
      int64_t n = 1;
      for (size_t i = from; i < x.shape.size(); ++i)
        n *= x.shape[i];
      return n;
    };
    int64_t b, t;
    if (x.shape.size() >= 2 && tail(1) == size) {
      b = 1, t = x.shape[0];
    } else if (x.shape.size() >= 3 && tail(2) == size) {
      b = x.shape[0], t = x.shape[1];
      batched = true;
    } else if (x.shape.size() == 1 && size == 1) {
      b = 1, t = x.shape[0];
    } else {
      err = "input '" + set.inputs(k).name() + "' has shape " +
            shapeToString(x.shape) + "; expected (T, " + std::to_string(size) +
            ") or (B, T, " + std::to_string(size) + ")";
      return false;
    }
    if ((batch >= 0 && b != batch) || (length >= 0 && t != length)) {
      err = "inputs differ in batch size or length";
      return false;
    }
    batch = b, length = t;
    for (size_t i = 0; i < x.data.size(); ++i) {
      float v = x.data[i];
      if (!(v >= 0) || v != std::floor(v) || v > 1e6) {
        err = "input '" + set.inputs(k).name() + "' holds " + num(v) +
              " at flat index " + std::to_string(i) +
              ": brainscales2 inputs are spike counts (non-negative "
              "integers)";
        return false;
      }
    }
  }
  if (batch < 0)
    batch = 1, length = 0;
  if (steps < 0)
    steps = length > 0 ? length : set.default_steps();

  // Circuits: global numbering, realised parameters.
  const double h =
      bss2::hardwareStepUs(set.model_dt(), set.time_acceleration());
  const double d = h / options.substeps;
  std::vector<uint32_t> offset;
  std::map<uint32_t, ChipMismatch> chips;
  std::vector<CircuitParams> params;
  std::vector<Propagator> prop;
  std::vector<const pb::NeuronCircuit *> placed;
  std::vector<std::map<uint32_t, uint32_t>> slotOf(set.partitions_size());
  for (int k = 0; k < set.partitions_size(); ++k) {
    const pb::Partition &part = set.partitions(k);
    offset.push_back(static_cast<uint32_t>(placed.size()));
    auto chipIt = chips.find(part.chip());
    if (chipIt == chips.end())
      chipIt =
          chips
              .emplace(part.chip(),
                       options.mismatch
                           ? drawChip(options.seed, part.chip(), options.model)
                           : nominalChip())
              .first;
    const ChipMismatch &chip = chipIt->second;
    for (const pb::NeuronCircuit &c : part.circuits()) {
      slotOf[k][c.circuit()] = static_cast<uint32_t>(placed.size());
      placed.push_back(&c);
      CircuitReport report;
      report.partition = k;
      report.circuit = c.circuit();
      report.population = c.population();
      report.index = c.index();
      report.target = targetParams(c.targets());
      const CircuitMismatch &m = chip.circuits[c.circuit()];
      if (options.calibrated) {
        CalibrationResult cal = calibrate(c.targets(), c.codes(), m);
        report.codes = cal.codes;
        report.failed = cal.failed;
      } else {
        report.codes = c.codes();
      }
      report.realised =
          circuitParams(report.codes, m, set.refractory_clock_scale());
      const CircuitParams &p = report.realised;
      params.push_back(p);
      prop.push_back({std::exp(-d / p.tauMemUs), std::exp(-d / p.tauSynExcUs),
                      std::exp(-d / p.tauSynInhUs),
                      kernel(d, p.tauMemUs, p.tauSynExcUs),
                      kernel(d, p.tauMemUs, p.tauSynInhUs)});
      out.circuits.push_back(std::move(report));
    }
  }
  const size_t n = placed.size();

  // Fan-out of every source: network input channels and circuits.
  std::vector<uint32_t> inputOffset;
  uint32_t inputChannels = 0;
  for (const pb::NetworkInput &in : set.inputs()) {
    inputOffset.push_back(inputChannels);
    inputChannels += in.size();
  }
  std::vector<std::vector<Target>> fromInput(inputChannels), fromCircuit(n);
  std::vector<Target> fromBias; // spikes once at the start of every step
  for (int k = 0; k < set.partitions_size(); ++k) {
    const pb::Partition &part = set.partitions(k);
    const ChipMismatch &chip = chips.at(part.chip());
    for (const pb::SynapseRow &row : part.rows()) {
      std::vector<Target> *fan;
      if (row.source().has_bias())
        fan = &fromBias;
      else if (row.source().has_input())
        fan = &fromInput[inputOffset[row.source().input().input()] +
                         row.source().input().channel()];
      else
        fan = &fromCircuit[slotOf[row.source().circuit().partition()].at(
            row.source().circuit().circuit())];
      const bool exc = row.sign() == pb::EXCITATORY;
      // The row's driver: its amplitude, calibrated by its offset code.
      const unsigned offsetCode =
          options.calibrated ? calibrateDriverOffset(chip.rows[row.row()])
                             : kDriverOffsetNominal;
      const double driver =
          chip.rows[row.row()] * driverOffsetFactor(offsetCode);
      for (int j = 0; j < part.circuits_size(); ++j) {
        uint32_t w = row.weights(j);
        if (!w)
          continue;
        uint32_t g = offset[k] + j;
        double gain = exc ? params[g].synGainExc : params[g].synGainInh;
        fan->push_back(
            {g, exc,
             w * gain * driver *
                 chip.synapseGain(row.row(), part.circuits(j).circuit())});
      }
    }
  }

  // Outputs per population.
  const int npop = set.populations_size();
  for (int p = 0; p < npop; ++p) {
    std::vector<int64_t> shape{steps, set.populations(p).size()};
    if (batched)
      shape.insert(shape.begin(), batch);
    out.spikes.emplace_back(shape);
    out.voltages.emplace_back(shape);
  }

  // Input events of step k are played back `advance` sub-steps before the
  // step's start (ParameterSet.input_advance_us); the run starts that much
  // earlier (a pre-roll whose spikes count into step 0).
  const int64_t advance =
      static_cast<int64_t>(std::llround(set.input_advance_us() / d));
  const int64_t S = options.substeps;
  std::vector<State> state(n);
  std::vector<uint32_t> fired;
  auto deliver = [&](const std::vector<Target> &fan, double count) {
    for (const Target &t : fan) {
      if (t.excitatory)
        state[t.circuit].ie += count * t.jump;
      else
        state[t.circuit].ii += count * t.jump;
    }
  };
  for (int64_t b = 0; b < batch; ++b) {
    for (size_t i = 0; i < n; ++i)
      state[i] = State{params[i].leak, 0, 0, 0};
    // Global sub-step g = t * S + s; the pre-roll has g < 0 (t = -1).
    for (int64_t g = -advance; g < steps * S; ++g) {
      const int64_t t = g < 0 ? -1 : g / S;
      // Input spikes of step k, and the bias source's spike for step k,
      // arrive together at sub-step k * S - advance.
      if ((g + advance) % S == 0) {
        const int64_t k = (g + advance) / S;
        if (k < steps)
          deliver(fromBias, 1.0);
        if (k < length && k < steps)
          for (size_t in = 0; in < inputs.size(); ++in) {
            const int64_t size = set.inputs(in).size();
            const float *row = inputs[in].data.data() + (b * length + k) * size;
            for (int64_t ch = 0; ch < size; ++ch)
              if (row[ch] != 0)
                deliver(fromInput[inputOffset[in] + ch], row[ch]);
          }
      }
      {
        fired.clear();
        for (size_t i = 0; i < n; ++i) {
          State &x = state[i];
          const Propagator &q = prop[i];
          const CircuitParams &p = params[i];
          if (x.refractory > 0) {
            x.v = p.reset;
            x.refractory -= d;
          } else {
            x.v = p.leak + (x.v - p.leak) * q.em + x.ie * q.ae - x.ii * q.ai;
          }
          x.ie *= q.ee;
          x.ii *= q.ei;
          if (x.refractory <= 0 && x.v >= p.threshold) {
            x.v = p.reset;
            x.refractory = p.refractoryUs;
            fired.push_back(static_cast<uint32_t>(i));
          }
        }
        // Spikes reach their targets at the next sub-step.
        for (uint32_t i : fired) {
          const pb::NeuronCircuit &c = *placed[i];
          Tensor &rec = out.spikes[c.population()];
          const int64_t bin = std::max<int64_t>(t, 0);
          rec.data[(b * steps + bin) * set.populations(c.population()).size() +
                   c.index()] += 1.0f;
          deliver(fromCircuit[i], 1.0);
        }
      }
      // Membranes at the end of each step.
      if (g < 0 || (g + 1) % S != 0)
        continue;
      for (size_t i = 0; i < n; ++i) {
        const pb::NeuronCircuit &c = *placed[i];
        const pb::Population &pop = set.populations(c.population());
        out.voltages[c.population()]
            .data[(b * steps + t) * pop.size() + c.index()] =
            static_cast<float>((state[i].v - pop.v_zero_lsb()) *
                               pop.model_v_per_lsb());
      }
    }
  }
  return true;
}

Spread snn::runtime::analog::spread(const std::vector<CircuitReport> &circuits,
                                    Parameter p) {
  Spread s;
  if (circuits.empty())
    return s;
  auto error = [&](const CircuitReport &c) {
    switch (p) {
    case Parameter::TauMem:
      return c.realised.tauMemUs / c.target.tauMemUs - 1;
    case Parameter::TauSynExc:
      return c.realised.tauSynExcUs / c.target.tauSynExcUs - 1;
    case Parameter::TauSynInh:
      return c.realised.tauSynInhUs / c.target.tauSynInhUs - 1;
    case Parameter::Leak:
      return c.realised.leak - c.target.leak;
    case Parameter::Reset:
      return c.realised.reset - c.target.reset;
    case Parameter::Threshold:
      return c.realised.threshold - c.target.threshold;
    case Parameter::SynGainExc:
      return c.target.synGainExc > 0
                 ? c.realised.synGainExc / c.target.synGainExc - 1
                 : 0.0;
    }
    return 0.0;
  };
  double sum = 0, sq = 0;
  for (const CircuitReport &c : circuits) {
    double e = error(c);
    sum += e;
    sq += e * e;
    s.maxAbs = std::max(s.maxAbs, std::abs(e));
  }
  const double count = static_cast<double>(circuits.size());
  s.mean = sum / count;
  s.stddev = std::sqrt(std::max(0.0, sq / count - s.mean * s.mean));
  return s;
}
