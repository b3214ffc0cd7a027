#!/usr/bin/python3
"""Brian2 peer of the microcircuit plan (bench/runtime/BenchNetworks.cpp,
buildMicrocircuit): Potjans & Diesmann (2014) Table 5 with the plan's
simplifications, at a reduced scale, printing each population's rate over
the second half of the run as snn-gpu-bench --rates does.

  brian2_microcircuit.py DIR [--scale 0.1] [--indegree pairs|full]
      [--refractory-ms 0] [--multapses 1] [--gain 1] [--seconds 0.5]
      [--seed 1] [--v0 paper|subthreshold] [--delay-spread 0|1|2]

Model: LIF with exponential current synapses (tau_m 10 ms, tau_syn 0.5 ms,
C 250 pF, threshold 15 mV and reset 0 relative to rest), integrated exactly
(dt 0.1 ms); w 87.8 pA (sd 10 %, sign kept), g = -4, L4e -> L2/3e doubled;
delays 1.5 ms from excitatory, 0.8 ms from inhibitory sources; K_ext
independent 8 Hz Poisson sources per neuron; v0 ~ N(7, 10) mV above rest.

--indegree pairs: the plan's construction at this scale: pairs connect with
  probability p (in-degrees scale with --scale), each connected pair with a
  Poisson(-log(1-p)) >= 1 count of synapses (--multapses 0: one).
--indegree full: each neuron keeps the full-scale in-degree
  -log(1-p) N_source (the paper's K / N_target), sources drawn with
  replacement from the scaled population (as NEST's example when only the
  neuron count is scaled): the full model's input statistics, stronger
  correlations. --multapses 0: p N_source (the distinct pairs only).
--refractory-ms: the paper's 2 ms (the plan has none: 0).
--v0 subthreshold: v0 ~ U(0, 15) mV instead of N(7, 10) (21 % above
  threshold, which fire together in the first step).
--delay-spread 1: the paper's Gaussian delays (sd half the mean, redrawn
  below dt) per synapse instead of fixed 1.5 / 0.8 ms; 2: drawn the same way
  per source neuron (all its synapses share it), as the plan can express.
--gain: multiplies every synaptic weight (1.1035 reproduces the plan's
  earlier mem_gain, which held the current over each step).

DIR holds the generated C++ standalone project.
"""
import argparse
import math

import numpy as np
import brian2 as b2
from brian2 import ms, mV, pA, pF, Hz, second

