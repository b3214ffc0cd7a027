//===- partition_bench.cpp - Mapping at scale: ours vs METIS vs fill ------===//
//
// BENCHMARKS.md item 4. For each graph (random, locally connected sheet),
// size and core style (Loihi: 1024 neurons, 4096 input axons per core;
// SpiNNaker: 256 neurons per core) it runs our partitioner, METIS k-way with
// the same number of parts, and the sequential fill, and prints wall and CPU
// time, peak RSS, cores against the lower bound, inter-core traffic (multicast
// packets per step, see Partition.h), the busiest mesh link of the placed
// Loihi cores and the largest per-core fan-in.
//
// Each run happens in a forked child so that its peak RSS (wait4) is its
// own: input graph + algorithm, not the high-water mark of earlier runs.
// METIS's time is the METIS_PartGraphKway call only; building its undirected
// input is not charged to it.
//
//===----------------------------------------------------------------------===//
#include "targets/common/partition/Partition.h"
#include "targets/common/partition/Place.h"
#include "targets/common/partition/SyntheticGraphs.h"

#ifdef SNN_HAVE_METIS
#include <metis.h>
#endif

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace snn::mapping;

namespace {

struct Run {
  bool ok = false;
  double seconds = 0;
  double traffic = 0;
  int32_t cores = 0;
  int64_t maxFanIn = 0;
  int64_t maxNeurons = 0;
  double rssMiB = 0;
  /// User + system CPU seconds of the timed call, all its threads: on a
  /// shared machine wall time grows with the load, CPU time much less.
  double cpuSeconds = 0;
  double maxLink = -1; ///< Busiest mesh link (packets/step), -1: no mesh.
};

/// The mesh the current target's cores are placed on (null: none modelled).
const MeshShape *currentMesh = nullptr;

/// Runs `body` in a child process; the child fills a Run (all but RSS) and
/// sends it back through a pipe. The child's peak RSS comes from wait4.
Run runInChild(const std::function<Run()> &body, unsigned timeoutSeconds) {
  int fds[2];
  if (pipe(fds) != 0)
    return {};
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    alarm(timeoutSeconds); // SIGALRM ends a run that takes too long.
    Run r = body();
    ssize_t w = write(fds[1], &r, sizeof r);
    _exit(w == static_cast<ssize_t>(sizeof r) ? 0 : 1);
  }
  close(fds[1]);
  Run r;
  ssize_t got = read(fds[0], &r, sizeof r);
  close(fds[0]);
  int status = 0;
  struct rusage usage;
  wait4(pid, &status, 0, &usage);
  if (got != static_cast<ssize_t>(sizeof r) || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0)
    return {};
  r.rssMiB = usage.ru_maxrss / 1024.0; // Linux reports KiB.
  return r;
}

Run summarize(const NeuronGraph &g, const PartitionResult &p, double seconds,
              double cpuSeconds) {
  Run r;
  if (currentMesh) {
    // Placed as snn-map places Loihi cores; not part of the timed work.
    std::vector<CoreLink> flows = coreFlows(g, p.coreOf);
    Placement placement = placeCores(p.numCores, flows, *currentMesh);
    r.maxLink = linkLoad(*currentMesh, flows, placement.slotOf).maxPackets;
  }
  r.ok = true;
  r.seconds = seconds;
  r.cpuSeconds = cpuSeconds;
  r.traffic = p.interCoreTraffic;
  r.cores = p.numCores;
  for (int64_t f : p.fanInPerCore)
    r.maxFanIn = std::max(r.maxFanIn, f);
  for (int64_t n : p.neuronsPerCore)
    r.maxNeurons = std::max(r.maxNeurons, n);
  return r;
}

