//===- BenchNetworks.h - Step plans of the runtime benchmarks ----*- C++
//-*-===//
//
// The networks of shared/design/BENCHMARKS.md built directly as step plans,
// shared by the benchmark binaries (snn-runtime-bench, snn-gpu-bench) and
// their tests. Everything comes
// from a caller's std::mt19937_64, so a seed fixes the network.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_BENCH_RUNTIME_BENCHNETWORKS_H
#define SNN_BENCH_RUNTIME_BENCHNETWORKS_H

#include "runtime/engine/Engine.h"
#include "runtime/engine/Tensor.h"
#include "runtime/plan/Plan.pb.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace snn::bench {

/// Appends a node of `n` elements.
plan::Node &addNode(plan::Plan &p, const std::string &name, int64_t n);

/// Adds operand `src` (of `n` elements) to `node`; the first one sets the
/// node's input shape.
void addOperand(plan::Node &node, uint32_t src, bool previous, int64_t n);

void setScalar(google::protobuf::RepeatedField<float> *f, float v);

/// A neuron without synapse, adaptation or bias: v' = decay v + gain x,
/// threshold 1 and reset to 0 when spiking.
plan::NeuronOp &plainNeuron(plan::Node &node, bool spiking, float decay,
                            float gain);

/// A random CSR projection: each of `rows` rows gets `perRow` distinct
/// columns in [0, cols), ascending, with weight weightOf(column). Reserves
/// exactly what it fills, so a 1e9-synapse matrix never reallocates.
template <typename WeightOf>
void randomSparse(plan::SparseOp &sp, int64_t rows, int64_t cols,
                  int64_t perRow, std::mt19937_64 &rng, WeightOf weightOf) {
  perRow = std::min(perRow, cols);
  sp.mutable_row_ptr()->Reserve(static_cast<int>(rows + 1));
  sp.mutable_col()->Reserve(static_cast<int>(rows * perRow));
  sp.mutable_value()->Reserve(static_cast<int>(rows * perRow));
  sp.add_row_ptr(0);
  std::uniform_int_distribution<int64_t> pick(0, cols - 1);
  std::vector<uint32_t> row;
  for (int64_t r = 0; r < rows; ++r) {
    row.clear();
    while (static_cast<int64_t>(row.size()) < perRow) {
      while (static_cast<int64_t>(row.size()) < perRow)
        row.push_back(static_cast<uint32_t>(pick(rng)));
      std::sort(row.begin(), row.end());
      row.erase(std::unique(row.begin(), row.end()), row.end());
    }
    for (uint32_t c : row) {
      sp.add_col(c);
      sp.add_value(weightOf(c));
    }
    sp.add_row_ptr(static_cast<uint32_t>(sp.col_size()));
  }
}

/// One (batch, steps, ...shape) tensor per plan input, each element a spike
/// (1) with probability `density`: benchmark 3's inputs, as the models take
/// event/spike frames.
std::vector<runtime::Tensor> randomSpikeInputs(const plan::Plan &p,
                                               int64_t batch, int64_t steps,
                                               double density,
                                               std::mt19937_64 &rng);

/// Spikes of node `node` summed over the batch, from a run's statistics;
/// NaN when the run counted none for it.
double spikesOf(const runtime::RunResult &r, const std::string &node);

//===-- Benchmark 1: random network --------------------------------------===//

/// Poisson sources -> input projection -> LIF (delta synapses) <- recurrent
/// projection of the previous step's spikes; the first 80 % of the neurons
/// excite, the rest inhibit. Same structure and draws as snn-runtime-bench
/// random (runtime_bench.cpp runRandom).
struct RandomNetwork {
  int64_t neurons = 100000;
  int64_t fanout = 1000;  ///< Recurrent synapses per neuron.
  int64_t sources = 1000; ///< Poisson sources (the plan's input "poisson").
  int64_t inDegree = 100; ///< Input synapses per neuron.
  double dt = 1e-4, tau = 0.01;
  double wIn = 0.06, wExc = 0.005, wInh = -0.025;
  /// False: each neuron's outgoing synapses share its weight (BENCHMARKS.md's
  /// network). True: each recurrent weight is also scaled by U(0.5, 1.5),
  /// drawn right after its column, so every synapse has its own weight.
  bool synapseWeights = false;
};

/// The largest synapse count one sparse node can hold: protobuf repeated
/// fields index with int.
constexpr int64_t kMaxSparseEntries = 2147483647;

/// Node indices: 0 poisson, 1 input_syn, 2 recurrent_syn, 3 lif.
plan::Plan randomNetworkPlan(const RandomNetwork &net, std::mt19937_64 &rng);

//===-- Benchmark 5: cortical microcircuit
//---------------------------------===//

