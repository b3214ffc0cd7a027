//===- runtime_bench.cpp - CPU engine benchmarks and the bandwidth limit --===//
//
// One binary, one subcommand per measurement; bench/runtime.sh runs it next
// to the Brian2 peer and prints the ratios. Every line of output is
// `key=value ...` so the script can parse it.
//
//   copy      STREAM-like copy bandwidth (bytes read + written per second)
//   random    benchmark 1: random sparse network driven by Poisson inputs
//   balanced  benchmark 2: CUBA balanced network (Vogels & Abbott 2005)
//   plan      benchmark 3: samples/s of a saved plan at a batch size
//
// Networks come from a fixed seed (std::mt19937_64), so runs are repeatable.
//
//===----------------------------------------------------------------------===//

#include "bench/runtime/BenchNetworks.h"
#include "bench/runtime/BenchTiming.h"
#include "runtime/engine/Engine.h"
#include "runtime/engine/PlanFile.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace snn;
using namespace snn::runtime;
using bench::addNode;
using bench::addOperand;
using bench::plainNeuron;
using bench::randomSpikeInputs;
using bench::setScalar;

namespace {

using bench::Clock;
using bench::median;
using bench::secondsSince;

[[noreturn]] void die(const std::string &msg) {
  std::fprintf(stderr, "snn-runtime-bench: %s\n", msg.c_str());
  std::exit(1);
}

/// A whole-string number, or a one-line error naming the option.
double parseNumber(const std::string &key, const std::string &text) {
  char *end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end || !std::isfinite(v))
    die("--" + key + " '" + text + "' is not a number");
  return v;
}

/// --key value arguments.
struct Args {
  std::map<std::string, std::string> values;
  double num(const std::string &key, double dflt) const {
    auto it = values.find(key);
    return it == values.end() ? dflt : parseNumber(key, it->second);
  }
  std::string str(const std::string &key, const std::string &dflt) const {
    auto it = values.find(key);
    return it == values.end() ? dflt : it->second;
  }
};

//===-- copy
//---------------------------------------------------------------===//

int runCopy(const Args &a) {
  size_t mib = static_cast<size_t>(a.num("mib", 256));
  unsigned threads = static_cast<unsigned>(a.num("threads", 1));
  int reps = static_cast<int>(a.num("repeat", 10));
  size_t n = mib * (1u << 20) / sizeof(float);
  std::vector<float> src(n), dst(n);
  // Touch both arrays from the threads that will copy them (first touch).
  auto work = [&](unsigned r, bool init) {
    size_t lo = n * r / threads, hi = n * (r + 1) / threads;
    if (init) {
      std::fill(src.begin() + lo, src.begin() + hi, 1.0f);
      std::fill(dst.begin() + lo, dst.begin() + hi, 0.0f);
    } else {
      std::memcpy(dst.data() + lo, src.data() + lo, (hi - lo) * sizeof(float));
    }
  };
  auto parallel = [&](bool init) {
    std::vector<std::thread> pool;
    for (unsigned r = 1; r < threads; ++r)
      pool.emplace_back(work, r, init);
    work(0, init);
    for (std::thread &t : pool)
      t.join();
  };
  parallel(true);
  std::vector<double> gbs;
  for (int k = 0; k < reps; ++k) {
    auto start = Clock::now();
    parallel(false);
    gbs.push_back(2.0 * n * sizeof(float) / secondsSince(start) / 1e9);
  }
  std::printf("copy_gb_per_s=%.3f mib=%zu threads=%u repeats=%d\n", median(gbs),
              mib, threads, reps);
  return 0;
}

std::unique_ptr<Engine> makeEngine(plan::Plan p) {
  std::string err;
  std::unique_ptr<Engine> e = Engine::create(std::move(p), err);
  if (!e)
    die("invalid benchmark plan: " + err);
  return e;
}

/// CPU seconds used by the whole process (all threads) so far. Brian2's
/// standalone timer is std::clock(), i.e. this, so reporting it too compares
/// like with like on a machine shared with other work (wall time then also
/// counts the time spent waiting for a core).
double processCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/// Runs `reps` times; returns the median wall seconds of Engine::run and, in
/// `cpuSeconds` (optional), the median process CPU seconds.
double timeRuns(const Engine &engine, const std::vector<Tensor> &inputs,
                const RunOptions &opts, int reps, RunResult &result,
                double *cpuSeconds = nullptr) {
  std::vector<double> secs, cpu;
  for (int k = 0; k < reps; ++k) {
    std::string err;
    double cpuStart = processCpuSeconds();
    auto start = Clock::now();
    if (!engine.run(inputs, opts, result, err))
      die("run failed: " + err);
    secs.push_back(secondsSince(start));
    cpu.push_back(processCpuSeconds() - cpuStart);
  }
  if (cpuSeconds)
    *cpuSeconds = median(cpu);
  return median(secs);
}

