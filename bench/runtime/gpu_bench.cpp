//===- gpu_bench.cpp - CUDA engine benchmarks against measured limits -----===//
//
// Benchmark 5 of shared/design/BENCHMARKS.md (and the GPU rows of benchmark
// 3), one subcommand per measurement; bench/runtime.sh runs them. Output is
// `key=value ...` lines like snn-runtime-bench's.
//
//   copy          device copy bandwidth (the limit)
//   random        benchmark 1's network on the CUDA engine
//   microcircuit  Potjans & Diesmann (2014) at full scale: per-step time
//                 against the empty-step floor of the same engine
//   plan          samples/s of a saved plan
//
// Timing: CudaEngine::run uploads the plan and captures its step graph, then
// replays the graph and synchronises the stream every chunk of (at most)
// 1024 steps before calling the progress callback. Per-step times are the
// median over the chunks after the first of (wall time between two
// callbacks) / (steps in the chunk), so uploads, graph capture and warm-up
// are not counted and every timed interval ends with the GPU idle.
//
// Arguments are checked before the device is looked for, so a mistyped
// command fails the same way on every machine; without a device every
// subcommand prints one `skipped: no CUDA device (...)` line and exits 0.
//
//===----------------------------------------------------------------------===//

#include "bench/runtime/BenchNetworks.h"
#include "bench/runtime/BenchTiming.h"
#include "bench/runtime/gpu_bench_copy.h"

#include "runtime/cuda/CudaEngine.h"
#include "runtime/cuda/NeuronKernels.h"
#include "runtime/engine/Engine.h"
#include "runtime/engine/PlanFile.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace snn;
using namespace snn::bench;
using namespace snn::runtime;

namespace {

using bench::Clock;
using bench::median;
using bench::secondsSince;

[[noreturn]] void die(const std::string &msg) {
  std::fprintf(stderr, "snn-gpu-bench: %s\n", msg.c_str());
  std::exit(1);
}

/// --key value arguments of one subcommand.
class Args {
public:
  Args(std::string cmd, std::map<std::string, std::string> values,
       std::set<std::string> known)
      : cmd(std::move(cmd)), values(std::move(values)) {
    for (const auto &[key, value] : this->values)
      if (!known.count(key)) {
        std::string list;
        for (const std::string &k : known)
          list += (list.empty() ? "--" : ", --") + k;
        die(this->cmd + ": unknown option --" + key + " (known: " + list + ")");
      }
  }
  /// A number in [lo, hi] (1e6 notation allowed).
  double num(const std::string &key, double dflt, double lo, double hi) const {
    auto it = values.find(key);
    if (it == values.end())
      return dflt;
    char *end = nullptr;
    double v = std::strtod(it->second.c_str(), &end);
    if (it->second.empty() || *end || !std::isfinite(v))
      die(cmd + ": --" + key + " '" + it->second + "' is not a number");
    if (v < lo || v > hi)
      die(cmd + ": --" + key + " " + it->second + " is out of range [" +
          fmt(lo) + ", " + fmt(hi) + "]");
    return v;
  }
  int64_t integer(const std::string &key, double dflt, double lo,
                  double hi) const {
    double v = num(key, dflt, lo, hi);
    if (v != std::floor(v))
      die(cmd + ": --" + key + " " + values.at(key) + " is not an integer");
    return static_cast<int64_t>(v);
  }
  std::string str(const std::string &key, const std::string &dflt) const {
    auto it = values.find(key);
    return it == values.end() ? dflt : it->second;
  }

private:
  static std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }
  std::string cmd;
  std::map<std::string, std::string> values;
};

/// Exits 0 with the skip line when no CUDA device can be used.
void requireDevice(cuda::DeviceInfo &info) {
  std::string why;
  if (!cuda::queryDevice(info, why)) {
    const std::string prefix = "no CUDA device: ";
    if (why.compare(0, prefix.size(), prefix) == 0)
      why = why.substr(prefix.size());
    std::printf("skipped: no CUDA device (%s)\n", why.c_str());
    std::exit(0);
  }
  // key=value output: no spaces in values.
  std::replace(info.name.begin(), info.name.end(), ' ', '_');
}

CopyBandwidth copyBandwidth(int64_t mib, int repeats) {
  CopyBandwidth bw;
  std::string err;
  if (!measureCopyBandwidth(mib, repeats, bw, err))
    die("copy bandwidth (" + std::to_string(mib) + " MiB buffers): " + err +
        "; try a smaller --mib");
  return bw;
}

