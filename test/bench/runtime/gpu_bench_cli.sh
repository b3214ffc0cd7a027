#!/usr/bin/env bash
# snn-gpu-bench's command line without running a benchmark: every user error
# is one line on stderr and exit status 1 (never a crash), --help is true,
# --counts-only needs no device, and `copy` either measures or prints the
# skip line and exits 0.
# Usage: gpu_bench_cli.sh PATH/TO/snn-gpu-bench
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
    echo "FAIL: snn-gpu-bench $* -> rc $rc, stderr: $(cat "$tmp/err"), wanted '$want'"
    failures=$((failures + 1))
  fi
}

expect_error "unknown subcommand 'bogus'" bogus
expect_error "expected --key value, got '--mib'" copy --mib
expect_error "copy: unknown option --bogus (known: --mib, --repeat)" copy --bogus 1
expect_error "random: --neurons 'abc' is not a number" random --neurons abc
expect_error "random: --steps 100 is out of range [2048, 1e+07]" random --steps 100
expect_error "random: --batch 1.5 is not an integer" random --batch 1.5
expect_error "over the 2147483647 one sparse plan node holds; lower --neurons or --synapses" \
  random --neurons 3e6 --synapses 1000
expect_error "microcircuit: --device 'gpu' is not cuda or cpu" microcircuit --device gpu
expect_error "microcircuit: --scale 2 is out of range [0.0001, 1]" microcircuit --scale 2
expect_error "microcircuit: --background 'noise' is not poisson or dc" microcircuit --background noise
expect_error "microcircuit: --delays 'random' is not fixed or spread" microcircuit --delays random
expect_error "lower --steps/--rates or use --background dc" microcircuit --steps 100000
expect_error "plan: --file PLAN.pb is required" plan
expect_error "$tmp/missing.pb" plan --file "$tmp/missing.pb"
printf 'not a plan\x00\xff\x12' >"$tmp/bad.pb"
expect_error "$tmp/bad.pb" plan --file "$tmp/bad.pb"

if ! "$bench" --help | grep -q 'microcircuit  --scale 1'; then
  echo "FAIL: --help does not describe microcircuit"; failures=$((failures + 1))
fi
# Construction only: 1 % of the populations, no device needed.
out=$("$bench" microcircuit --scale 0.01 --counts-only 1 2>&1)
if [ $? -ne 0 ] || ! echo "$out" | grep -q 'neurons=772 .*populations=L23e:207,L23i:58,L4e:219,L4i:55,L5e:49,L5i:11,L6e:144,L6i:29'; then
  echo "FAIL: microcircuit --counts-only: $out"; failures=$((failures + 1))
fi
out=$("$bench" copy --mib 64 --repeat 3 2>&1)
rc=$?
if [ $rc -ne 0 ] || ! echo "$out" | grep -Eq '^(skipped: no CUDA device \(.+\)|bench=gpu_copy .*copy_gb_per_s=[0-9.]+ )'; then
  echo "FAIL: copy -> rc $rc: $out"; failures=$((failures + 1))
fi
echo "$out"
[ $failures -eq 0 ] && echo "all snn-gpu-bench command-line checks passed"
exit $((failures > 0))