double totalSpikes(const RunResult &r, const std::string &node) {
  double spikes = bench::spikesOf(r, node);
  if (std::isnan(spikes))
    die("no spike statistics for node " + node);
  return spikes;
}

//===-- benchmark 1
//-----------------------------------------------------------===//

int runRandom(const Args &a) {
  int64_t n = static_cast<int64_t>(a.num("neurons", 1e5));
  int64_t fanout = static_cast<int64_t>(a.num("synapses", 1000));
  int64_t sources = static_cast<int64_t>(a.num("sources", 1000));
  int64_t inDegree = static_cast<int64_t>(a.num("input-synapses", 100));
  double rate = a.num("input-rate", 20.0), dt = a.num("dt", 1e-4);
  int64_t steps = static_cast<int64_t>(a.num("steps", 1000));
  int reps = static_cast<int>(a.num("repeat", 3));
  unsigned threads = static_cast<unsigned>(a.num("threads", 0));
  double tau = a.num("tau", 0.01), wIn = a.num("w-input", 0.06);
  double wExc = a.num("w-exc", 0.005), wInh = a.num("w-inh", -0.025);
  // dale: each neuron's outgoing synapses share its weight (BENCHMARKS.md's
  // network); synapse: each recurrent weight is also scaled by U(0.5, 1.5),
  // so no two columns' entries agree and every event streams its weight.
  std::string weights = a.str("weights", "dale");
  if (weights != "dale" && weights != "synapse")
    die("--weights is dale or synapse, not '" + weights + "'");
  std::vector<int64_t> batches;
  for (std::string s = a.str("batch", "1"); !s.empty();) {
    size_t comma = s.find(',');
    double b = parseNumber("batch", s.substr(0, comma));
    if (b < 1 || b != std::floor(b))
      die("--batch takes whole numbers >= 1, got '" + s.substr(0, comma) + "'");
    batches.push_back(static_cast<int64_t>(b));
    s = comma == std::string::npos ? "" : s.substr(comma + 1);
  }
  std::mt19937_64 rng(static_cast<uint64_t>(a.num("seed", 1)));

  bench::RandomNetwork net;
  net.neurons = n;
  net.fanout = fanout;
  net.sources = sources;
  net.inDegree = inDegree;
  net.dt = dt;
  net.tau = tau;
  net.wIn = wIn;
  net.wExc = wExc;
  net.wInh = wInh;
  net.synapseWeights = weights == "synapse";
  auto build = Clock::now();
  plan::Plan p = bench::randomNetworkPlan(net, rng);
  std::unique_ptr<Engine> engine = makeEngine(std::move(p));
  double buildSeconds = secondsSince(build);

  for (int64_t batch : batches) {
    Tensor input({batch, steps, sources});
    std::bernoulli_distribution fire(rate * dt);
    for (float &v : input.data)
      v = fire(rng) ? 1.0f : 0.0f;
    double inputSpikes = 0;
    for (float v : input.data)
      inputSpikes += v;
    RunOptions opts;
    opts.threads = threads;
    RunResult result;
    // One untimed step builds the event-driven matrices for this team size
    // (a whole untimed run would double the cost of batch 64 at full size).
    auto prep = Clock::now();
    opts.steps = 1;
    timeRuns(*engine, {input}, opts, 1, result);
    opts.steps = -1;
    double firstSeconds = secondsSince(prep);
    double cpu = 0;
    double secs = timeRuns(*engine, {input}, opts, reps, result, &cpu);
    double spikes = totalSpikes(result, "lif");
    // Events = spikes x out-degree; the mean out-degree is the in-degree.
    double recEvents = spikes * fanout;
    double inEvents = inputSpikes * (double(n) * inDegree / sources);
    double events = recEvents + inEvents;
    // What the engine's event-driven matrices stream per event (8 would be a
    // 32-bit index and a 32-bit weight).
    double bytes = (recEvents * engine->eventBytesPerSynapse(2) +
                    inEvents * engine->eventBytesPerSynapse(1)) /
                   events;
    std::printf("bench=random neurons=%lld synapses=%lld batch=%lld "
                "steps=%lld threads=%u build_s=%.3f prepare_s=%.3f "
                "run_s=%.4f cpu_s=%.4f spikes=%.0f rate_hz=%.3f events=%.4g "
                "events_per_s=%.4g events_per_cpu_s=%.4g weights=%s "
                "bytes_per_event=%.3g\n",
                (long long)n, (long long)fanout, (long long)batch,
                (long long)steps, threads, buildSeconds, firstSeconds, secs,
                cpu, spikes, spikes / (double(n) * batch * steps * dt), events,
                events / secs, events / cpu, weights.c_str(), bytes);
    std::fflush(stdout);
  }
  return 0;
}

