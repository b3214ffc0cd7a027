#!/usr/bin/env bash
# Runtime benchmarks (shared/design/BENCHMARKS.md items 1, 2, 3 and 5): the
# CPU engine (snn-runtime-bench) against Brian2 C++ standalone on the same
# networks in the same run, plus the copy bandwidth that bounds both.
#
#   bench/runtime.sh [--quick] [--threads N] [--repeat R] [--peer-threads P]
#
# Builds nothing: build snn-runtime-bench (and snn-run for benchmark 3) in
# $SNN_BUILD (default build/). Brian2 comes from python3-brian
# (scripts/setup.sh --bench installs it); without it the peer columns say
# why they are missing. --quick (measured: 52 s on the idle 2-core machine
# once Brian2's projects and the plans are cached in $SNN_BUILD/bench-runtime,
# 66 s with nothing cached) runs benchmark 1 at full size (1e5 neurons) for
# 500 steps at batch 1, 0.2 biological seconds of benchmark 2, batch 1 and 16
# for benchmark 3, and one run of the peer.
# Benchmark 1 runs twice: with per-synapse weights (each recurrent weight
# scaled by U(0.5, 1.5)) and with BENCHMARKS.md's network, where a neuron's
# synapses share its weight; the latter makes the last line.
# Brian2 runs single-threaded (no OpenMP) unless --peer-threads says
# otherwise; its loop timer is then std::clock(), its CPU time, at most its
# wall time. (With OpenMP it reports omp_get_wtime(); 2 threads were no
# faster on the idle machine and far slower on a loaded one.)
# The last line is
#   ratio_vs_brian2=<benchmark 1 events/s, ours batch 1 / Brian2> bandwidth_fraction=<ours batch 1>
# where ours is wall time with N threads and Brian2's is its own timer, and
# the fraction counts the bytes per event our event matrices stream.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${SNN_BUILD:-build}"
BENCH="$BUILD/bin/snn-runtime-bench"
RUN="$BUILD/bin/snn-run"
PY=/usr/bin/python3
quick=0
threads=$(nproc)
repeat=3
peer_threads=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --threads) threads="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --peer-threads) peer_threads="$2"; shift ;;
    *) echo "runtime.sh: unknown argument '$1' (--quick, --threads N, --repeat R, --peer-threads P)" >&2; exit 2 ;;
  esac
  shift
done
if [ ! -x "$BENCH" ]; then
  echo "runtime.sh: $BENCH not found; build the snn-runtime-bench target (SNN_BUILD=$BUILD)" >&2
  exit 1
fi
peer=1
if ! "$PY" -c 'import brian2' 2>/dev/null; then
  peer=0
  echo "runtime.sh: Brian2 not importable by $PY (install python3-brian: scripts/setup.sh --bench); peer skipped"
fi
if [ $quick = 1 ]; then
  neurons=100000; batches=1; steps=500; cuba_s=0.2; plan_batches="1 16"
  peer_repeat=1
else
  neurons=100000; batches=1,8,64; steps=1000; cuba_s=1; plan_batches="1 8 64 256"
  peer_repeat=$repeat
fi
work="$BUILD/bench-runtime"
mkdir -p "$work"
# Wall seconds since the previous lap, printed after each section.
lap_start=$SECONDS
lap() { echo "-- $1 took $((SECONDS - lap_start)) s"; lap_start=$SECONDS; }
field() { sed -n "s/\(^\|.* \)$1=\([^ ]*\).*/\2/p" | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "nan" }'; }

echo "== conditions: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), threads=$threads, repeat=$repeat (medians), Brian2 OpenMP threads=$peer_threads (0: none)"

echo "== copy bandwidth (STREAM-like, read + write bytes)"
copy=$("$BENCH" copy --mib 256 --threads "$threads" --repeat 10)
echo "$copy"
bw=$(echo "$copy" | field copy_gb_per_s)

