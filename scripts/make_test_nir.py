#!/usr/bin/python3
"""Writes the small NIR files that test the C++ NIR reader (translate/nir).

Run with the system python (it needs h5py and numpy):

    /usr/bin/python3 scripts/make_test_nir.py

It (re)creates test/translate/nir/inputs/*.nir. The real models in
shared/data/nir only cover what their writers happened to produce, so these
files cover the rest, each a few KB:

Edge cases the reader must accept:
  subgraph_edges.nir      outer edges name a subgraph ("sub"), which must route to
                          its single Input / Output; one edge names "sub.li"
                          directly; a nested subgraph inside it.
  fixed_string_edges.nir  edges, types and /version as fixed-length (numpy 'S')
                          strings instead of variable-length ones.
  float64_params.nir      float64 neuron parameters, no v_reset (writers <= 0.2.0),
                          int32/uint8/float16 fields; nested metadata with arrays.
  gzip.nir                every array gzip-chunked (as nir.write() >= 1.0 does).
  conv_padding_same.nir   Conv2d whose padding is the string "same", without bias.
  avgpool_graph.nir       a connected Input-Conv2d-IF-AvgPool2d-Flatten-Affine-LIF-
                          Output graph, with an empty node metadata group.
  no_version.nir          no /version dataset (recorded as "unknown").

Files the reader accepts but the importer (translate/nir/NirImport.cpp)
must handle:
  linear_transposed.nir   a Linear weight stored (in, out): rejected, with a hint.
  edge_shape_mismatch.nir an Input of 4 feeding an Affine that takes 2: rejected.
  output_singleton_dims.nir an Output declared (1, 3) fed a (3,): accepted.

Malformed files the reader must reject with a one-line error naming the node
and field:
  missing_field.nir       LIF without tau.
  missing_type.nir        a node group without a type dataset.
  unknown_type.nir        a node of type "Conv3d".
  edge_missing_node.nir   an edge to a node that does not exist.
  inner_edge_missing.nir  a subgraph whose inner edge names a missing node (a known
                          quirk of real files).
  ambiguous_subgraph.nir  an edge into a subgraph that has two Input nodes.
  wrong_weight_rank.nir   Affine weight of rank 3.
  negative_tau.nir        LIF with a negative tau.
  negative_delay.nir      Delay with a negative delay.
  nan_weight.nir          Linear weight containing NaN.
  mismatched_shapes.nir   LIF whose tau and r have different shapes.
  not_hdf5.nir            the first bytes of a torch pickle renamed to .nir.
  truncated.nir           the first 600 bytes of a valid NIR file.
  missing_node_group.nir  an HDF5 file with /version but no /node.
"""

import os
import pickle
import sys

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test",
                   "translate", "nir", "inputs")
VLEN = h5py.string_dtype("utf-8")


class Fixed(str):
    """A string written as a fixed-length (numpy 'S') dataset."""


def write_value(group, name, value, gzip):
    if isinstance(value, dict):
        sub = group.create_group(name)
        for k, v in value.items():
            write_value(sub, k, v, gzip)
    elif isinstance(value, Fixed):
        group.create_dataset(name, data=np.bytes_(value.encode()))
    elif isinstance(value, str):
        group.create_dataset(name, data=value, dtype=VLEN)
    else:
        arr = np.asarray(value)
        if gzip and arr.ndim > 0:
            group.create_dataset(name, data=arr, compression="gzip")
        else:
            group.create_dataset(name, data=arr)


def write_graph(group, nodes, edges, gzip=False, fixed_edges=False,
                metadata=None):
    """Writes a NIRGraph like nir.write(): type, nodes/<name>/..., edges."""
    write_value(group, "type", Fixed("NIRGraph") if fixed_edges else "NIRGraph",
                False)
    nodes_group = group.create_group("nodes")
    for name, fields in nodes.items():
        node = nodes_group.create_group(name)
        if "nodes" in fields:  # A subgraph.
            write_graph(node, fields["nodes"], fields["edges"], gzip)
            continue
        for field, value in fields.items():
            write_value(node, field, value, gzip)
    if not edges:
        group.create_dataset("edges", data=np.zeros((0,), np.float64))
    elif fixed_edges:
        group.create_dataset("edges", data=np.array(edges, dtype="S"))
    else:
        group.create_dataset("edges", data=np.array(edges, dtype=object),
                             dtype=VLEN)
    if metadata is not None:
        write_value(group, "metadata", metadata, False)


