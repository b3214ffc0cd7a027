#!/usr/bin/env bash
# CUDA engine vs the CPU engine (the peer) through snn-run on the NIR paper's
# Braille model: the shipped test sample repeated B times (default 1, 64 and
# 4096 items), 5 runs each, the median of snn-run's own run time (the
# "model: ... (..., X s)" line: simulation only, no compilation), and the
# ratio cpu / cuda. Both engines give the same bytes (tests); this measures
# speed only. Builds nothing: build snn-run with CUDA first. Without a GPU it
# says so and exits 0.
# Usage: bench/cuda.sh [B ...]   (SNN_BUILD=dir for another build tree)
set -euo pipefail
RUN="${SNN_BUILD:-build}/bin/snn-run"
MODEL=examples/braille/braille_noDelay_bias_zero.nir
SAMPLE=examples/braille/braille_ds_test0_input.npy
if [ ! -x "$RUN" ]; then
  echo "cuda.sh: $RUN not found; build the snn-run target" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$RUN" "$MODEL" --input "$SAMPLE" --device=cuda --quiet 2>"$tmp/why"; then
  echo "cuda.sh: skipped: $(cat "$tmp/why")"
  exit 0
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 64 4096)

# (T, ...) sample -> (B, T, ...) batch, with the standard library only.
batch() {
  python3 - "$SAMPLE" "$1" "$2" <<'PY'
import ast, itertools, struct, sys
src, b, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
raw = open(src, 'rb').read()
hlen = struct.unpack('<H', raw[8:10])[0]
header = ast.literal_eval(raw[10:10 + hlen].decode('latin1'))
body = raw[10 + hlen:]
shape = tuple(header['shape'])
if header['fortran_order']:  # Reorder to C order before stacking.
    size = int(header['descr'][2:])
    count = len(body) // size
    items = [body[i * size:(i + 1) * size] for i in range(count)]
    out = []
    for c in itertools.product(*[range(n) for n in shape]):
        f = 0
        for d in reversed(range(len(shape))):
            f = f * shape[d] + c[d]
        out.append(items[f])
    body = b''.join(out)
    header['fortran_order'] = False
header['shape'] = (b,) + shape
text = repr(header)
text += ' ' * (64 - (10 + len(text) + 1) % 64) + '\n'
with open(dst, 'wb') as f:
    f.write(raw[:8] + struct.pack('<H', len(text)) + text.encode('latin1'))
    f.write(body * b)
PY
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { sed -n 's/.*, \([0-9.]*\) s)$/\1/p'; }

printf '%8s %12s %12s %8s\n' batch "cpu s" "cuda s" "cpu/cuda"
for b in "${sizes[@]}"; do
  batch "$b" "$tmp/in.npy"
  for dev in cpu cuda; do
    for _ in 1 2 3 4 5; do
      "$RUN" "$MODEL" --input "$tmp/in.npy" --device=$dev | seconds
    done | median > "$tmp/$dev"
  done
  awk -v b="$b" -v c="$(cat "$tmp/cpu")" -v g="$(cat "$tmp/cuda")" \
    'BEGIN {printf "%8d %12.4f %12.4f %8.2f\n", b, c, g, (g > 0 ? c / g : 0)}'
done