/// CPU seconds used so far by this process, all threads.
double cpuNow() {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec +
         1e-6 * (u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// Median over `reps` child runs (by time; metrics are deterministic).
Run median(int reps, const std::function<Run()> &body,
           unsigned timeoutSeconds = 0) {
  std::vector<Run> runs;
  for (int i = 0; i < reps; ++i) {
    Run r = runInChild(body, timeoutSeconds);
    if (!r.ok)
      return r;
    runs.push_back(r);
  }
  std::sort(runs.begin(), runs.end(),
            [](const Run &a, const Run &b) { return a.seconds < b.seconds; });
  Run m = runs[runs.size() / 2];
  for (const Run &r : runs)
    m.rssMiB = std::max(m.rssMiB, r.rssMiB);
  return m;
}

#ifdef SNN_HAVE_METIS
/// Imbalance (in 1/1000) for METIS: its usual 3%, less where that would let
/// a part hold more neurons than a core (`cap`), at least 1 (its smallest).
idx_t metisUfactor(int64_t n, int32_t parts, int64_t cap) {
  double allowed = double(cap) * parts / double(n) - 1.0;
  return static_cast<idx_t>(
      std::clamp<double>(std::floor(allowed * 1000.0), 1.0, 30.0));
}

/// METIS wants an undirected graph without self loops or duplicates; edge
/// weight = rate-weighted synapses in both directions (x100, integral).
Run runMetis(const NeuronGraph &g, int32_t parts, int64_t neuronCap) {
  int64_t n = g.numNeurons;
  std::vector<idx_t> xadj(n + 1, 0);
  for (int64_t u = 0; u < n; ++u)
    for (int64_t e = g.rowPtr[u]; e < g.rowPtr[u + 1]; ++e)
      if (g.col[e] != u) {
        ++xadj[u + 1];
        ++xadj[g.col[e] + 1];
      }
  for (int64_t u = 0; u < n; ++u)
    xadj[u + 1] += xadj[u];
  std::vector<std::pair<idx_t, idx_t>> entries(xadj[n]);
  {
    std::vector<idx_t> pos(xadj.begin(), xadj.end() - 1);
    for (int64_t u = 0; u < n; ++u) {
      idx_t w = static_cast<idx_t>(std::lround(100.0 * g.rate[u]));
      for (int64_t e = g.rowPtr[u]; e < g.rowPtr[u + 1]; ++e) {
        int32_t v = g.col[e];
        if (v == u)
          continue;
        entries[pos[u]++] = {v, w};
        entries[pos[v]++] = {static_cast<idx_t>(u), w};
      }
    }
  }
  std::vector<idx_t> adjncy, adjwgt, cxadj(n + 1, 0);
  adjncy.reserve(entries.size());
  adjwgt.reserve(entries.size());
  for (int64_t u = 0; u < n; ++u) {
    auto b = entries.begin() + xadj[u], e = entries.begin() + xadj[u + 1];
    std::sort(b, e);
    for (auto it = b; it != e; ++it) {
      if (it != b && it->first == (it - 1)->first)
        adjwgt.back() += it->second;
      else {
        adjncy.push_back(it->first);
        adjwgt.push_back(it->second);
      }
    }
    cxadj[u + 1] = static_cast<idx_t>(adjncy.size());
  }
  entries = {};
  xadj = {};
  idx_t nvtxs = static_cast<idx_t>(n), ncon = 1, nparts = parts, objval = 0;
  idx_t options[METIS_NOPTIONS];
  METIS_SetDefaultOptions(options);
  options[METIS_OPTION_OBJTYPE] = METIS_OBJTYPE_CUT;
  // The same hard neuron capacity as ours: METIS allows parts up to
  // (1 + ufactor / 1000) x N / parts; a fixed 3% would let it use more
  // neurons per core than the chip has when parts are full.
  options[METIS_OPTION_UFACTOR] = metisUfactor(n, parts, neuronCap);
  options[METIS_OPTION_SEED] = 1;
  std::vector<idx_t> part(n, 0);
  double t0 = now(), c0 = cpuNow();
  int status =
      parts > 1
          ? METIS_PartGraphKway(&nvtxs, &ncon, cxadj.data(), adjncy.data(),
                                nullptr, nullptr, adjwgt.data(), &nparts,
                                nullptr, nullptr, options, &objval, part.data())
          : METIS_OK;
  double seconds = now() - t0, cpu = cpuNow() - c0;
  if (status != METIS_OK)
    return {};
  std::vector<int32_t> coreOf(part.begin(), part.end());
  return summarize(g, evaluate(g, std::move(coreOf)), seconds, cpu);
}
#endif

struct Target {
  const char *name;
  CoreCapacity capacity;
};

struct Ratios {
  std::vector<double> trafficVsMetis, trafficVsFill, timeVsMetis, coresVsLB;
};

double geomean(const std::vector<double> &v) {
  if (v.empty())
    return NAN;
  double s = 0;
  for (double x : v)
    s += std::log(std::max(x, 1e-12));
  return std::exp(s / v.size());
}

void printRow(const char *method, const Run &r, int64_t lowerBound) {
  if (!r.ok) {
    std::printf("  %-8s failed\n", method);
    return;
  }
  std::printf("  %-8s %9.3f s (cpu %8.3f s) %8.0f MiB %7d cores (LB %6lld) "
              "traffic %12.0f  max link %9.0f  max fan-in %6lld  max neurons "
              "%5lld\n",
              method, r.seconds, r.cpuSeconds, r.rssMiB, r.cores,
              static_cast<long long>(lowerBound), r.traffic, r.maxLink,
              static_cast<long long>(r.maxFanIn),
              static_cast<long long>(r.maxNeurons));
}

} // namespace

int main(int argc, char **argv) {
  std::vector<int64_t> sizes = {10000, 100000, 1000000};
  std::vector<std::string> graphs = {"random", "local"};
  int fanOut = 100;
  unsigned metisTimeout = 600;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick"))
      sizes = {10000, 100000};
    else if (!std::strcmp(argv[i], "--sizes") && i + 1 < argc) {
      sizes.clear();
      for (char *s = std::strtok(argv[++i], ","); s;
           s = std::strtok(nullptr, ","))
        sizes.push_back(static_cast<int64_t>(std::atof(s)));
    } else if (!std::strcmp(argv[i], "--metis-timeout") && i + 1 < argc) {
      metisTimeout = static_cast<unsigned>(std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--graphs") && i + 1 < argc) {
      graphs.clear();
      for (char *s = std::strtok(argv[++i], ","); s;
           s = std::strtok(nullptr, ","))
        graphs.push_back(s);
    } else {
      std::fprintf(stderr,
                   "usage: %s [--quick] [--sizes 1e4,1e5] "
                   "[--graphs random,local] [--metis-timeout SECONDS]\n",
                   argv[0]);
      return 2;
    }
  }
  const Target targets[] = {{"loihi", {1024, 4096, 0, 0}},
                            {"spinnaker", {256, 0, 0, 0}}};
#ifndef SNN_HAVE_METIS
  (void)metisTimeout;
#endif
#ifdef SNN_HAVE_METIS
  std::printf(
      "peer: METIS_PartGraphKway (objtype cut, same number of parts "
      "as ours, imbalance 3%% or less so a part fits a core's neurons)\n");
#else
  std::printf("peer: METIS unavailable (built without libmetis-dev); "
              "METIS columns skipped\n");
#endif
  std::printf("graphs: %d synapses per neuron; local = 2-D sheet, posts "
              "within radius 7\n\n",
              fanOut);
  Ratios ratios;
  for (const std::string &kind : graphs) {
    for (int64_t n : sizes) {
      NeuronGraph g = kind == "random" ? makeRandomGraph(n, fanOut, 42)
                                       : makeSheetGraph(n, fanOut, 7, 42);
      int reps = n < 1000000 ? 3 : 1;
      for (const Target &t : targets) {
        // Loihi cores sit on 8x16 meshes (as snn-map places them);
        // SpiNNaker routes are the emitted tables, not modelled here.
        static const MeshShape loihiMesh;
        currentMesh = std::string(t.name) == "loihi" ? &loihiMesh : nullptr;
        PartitionOptions options;
        options.capacity = t.capacity;
        int64_t lb = (n + t.capacity.neurons - 1) / t.capacity.neurons;
        std::printf("%s n=%lld %s (%lld synapses, %d run%s)\n", kind.c_str(),
                    static_cast<long long>(n), t.name,
                    static_cast<long long>(g.col.size()), reps,
                    reps > 1 ? "s, median" : "");
        auto timed = [&](auto fn) {
          return [&g, &options, fn]() {
            PartitionResult p;
            std::string err;
            double t0 = now(), c0 = cpuNow();
            bool ok = fn(g, options, p, err);
            double seconds = now() - t0, cpu = cpuNow() - c0;
            if (!ok) {
              std::fprintf(stderr, "error: %s\n", err.c_str());
              return Run();
            }
            return summarize(g, p, seconds, cpu);
          };
        };
        Run ours = median(reps, timed(partition));
        Run fill = median(reps, timed(sequentialFill));
        printRow("ours", ours, lb);
        Run metis;
#ifdef SNN_HAVE_METIS
        if (ours.ok) {
          int32_t parts = ours.cores;
          int64_t cap = t.capacity.neurons;
          metis = median(
              reps, [&g, parts, cap]() { return runMetis(g, parts, cap); },
              metisTimeout);
          if (metis.ok)
            printRow("metis", metis, lb);
          else
            std::printf("  metis    no result (failed or over %us; "
                        "--metis-timeout)\n",
                        metisTimeout);
        }
#endif
        printRow("fill", fill, lb);
        if (ours.ok && metis.ok) {
          double tr = metis.traffic > 0 ? ours.traffic / metis.traffic : 1.0;
          double tm = ours.seconds / std::max(metis.seconds, 1e-9);
          std::printf("  ours/metis: traffic %.3f  time %.2f  max fan-in "
                      "%.3f",
                      tr, tm,
                      double(ours.maxFanIn) /
                          std::max<int64_t>(1, metis.maxFanIn));
          if (ours.maxLink >= 0)
            std::printf("  max link %.3f",
                        ours.maxLink / std::max(metis.maxLink, 1.0));
          std::printf("\n");
          ratios.trafficVsMetis.push_back(tr);
          ratios.timeVsMetis.push_back(tm);
        }
        if (ours.ok && fill.ok) {
          double tf = fill.traffic > 0 ? ours.traffic / fill.traffic : 1.0;
          std::printf("  ours/fill:  traffic %.3f  cores %d vs %d", tf,
                      ours.cores, fill.cores);
          if (ours.maxLink >= 0)
            std::printf("  max link %.3f",
                        ours.maxLink / std::max(fill.maxLink, 1.0));
          std::printf("\n");
          ratios.trafficVsFill.push_back(tf);
        }
        if (ours.ok)
          ratios.coresVsLB.push_back(double(ours.cores) / lb);
        std::printf("\n");
      }
    }
  }
  auto worst = [](const std::vector<double> &v) {
    return v.empty() ? NAN : *std::max_element(v.begin(), v.end());
  };
  std::printf("summary: traffic ours/metis geomean %.3f (worst %.3f), "
              "ours/fill geomean %.3f (worst %.3f), time ours/metis geomean "
              "%.2f, cores/lower bound worst %.3f, %zu cases\n",
              geomean(ratios.trafficVsMetis), worst(ratios.trafficVsMetis),
              geomean(ratios.trafficVsFill), worst(ratios.trafficVsFill),
              geomean(ratios.timeVsMetis), worst(ratios.coresVsLB),
              ratios.coresVsLB.size());
  return 0;
}
