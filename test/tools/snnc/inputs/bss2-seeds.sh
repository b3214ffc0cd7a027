#!/usr/bin/env bash
# Emulates a BrainScaleS-2 parameter set over mismatch seeds 1..SEEDS and
# prints how many predicted CLASS; exits 1 when fewer than AT_LEAST did.
# Usage: bss2-seeds.sh ARTIFACT INPUT CLASS SEEDS AT_LEAST OUTDIR
set -euo pipefail
artifact=$1 input=$2 class=$3 seeds=$4 atLeast=$5 out=$6
hits=0
for seed in $(seq 1 "$seeds"); do
  line=$(snn-run "$artifact" --mismatch-seed="$seed" --input "$input" \
           --output-dir "$out/seed$seed" | grep '^predicted class:')
  [[ "$line" == "predicted class: $class" ]] && hits=$((hits + 1))
done
echo "class $class in $hits of $seeds mismatch seeds"
[[ $hits -ge $atLeast ]]
