#!/usr/bin/env bash
# snn-runtime-bench's command line: every user error is one line on stderr
# and exit status 1 (never a crash), and a tiny random network runs and
# reports the keys bench/runtime.sh reads. Nothing is timed.
# Usage: runtime_bench_cli.sh PATH/TO/snn-runtime-bench
set -u
bench="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect_error "message part" args...: exit 1, one stderr line containing it.
expect_error() {
  local want="$1"; shift
  "$bench" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -ne 1 ] || ! grep -qF -- "$want" "$tmp/err" || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
    echo "FAIL: snn-runtime-bench $* -> rc $rc, stderr: $(cat "$tmp/err"), wanted '$want'"
    failures=$((failures + 1))
  fi
}

expect_error "unknown subcommand 'bogus' (copy, random, balanced, plan)" bogus
expect_error "expected --key value, got '--neurons'" random --neurons
expect_error "--neurons 'abc' is not a number" random --neurons abc
expect_error "--batch 'x' is not a number" random --batch 1,x
expect_error "--batch takes whole numbers >= 1, got '0'" random --batch 0
expect_error "--weights is dale or synapse, not 'bogus'" random --weights bogus
expect_error "$tmp/missing.pb" plan --file "$tmp/missing.pb"

# A small run prints the keys runtime.sh parses, with the bytes per event
# the engine's event matrices stream (2 with shared weights, more without;
# strong, fast input so the recurrent projection carries events).
for weights in dale synapse; do
  out=$("$bench" random --neurons 300 --synapses 20 --sources 50 --input-synapses 5 \
    --steps 20 --batch 1 --repeat 1 --threads 1 --weights $weights \
    --w-input 0.5 --input-rate 200 2>&1)
  for key in events_per_s= events_per_cpu_s= rate_hz= "weights=$weights" bytes_per_event=; do
    if ! grep -qF -- " $key" <<<"$out"; then
      echo "FAIL: random --weights $weights printed no '$key': $out"
      failures=$((failures + 1))
    fi
  done
  bytes=$(sed -n 's/.* bytes_per_event=\([^ ]*\).*/\1/p' <<<"$out")
  if [ "$weights" = dale ] && [ "$bytes" != 2 ]; then
    echo "FAIL: dale weights stream $bytes B per event, expected 2"
    failures=$((failures + 1))
  fi
  if [ "$weights" = synapse ] && ! awk -v b="$bytes" 'BEGIN { exit !(b > 2 && b <= 6) }'; then
    echo "FAIL: per-synapse weights stream $bytes B per event, expected (2, 6]"
    failures=$((failures + 1))
  fi
done

echo "$failures failed"
[ $failures -eq 0 ]
