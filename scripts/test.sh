#!/usr/bin/env bash
# README command 2: install, build, and run the whole test suite (GoogleTest
# binaries and the lit suite, all through ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
BUILD=${SNN_BUILD:-build}
ctest --test-dir "$BUILD" --output-on-failure -j "${SNN_JOBS:-$(nproc)}"