NAMES = ["L23e", "L23i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"]
SIZES = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
PROB = [[0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
        [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
        [0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0],
        [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
        [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
        [0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0],
        [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
        [0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443]]
K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100]
PAPER_HZ = [0.971, 2.868, 4.746, 5.396, 8.142, 9.078, 0.991, 7.523]
W = 87.8  # pA


def connections(args, sizes, first, rng):
    """(pre, post, weight in pA) arrays for excitatory and inhibitory
    sources."""
    out = {True: ([], [], []), False: ([], [], [])}
    for a in range(8):
        for b in range(8):
            p = PROB[a][b]
            if p <= 0:
                continue
            exc = b % 2 == 0
            w = W * (2 if (a, b) == (0, 2) else 1) * (1 if exc else -4)
            lam = -math.log1p(-p)
            if args.indegree == "full":
                k = int(round((lam if args.multapses else p) * SIZES[b]))
                post = np.repeat(np.arange(sizes[a]), k)
                pre = rng.integers(0, sizes[b], size=post.size)
            else:
                conn = rng.random((sizes[a], sizes[b])) < p
                post, pre = np.nonzero(conn)
                if args.multapses:
                    count = rng.poisson(lam, size=post.size)
                    while (count == 0).any():  # Poisson given >= 1
                        zero = count == 0
                        count[zero] = rng.poisson(lam, size=zero.sum())
                    post, pre = np.repeat(post, count), np.repeat(pre, count)
            weight = w * (1 + 0.1 * rng.standard_normal(post.size))
            weight = np.maximum(weight, 0) if exc else np.minimum(weight, 0)
            lists = out[exc]
            lists[0].append(pre + first[b])
            lists[1].append(post + first[a])
            lists[2].append(weight * args.gain)
    return {exc: tuple(np.concatenate(x) for x in lists)
            for exc, lists in out.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--scale", type=float, default=0.1)
    ap.add_argument("--indegree", choices=["pairs", "full"], default="pairs")
    ap.add_argument("--refractory-ms", type=float, default=0.0)
    ap.add_argument("--multapses", type=int, choices=[0, 1], default=1)
    ap.add_argument("--gain", type=float, default=1.0)
    ap.add_argument("--seconds", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--delay-spread", type=int, choices=[0, 1, 2], default=0)
    ap.add_argument("--v0", choices=["paper", "subthreshold"], default="paper")
    args = ap.parse_args()

    b2.set_device("cpp_standalone", directory=args.dir)
    b2.prefs.core.default_float_dtype = np.float64
    b2.defaultclock.dt = 0.1 * ms
    b2.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    # Rounded half away from zero, as the builder's llround.
    sizes = [max(1, int(math.floor(n * args.scale + 0.5))) for n in SIZES]
    first = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n = sum(sizes)

    eqs = """dv/dt = -v / (10*ms) + I / (250*pF) : volt (unless refractory)
             dI/dt = -I / (0.5*ms) : amp"""
    G = b2.NeuronGroup(n, eqs, threshold="v > 15*mV", reset="v = 0*mV",
                       refractory=args.refractory_ms * ms, method="exact")
    v0 = 7 + 10 * rng.standard_normal(n)
    if args.v0 == "subthreshold":  # no synchronous volley at the start
        v0 = rng.uniform(0, 15, n)
    G.v = v0 * mV
    background = [b2.PoissonInput(G[first[a]:first[a] + sizes[a]], "I",
                                  K_EXT[a], 8 * Hz, weight=W * args.gain * pA)
                  for a in range(8)]
    syn, synapses = [], 0
    for exc, (pre, post, weight) in connections(args, sizes, first,
                                                rng).items():
        mean = 1.5 if exc else 0.75
        if args.delay_spread:
            S = b2.Synapses(G, G, "w : amp", on_pre="I_post += w")
        else:  # the plan's: 0.75 ms rounds to 8 steps
            S = b2.Synapses(G, G, "w : amp", on_pre="I_post += w",
                            delay=(1.5 if exc else 0.8) * ms)
        S.connect(i=pre.astype(np.int32), j=post.astype(np.int32))
        S.w = weight * pA
        if args.delay_spread:  # the paper's N(d, d / 2), redrawn below dt
            d = mean * (1 + 0.5 * rng.standard_normal(
                len(pre) if args.delay_spread == 1 else n))
            while (d < 0.1).any():
                low = d < 0.1
                d[low] = mean * (1 + 0.5 * rng.standard_normal(low.sum()))
            d = np.round(d / 0.1) * 0.1
            S.delay = (d if args.delay_spread == 1 else d[pre]) * ms
        syn.append(S)
        synapses += len(pre)
    M = b2.SpikeMonitor(G)
    net = b2.Network(G, M, *syn, *background)
    net.run(args.seconds * second)

    i, t = np.asarray(M.i), np.asarray(M.t / second)
    half = args.seconds / 2
    late = i[t >= half]
    rates = []
    for a in range(8):
        count = ((late >= first[a]) & (late < first[a] + sizes[a])).sum()
        rates.append(count / (sizes[a] * (args.seconds - half)))
    print("brian2 scale=%g indegree=%s multapses=%d refractory_ms=%g gain=%g "
          "delay_spread=%d v0=%s neurons=%d synapses=%d" % (
              args.scale, args.indegree, args.multapses, args.refractory_ms,
              args.gain, args.delay_spread, args.v0, n, synapses))
    print("population_rates_hz (brian2/paper, 2nd half of %g s):" %
          args.seconds + "".join(" %s=%.2f/%.2f" % (NAMES[a], rates[a],
                                                    PAPER_HZ[a])
                                 for a in range(8)))
    total = sum(r * s for r, s in zip(rates, sizes)) / n
    print("mean_rate_hz=%.2f" % total)


if __name__ == "__main__":
    main()
