#!/usr/bin/python3
"""Writes the small ONNX models that test the ONNX importer (translate/onnx).

Run with the system python (Debian's python3-onnx and python3-numpy):

    /usr/bin/python3 scripts/make_test_onnx.py

It (re)creates test/translate/onnx/inputs/. Each file is a few KB and fixed
by the seed below, so re-running gives the same bytes.

Models the importer must accept (expected outputs computed here with numpy,
independently of the C++ code):
  mlp.onnx         Flatten -> Gemm(transB) -> Relu -> MatMul -> Add(bias),
                   symbolic batch "N"; weights as raw_data initializers.
  cnn.onnx         Conv(pads 1) -> BatchNormalization -> Relu -> MaxPool ->
                   AveragePool -> Reshape [0, -1] -> Dropout -> Gemm ->
                   Identity; float_data (typed field) weights, the Reshape
                   shape from a Constant node, batch 3.
  cnn_x.npy, cnn_y.npy, cnn_labels.npy   an input batch, numpy's outputs and
                   labels (int64) of cnn.onnx.
  mlp_x.npy, mlp_y.npy                   the same for mlp.onnx.
  static_x.npy, static_x_repeated.npy    a (2, 1) input and the same held
                   for 5 steps, (2, 5, 1): snn-run --static-input must give
                   the bytes of the explicit run (examples/lif).
  static_labels.npy (float zeros); labels_bad_shape.npy,
  labels_bad_value.npy   wrong --labels for cnn_x.

Models the importer must refuse, each with a one-line diagnostic:
  bad_*.onnx       one unsupported construct each (see BAD below).
  corrupt_*.onnx   truncated, random bytes, empty, and a valid protobuf
                   that is not a model (no graph).
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "translate", "onnx", "inputs")
rng = np.random.default_rng(20240607)


def f32(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def init(name, array, raw=True):
    t = numpy_helper.from_array(array, name)
    if not raw:  # The typed field (float_data / int64_data) instead of raw_data.
        t = helper.make_tensor(name, onnx.mapping.NP_TYPE_TO_TENSOR_TYPE[array.dtype],
                               array.shape, array.flatten().tolist(), raw=False)
    return t


def save(model, name):
    onnx.checker.check_model(model)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(model.SerializeToString(deterministic=True))


def model_of(nodes, inputs, outputs, inits, name):
    graph = helper.make_graph(nodes, name, inputs, outputs, inits)
    m = helper.make_model(graph, producer_name="snn-mlir make_test_onnx.py",
                          opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    return m


def relu(x):
    return np.maximum(x, 0)


def conv2d(x, w, b, pad):
    n, c, h, wd = x.shape
    m, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    y = np.zeros((n, m, oh, ow), np.float64)
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, :, i:i + kh, j:j + kw].astype(np.float64)
            y[:, :, i, j] = np.einsum("nchw,mchw->nm", patch, w.astype(np.float64))
    return y + b.reshape(1, m, 1, 1)


def pool(x, k, s, op):
    n, c, h, w = x.shape
    oh, ow = (h - k) // s + 1, (w - k) // s + 1
    y = np.zeros((n, c, oh, ow), np.float64)
    for i in range(oh):
        for j in range(ow):
            y[:, :, i, j] = op(x[:, :, i * s:i * s + k, j * s:j * s + k], axis=(2, 3))
    return y


def make_mlp():
    w1, b1 = f32(8, 16), f32(8)
    w2, b2 = f32(8, 3), f32(3)
    nodes = [
        helper.make_node("Flatten", ["x"], ["flat"], name="flatten", axis=1),
        helper.make_node("Gemm", ["flat", "w1", "b1"], ["h"], name="fc1", transB=1),
        helper.make_node("Relu", ["h"], ["r"], name="relu1"),
        helper.make_node("MatMul", ["r", "w2"], ["m"], name="fc2"),
        helper.make_node("Add", ["m", "b2"], ["y"], name="fc2_bias"),
    ]
    model = model_of(
        nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1, 4, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])],
        [init("w1", w1), init("b1", b1), init("w2", w2), init("b2", b2)], "mlp")
    save(model, "mlp.onnx")
    x = f32(4, 1, 4, 4)
    y = relu(x.reshape(4, 16).astype(np.float64) @ w1.T + b1) @ w2 + b2
    np.save(os.path.join(OUT, "mlp_x.npy"), x)
    np.save(os.path.join(OUT, "mlp_y.npy"), y.astype(np.float32))
    return model


def make_cnn():
    w, b = f32(4, 2, 3, 3), f32(4)
    gamma, beta = f32(4), f32(4)
    mean, var = f32(4), (np.abs(f32(4)) + 0.5).astype(np.float32)
    wf, bf = f32(5, 16), f32(5)
    shape = helper.make_tensor("shape", TensorProto.INT64, [2], [0, -1])
    nodes = [
        helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv1", pads=[1, 1, 1, 1],
                         kernel_shape=[3, 3], strides=[1, 1]),
        helper.make_node("BatchNormalization", ["c", "gamma", "beta", "mean", "var"], ["bn"],
                         name="bn1", epsilon=1e-3),
        helper.make_node("Relu", ["bn"], ["r"], name="relu1"),
        helper.make_node("MaxPool", ["r"], ["mp"], name="pool1", kernel_shape=[2, 2],
                         strides=[2, 2]),
        helper.make_node("AveragePool", ["mp"], ["ap"], name="pool2", kernel_shape=[2, 2],
                         strides=[1, 1]),
        helper.make_node("Constant", [], ["shape"], name="flat_shape", value=shape),
        helper.make_node("Reshape", ["ap", "shape"], ["flat"], name="flatten"),
        helper.make_node("Dropout", ["flat"], ["d"], name="drop"),
        helper.make_node("Gemm", ["d", "wf", "bf"], ["logits"], name="fc", transB=1),
        helper.make_node("Identity", ["logits"], ["y"], name="out"),
    ]
    inits = [init("w", w, raw=False), init("b", b, raw=False), init("gamma", gamma),
             init("beta", beta), init("mean", mean), init("var", var),
             init("wf", wf, raw=False), init("bf", bf)]
    model = model_of(
        nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 2, 6, 6])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [3, 5])], inits, "cnn")
    save(model, "cnn.onnx")
    x = f32(3, 2, 6, 6)
    c = conv2d(x, w, b, 1)
    s = (gamma / np.sqrt(var.astype(np.float64) + 1e-3)).reshape(1, 4, 1, 1)
    bn = (c - mean.reshape(1, 4, 1, 1)) * s + beta.reshape(1, 4, 1, 1)
    ap = pool(pool(relu(bn), 2, 2, np.max), 2, 1, np.mean)
    y = ap.reshape(3, -1) @ wf.T.astype(np.float64) + bf
    np.save(os.path.join(OUT, "cnn_x.npy"), x)
    np.save(os.path.join(OUT, "cnn_y.npy"), y.astype(np.float32))
    labels = np.argmax(y, axis=1).astype(np.int64)
    labels[0] = (labels[0] + 1) % 5  # One wrong label: accuracy 2/3.
    np.save(os.path.join(OUT, "cnn_labels.npy"), labels)
    return model


def conv_model(name, **attrs):
    """A one-Conv model on a (1, 2, 5, 5) input with the given attributes."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv", **attrs)]
    return model_of(
        nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 5, 5])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [init("w", f32(3, 2, 3, 3))], name)