echo "== benchmark 1: random network, $neurons neurons x 1000 synapses, Poisson input, dt 0.1 ms, $steps steps"
# One weight variant: ours at every batch size in $2, the peer once (its
# per-event cost has no batch dimension), ratios per batch. Sets eps1 and
# bytes1 (ours at batch 1: events/s and bytes streamed per event) and
# brian_eps (0 without the peer).
bench1() {
  local weights=$1 ours brian b
  ours=$("$BENCH" random --neurons "$neurons" --synapses 1000 --steps $steps \
    --batch "$2" --threads "$threads" --repeat "$repeat" --weights "$weights")
  echo "$ours"
  eps1=$(echo "$ours" | grep ' batch=1 ' | field events_per_s)
  bytes1=$(echo "$ours" | grep ' batch=1 ' | field bytes_per_event)
  brian_eps=0
  [ $peer = 1 ] || return 0
  brian=$("$PY" bench/runtime/brian2_peer.py random \
    "$work/brian2_random_${neurons}_${steps}_${weights}_t$peer_threads" \
    "$neurons" 1000 $steps "$peer_threads" "$peer_repeat" "$weights" \
    2>"$work/brian2_random_$weights.log" | grep '^bench=') \
    || { echo "brian2 failed, see $work/brian2_random_$weights.log"; return 0; }
  echo "$brian"
  brian_eps=$(echo "$brian" | field events_per_s)
  echo "$ours" | while read -r line; do
    b=$(echo "$line" | field batch)
    echo "ratio weights=$weights batch=$b events_per_s ours(wall)/brian2(batch 1, its CPU time)=$(ratio "$(echo "$line" | field events_per_s)" "$brian_eps")" \
      "per CPU second ours/brian2=$(ratio "$(echo "$line" | field events_per_cpu_s)" "$brian_eps")"
  done
  echo "firing rate (Hz), weights=$weights: ours=$(echo "$ours" | grep ' batch=1 ' | field rate_hz) brian2=$(echo "$brian" | field rate_hz)"
}
# Fraction of the copy bandwidth that $1 events/s at $2 bytes per event use.
bwfrac() { awk -v e="$1" -v b="$2" -v bw="$bw" 'BEGIN { printf "%.4f", e * b / (bw * 1e9) }'; }

# Per-synapse weights: every event streams its weight (6 B per event).
bench1 synapse 1
ratio_synapse=$([ $peer = 1 ] && ratio "$eps1" "$brian_eps" || echo nan)
echo "bandwidth, weights=synapse: ours batch 1 moves $bytes1 B per event, $(bwfrac "$eps1" "$bytes1") of the copy bandwidth ($(bwfrac "$eps1" 8) at 8 B per event)"
# BENCHMARKS.md's network: each neuron's outgoing synapses share its weight,
# which our event matrices then store once per neuron (2 B per event). Its
# batch-1 figures make the last line.
bench1 dale "$batches"
ours1=$eps1
frac=$(bwfrac "$eps1" "$bytes1")
lap "benchmark 1"
echo "bandwidth: ${bw} GB/s; weights=dale: ours batch 1 moves $bytes1 B per event, $frac of it ($(bwfrac "$eps1" 8) at 8 B per event, BENCHMARKS.md's reference: limit $(awk -v bw="$bw" 'BEGIN { printf "%.4g", bw * 1e9 / 8 }') events/s)"
echo "ratio_vs_brian2 with per-synapse weights (weights=synapse, batch 1): $ratio_synapse"

echo "== benchmark 2: CUBA balanced network, 4000 LIF, p = 0.02, $cuba_s s"
cuba=$("$BENCH" balanced --seconds "$cuba_s" --threads "$threads" --repeat "$repeat")
echo "$cuba"
if [ $peer = 1 ]; then
  bcuba=$("$PY" bench/runtime/brian2_peer.py cuba "$work/brian2_cuba_t$peer_threads" "$cuba_s" \
    "$peer_threads" "$peer_repeat" 2>"$work/brian2_cuba.log" | grep '^bench=') \
    || { echo "brian2 failed, see $work/brian2_cuba.log"; bcuba=""; }
  echo "$bcuba"
  r1=$(echo "$cuba" | field rate_hz); r2=$(echo "$bcuba" | field rate_hz)
  c1=$(echo "$cuba" | field isi_cv); c2=$(echo "$bcuba" | field isi_cv)
  echo "s_per_bio_s ratio brian2/ours=$(ratio "$(echo "$bcuba" | field s_per_bio_s)" "$(echo "$cuba" | field s_per_bio_s)")"
  awk -v r1="$r1" -v r2="$r2" -v c1="$c1" -v c2="$c2" 'BEGIN {
    dr = (r2 > 0) ? (r1 - r2) / r2 : 1; if (dr < 0) dr = -dr
    dc = c1 - c2; if (dc < 0) dc = -dc
    ok = (dr <= 0.2 && dc <= 0.15)
    printf "tolerance (rate within 20%%, ISI CV within 0.15): rate %.2f vs %.2f Hz (%.1f%%), CV %.3f vs %.3f: %s\n",
      r1, r2, 100 * dr, c1, c2, ok ? "PASS" : "FAIL" }'
  echo "note: ours integrates v by exponential Euler with ge, gi held over the step; Brian2 integrates the linear system exactly; neither has the example's 5 ms refractory period"
fi

lap "benchmark 2"

