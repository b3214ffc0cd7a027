#!/usr/bin/python3
"""Writes the Fashion-MNIST test set as .npy for bench/ann2snn.sh.

    write_fashion_mnist_test.py OUT_DIR [COUNT]

OUT_DIR/test_x.npy: float32 (COUNT, 1, 28, 28) in [0, 1] (the scaling the
model was trained with, scripts/train_fashion_mnist.py); OUT_DIR/test_y.npy:
int64 (COUNT,). Reads the idx files of Debian's dataset-fashion-mnist; numpy
only.
"""
import gzip
import os
import sys

import numpy as np

DATA_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx(name):
    with gzip.open(os.path.join(DATA_DIR, name), "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    if not os.path.isdir(DATA_DIR):
        sys.exit(f"write_fashion_mnist_test.py: {DATA_DIR} not found; install "
                 "Debian's dataset-fashion-mnist (scripts/setup.sh)")
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) == 3 else 10000
    x = read_idx("t10k-images-idx3-ubyte.gz")[:count]
    y = read_idx("t10k-labels-idx1-ubyte.gz")[:count]
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, "test_x.npy"),
            (x.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28))
    np.save(os.path.join(out, "test_y.npy"), y.astype(np.int64))


if __name__ == "__main__":
    main()