std::unique_ptr<cuda::CudaEngine> makeCudaEngine(plan::Plan p) {
  std::string err;
  std::unique_ptr<cuda::CudaEngine> e =
      cuda::CudaEngine::create(std::move(p), err);
  if (!e)
    die("invalid benchmark plan: " + err);
  return e;
}

std::unique_ptr<Engine> makeCpuEngine(plan::Plan p) {
  std::string err;
  std::unique_ptr<Engine> e = Engine::create(std::move(p), err);
  if (!e)
    die("invalid benchmark plan: " + err);
  return e;
}

/// One CUDA run timed per chunk (see the file header).
struct StepTiming {
  double firstChunkSeconds = 0; ///< Upload, capture and the first chunk.
  double stepSeconds = 0;       ///< Median per step over the later chunks.
  int timedChunks = 0;
  RunResult result;
};

StepTiming timeCudaSteps(const cuda::CudaEngine &engine,
                         const std::vector<Tensor> &inputs, int64_t steps,
                         int64_t batch) {
  StepTiming timing;
  std::vector<std::pair<Clock::time_point, int64_t>> marks;
  RunOptions opts;
  opts.steps = steps;
  opts.progress = [&](int64_t done, int64_t) {
    marks.emplace_back(Clock::now(), done);
  };
  std::string err;
  auto start = Clock::now();
  if (!engine.run(inputs, opts, timing.result, err))
    die("run failed: " + err);
  if (marks.size() < 2)
    die("the run reported " + std::to_string(marks.size()) +
        " chunk(s); timing needs at least 2 (raise --steps)");
  timing.firstChunkSeconds =
      std::chrono::duration<double>(marks[0].first - start).count();
  std::vector<double> perStep;
  for (size_t k = 1; k < marks.size(); ++k) {
    double secs =
        std::chrono::duration<double>(marks[k].first - marks[k - 1].first)
            .count();
    int64_t stepsDone = (marks[k].second - marks[k - 1].second) / batch;
    if (stepsDone > 0)
      perStep.push_back(secs / stepsDone);
  }
  timing.stepSeconds = median(perStep);
  timing.timedChunks = static_cast<int>(perStep.size());
  return timing;
}

double totalSpikes(const RunResult &r, const std::string &node) {
  double spikes = bench::spikesOf(r, node);
  if (std::isnan(spikes))
    die("no spike statistics for node " + node);
  return spikes;
}

const char *propagationName(cuda::Propagation p) {
  return p == cuda::Propagation::Event ? "event" : "dense";
}

//===-- copy --------------------------------------------------------------===//

int runCopy(const Args &a) {
  int64_t mib = a.integer("mib", 1024, 1, 1 << 16);
  int reps = static_cast<int>(a.integer("repeat", 20, 1, 1000));
  cuda::DeviceInfo dev;
  requireDevice(dev);
  CopyBandwidth bw = copyBandwidth(mib, reps);
  std::printf("bench=gpu_copy device=%s copy_gb_per_s=%.1f min_gb_per_s=%.1f "
              "max_gb_per_s=%.1f mib=%lld repeats=%d\n",
              dev.name.c_str(), bw.gbPerS, bw.minGbPerS, bw.maxGbPerS,
              (long long)mib, reps);
  return 0;
}

//===-- random (benchmark 1 on the GPU) -----------------------------------===//

