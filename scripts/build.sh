#!/usr/bin/env bash
# Configures and builds snn-mlir into ${SNN_BUILD:-build}/ (tools in build/bin).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${SNN_BUILD:-build}
JOBS=${SNN_JOBS:-$(nproc)}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$BUILD" -j "$JOBS"