/// Potjans & Diesmann (2014), Cereb. Cortex 24:785, Table 5 (the values of
/// NEST's Potjans_2014 example, network_params.py).
namespace pd14 {
constexpr int kPops = 8;
inline const std::array<const char *, kPops> kNames = {
    "L23e", "L23i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"};
constexpr std::array<int64_t, kPops> kSizes = {20683, 5834, 21915, 5479,
                                               4850,  1065, 14395, 2948};
/// Connection probability, [target][source].
constexpr double kProb[kPops][kPops] = {
    {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0},
    {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0},
    {0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0},
    {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0},
    {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0},
    {0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0},
    {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
    {0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443}};
/// External (background) in-degree per target population, 8 Hz each.
constexpr std::array<int64_t, kPops> kExternal = {1600, 1500, 2100, 1900,
                                                  2000, 1900, 2900, 2100};
/// Even populations are excitatory.
constexpr bool excitatory(int pop) { return pop % 2 == 0; }
/// Mean synapses per connected pair for connection probability p: the
/// paper's K = log(1 - p) / log(1 - 1 / (N N)) multapses over the p N N
/// distinct pairs they connect, -log(1 - p) / p (1.25 for L5i -> L5e).
double synapsesPerPair(double p);
/// CDF of a connected pair's synapse count (Poisson(-log(1 - p)) given
/// >= 1): entry j is P(count <= j + 1). Empty for p <= 0 or p >= 1.
std::vector<double> multiplicityCdf(double p);
/// One count (>= 1) from a multiplicityCdf table.
int64_t drawMultiplicity(const std::vector<double> &cdf, std::mt19937_64 &rng);
} // namespace pd14

struct MicrocircuitOptions {
  /// Population sizes times `scale` (rounded, at least 1); connection
  /// probabilities unchanged, so synapses scale with scale^2. Scaled
  /// networks check the construction; only scale 1 is the benchmark.
  double scale = 1.0;
  /// False: the same nodes with an empty recurrent matrix, no background
  /// drive and no initial pulse, so no neuron ever fires: the empty-step
  /// floor of the same plan structure (the same kernels, no work).
  bool synapses = true;
  /// True: the paper's background, K_ext independent 8 Hz Poisson sources
  /// per neuron, given as the plan input (see microcircuitInput). False: its
  /// DC equivalent as each neuron's bias (NEST example's poisson_input =
  /// False), so the input is only the step-0 pulse.
  bool poisson = true;
  /// True: each synapse's delay from the paper's N(1.5, 0.75) ms (excitatory)
  /// or N(0.75, 0.375) ms (inhibitory) source, as one matrix per delay step
  /// (45) behind a chain of one-step delay lines; its rates need it (see
  /// docs/runtime.md). False: the fixed delays of MicrocircuitNode's plan.
  bool delaySpread = false;
  uint64_t seed = 1;
};

struct Microcircuit {
  plan::Plan plan;
  std::array<int64_t, pd14::kPops> sizes{};
  std::array<int64_t, pd14::kPops> first{}; ///< First neuron of each pop.
  int64_t neurons = 0;
  /// Matrix entries over synNodes (a pair's multapses of one delay are one
  /// entry): the distinct pairs with fixed delays.
  int64_t synapses = 0;
  /// Sum of p N_target N_source: the expected synapse count.
  double expectedSynapses = 0;
  /// Step-0 input pulse per neuron (part of the plan input "input").
  std::vector<float> initialPulse;
  bool poisson = true;
  bool connected = true;     ///< Built with synapses (not the floor plan).
  int lifNode = 0;           ///< The neuron node (kLifNode with fixed delays).
  std::vector<int> synNodes; ///< The sparse nodes ({kSynNode} if fixed).
};

/// Node indices of the microcircuit plan with fixed delays.
enum MicrocircuitNode { kInputNode = 0, kDelayNode, kSynNode, kLifNode };

/// The full-scale model as one population of `neurons` LIF neurons with
/// exponential current synapses. Simplifications (the plan's neuron cannot
/// express the rest), all documented in docs/runtime.md:
/// * Pairs connect independently with probability p, and each connected
///   pair's entry is the summed weight of its multapses (a Poisson count
///   given >= 1, see multiplicityCdf): the paper's K = log(1-p)/log(1-1/(NN))
///   synapses per projection, stored as its p N N distinct pairs. (Dropping
///   the multapses lost up to 25 % of a projection's weight: L5i -> L5e.)
/// * Background: per neuron and step, the summed input of K_ext Poisson
///   sources at 8 Hz (one Poisson count of rate 8 Hz K_ext, times w) without
///   the paper's 1.5 ms delay (irrelevant for independent noise); or its DC
///   equivalent (options.poisson = false).
/// * Delays: 1.5 ms from excitatory and 0.75 ms (rounded to 0.8 ms) from
///   inhibitory sources, without the paper's per-synapse spread, which its
///   rates need (Brian2: mean 3.98 Hz with it, 60 Hz without; see
///   docs/runtime.md); options.delaySpread adds it.
/// * No 2 ms refractory period (the plan's neuron has none). The membrane is
///   integrated exactly (NEST's propagators), so one spike gives the
///   continuous PSP sampled at the steps.
/// * Initial potentials: a random step-0 current pulse that brings v to
///   N(7, 10) mV above rest once it has decayed (the paper draws v0).
Microcircuit buildMicrocircuit(const MicrocircuitOptions &options);

/// The plan input (1, T, neurons): the initial pulse at step 0 plus, with
/// the Poisson background, `steps` steps of background (T = steps; else
/// T = 1). All zeros for the network without synapses (the floor).
std::vector<float> microcircuitInput(const Microcircuit &m, int64_t steps,
                                     uint64_t seed, int64_t &length);

/// Sets every sparse node's gpu hint to EVENT (the CUDA engine's default
/// keeps DENSE when an operand is not a spiking neuron, e.g. a Poisson input
/// or a delay line; both carry spikes here). Changes no result.
void preferEventPropagation(plan::Plan &p);

} // namespace snn::bench

#endif // SNN_BENCH_RUNTIME_BENCHNETWORKS_H
