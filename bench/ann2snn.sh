#!/usr/bin/env bash
# ANN-to-SNN accuracy (docs/ann-to-snn.md): the Fashion-MNIST CNN of
# examples/fashion_mnist, evaluated as an ANN (snn-run --ann) and, converted
# with --snn-convert-ann, as an SNN at T = 25, 50, 100, 200 steps, on the full
# 10k test set of Debian's dataset-fashion-mnist. Prints the accuracies, the
# SNN-minus-ANN difference in points and the wall time of each run.
#
#   bench/ann2snn.sh [--count N] [--steps "25 50 100 200"] [-- SNN-OPT OPTIONS]
#
# Builds nothing: build the tools first (scripts/build.sh). SNN_BUILD names
# the build directory (default build). Needs python3-numpy to write the test
# set (into a temporary directory, removed at exit).
set -euo pipefail
BIN="${SNN_BUILD:-build}/bin"
HERE="$(cd "$(dirname "$0")" && pwd)"
EXAMPLE="$HERE/../examples/fashion_mnist"
COUNT=10000
STEPS="25 50 100 200"
CONVERT="percentile=99.9"
while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --steps) STEPS="$2"; shift 2 ;;
    --) shift; CONVERT="$*"; break ;;
    *) echo "ann2snn.sh: unknown argument '$1'" >&2; exit 1 ;;
  esac
done
for tool in snn-translate snn-opt snn-run; do
  if [ ! -x "$BIN/$tool" ]; then
    echo "ann2snn.sh: $BIN/$tool not found; build the tools first" >&2
    exit 1
  fi
done
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

/usr/bin/python3 "$HERE/ann2snn/write_fashion_mnist_test.py" "$TMP" "$COUNT"
accuracy() { sed -n 's/.*accuracy=\([0-9.]*\).*/\1/p' | tail -1; }
now() { date +%s.%N; }
# Runs snn-run, prints its accuracy; shows its stderr when it fails.
run() {
  if ! "$BIN/snn-run" "$@" >"$TMP/run.out" 2>"$TMP/run.err"; then
    cat "$TMP/run.err" >&2
    exit 1
  fi
  accuracy <"$TMP/run.out"
}
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

echo "model: examples/fashion_mnist/fmnist_cnn.onnx, $COUNT test images, nproc $(nproc)"
t0=$(now)
"$BIN/snn-translate" --import-onnx "$EXAMPLE/fmnist_cnn.onnx" -o "$TMP/ann.mlir"
"$BIN/snn-opt" "$TMP/ann.mlir" \
  --snn-convert-ann="calibration=$EXAMPLE/calibration.npy $CONVERT" \
  -o "$TMP/snn.mlir" 2>"$TMP/remarks.txt"
t1=$(now)
echo "import + --snn-convert-ann ($CONVERT, 128 calibration images): $(calc "$t1 - $t0") s"

t0=$(now)
ann=$(run "$EXAMPLE/fmnist_cnn.onnx" --ann --input "$TMP/test_x.npy" \
      --labels "$TMP/test_y.npy")
t1=$(now)
printf "%-10s %9s %10s %9s\n" "model" "accuracy" "vs ANN" "wall s"
printf "%-10s %9.4f %10s %9.1f\n" "ANN" "$ann" "-" "$(calc "$t1 - $t0")"

for T in $STEPS; do
  t0=$(now)
  snn=$(run "$TMP/snn.mlir" --input "$TMP/test_x.npy" --static-input \
        --steps "$T" --labels "$TMP/test_y.npy")
  t1=$(now)
  printf "%-10s %9.4f %+10.2f %9.1f\n" "SNN T=$T" "$snn" \
    "$(calc "($snn - $ann) * 100")" "$(calc "$t1 - $t0")"
done