echo "== benchmark 3: real models (samples/s; random spike inputs at density 0.1)"
if [ -x "$RUN" ]; then
  data=../shared/data/nir
  [ -d "$data" ] || data=/work/shared/data/nir
  for model in braille/braille_noDelay_bias_zero.nir cnn/cnn_sinabs.nir; do
    name=$(basename "$model" .nir)
    [ -f "$data/$model" ] || { echo "skipped $name: $data/$model not found"; continue; }
    # Emitting the plan needs a run; a one-step zero input is enough.
    if ! "$PY" - "$data/$model" "$work/$name.in.npy" <<'EOF' 2>/dev/null; then
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
shape = [int(d) for d in f["node/nodes/input/shape"][()]] if "input" in f["node/nodes"] else None
np.save(sys.argv[2], np.zeros([1, 1] + shape, dtype=np.float32))
EOF
      echo "skipped $name: cannot read its input shape"; continue
    fi
    for mode in float loihi spinnaker speck; do
      planfile="$work/$name.$mode.pb"
      log="$work/$name.$mode.log"
      targ=(); [ $mode = float ] || targ=(--target "$mode")
      # Speck's neurons reset by subtraction (sinabs' IAF).
      [ $mode = speck ] && targ+=(--nir-reset=subtract)
      # Compiling a plan takes seconds: keep the plan, or the refusal, while
      # it is newer than snn-run and the model.
      fresh() { [ -s "$1" ] && [ "$1" -nt "$RUN" ] && [ "$1" -nt "$data/$model" ]; }
      if fresh "$planfile"; then
        :
      elif fresh "$log" && [ ! -e "$planfile" ]; then
        echo "skipped $name $mode: $(tail -1 "$log")"; continue
      elif ! "$RUN" "$data/$model" --input "$work/$name.in.npy" "${targ[@]}" --emit-plan "$planfile" --quiet >"$log" 2>&1; then
        rm -f "$planfile"
        echo "skipped $name $mode: $(tail -1 "$log")"; continue
      fi
      for b in $plan_batches; do
        echo "$("$BENCH" plan --file "$planfile" --batch "$b" --steps 100 --threads "$threads" --repeat "$repeat") mode=$mode"
      done
    done
  done
else
  echo "skipped: $RUN not built"
fi

lap "benchmark 3"

echo "== benchmark 5: GPU (CUDA engine; snn-gpu-bench)"
# Per-step times are medians over 1024-step chunks after the first (uploads
# and graph capture excluded); the limit is the copy kernel's bandwidth on
# the same GPU. Needs a GPU (nvidia-smi -L) and a build with nvcc.
GPU_BENCH="$BUILD/bin/snn-gpu-bench"
gpu_frac=nan
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "skipped: no GPU"
elif [ ! -x "$GPU_BENCH" ]; then
  echo "skipped: built without CUDA ($GPU_BENCH not found; build the snn-gpu-bench target with nvcc present)"
elif copy=$("$GPU_BENCH" copy --mib 1024 --repeat 20) && [ "${copy#skipped:}" != "$copy" ]; then
  echo "$copy (nvidia-smi -L: $(nvidia-smi -L | head -1))"
else
  nvidia-smi -L
  echo "$copy"
  # Benchmark 1's network at 1e5 and 1e6 neurons (1e9 synapses: ~16 GB of
  # host memory while the engine uploads), batch 1.
  for n in 100000 1000000; do
    line=$("$GPU_BENCH" random --neurons $n --synapses 1000 --steps 6144 --batch 1) \
      || { echo "gpu random $n failed"; continue; }
    echo "$line"
    [ $n = 1000000 ] && gpu_frac=$(echo "$line" | field gpu_bandwidth_fraction)
    gpu_frac=${gpu_frac:-nan}
  done
  # The microcircuit twice: with the paper's per-synapse delay spread (its
  # rates: 3.25 Hz mean on the CPU engine, 45 delay matrices and a delay
  # chain of 46 nodes) and with one delay per source type (4 nodes, but
  # synchronous firing at about 13 times the paper's events); see
  # docs/runtime.md, GPU benchmarks.
  for delays in spread fixed; do
    mc=$("$GPU_BENCH" microcircuit --steps 6144 --delays $delays) || mc="microcircuit --delays $delays failed"
    echo "$mc"
    echo "microcircuit (delays=$delays) per step: $(echo "$mc" | field per_step_us) us vs empty-step floor" \
      "$(echo "$mc" | field floor_same_structure_us) us (same nodes, no synapses;" \
      "ratio $(echo "$mc" | field ratio_vs_floor)), one-neuron floor $(echo "$mc" | field floor_one_neuron_us) us;" \
      "context: GeNN on an RTX 4090 ~27 us per step (published, other hardware)"
  done
  # Benchmark 3's GPU rows: the plans benchmark 3 compiled, every mode.
  for name in braille_noDelay_bias_zero cnn_sinabs; do
    for mode in float loihi spinnaker speck; do
      planfile="$work/$name.$mode.pb"
      [ -s "$planfile" ] || { echo "skipped GPU $name $mode: no plan (see benchmark 3)"; continue; }
      for b in $plan_batches; do
        echo "$("$GPU_BENCH" plan --file "$planfile" --batch "$b" --steps 100 --repeat "$repeat") mode=$mode"
      done
    done
  done
  echo "gpu_bandwidth_fraction=$gpu_frac (benchmark 1 at 1e6 neurons, events/s x bytes per event / copy bandwidth)"
fi
lap "benchmark 5"

ratio1=$([ $peer = 1 ] && ratio "$ours1" "$brian_eps" || echo nan)
echo "ratio_vs_brian2=$ratio1 bandwidth_fraction=$frac"