int runRandom(const Args &a) {
  RandomNetwork net;
  net.neurons = a.integer("neurons", 1e6, 1, 4e9);
  net.fanout = a.integer("synapses", 1000, 1, 1e6);
  net.sources = a.integer("sources", 1000, 1, 1e6);
  net.inDegree = a.integer("input-synapses", 100, 1, 1e6);
  double rate = a.num("input-rate", 20.0, 0, 1e4);
  int64_t steps = a.integer("steps", 6144, 2048, 1e7);
  int64_t batch = a.integer("batch", 1, 1, 4096);
  int64_t mib = a.integer("mib", 1024, 1, 1 << 16);
  uint64_t seed = static_cast<uint64_t>(a.integer("seed", 1, 0, 1e15));
  int64_t recurrent = net.neurons * std::min(net.fanout, net.neurons);
  if (recurrent > kMaxSparseEntries)
    die("random: " + std::to_string(net.neurons) + " neurons x " +
        std::to_string(net.fanout) +
        " synapses = " + std::to_string(recurrent) + " synapses, over the " +
        std::to_string(kMaxSparseEntries) +
        " one sparse plan node holds; lower --neurons or --synapses");
  if (double(batch) * steps * net.sources > 2e9)
    die("random: the input is batch x steps x sources = " +
        std::to_string(batch * steps * net.sources) +
        " floats (over 2e9, 8 GB); lower --batch or --steps");

  cuda::DeviceInfo dev;
  requireDevice(dev);
  CopyBandwidth bw = copyBandwidth(mib, 10);

  auto build = Clock::now();
  std::mt19937_64 rng(seed);
  plan::Plan p = randomNetworkPlan(net, rng);
  preferEventPropagation(p);
  std::unique_ptr<cuda::CudaEngine> engine = makeCudaEngine(std::move(p));
  double buildSeconds = secondsSince(build);
  // Bytes streamed per event by the recurrent node's kernel: one stored
  // index and one stored weight (what the placement chose).
  const cuda::NodePlacement &rec = engine->getPlacements()[2];
  const cuda::NodePlacement &inp = engine->getPlacements()[1];
  int bytesPerEvent = rec.indexBytes + rec.weightBytes;

  Tensor input({batch, steps, net.sources});
  std::bernoulli_distribution fire(rate * net.dt);
  double inputSpikes = 0;
  for (float &v : input.data) {
    v = fire(rng) ? 1.0f : 0.0f;
    inputSpikes += v;
  }
  StepTiming t = timeCudaSteps(*engine, {input}, steps, batch);
  double spikes = totalSpikes(t.result, "lif");
  // Events = spikes x out-degree (the mean out-degree is the in-degree), per
  // step of the whole run; the time per step is the timed chunks' median.
  double events =
      spikes * net.fanout +
      inputSpikes * (double(net.neurons) * net.inDegree / net.sources);
  double eventsPerS = events / steps / t.stepSeconds;
  double fraction = eventsPerS * bytesPerEvent / (bw.gbPerS * 1e9);
  std::printf(
      "bench=gpu_random device=%s neurons=%lld synapses=%lld batch=%lld "
      "steps=%lld build_s=%.2f first_chunk_s=%.3f timed_chunks=%d "
      "per_step_us=%.3f spikes=%.0f rate_hz=%.3f events=%.4g "
      "events_per_s=%.4g recurrent=%s input=%s bytes_per_event=%d "
      "copy_gb_per_s=%.1f gpu_bandwidth_fraction=%.4f\n",
      dev.name.c_str(), (long long)net.neurons, (long long)net.fanout,
      (long long)batch, (long long)steps, buildSeconds, t.firstChunkSeconds,
      t.timedChunks, t.stepSeconds * 1e6, spikes,
      spikes / (double(net.neurons) * batch * steps * net.dt), events,
      eventsPerS, propagationName(rec.propagation),
      propagationName(inp.propagation), bytesPerEvent, bw.gbPerS, fraction);
  return 0;
}

//===-- microcircuit ------------------------------------------------------===//

/// The smallest plan the engine steps: one input element into one neuron.
plan::Plan oneNeuronPlan() {
  plan::Plan p;
  p.set_format_version(1);
  p.set_name("one_neuron");
  p.set_dt(1e-4);
  addNode(p, "in", 1).mutable_input();
  p.add_inputs(0);
  plan::Node &lif = addNode(p, "lif", 1);
  addOperand(lif, 0, false, 1);
  plainNeuron(lif, true, 0.99f, 1.0f);
  return p;
}

/// Per-step seconds of `p` driven by `in`, on the CPU engine:
/// one untimed step (the event matrices), then `steps` timed.
double cpuStepSeconds(plan::Plan p, const Tensor &in, int64_t steps,
                      unsigned threads, RunResult &result) {
  std::unique_ptr<Engine> engine = makeCpuEngine(std::move(p));
  RunOptions opts;
  opts.threads = threads;
  opts.steps = 1;
  std::string err;
  if (!engine->run({in}, opts, result, err))
    die("run failed: " + err);
  opts.steps = steps;
  auto start = Clock::now();
  if (!engine->run({in}, opts, result, err))
    die("run failed: " + err);
  return secondsSince(start) / steps;
}