//===-- benchmark 2
//-----------------------------------------------------------===//

/// Mean firing rate (Hz) and mean ISI CV over neurons with >= 3 spikes, from
/// a (1, T, N) spike recording.
void firingStats(const Tensor &z, double dt, double &rate, double &cv) {
  int64_t steps = z.shape[1], n = z.shape[2];
  double spikes = 0, cvSum = 0;
  int64_t cvCount = 0;
  std::vector<double> times;
  for (int64_t k = 0; k < n; ++k) {
    times.clear();
    for (int64_t t = 0; t < steps; ++t)
      if (z.data[t * n + k] > 0)
        times.push_back(t * dt);
    spikes += times.size();
    if (times.size() < 3)
      continue;
    double mean = 0, sq = 0;
    size_t m = times.size() - 1;
    for (size_t j = 0; j < m; ++j)
      mean += times[j + 1] - times[j];
    mean /= m;
    for (size_t j = 0; j < m; ++j)
      sq += (times[j + 1] - times[j] - mean) * (times[j + 1] - times[j] - mean);
    cvSum += std::sqrt(sq / m) / mean;
    ++cvCount;
  }
  rate = spikes / (double(n) * steps * dt);
  cv = cvCount ? cvSum / cvCount : 0.0;
}

int runBalanced(const Args &a) {
  // Brian2's CUBA example (Vogels & Abbott 2005; Brette et al. 2007), in mV
  // relative to El; no refractory period (the plan's neuron has none; the
  // Brian2 peer drops it too).
  const int64_t n = 4000, ne = 3200;
  double dt = 1e-4, taum = 0.02, taue = 0.005, taui = 0.01;
  double vt = -50, vr = -60, el = -49, we = 60 * 0.27 / 10, wi = -20 * 4.5 / 10;
  double bio = a.num("seconds", 1.0);
  int64_t steps = static_cast<int64_t>(std::llround(bio / dt));
  int reps = static_cast<int>(a.num("repeat", 3));
  unsigned threads = static_cast<unsigned>(a.num("threads", 0));
  std::mt19937_64 rng(static_cast<uint64_t>(a.num("seed", 1)));

  plan::Plan p;
  p.set_format_version(1);
  p.set_name("bench_cuba");
  p.set_dt(dt);
  addNode(p, "v_init", n).mutable_input(); // 0: initial v at step 0
  p.add_inputs(0);
  // Connection probability 0.02 from each population, as connect(p=0.02).
  auto projection = [&](const std::string &name, int64_t lo, int64_t hi,
                        double w) {
    plan::Node &node = addNode(p, name, n);
    addOperand(node, 5, true, n);
    plan::SparseOp &sp = *node.mutable_sparse();
    std::bernoulli_distribution edge(0.02);
    sp.add_row_ptr(0);
    for (int64_t r = 0; r < n; ++r) {
      for (int64_t c = lo; c < hi; ++c)
        if (edge(rng)) {
          sp.add_col(static_cast<uint32_t>(c));
          sp.add_value(static_cast<float>(w));
        }
      sp.add_row_ptr(static_cast<uint32_t>(sp.col_size()));
    }
  };
  projection("exc_syn", 0, ne, we); // 1
  projection("inh_syn", ne, n, wi); // 2
  auto filter = [&](const std::string &name, uint32_t src, double tau) {
    plan::Node &node = addNode(p, name, n);
    addOperand(node, src, false, n);
    plainNeuron(node, false, static_cast<float>(std::exp(-dt / tau)), 1.0f);
  };
  filter("ge", 1, taue);                  // 3
  filter("gi", 2, taui);                  // 4
  plan::Node &lif = addNode(p, "lif", n); // 5
  addOperand(lif, 3, false, n);
  addOperand(lif, 4, false, n);
  addOperand(lif, 0, false, n);
  // Exponential Euler: v' = v e^(-dt/taum) + (ge + gi)(1 - e^(-dt/taum)).
  float decay = static_cast<float>(std::exp(-dt / taum));
  float gain = 1.0f - decay;
  plan::NeuronOp &op = plainNeuron(lif, true, decay, gain);
  setScalar(op.mutable_threshold(), static_cast<float>(vt - el));
  setScalar(op.mutable_v_reset(), static_cast<float>(vr - el));
  std::unique_ptr<Engine> engine = makeEngine(std::move(p));

  // v(0) = Vr + rand() (Vt - Vr), delivered as the step-0 input.
  Tensor init({1, 1, n});
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (float &v : init.data)
    v = static_cast<float>((vr + u(rng) * (vt - vr) - el) / gain);
  RunOptions opts;
  opts.threads = threads;
  opts.steps = steps;
  RunResult result;
  double cpu = 0;
  double secs = timeRuns(*engine, {init}, opts, reps, result, &cpu);
  opts.record = {"lif"};
  timeRuns(*engine, {init}, opts, 1, result);
  double rate, cv;
  firingStats(result.records.at("lif"), dt, rate, cv);
  std::printf("bench=cuba neurons=%lld bio_s=%.3f threads=%u run_s=%.4f "
              "cpu_s=%.4f s_per_bio_s=%.4f rate_hz=%.3f isi_cv=%.4f\n",
              (long long)n, bio, threads, secs, cpu, secs / bio, rate, cv);
  return 0;
}

