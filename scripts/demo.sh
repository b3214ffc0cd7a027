#!/usr/bin/env bash
# README command 1: install, build, and run the shipped Braille model on its
# test sample. Prints the spike counts per layer and the predicted class.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
BUILD=${SNN_BUILD:-build}
"$BUILD/bin/snn-run" examples/braille/braille_noDelay_bias_zero.nir \
  --input examples/braille/braille_ds_test0_input.npy \
  --record output,lif1.lif,lif1.lif:v --output-dir out/braille