def write_file(name, nodes, edges, version="1.0.0", **kw):
    # The default (oldest) on-disk format, as nir.write() uses; it also keeps
    # the output byte-identical across runs (the newest format stores times).
    with h5py.File(os.path.join(OUT, name), "w") as f:
        if version is not None:
            write_value(f, "version", version, False)
        write_graph(f.create_group("node"), nodes, edges, **kw)


def f32(*values):
    return np.array(values, np.float32)


def lif(n, tau=0.01, **over):
    fields = {"type": "LIF", "tau": np.full(n, tau, np.float32),
              "r": np.ones(n, np.float32), "v_leak": np.zeros(n, np.float32),
              "v_threshold": np.ones(n, np.float32),
              "v_reset": np.zeros(n, np.float32)}
    fields.update(over)
    return fields


def io(kind, *shape):
    return {"type": kind, "shape": np.array(shape, np.int64)}


def affine(out, inp):
    return {"type": "Affine",
            "weight": np.arange(out * inp, dtype=np.float32).reshape(out, inp),
            "bias": np.zeros(out, np.float32)}


def chain(*names):
    return [[a, b] for a, b in zip(names, names[1:])]


def main():
    os.makedirs(OUT, exist_ok=True)
    basic = {"input": io("Input", 2), "fc": affine(3, 2), "lif": lif(3),
             "output": io("Output", 3)}
    basic_edges = chain("input", "fc", "lif", "output")

    # --- Accepted edge cases -------------------------------------------------
    li = {"type": "LI", "tau": f32(0.02, 0.02, 0.02), "r": f32(1, 1, 1),
          "v_leak": f32(0, 0, 0)}
    inner = {"in": io("Input", 3), "out": io("Output", 3)}
    sub = {"nodes": {"in": io("Input", 3), "li": li, "out": io("Output", 3),
                     "deep": {"nodes": inner, "edges": chain("in", "out")}},
           "edges": chain("in", "deep", "li", "out")}
    write_file("subgraph_edges.nir",
               {"input": io("Input", 2), "fc": affine(3, 2), "sub": sub,
                "lif": lif(3), "output": io("Output", 3)},
               [["input", "fc"], ["fc", "sub"], ["sub", "lif"],
                ["sub.li", "output"], ["lif", "output"]])

    write_file("fixed_string_edges.nir",
               {"input": io("Input", 2),
                "fc": {"type": Fixed("Affine"),
                       "weight": np.ones((3, 2), np.float32),
                       "bias": f32(0, 0, 0)},
                "lif": dict(lif(3), type=Fixed("LIF")),
                "output": io("Output", 3)},
               basic_edges, version=Fixed("0.1.1"), fixed_edges=True)

    write_file("float64_params.nir",
               {"input": {"type": "Input", "shape": np.array([2], np.int32)},
                "fc": {"type": "Affine",
                       "weight": np.array([[0.5, -1.5]], np.float16),
                       "bias": np.array([3], np.uint8)},
                "lif": {"type": "LIF", "tau": np.array([2.5e-3]),
                        "r": np.array([1.0]), "v_leak": np.array([0.0]),
                        "v_threshold": np.array([0.1])},
                "output": {"type": "Output", "shape": np.array([1], np.int64)}},
               chain("input", "fc", "lif", "output"), version="0.2.0",
               metadata={"dt": 1e-4, "source": "snntorch",
                         "trained": np.bool_(True), "steps": np.int64(256),
                         "arr": np.arange(4.0),
                         "net": {"lr": 0.5, "name": "tiny",
                                 "layers": np.array([2, 3])}})

    write_file("gzip.nir", basic, basic_edges, gzip=True)

    write_file("conv_padding_same.nir",
               {"input": io("Input", 1, 4, 4),
                "conv": {"type": "Conv2d",
                         "weight": np.ones((2, 1, 3, 3), np.float32),
                         "stride": np.array([1, 1]), "padding": "same",
                         "dilation": np.array([1, 1]), "groups": np.int64(1),
                         "input_shape": np.array([4, 4])},
                "output": io("Output", 2, 4, 4)},
               chain("input", "conv", "output"))

    write_file("avgpool_graph.nir",
               {"input": io("Input", 1, 4, 4),
                "conv": {"type": "Conv2d",
                         "weight": np.ones((2, 1, 3, 3), np.float32),
                         "bias": f32(0.5, -0.5), "stride": np.array([1, 1]),
                         "padding": np.array([1, 1]),
                         "dilation": np.array([1, 1]), "groups": np.int64(1),
                         "input_shape": np.array([4, 4])},
                "if": {"type": "IF", "r": np.ones((2, 4, 4), np.float32),
                       "v_threshold": np.ones((2, 4, 4), np.float32),
                       "v_reset": np.zeros((2, 4, 4), np.float32),
                       "metadata": {}},
                "pool": {"type": "AvgPool2d", "kernel_size": np.array([2, 2]),
                         "stride": np.array([2, 2]),
                         "padding": np.array([0, 0])},
                "flat": {"type": "Flatten", "start_dim": np.int64(0),
                         "end_dim": np.int64(-1),
                         "input_type": np.array([2, 2, 2])},
                "fc": affine(3, 8), "lif": lif(3),
                "output": io("Output", 3)},
               chain("input", "conv", "if", "pool", "flat", "fc", "lif",
                     "output"))

    write_file("no_version.nir", basic, basic_edges, version=None)

    # --- Malformed files -----------------------------------------------------
    no_tau = lif(3)
    del no_tau["tau"]
    write_file("missing_field.nir", dict(basic, lif=no_tau), basic_edges)

    no_type = dict(lif(3))
    del no_type["type"]
    write_file("missing_type.nir", dict(basic, lif=no_type), basic_edges)

    write_file("unknown_type.nir",
               dict(basic, lif={"type": "Conv3d", "weight": f32(1)}),
               basic_edges)

    write_file("edge_missing_node.nir", basic,
               basic_edges + [["lif", "ghost"]])

    bad_sub = {"nodes": {"in": io("Input", 3), "out": io("Output", 3)},
               "edges": [["in", "li"], ["li", "out"]]}
    write_file("inner_edge_missing.nir",
               {"input": io("Input", 3), "sub": bad_sub,
                "output": io("Output", 3)}, chain("input", "sub", "output"))

    two_inputs = {"nodes": {"a": io("Input", 3), "b": io("Input", 3),
                            "out": io("Output", 3)},
                  "edges": [["a", "out"], ["b", "out"]]}
    write_file("ambiguous_subgraph.nir",
               {"input": io("Input", 3), "sub": two_inputs,
                "output": io("Output", 3)}, chain("input", "sub", "output"))

    write_file("wrong_weight_rank.nir",
               dict(basic, fc={"type": "Affine",
                               "weight": np.ones((3, 2, 1), np.float32),
                               "bias": f32(0, 0, 0)}), basic_edges)

    write_file("negative_tau.nir",
               dict(basic, lif=lif(3, tau=-0.01)), basic_edges)

    write_file("negative_delay.nir",
               {"input": io("Input", 2),
                "delay": {"type": "Delay", "delay": f32(1, -2)},
                "output": io("Output", 2)}, chain("input", "delay", "output"))

    write_file("nan_weight.nir",
               {"input": io("Input", 2),
                "lin": {"type": "Linear",
                        "weight": np.array([[1, np.nan]], np.float32)},
                "output": io("Output", 1)}, chain("input", "lin", "output"))

    write_file("mismatched_shapes.nir",
               dict(basic, lif=lif(3, r=np.ones(2, np.float32))), basic_edges)

    # Import-level problems (the reader accepts these; the importer must not):
    # a Linear stored (in, out) as some writers do, a shape mismatch on an
    # edge, and an Output with an extra singleton dimension (accepted).
    write_file("linear_transposed.nir",
               {"input": io("Input", 2),
                "lin": {"type": "Linear",
                        "weight": np.ones((2, 3), np.float32)},
                "lif": lif(3), "output": io("Output", 3)},
               chain("input", "lin", "lif", "output"))
    write_file("edge_shape_mismatch.nir",
               {"input": io("Input", 4), "fc": affine(3, 2), "lif": lif(3),
                "output": io("Output", 3)}, basic_edges)
    write_file("output_singleton_dims.nir",
               dict(basic, output=io("Output", 1, 3)), basic_edges)

    # The first bytes of torch.save() in its legacy (pickle) format.
    with open(os.path.join(OUT, "not_hdf5.nir"), "wb") as f:
        f.write(pickle.dumps({"state_dict": {"fc.weight": [1.0]}}, protocol=2))

    with open(os.path.join(OUT, "gzip.nir"), "rb") as f:
        head = f.read(600)
    with open(os.path.join(OUT, "truncated.nir"), "wb") as f:
        f.write(head)

    with h5py.File(os.path.join(OUT, "missing_node_group.nir"), "w") as f:
        f.create_dataset("version", data="1.0.0", dtype=VLEN)
        f.create_group("graph")

    for name in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, name)):6d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