/// Untimed run recording the spikes: mean rate (Hz) per population over the
/// second half of `steps` (after the start-up transient), printed next to
/// the rates the paper's model reaches (NEST example, full_mean_rates) as
/// the check that the simplified network is in a comparable state.
/// The microcircuit's plan input for `steps` steps.
Tensor microcircuitTensor(const Microcircuit &m, int64_t steps, uint64_t seed) {
  int64_t length = 0;
  std::vector<float> x = microcircuitInput(m, steps, seed, length);
  Tensor in({1, length, m.neurons});
  in.data = std::move(x);
  return in;
}

template <typename EngineT>
void printPopulationRates(const EngineT &engine, const Microcircuit &m,
                          int64_t steps, uint64_t seed) {
  constexpr double kPaperHz[pd14::kPops] = {0.971, 2.868, 4.746, 5.396,
                                            8.142, 9.078, 0.991, 7.523};
  Tensor in = microcircuitTensor(m, steps, seed);
  RunOptions opts;
  opts.steps = steps;
  opts.record = {"lif"};
  RunResult r;
  std::string err;
  if (!engine.run({in}, opts, r, err))
    die("run failed: " + err);
  const Tensor &z = r.records.at("lif");
  std::string line = "population_rates_hz (ours/paper, 2nd half of " +
                     std::to_string(steps) + " steps):";
  for (int a = 0; a < pd14::kPops; ++a) {
    double sum = 0;
    for (int64_t t = steps / 2; t < steps; ++t)
      for (int64_t k = m.first[a]; k < m.first[a] + m.sizes[a]; ++k)
        sum += z.data[t * m.neurons + k];
    char buf[64];
    std::snprintf(buf, sizeof buf, " %s=%.2f/%.2f", pd14::kNames[a],
                  sum / (m.sizes[a] * (steps - steps / 2) * 1e-4), kPaperHz[a]);
    line += buf;
  }
  std::printf("%s\n", line.c_str());
}