def one_node(name, node, in_shape, inits=(), in_type=TensorProto.FLOAT):
    return model_of(
        [node], [helper.make_tensor_value_info("x", in_type, in_shape)],
        [helper.make_tensor_value_info(node.output[0], TensorProto.FLOAT, None)],
        list(inits), name)


BAD = {
    "bad_op.onnx": lambda: one_node(
        "bad_op", helper.make_node("Sigmoid", ["x"], ["y"], name="act"), [1, 4]),
    "bad_autopad.onnx": lambda: conv_model("bad_autopad", auto_pad="SAME_UPPER"),
    "bad_pads.onnx": lambda: conv_model("bad_pads", pads=[0, 0, 1, 1]),
    "bad_conv_attr.onnx": lambda: conv_model("bad_conv_attr", pads=[1, 1, 1, 1],
                                             foo=1),
    "bad_bn.onnx": lambda: one_node(
        "bad_bn", helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"],
                                   name="bn"), [1, 3],
        [init(n, f32(3) if n != "v" else np.ones(3, np.float32)) for n in "sbmv"]),
    "bad_reshape.onnx": lambda: one_node(
        "bad_reshape", helper.make_node("Reshape", ["x", "shape"], ["y"], name="reshape"),
        [2, 3, 4], [init("shape", np.array([4, 2, 3], np.int64))]),
    "bad_ceil.onnx": lambda: one_node(
        "bad_ceil", helper.make_node("MaxPool", ["x"], ["y"], name="pool", kernel_shape=[2, 2],
                                     strides=[2, 2], ceil_mode=1), [1, 1, 5, 5]),
    "bad_count_pad.onnx": lambda: one_node(
        "bad_count_pad", helper.make_node("AveragePool", ["x"], ["y"], name="pool",
                                          kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        [1, 1, 5, 5]),
    "bad_transa.onnx": lambda: one_node(
        "bad_transa", helper.make_node("Gemm", ["x", "w"], ["y"], name="fc", transA=1),
        [4, 2], [init("w", f32(4, 3))]),
    "bad_flatten.onnx": lambda: one_node(
        "bad_flatten", helper.make_node("Flatten", ["x"], ["y"], name="flat", axis=2),
        [2, 3, 4]),
    "bad_add.onnx": lambda: one_node(
        "bad_add", helper.make_node("Add", ["x", "c"], ["y"], name="shift"), [2, 3],
        [init("c", f32(3))]),
    "bad_dtype.onnx": lambda: one_node(
        "bad_dtype", helper.make_node("Relu", ["x"], ["y"], name="relu"), [2, 3],
        in_type=TensorProto.DOUBLE),
    "bad_weight_input.onnx": lambda: model_of(
        [helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")],
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3]),
         helper.make_tensor_value_info("w", TensorProto.FLOAT, [3, 2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], [], "bad_weight_input"),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    mlp = make_mlp()
    make_cnn()
    for name, build in BAD.items():
        model = build()
        with open(os.path.join(OUT, name), "wb") as f:  # No checker: some are invalid on purpose.
            f.write(model.SerializeToString(deterministic=True))
    data = mlp.SerializeToString(deterministic=True)
    with open(os.path.join(OUT, "corrupt_truncated.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])
    with open(os.path.join(OUT, "corrupt_random.onnx"), "wb") as f:
        f.write(np.random.default_rng(7).integers(0, 256, 512, dtype=np.uint8).tobytes())
    open(os.path.join(OUT, "corrupt_empty.onnx"), "wb").close()
    x = np.array([[0.6], [1.5]], np.float32)
    np.save(os.path.join(OUT, "static_x.npy"), x)
    np.save(os.path.join(OUT, "static_x_repeated.npy"), np.repeat(x[:, None, :], 5, axis=1))
    np.save(os.path.join(OUT, "static_labels.npy"), np.zeros(2, np.float32))
    np.save(os.path.join(OUT, "labels_bad_shape.npy"), np.zeros((3, 1), np.int64))
    np.save(os.path.join(OUT, "labels_bad_value.npy"), np.array([0, 7, 1], np.int32))
    with open(os.path.join(OUT, "corrupt_nograph.onnx"), "wb") as f:
        f.write(helper.make_operatorsetid("", 13).SerializeToString())


if __name__ == "__main__":
    main()
