//===- BenchNetworks.cpp - Step plans of the runtime benchmarks -----------===//

#include "bench/runtime/BenchNetworks.h"

#include <cmath>

using namespace snn;

plan::Node &bench::addNode(plan::Plan &p, const std::string &name, int64_t n) {
  plan::Node *node = p.add_nodes();
  node->set_name(name);
  node->add_shape(n);
  return *node;
}

void bench::addOperand(plan::Node &node, uint32_t src, bool previous,
                       int64_t n) {
  plan::Operand *o = node.add_operands();
  o->set_node(src);
  o->set_previous_step(previous);
  if (node.input_shape_size() == 0)
    node.add_input_shape(n);
}

void bench::setScalar(google::protobuf::RepeatedField<float> *f, float v) {
  f->Clear();
  f->Add(v);
}

plan::NeuronOp &bench::plainNeuron(plan::Node &node, bool spiking, float decay,
                                   float gain) {
  plan::NeuronOp &op = *node.mutable_neuron();
  op.set_spiking(spiking);
  op.set_reset(spiking ? plan::NeuronOp::TO_VALUE : plan::NeuronOp::NONE);
  setScalar(op.mutable_syn_decay(), 0.0f);
  setScalar(op.mutable_syn_gain(), 1.0f);
  setScalar(op.mutable_mem_decay(), decay);
  setScalar(op.mutable_mem_gain(), gain);
  setScalar(op.mutable_mem_bias(), 0.0f);
  setScalar(op.mutable_threshold(), 1.0f);
  setScalar(op.mutable_v_reset(), 0.0f);
  setScalar(op.mutable_adapt_decay(), 0.0f);
  setScalar(op.mutable_adapt_gain(), 0.0f);
  return op;
}

std::vector<runtime::Tensor>
bench::randomSpikeInputs(const plan::Plan &p, int64_t batch, int64_t steps,
                         double density, std::mt19937_64 &rng) {
  std::vector<runtime::Tensor> inputs;
  std::bernoulli_distribution fire(density);
  for (uint32_t in : p.inputs()) {
    std::vector<int64_t> shape = {batch, steps};
    for (int64_t d : p.nodes(in).shape())
      shape.push_back(d);
    runtime::Tensor t(shape);
    for (float &v : t.data)
      v = fire(rng) ? 1.0f : 0.0f;
    inputs.push_back(std::move(t));
  }
  return inputs;
}

double bench::spikesOf(const runtime::RunResult &r, const std::string &node) {
  for (const runtime::NodeStats &s : r.stats)
    if (s.name == node) {
      double sum = 0;
      for (double c : s.spikeCount)
        sum += c;
      return sum;
    }
  return std::nan("");
}

plan::Plan bench::randomNetworkPlan(const RandomNetwork &net,
                                    std::mt19937_64 &rng) {
  int64_t n = net.neurons;
  plan::Plan p;
  p.set_format_version(1);
  p.set_name("bench_random");
  p.set_dt(net.dt);
  addNode(p, "poisson", net.sources).mutable_input();
  p.add_inputs(0);
  plan::Node &in = addNode(p, "input_syn", n);
  addOperand(in, 0, false, net.sources);
  randomSparse(*in.mutable_sparse(), n, net.sources, net.inDegree, rng,
               [&](uint32_t) { return static_cast<float>(net.wIn); });
  plan::Node &rec = addNode(p, "recurrent_syn", n);
  addOperand(rec, 3, true, n);
  int64_t excitatory = n * 4 / 5;
  std::uniform_real_distribution<double> scale(0.5, 1.5);
  randomSparse(*rec.mutable_sparse(), n, n, net.fanout, rng, [&](uint32_t c) {
    double w = c < excitatory ? net.wExc : net.wInh;
    return static_cast<float>(net.synapseWeights ? w * scale(rng) : w);
  });
  plan::Node &lif = addNode(p, "lif", n);
  addOperand(lif, 1, false, n);
  addOperand(lif, 2, false, n);
  plainNeuron(lif, true, static_cast<float>(std::exp(-net.dt / net.tau)), 1.0f);
  return p;
}