//===-- benchmark 3
//-----------------------------------------------------------===//

int runPlan(const Args &a) {
  std::string path = a.str("file", "");
  plan::Plan p;
  std::string err;
  if (!loadPlanFile(path, p, err))
    die(err);
  std::unique_ptr<Engine> engine = makeEngine(std::move(p));
  int64_t batch = static_cast<int64_t>(a.num("batch", 1));
  int64_t steps = static_cast<int64_t>(a.num("steps", 100));
  int reps = static_cast<int>(a.num("repeat", 3));
  double density = a.num("density", 0.1);
  std::mt19937_64 rng(static_cast<uint64_t>(a.num("seed", 1)));
  std::vector<Tensor> inputs =
      randomSpikeInputs(engine->getPlan(), batch, steps, density, rng);
  RunOptions opts;
  opts.threads = static_cast<unsigned>(a.num("threads", 0));
  RunResult result;
  double secs = timeRuns(*engine, inputs, opts, reps, result);
  std::printf("bench=plan file=%s batch=%lld steps=%lld run_s=%.4f "
              "samples_per_s=%.2f\n",
              path.c_str(), (long long)batch, (long long)steps, secs,
              batch / secs);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help")) {
    std::printf(
        "usage: snn-runtime-bench copy|random|balanced|plan [--key value]...\n"
        "  copy     --mib 256 --threads 1 --repeat 10\n"
        "  random   --neurons 1e5 --synapses 1000 --sources 1000\n"
        "           --input-synapses 100 --input-rate 20 --steps 1000\n"
        "           --batch 1 (or a list: 1,8,64) --threads 0 --repeat 3 "
        "--seed 1\n"
        "           --weights dale|synapse --w-input 0.06 --w-exc 0.005\n"
        "           --w-inh -0.025 --tau 0.01 --dt 1e-4\n"
        "  balanced --seconds 1 --threads 0 --repeat 3 --seed 1\n"
        "  plan     --file F --batch 1 --steps 100 --density 0.1 --repeat 3\n"
        "           --threads 0 --seed 1\n"
        "Values shown are the defaults. Prints key=value lines; times are\n"
        "medians of --repeat runs.\n");
    return argc < 2;
  }
  Args a;
  for (int k = 2; k < argc; ++k) {
    if (std::strncmp(argv[k], "--", 2) || k + 1 >= argc)
      die(std::string("expected --key value, got '") + argv[k] + "'");
    a.values[argv[k] + 2] = argv[k + 1];
    ++k;
  }
  std::string cmd = argv[1];
  try {
    if (cmd == "copy")
      return runCopy(a);
    if (cmd == "random")
      return runRandom(a);
    if (cmd == "balanced")
      return runBalanced(a);
    if (cmd == "plan")
      return runPlan(a);
  } catch (const std::exception &e) {
    die(std::string("bad argument: ") + e.what());
  }
  die("unknown subcommand '" + cmd + "' (copy, random, balanced, plan)");
}