int runMicrocircuit(const Args &a) {
  MicrocircuitOptions opt;
  opt.scale = a.num("scale", 1.0, 1e-4, 1.0);
  opt.seed = static_cast<uint64_t>(a.integer("seed", 1, 0, 1e15));
  std::string device = a.str("device", "cuda");
  if (device != "cuda" && device != "cpu")
    die("microcircuit: --device '" + device + "' is not cuda or cpu");
  bool gpu = device == "cuda";
  int64_t steps = a.integer("steps", gpu ? 6144 : 1000, gpu ? 2048 : 1, 1e7);
  int64_t mib = a.integer("mib", 1024, 1, 1 << 16);
  unsigned threads = static_cast<unsigned>(a.integer("threads", 0, 0, 1024));
  bool countsOnly = a.integer("counts-only", 0, 0, 1) != 0;
  int64_t rateSteps = a.integer("rates", 0, 0, 20000);
  std::string background = a.str("background", "poisson");
  if (background != "poisson" && background != "dc")
    die("microcircuit: --background '" + background + "' is not poisson or dc");
  opt.poisson = background == "poisson";
  std::string delays = a.str("delays", "fixed");
  if (delays != "fixed" && delays != "spread")
    die("microcircuit: --delays '" + delays + "' is not fixed or spread");
  opt.delaySpread = delays == "spread";

  // The Poisson background is an input of steps x neurons floats.
  double inputFloats =
      opt.poisson ? double(std::max(steps, rateSteps)) * 77169 * opt.scale : 0;
  if (inputFloats > 2e9)
    die("microcircuit: the Poisson background for " +
        std::to_string(std::max(steps, rateSteps)) +
        " steps is over 2e9 floats (8 GB); lower --steps/--rates or use "
        "--background dc");

  cuda::DeviceInfo dev;
  dev.name = "cpu";
  if (gpu && !countsOnly)
    requireDevice(dev);

  auto build = Clock::now();
  Microcircuit m = buildMicrocircuit(opt);
  double buildSeconds = secondsSince(build);
  std::string pops;
  for (int k = 0; k < pd14::kPops; ++k)
    pops += std::string(k ? "," : "") + pd14::kNames[k] + ":" +
            std::to_string(m.sizes[k]);
  std::printf("microcircuit scale=%g neurons=%lld synapses=%lld "
              "expected_synapses=%.4g build_s=%.2f populations=%s\n",
              opt.scale, (long long)m.neurons, (long long)m.synapses,
              m.expectedSynapses, buildSeconds, pops.c_str());
  std::fflush(stdout);
  if (countsOnly)
    return 0;
  if (rateSteps) {
    if (gpu) {
      plan::Plan copy = m.plan;
      printPopulationRates(*makeCudaEngine(std::move(copy)), m, rateSteps,
                           opt.seed);
    } else {
      plan::Plan copy = m.plan;
      printPopulationRates(*makeCpuEngine(std::move(copy)), m, rateSteps,
                           opt.seed);
    }
    std::fflush(stdout);
  }

  MicrocircuitOptions emptyOpt = opt;
  emptyOpt.synapses = false;
  Microcircuit empty = buildMicrocircuit(emptyOpt);
  Tensor oneInput({1, 1, 1});
  Tensor input = microcircuitTensor(m, steps, opt.seed);
  Tensor emptyInput = microcircuitTensor(empty, steps, opt.seed);
  double stepS, floorS, launchS, spikes;
  int bytesPerEvent = 0;
  CopyBandwidth bw;
  std::string extra;
  if (gpu) {
    bw = copyBandwidth(mib, 10);
    preferEventPropagation(m.plan);
    preferEventPropagation(empty.plan);
    int synNode = m.synNodes.front();
    auto run = [&](plan::Plan p, const Tensor &in, int *bytes) {
      std::unique_ptr<cuda::CudaEngine> e = makeCudaEngine(std::move(p));
      if (bytes) {
        const cuda::NodePlacement &syn =
            e->getPlacements()[static_cast<size_t>(synNode)];
        *bytes = syn.indexBytes + syn.weightBytes;
      }
      return timeCudaSteps(*e, {in}, steps, 1);
    };
    StepTiming full = run(std::move(m.plan), input, &bytesPerEvent);
    stepS = full.stepSeconds;
    spikes = totalSpikes(full.result, "lif");
    floorS = run(std::move(empty.plan), emptyInput, nullptr).stepSeconds;
    launchS = run(oneNeuronPlan(), oneInput, nullptr).stepSeconds;
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  " first_chunk_s=%.3f timed_chunks=%d copy_gb_per_s=%.1f",
                  full.firstChunkSeconds, full.timedChunks, bw.gbPerS);
    extra = buf;
  } else {
    RunResult r;
    stepS = cpuStepSeconds(std::move(m.plan), input, steps, threads, r);
    spikes = totalSpikes(r, "lif");
    floorS =
        cpuStepSeconds(std::move(empty.plan), emptyInput, steps, threads, r);
    launchS = cpuStepSeconds(oneNeuronPlan(), oneInput, steps, threads, r);
    extra = " threads=" + std::to_string(threads);
  }
  double meanFanout = m.neurons ? double(m.synapses) / m.neurons : 0;
  double eventsPerS = spikes * meanFanout / steps / stepS;
  std::printf(
      "bench=microcircuit device=%s background=%s delays=%s neurons=%lld "
      "synapses=%lld steps=%lld "
      "per_step_us=%.3f floor_same_structure_us=%.3f floor_one_neuron_us=%.3f "
      "ratio_vs_floor=%.2f ratio_vs_one_neuron=%.2f realtime_factor=%.3f "
      "rate_hz=%.3f events_per_s=%.4g",
      dev.name.c_str(), background.c_str(), delays.c_str(),
      (long long)m.neurons, (long long)m.synapses, (long long)steps,
      stepS * 1e6, floorS * 1e6, launchS * 1e6, stepS / floorS, stepS / launchS,
      stepS / 1e-4, spikes / (double(m.neurons) * steps * 1e-4), eventsPerS);
  if (gpu)
    std::printf(" bytes_per_event=%d gpu_bandwidth_fraction=%.4f",
                bytesPerEvent, eventsPerS * bytesPerEvent / (bw.gbPerS * 1e9));
  // Context only: a published figure on other hardware, not a peer run.
  std::printf("%s genn_rtx4090_us_per_step=27 (context)\n", extra.c_str());
  return 0;
}

//===-- plan (benchmark 3's GPU rows) -------------------------------------===//

