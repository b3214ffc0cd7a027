#!/usr/bin/env bash
# Installs every Debian package snn-mlir needs to build and test.
# Idempotent and non-interactive; run as root or with sudo available.
# --bench also installs the benchmark peers (BENCH_PACKAGES: Brian2 for
# bench/runtime.sh); the build and tests do not need them.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build
  llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools
  libprotobuf-dev protobuf-compiler
  libonnx-dev libonnx-testdata python3-onnx
  libboost-graph-dev libgtest-dev libhdf5-dev libmetis-dev
  python3 python3-numpy python3-h5py
  # bench/ann2snn.sh reads the Fashion-MNIST test set; retraining the example
  # (scripts/train_fashion_mnist.py) also needs python3-torch, not installed
  # here: the trained model is in examples/fashion_mnist.
  dataset-fashion-mnist
)
BENCH_PACKAGES=(python3-brian python3-brian-lib)
if [ "${1:-}" = "--bench" ]; then
  PACKAGES+=("${BENCH_PACKAGES[@]}")
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