namespace {

// Neuron and synapse constants of Potjans & Diesmann (2014), Table 5, in mV,
// ms, pA and pF; potentials relative to the resting potential E_L = -65 mV.
constexpr double kDt = 0.1;         // ms
constexpr double kTauM = 10.0;      // ms
constexpr double kTauSyn = 0.5;     // ms
constexpr double kCm = 250.0;       // pF
constexpr double kThreshold = 15.0; // V_th - E_L = -50 - (-65)
constexpr double kReset = 0.0;      // V_reset - E_L
constexpr double kWeight = 87.8;    // pA (PSP 0.15 mV)
constexpr double kWeightSd = 0.1;   // relative
constexpr double kG = -4.0;         // inhibitory / excitatory weight
constexpr double kBackgroundHz = 8.0;
constexpr double kV0Mean = 7.0, kV0Sd = 10.0; // N(-58, 10) mV relative to E_L
// Delays in steps from the spike to the first step the membrane moves, as in
// NEST and Brian2: the current jumps d steps after the spike (0.75 ms rounds
// to 8 steps, NEST's grid rounding) and the membrane integrates from the next
// step. The plan's neuron adds the arriving current within its own step, so
// it needs the spike one step later: d + 1.
constexpr int64_t kDelayExc = 15 + 1, kDelayInh = 8 + 1;
// With the paper's spread, delays (to the current jump) of 1..45 steps.
constexpr int kMaxDelaySteps = 45;

double meanWeight(int target, int source) {
  using namespace bench::pd14;
  if (!excitatory(source))
    return kG * kWeight;
  // L4e -> L2/3e is doubled.
  return target == 0 && source == 2 ? 2 * kWeight : kWeight;
}

} // namespace

double bench::pd14::synapsesPerPair(double p) { return -std::log1p(-p) / p; }

std::vector<double> bench::pd14::multiplicityCdf(double p) {
  // K = log(1 - p) / log(1 - 1 / (N N)) synapses drawn uniformly over the
  // N N pairs give each pair a Poisson(lambda) count, lambda = -log(1 - p);
  // a pair is connected (count >= 1) with probability 1 - e^-lambda = p.
  std::vector<double> cdf;
  if (p <= 0 || p >= 1)
    return cdf;
  double lambda = -std::log1p(-p);
  double term = lambda * std::exp(-lambda) / p, sum = term; // P(1 | >= 1)
  for (int k = 2; sum < 1 - 1e-15 && k < 100; ++k) {
    cdf.push_back(sum);
    term *= lambda / k;
    sum += term;
  }
  return cdf;
}

int64_t bench::pd14::drawMultiplicity(const std::vector<double> &cdf,
                                      std::mt19937_64 &rng) {
  double u = (rng() >> 11) * 0x1.0p-53;
  int64_t count = 1;
  while (count - 1 < static_cast<int64_t>(cdf.size()) && u >= cdf[count - 1])
    ++count;
  return count;
}