int runPlan(const Args &a) {
  std::string path = a.str("file", "");
  if (path.empty())
    die("plan: --file PLAN.pb is required (write one with snn-run "
        "--emit-plan)");
  int64_t batch = a.integer("batch", 1, 1, 1 << 20);
  int64_t steps = a.integer("steps", 100, 1, 1e6);
  int reps = static_cast<int>(a.integer("repeat", 3, 1, 1000));
  double density = a.num("density", 0.1, 0, 1);
  uint64_t seed = static_cast<uint64_t>(a.integer("seed", 1, 0, 1e15));
  plan::Plan p;
  std::string err;
  if (!loadPlanFile(path, p, err))
    die(err);
  cuda::DeviceInfo dev;
  requireDevice(dev);
  std::unique_ptr<cuda::CudaEngine> engine = makeCudaEngine(std::move(p));
  std::mt19937_64 rng(seed);
  std::vector<Tensor> inputs =
      randomSpikeInputs(engine->getPlan(), batch, steps, density, rng);
  // Whole runs, as snn-run and the CPU rows time them: each uploads the
  // plan and inputs, captures the step graph and copies results back. The
  // first (untimed) also creates the CUDA context.
  RunOptions opts;
  RunResult result;
  std::vector<double> secs;
  for (int k = -1; k < reps; ++k) {
    auto start = Clock::now();
    if (!engine->run(inputs, opts, result, err))
      die("run failed: " + err);
    if (k >= 0)
      secs.push_back(secondsSince(start));
  }
  double s = median(secs);
  std::printf("bench=plan device=%s file=%s batch=%lld steps=%lld run_s=%.4f "
              "samples_per_s=%.2f\n",
              dev.name.c_str(), path.c_str(), (long long)batch,
              (long long)steps, s, batch / s);
  return 0;
}

const char *kUsage =
    "usage: snn-gpu-bench copy|random|microcircuit|plan [--key value]...\n"
    "  copy          --mib 1024 --repeat 20\n"
    "                device copy bandwidth, (read + written bytes) / s\n"
    "  random        --neurons 1e6 --synapses 1000 --sources 1000\n"
    "                --input-synapses 100 --input-rate 20 --steps 6144\n"
    "                --batch 1 --mib 1024 --seed 1\n"
    "                benchmark 1's network on the CUDA engine: per-step time,\n"
    "                events/s, bytes per event and the fraction of the copy\n"
    "                bandwidth\n"
    "  microcircuit  --scale 1 --steps 6144 --device cuda|cpu --threads 0\n"
    "                --mib 1024 --seed 1 --counts-only 0|1 --rates 0\n"
    "                --background poisson|dc --delays fixed|spread\n"
    "                Potjans & Diesmann (2014) cortical microcircuit: "
    "per-step\n"
    "                time against the same plan without synapses and against\n"
    "                a one-neuron plan (the empty-step floors); --counts-only "
    "1\n"
    "                builds it and prints its sizes only (no device needed);\n"
    "                --rates T first runs T steps untimed and prints the\n"
    "                rate of each population against the paper's;\n"
    "                --delays spread: the paper's per-synapse delays (one\n"
    "                matrix per delay step), which its rates need\n"
    "  plan          --file PLAN.pb --batch 1 --steps 100 --density 0.1\n"
    "                --repeat 3 --seed 1\n"
    "                samples/s of a saved plan (whole runs, uploads included)\n"
    "GPU per-step times are medians over 1024-step chunks after the first.\n"
    "Without a CUDA device: prints 'skipped: no CUDA device (...)', exits 0.\n";

} // namespace

int main(int argc, char **argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") ||
      !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2;
  }
  std::map<std::string, std::string> values;
  for (int k = 2; k < argc; ++k) {
    if (std::strncmp(argv[k], "--", 2) || k + 1 >= argc)
      die(std::string("expected --key value, got '") + argv[k] + "'");
    values[argv[k] + 2] = argv[k + 1];
    ++k;
  }
  std::string cmd = argv[1];
  if (cmd == "copy")
    return runCopy(Args(cmd, values, {"mib", "repeat"}));
  if (cmd == "random")
    return runRandom(Args(cmd, values,
                          {"neurons", "synapses", "sources", "input-synapses",
                           "input-rate", "steps", "batch", "mib", "seed"}));
  if (cmd == "microcircuit")
    return runMicrocircuit(
        Args(cmd, values,
             {"scale", "steps", "device", "threads", "mib", "seed",
              "counts-only", "rates", "background", "delays"}));
  if (cmd == "plan")
    return runPlan(Args(
        cmd, values, {"file", "batch", "steps", "density", "repeat", "seed"}));
  die("unknown subcommand '" + cmd + "' (copy, random, microcircuit, plan)");
}
