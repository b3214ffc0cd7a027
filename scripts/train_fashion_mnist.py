#!/usr/bin/python3
"""Trains the small Fashion-MNIST CNN that the ANN-to-SNN conversion is
checked on, and writes examples/fashion_mnist/.

Run with the system python (Debian python3-torch, python3-onnx, python3-numpy,
dataset-fashion-mnist), on the CPU, in a few minutes:

    /usr/bin/python3 scripts/train_fashion_mnist.py

The network is built to convert well to integrate-and-fire neurons (see
docs/ann-to-snn.md): only ReLU non-linearities, average (not max) pooling,
biases allowed, no BatchNorm (nothing to fold, so the .onnx holds exactly the
operators the importer maps one to one):

    Conv(1->8, 3x3, pad 1) ReLU AvgPool(2) Conv(8->16, 3x3, pad 1) ReLU
    AvgPool(2) Flatten Gemm(784->64) ReLU Gemm(64->10)

Everything is seeded and single-threaded so the same machine gives the same
files. It writes:

    fmnist_cnn.onnx        the trained model (opset 13, input "input" (N,1,28,28))
    calibration.npy        the first CALIB training images, float32 (N,1,28,28) in [0,1]
    subset_x.npy           the first SUBSET test images, float32 (N,1,28,28) in [0,1]
    subset_y.npy           their labels, int64 (N,)
    subset_torch_logits.npy torch's logits for subset_x, float32 (N,10): the
                           outside reference the e2e test compares snn-run with
    torch_accuracy.txt     torch's accuracy on the full test set and on the subset
"""

import gzip
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

DATA_DIR = "/usr/share/datasets/fashion-mnist"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "examples", "fashion_mnist")
SEED = 0
EPOCHS = 8
BATCH = 64
CALIB = 128   # calibration images kept in the repo (keeps the data < 2 MB)
SUBSET = 300  # test images the e2e test runs (keeps it fast)


def read_idx(name):
    """Reads one idx .gz file of the Fashion-MNIST distribution."""
    with gzip.open(os.path.join(DATA_DIR, name), "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    ndim = magic & 0xFF
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(split):
    images = read_idx(f"{split}-images-idx3-ubyte.gz")
    labels = read_idx(f"{split}-labels-idx1-ubyte.gz")
    x = (images.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    return x, labels.astype(np.int64)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.AvgPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AvgPool2d(2))
        self.fc1 = nn.Linear(16 * 7 * 7, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = torch.flatten(self.features(x), 1)
        return self.fc2(torch.relu(self.fc1(x)))


def drop_zero_pads(path):
    """Removes the all-zero Pad (and its Constant) that torch 1.13 puts before
    every AveragePool it exports: an identity, but an operator more for every
    importer to understand. Checks the model afterwards."""
    import onnx
    from onnx import numpy_helper
    model = onnx.load(path)
    graph = model.graph
    constants = {n.output[0]: n for n in graph.node if n.op_type == "Constant"}
    rename = {}
    dropped = []
    for n in graph.node:
        if n.op_type != "Pad" or len(n.input) < 2 or n.input[1] not in constants:
            continue
        pads = numpy_helper.to_array(constants[n.input[1]].attribute[0].t)
        if pads.any():
            continue
        rename[n.output[0]] = n.input[0]
        dropped += [n, constants[n.input[1]]]
    for n in dropped:
        graph.node.remove(n)
    for n in graph.node:
        for k, name in enumerate(n.input):
            n.input[k] = rename.get(name, name)
    onnx.checker.check_model(model)
    onnx.save(model, path)


def evaluate(net, x, y):
    net.eval()
    with torch.no_grad():
        logits = torch.cat([net(torch.from_numpy(x[i:i + 1000]))
                            for i in range(0, len(x), 1000)])
    acc = float((logits.argmax(1).numpy() == y).mean())
    return acc, logits.numpy()


def main():
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    x_train, y_train = load("train")
    x_test, y_test = load("t10k")
    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.7)
    loss_fn = nn.CrossEntropyLoss()
    rng = np.random.default_rng(SEED)
    for epoch in range(EPOCHS):
        start = time.time()
        net.train()
        order = rng.permutation(len(x_train))
        for i in range(0, len(order), BATCH):
            idx = order[i:i + BATCH]
            opt.zero_grad()
            loss = loss_fn(net(torch.from_numpy(x_train[idx])),
                           torch.from_numpy(y_train[idx]))
            loss.backward()
            opt.step()
        sched.step()
        acc, _ = evaluate(net, x_test, y_test)
        print(f"epoch {epoch + 1}/{EPOCHS}: loss {loss.item():.4f} "
              f"test accuracy {acc:.4f} ({time.time() - start:.0f} s)", flush=True)

    test_acc, _ = evaluate(net, x_test, y_test)
    subset_acc, subset_logits = evaluate(net, x_test[:SUBSET], y_test[:SUBSET])

    os.makedirs(OUT_DIR, exist_ok=True)
    net.eval()
    torch.onnx.export(net, torch.from_numpy(x_test[:1]),
                      os.path.join(OUT_DIR, "fmnist_cnn.onnx"),
                      opset_version=13, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
    drop_zero_pads(os.path.join(OUT_DIR, "fmnist_cnn.onnx"))
    np.save(os.path.join(OUT_DIR, "calibration.npy"), x_train[:CALIB])
    np.save(os.path.join(OUT_DIR, "subset_x.npy"), x_test[:SUBSET])
    np.save(os.path.join(OUT_DIR, "subset_y.npy"), y_test[:SUBSET])
    np.save(os.path.join(OUT_DIR, "subset_torch_logits.npy"),
            subset_logits.astype(np.float32))
    with open(os.path.join(OUT_DIR, "torch_accuracy.txt"), "w") as f:
        f.write(f"torch {torch.__version__}, {EPOCHS} epochs, seed {SEED}\n")
        f.write(f"test_accuracy_10k={test_acc:.4f}\n")
        f.write(f"subset_accuracy_{SUBSET}={subset_acc:.4f}\n")
    print(f"test accuracy {test_acc:.4f}, subset ({SUBSET}) accuracy "
          f"{subset_acc:.4f}; wrote {os.path.normpath(OUT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
