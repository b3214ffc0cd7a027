#!/usr/bin/python3
"""The Brian2 peer of bench/runtime.sh: the same networks as snn-runtime-bench
in Brian2 C++ standalone mode. Prints key=value lines like the bench binary.

  brian2_peer.py random  DIR N SYNAPSES STEPS THREADS REPEAT [WEIGHTS]
  brian2_peer.py cuba    DIR SECONDS THREADS REPEAT

DIR keeps the generated C++ project, so a rerun with the same network only
recompiles what changed. Run time is Brian2's own measurement of the
simulation loop (results/last_run_info.txt), not compilation or synapse
creation; the compiled binary is rerun REPEAT times and the median reported.
Brian2 measures it with std::clock(): CPU seconds of all its threads, which
for one thread (THREADS = 0: no OpenMP) is at most its wall time.
"""
import os
import subprocess
import sys
import time

import numpy as np
import brian2 as b2
from brian2 import ms, mV, second, Hz


def timed_reruns(project, repeat):
    """Median run time over the first run and REPEAT - 1 reruns of main."""
    times = [b2.device._last_run_time]
    for _ in range(repeat - 1):
        subprocess.run(["./main"], cwd=project, check=True,
                       stdout=subprocess.DEVNULL)
        with open(os.path.join(project, "results", "last_run_info.txt")) as f:
            times.append(float(f.read().split()[0]))
    return float(np.median(times))


def setup(project, threads):
    b2.set_device("cpp_standalone", directory=project, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = threads
    b2.prefs.core.default_float_dtype = np.float64  # Brian2's default
    b2.defaultclock.dt = 0.1 * ms
    b2.seed(1)


def random_network(project, n, synapses, steps, threads, repeat, weights):
    """Benchmark 1 (see runtime_bench.cpp runRandom): delta-synapse LIF,
    tau 10 ms, threshold 1, reset 0; 1000 Poisson sources at 20 Hz, 100
    input synapses per neuron (w 0.06); recurrent out-degree SYNAPSES, 80 %
    excitatory (w 0.005) and 20 % inhibitory (w -0.025), per-synapse weights
    (a synapse variable, read per event); WEIGHTS "synapse" also scales each
    recurrent weight by U(0.5, 1.5), as `snn-runtime-bench --weights synapse`.
    """
    setup(project, threads)
    sources, in_degree = 1000, 100
    G = b2.NeuronGroup(n, "dv/dt = -v / (10*ms) : 1", threshold="v > 1",
                       reset="v = 0", method="exact")
    P = b2.PoissonGroup(sources, rates=20 * Hz)
    S_in = b2.Synapses(P, G, "w : 1", on_pre="v += w", delay=0 * ms)
    S_in.connect(j="k for k in sample(N_post, p=%g)" % (in_degree / sources))
    S_in.w = 0.06
    S = b2.Synapses(G, G, "w : 1", on_pre="v += w", delay=0 * ms)
    S.connect(j="k for k in sample(N_post, p=%g)" % (synapses / n))
    S.w = "(0.005 * int(i < %d) - 0.025 * int(i >= %d))%s" % (
        n * 4 // 5, n * 4 // 5,
        " * (0.5 + rand())" if weights == "synapse" else "")
    M = b2.SpikeMonitor(G, record=False)
    MP = b2.SpikeMonitor(P, record=False)
    net = b2.Network(G, P, S_in, S, M, MP)
    net.run(steps * b2.defaultclock.dt)
    start = time.time()
    b2.device.build(directory=project, compile=True, run=True, debug=False)
    build_s = time.time() - start
    run_s = timed_reruns(project, repeat)
    spikes = int(M.num_spikes)
    events = spikes * synapses + int(MP.num_spikes) * in_degree * n / sources
    bio = steps * 1e-4
    print("bench=random peer=brian2 neurons=%d synapses=%d steps=%d "
          "threads=%d build_and_first_run_s=%.2f run_s=%.4f spikes=%d "
          "rate_hz=%.3f events=%.4g events_per_s=%.4g weights=%s "
          "bytes_per_event=16"
          % (n, synapses, steps, threads, build_s, run_s, spikes,
             spikes / (n * bio), events, events / run_s, weights))


def firing_stats(i, t, n, seconds):
    """Mean rate and mean ISI CV over neurons with >= 3 spikes (as the bench
    binary computes them)."""
    order = np.lexsort((t, i))
    i, t = i[order], t[order]
    cvs = []
    for k in np.unique(i):
        tk = t[i == k]
        if len(tk) >= 3:
            isi = np.diff(tk)
            cvs.append(isi.std() / isi.mean())
    return len(t) / (n * seconds), float(np.mean(cvs)) if cvs else 0.0


def cuba(project, seconds, threads, repeat):
    """Brian2's CUBA example without the refractory period (the plan's
    neuron has none)."""
    setup(project, threads)
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    P = b2.NeuronGroup(4000, eqs, threshold="v>Vt", reset="v = Vr",
                       method="exact")
    P.v = "Vr + rand() * (Vt - Vr)"
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    Ce = b2.Synapses(P, P, on_pre="ge += we")
    Ci = b2.Synapses(P, P, on_pre="gi += wi")
    Ce.connect("i<3200", p=0.02)
    Ci.connect("i>=3200", p=0.02)
    M = b2.SpikeMonitor(P)
    net = b2.Network(P, Ce, Ci, M)
    net.run(seconds * second)
    b2.device.build(directory=project, compile=True, run=True, debug=False)
    run_s = timed_reruns(project, repeat)
    rate, cv = firing_stats(np.asarray(M.i), np.asarray(M.t / second), 4000,
                            seconds)
    print("bench=cuba peer=brian2 neurons=4000 bio_s=%.3f threads=%d "
          "run_s=%.4f s_per_bio_s=%.4f rate_hz=%.3f isi_cv=%.4f"
          % (seconds, threads, run_s, run_s / seconds, rate, cv))


def main(argv):
    if len(argv) < 2 or argv[1] not in ("random", "cuba"):
        sys.exit(__doc__)
    if argv[1] == "random":
        project, n, syn, steps, threads, repeat = argv[2:8]
        weights = argv[8] if len(argv) > 8 else "dale"
        if weights not in ("dale", "synapse"):
            sys.exit("WEIGHTS is dale or synapse, not %r" % weights)
        random_network(project, int(float(n)), int(syn), int(steps),
                       int(threads), int(repeat), weights)
    else:
        project, seconds, threads, repeat = argv[2:6]
        cuba(project, float(seconds), int(threads), int(repeat))


if __name__ == "__main__":
    main(sys.argv)
