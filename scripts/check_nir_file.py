#!/usr/bin/env python3
"""Checks that a .nir file has the layout the NIR reference library reads.

Usage: check_nir_file.py FILE.nir [FILE.nir ...]

The NIR Python library (neuromorphs/NIR, `nir.read`) is not packaged for
Debian, so this checker restates, independently, what its reader needs
(NIR 1.0 `nir/serialization.py` and the node dataclasses):

- a root dataset `version` holding a string, and a root group `node`;
- every graph group has `type` == "NIRGraph", a `nodes` group and an `edges`
  dataset of (source, target) string pairs whose names resolve to nodes
  (a "name.port" end resolves to node "name" for subgraph ports);
- every node group has a string `type` the reader knows, and each dataset the
  reader takes for that type, numeric, with consistent shapes
  (e.g. an Affine bias has weight.shape[0] entries, a neuron's parameters
  share one shape).

It prints one line per problem (file, node, field, what is wrong) and exits 1
if there is any, else prints "FILE: ok (N nodes, E edges, version V)".
Uses h5py and numpy (Debian python3-h5py, python3-numpy).
"""
import sys

import h5py
import numpy as np

# The datasets NIR 1.0's reader takes for each node type; optional ones
# (v_reset, input_shape, input_type, metadata) are checked when present.
REQUIRED = {
    "Affine": ["weight", "bias"],
    "Linear": ["weight"],
    "Conv1d": ["weight", "stride", "padding", "dilation", "groups", "bias"],
    "Conv2d": ["weight", "stride", "padding", "dilation", "groups", "bias"],
    "SumPool2d": ["kernel_size", "stride", "padding"],
    "AvgPool2d": ["kernel_size", "stride", "padding"],
    "Delay": ["delay"],
    "Flatten": ["start_dim", "end_dim"],
    "I": ["r"],
    "IF": ["r", "v_threshold"],
    "LI": ["tau", "r", "v_leak"],
    "LIF": ["tau", "r", "v_leak", "v_threshold"],
    "CubaLI": ["tau_mem", "tau_syn", "r", "v_leak", "w_in"],
    "CubaLIF": ["tau_mem", "tau_syn", "r", "v_leak", "v_threshold", "w_in"],
    "Input": ["shape"],
    "Output": ["shape"],
    "Scale": ["scale"],
    "Threshold": ["threshold"],
}
OPTIONAL = {"v_reset", "input_shape", "input_type", "metadata", "type"}
# Parameters of one neuron population: they must share a shape.
NEURON_TYPES = {"I", "IF", "LI", "LIF", "CubaLI", "CubaLIF"}


def as_str(value):
    if isinstance(value, bytes):
        return value.decode("utf8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return as_str(value[()])
    return value if isinstance(value, str) else None


class Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []
        self.nodes = 0
        self.edges = 0

    def fail(self, where, message):
        self.problems.append(f"{self.path}: {where}: {message}")

    def numeric(self, where, group, field):
        data = group[field]
        if not isinstance(data, h5py.Dataset):
            self.fail(where, f"'{field}' is a group, the reader expects a dataset")
            return None
        value = data[()]
        array = np.asarray(value)
        if not np.issubdtype(array.dtype, np.number):
            self.fail(where, f"'{field}' has dtype {array.dtype}, not numeric")
            return None
        if np.issubdtype(array.dtype, np.floating) and not np.all(np.isfinite(array)):
            self.fail(where, f"'{field}' holds NaN or infinity")
        return array

    def check_node(self, where, group):
        if "type" not in group:
            self.fail(where, "no 'type' dataset")
            return
        kind = as_str(group["type"][()])
        if kind is None:
            self.fail(where, "'type' is not a string")
            return
        if kind == "NIRGraph":
            self.check_graph(where, group)
            return
        if kind not in REQUIRED:
            self.fail(where, f"type '{kind}' is not one the NIR reader knows")
            return
        self.nodes += 1
        fields = {}
        for field in REQUIRED[kind]:
            if field not in group:
                self.fail(where, f"{kind} needs a '{field}' dataset")
                continue
            fields[field] = self.numeric(where, group, field)
        for field in group:
            if field not in REQUIRED[kind] and field not in OPTIONAL:
                self.fail(where, f"{kind} has an unexpected field '{field}'")
        if "v_reset" in group:
            fields["v_reset"] = self.numeric(where, group, "v_reset")
        self.check_shapes(where, kind, fields)

    def check_shapes(self, where, kind, fields):
        if any(v is None for v in fields.values()):
            return
        if kind in ("Affine", "Linear"):
            weight = fields["weight"]
            if weight.ndim != 2:
                self.fail(where, f"weight has rank {weight.ndim}, expected 2")
            elif kind == "Affine" and fields["bias"].shape != (weight.shape[0],):
                self.fail(where, f"bias shape {fields['bias'].shape} != ({weight.shape[0]},)")
        elif kind in ("Conv1d", "Conv2d"):
            rank = 3 if kind == "Conv1d" else 4
            weight = fields["weight"]
            if weight.ndim != rank:
                self.fail(where, f"weight has rank {weight.ndim}, expected {rank}")
            elif fields["bias"].size not in (1, weight.shape[0]):
                self.fail(where, f"bias has {fields['bias'].size} entries, expected {weight.shape[0]}")
        elif kind in ("Input", "Output"):
            if fields["shape"].ndim != 1 or not np.issubdtype(fields["shape"].dtype, np.integer):
                self.fail(where, "shape must be a 1-D integer dataset")
        elif kind in NEURON_TYPES:
            shapes = {name: v.shape for name, v in fields.items()}
            if len(set(shapes.values())) > 1:
                self.fail(where, f"parameters differ in shape: {shapes}")

    def check_graph(self, where, group):
        if "nodes" not in group or not isinstance(group["nodes"], h5py.Group):
            self.fail(where, "NIRGraph needs a 'nodes' group")
            return
        if "edges" not in group:
            self.fail(where, "NIRGraph needs an 'edges' dataset")
            return
        names = set(group["nodes"].keys())
        for name, child in group["nodes"].items():
            self.check_node(f"{where}/{name}" if where else name, child)
        edges = group["edges"][()]
        if edges.size == 0:
            return
        if edges.ndim != 2 or edges.shape[1] != 2:
            self.fail(where or "graph", f"edges have shape {edges.shape}, expected (E, 2)")
            return
        for source, target in edges:
            self.edges += 1
            for end in (source, target):
                name = as_str(end)
                if name is None:
                    self.fail(where or "graph", f"edge end {end!r} is not a string")
                elif name not in names and name.split(".")[0] not in names:
                    self.fail(where or "graph", f"edge end '{name}' names no node")

    def run(self):
        try:
            with h5py.File(self.path, "r") as f:
                if "version" not in f or as_str(f["version"][()]) is None:
                    self.fail("/", "no string 'version' dataset at the root")
                    version = "?"
                else:
                    version = as_str(f["version"][()])
                if "node" not in f or not isinstance(f["node"], h5py.Group):
                    self.fail("/", "no 'node' group at the root")
                else:
                    self.check_node("", f["node"])
        except OSError as error:
            self.fail("/", f"not a readable HDF5 file ({error})")
            version = "?"
        for problem in self.problems:
            print(problem)
        if not self.problems:
            print(f"{self.path}: ok ({self.nodes} nodes, {self.edges} edges, version {version})")
        return not self.problems


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    results = [Checker(path).run() for path in paths]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
