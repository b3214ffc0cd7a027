#!/usr/bin/env bash
# Emulates a BrainScaleS-2 parameter set of a one-neuron model over mismatch
# seeds 0..SEEDS-1 (calibrated) and counts the seeds whose output spikes are
# the reference's, each within one model step; exits 1 when fewer than
# AT_LEAST. The spikes are read from OUT/seedN/output.npy (float32, one value
# per step: a version-1 .npy, header length at bytes 8-9) with od and awk.
# Usage: bss2-lif-seeds.sh ARTIFACT INPUT "REF STEPS" SEEDS AT_LEAST OUTDIR [FLAG]
# (FLAG: one more snn-run flag, e.g. --calibrated=false)
set -euo pipefail
artifact=$1 input=$2 ref=$3 seeds=$4 atLeast=$5 out=$6 flag=${7:---calibrated=true}
hits=0
for ((seed = 0; seed < seeds; seed++)); do
  dir=$out/seed$seed
  snn-run "$artifact" --mismatch-seed="$seed" "$flag" --input "$input" \
    --record output --output-dir "$dir" --quiet > /dev/null
  npy=$dir/output.npy
  hlen=$(od -A n -t u2 -j 8 -N 2 "$npy" | tr -d ' ')
  got=$(od -A n -v -t f4 -j $((10 + hlen)) "$npy" | tr -s ' ' '\n' |
        awk 'NF { for (k = 0; k < $1; k++) printf "%d ", t; t++ }')
  ok=$(awk -v got="$got" -v want="$ref" 'BEGIN {
         n = split(got, g, " "); m = split(want, w, " ");
         if (n != m) { print 0; exit }
         for (i = 1; i <= n; i++) if (g[i] - w[i] > 1 || w[i] - g[i] > 1) { print 0; exit }
         print 1 }')
  echo "seed $seed: $got"
  hits=$((hits + ok))
done
echo "within one step of the reference in $hits of $seeds mismatch seeds"
[[ $hits -ge $atLeast ]]