bench::Microcircuit bench::buildMicrocircuit(const MicrocircuitOptions &opt) {
  using namespace pd14;
  Microcircuit m;
  m.poisson = opt.poisson;
  m.connected = opt.synapses;
  for (int a = 0; a < kPops; ++a) {
    m.sizes[a] = std::max<int64_t>(
        1, static_cast<int64_t>(std::llround(kSizes[a] * opt.scale)));
    m.first[a] = m.neurons;
    m.neurons += m.sizes[a];
  }
  for (int a = 0; a < kPops; ++a)
    for (int b = 0; b < kPops; ++b)
      m.expectedSynapses += kProb[a][b] * double(m.sizes[a]) * m.sizes[b];
  int64_t n = m.neurons;
  std::mt19937_64 rng(opt.seed);
  auto popOf = [&](int64_t k) {
    int a = 0;
    while (a + 1 < kPops && k >= m.first[a + 1])
      ++a;
    return a;
  };

  plan::Plan &p = m.plan;
  p.set_format_version(1);
  p.set_name(opt.synapses ? "pd14_microcircuit" : "pd14_microcircuit_empty");
  p.set_dt(kDt * 1e-3);
  addNode(p, "input", n).mutable_input(); // kInputNode
  p.add_inputs(0);
  // Fixed delays: one delay line (per source neuron) and one matrix. With the
  // paper's spread: a chain of one-step delay lines c_1..c_(D+1), c_j holding
  // the spikes of j steps ago, and one matrix per delay D reading c_(D+1).
  int buckets = opt.delaySpread ? kMaxDelaySteps : 1;
  int chain = opt.delaySpread ? kMaxDelaySteps + 1 : 1;
  m.lifNode = 1 + chain + buckets;
  for (int j = 1; j <= chain; ++j) {
    plan::Node &delay = addNode(p,
                                opt.delaySpread ? "delay_" + std::to_string(j)
                                                : std::string("delay"),
                                n);
    auto *steps = delay.mutable_delay()->mutable_steps();
    if (opt.delaySpread) {
      // c_1 reads the previous step's spikes; c_j is c_(j-1) one step later.
      addOperand(delay, j == 1 ? m.lifNode : j - 1, j == 1, n);
      steps->Add(j == 1 ? 0 : 1);
      continue;
    }
    // Reads the previous step's spikes, so a line of d - 1 steps delivers
    // them d steps after they were emitted.
    addOperand(delay, m.lifNode, true, n);
    steps->Reserve(static_cast<int>(n));
    for (int64_t k = 0; k < n; ++k)
      steps->Add((excitatory(popOf(k)) ? kDelayExc : kDelayInh) - 1);
  }

  // Rows are targets, columns sources, ascending within each row
  // (population blocks are contiguous), so the CUDA engine may scatter.
  std::vector<plan::SparseOp *> sparse;
  for (int d = 1; d <= buckets; ++d) {
    m.synNodes.push_back(p.nodes_size());
    plan::Node &syn =
        addNode(p,
                opt.delaySpread ? "recurrent_syn_d" + std::to_string(d)
                                : std::string("recurrent_syn"),
                n);
    // Delay D (spike to current jump) reaches the neuron at D + 1.
    addOperand(syn, opt.delaySpread ? d + 1 : 1, false, n);
    sparse.push_back(syn.mutable_sparse());
    sparse.back()->mutable_row_ptr()->Reserve(static_cast<int>(n + 1));
    sparse.back()->add_row_ptr(0);
  }
  if (opt.synapses && !opt.delaySpread) {
    // Room for the expectation plus 10 standard deviations (Poisson bound),
    // so the 0.3e9-entry arrays do not reallocate (and double) midway.
    double reserve = m.expectedSynapses + 10 * std::sqrt(m.expectedSynapses);
    sparse[0]->mutable_col()->Reserve(static_cast<int>(reserve));
    sparse[0]->mutable_value()->Reserve(static_cast<int>(reserve));
  }
  std::normal_distribution<double> unit(0.0, 1.0);
  std::vector<double> countCdf[kPops][kPops];
  for (int a = 0; a < kPops; ++a)
    for (int b = 0; b < kPops; ++b)
      countCdf[a][b] = pd14::multiplicityCdf(kProb[a][b]);
  // The paper's delays, N(d, d / 2) ms, redrawn outside [dt, 3 d] (NEST
  // redraws below dt; the cap bounds the chain), in steps.
  auto drawDelay = [&](bool exc) {
    double mean = exc ? 1.5 : 0.75, d;
    do
      d = mean * (1 + 0.5 * unit(rng));
    while (d < kDt || d > 3 * mean);
    return std::clamp<int64_t>(std::llround(d / kDt), 1, kMaxDelaySteps);
  };
  struct Entry {
    int64_t bucket;
    uint32_t col;
    double w;
  };
  std::vector<Entry> row;
  for (int a = 0; a < kPops && opt.synapses; ++a)
    for (int64_t r = 0; r < m.sizes[a]; ++r) {
      row.clear();
      for (int b = 0; b < kPops; ++b) {
        double prob = kProb[a][b];
        if (prob <= 0)
          continue;
        // Independent pairs: the gaps between chosen sources are geometric,
        // so the work is per synapse, not per pair.
        std::geometric_distribution<int64_t> gap(prob);
        const std::vector<double> &multiplicity = countCdf[a][b];
        double w = meanWeight(a, b);
        int64_t end = m.first[b] + m.sizes[b];
        for (int64_t c = m.first[b] + gap(rng); c < end; c += 1 + gap(rng)) {
          // The pair's synapses (multapses) sum into one entry per delay;
          // each is Gaussian (sd 10 %) and keeps its sign, as NEST clips.
          int64_t count = drawMultiplicity(multiplicity, rng);
          for (int64_t k = 0; k < count; ++k) {
            double one = w * (1 + kWeightSd * unit(rng));
            one = w > 0 ? std::max(one, 0.0) : std::min(one, 0.0);
            int64_t bucket = opt.delaySpread ? drawDelay(excitatory(b)) - 1 : 0;
            row.push_back({bucket, static_cast<uint32_t>(c), one});
          }
        }
      }
      if (opt.delaySpread)
        std::sort(row.begin(), row.end(), [](const Entry &x, const Entry &y) {
          return x.bucket != y.bucket ? x.bucket < y.bucket : x.col < y.col;
        });
      for (size_t e = 0; e < row.size();) {
        double v = 0;
        size_t f = e;
        for (; f < row.size() && row[f].bucket == row[e].bucket &&
               row[f].col == row[e].col;
             ++f)
          v += row[f].w;
        sparse[row[e].bucket]->add_col(row[e].col);
        sparse[row[e].bucket]->add_value(static_cast<float>(v));
        e = f;
      }
      for (plan::SparseOp *sp : sparse)
        sp->add_row_ptr(static_cast<uint32_t>(sp->col_size()));
    }
  for (plan::SparseOp *sp : sparse) {
    while (sp->row_ptr_size() < n + 1)
      sp->add_row_ptr(0);
    m.synapses += sp->col_size();
  }

  // kLifNode, exact integration (NEST's iaf_psc_exp propagators) in the
  // plan's step order, with m = e^(-dt/tau_m), s = e^(-dt/tau_syn):
  //   i' = s i + x                                   (pA)
  //   v' = m v + P21 i' + (1 - m) R I_dc              (mV), R = tau_m / C_m
  // P21 = tau_m tau_syn / (C (tau_m - tau_syn)) (m - s) is what a current i
  // decaying with tau_syn adds to v over one step. A current x arriving at a
  // step then gives v = P21 x (m^k - s^k) / (m - s) k - 1 steps later: the
  // continuous PSP at t = k dt, 0.15 mV at its peak for 87.8 pA. (The earlier
  // (1 - m) R gain held i over the step: 10.3 % too much charge per PSP.)
  plan::Node &lif = addNode(p, "lif", n);
  for (int syn : m.synNodes)
    addOperand(lif, syn, false, n);
  addOperand(lif, kInputNode, false, n);
  double memDecay = std::exp(-kDt / kTauM), synDecay = std::exp(-kDt / kTauSyn);
  double memGain =
      kTauM * kTauSyn / (kCm * (kTauM - kTauSyn)) * (memDecay - synDecay);
  double dcGain = (1 - memDecay) * kTauM / kCm;
  plan::NeuronOp &op = plainNeuron(lif, true, static_cast<float>(memDecay),
                                   static_cast<float>(memGain));
  op.set_has_synapse(true);
  setScalar(op.mutable_syn_decay(), static_cast<float>(synDecay));
  setScalar(op.mutable_threshold(), static_cast<float>(kThreshold));
  setScalar(op.mutable_v_reset(), static_cast<float>(kReset));
  auto *bias = op.mutable_mem_bias();
  bias->Clear();
  bias->Reserve(static_cast<int>(n));
  for (int64_t k = 0; k < n; ++k) {
    // pA: rate (1/ms) x in-degree x weight x tau_syn.
    double dc = kBackgroundHz * 1e-3 * kExternal[popOf(k)] * kWeight * kTauSyn;
    bias->Add(opt.synapses && !opt.poisson ? static_cast<float>(dcGain * dc)
                                           : 0.0f);
  }

  // A pulse x0 at step 0 gives v = memGain x0 (m^(t+1) - s^(t+1)) / (m - s)
  // (m, s the decays); once the synaptic part has decayed (~2 ms) that is
  // v0 ~ memGain x0 m / (m - s).
  m.initialPulse.resize(n);
  double perV = (memDecay - synDecay) / (memGain * memDecay);
  std::normal_distribution<double> v0(kV0Mean, kV0Sd);
  for (float &x : m.initialPulse)
    x = opt.synapses ? static_cast<float>(v0(rng) * perV) : 0.0f;
  return m;
}

