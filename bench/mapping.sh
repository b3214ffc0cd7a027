#!/usr/bin/env bash
# Mapping at scale (shared/design/BENCHMARKS.md item 4): our partitioner vs
# METIS k-way vs a sequential fill on random and locally connected graphs of
# 1e4, 1e5, 1e6 neurons x 100 synapses, Loihi- and SpiNNaker-style cores.
# Builds nothing: build snn-partition-bench first (ninja -C build
# snn-partition-bench). --quick drops the 1e6 size. Extra arguments go to the
# bench (e.g. --metis-timeout 300).
set -euo pipefail
BENCH="${SNN_BUILD:-build}/bin/snn-partition-bench"
if [ ! -x "$BENCH" ]; then
  echo "mapping.sh: $BENCH not found; build the snn-partition-bench target" >&2
  exit 1
fi
args=()
if [ "${1:-}" = "--quick" ]; then
  args+=(--quick)
  shift
fi
exec "$BENCH" "${args[@]}" "$@"