void bench::preferEventPropagation(plan::Plan &p) {
  plan::GpuHints &hints = *p.mutable_gpu();
  hints.clear_nodes();
  for (const plan::Node &node : p.nodes())
    hints.add_nodes()->set_propagation(
        node.has_sparse() ? plan::GpuNodeHint::EVENT : plan::GpuNodeHint::AUTO);
}

std::vector<float> bench::microcircuitInput(const Microcircuit &m,
                                            int64_t steps, uint64_t seed,
                                            int64_t &length) {
  using namespace pd14;
  int64_t n = m.neurons;
  length = m.poisson && m.connected ? std::max<int64_t>(steps, 1) : 1;
  std::vector<float> x(static_cast<size_t>(length * n), 0.0f);
  if (!m.connected)
    return x;
  std::copy(m.initialPulse.begin(), m.initialPulse.end(), x.begin());
  if (!m.poisson)
    return x;
  // Poisson counts by inverse CDF tables per population (rate 8 Hz K_ext dt,
  // about 1.2 to 2.3 per step): a 0.5e9-draw input takes seconds.
  std::mt19937_64 rng(seed);
  for (int a = 0; a < kPops; ++a) {
    double lambda = kBackgroundHz * kExternal[a] * kDt * 1e-3;
    std::vector<double> cdf;
    double term = std::exp(-lambda), sum = term;
    for (int k = 1; sum < 1 - 1e-15 && k < 100; ++k) {
      cdf.push_back(sum);
      term *= lambda / k;
      sum += term;
    }
    for (int64_t t = 0; t < length; ++t)
      for (int64_t k = m.first[a]; k < m.first[a] + m.sizes[a]; ++k) {
        double u = (rng() >> 11) * 0x1.0p-53;
        size_t count = 0;
        while (count < cdf.size() && u >= cdf[count])
          ++count;
        x[t * n + k] += static_cast<float>(count * kWeight);
      }
  }
  return x;
}
