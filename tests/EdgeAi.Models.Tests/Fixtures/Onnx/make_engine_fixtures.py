#!/usr/bin/python3
"""Builds the native-engine fixtures (QDQ and QOperator int8 models, one unsupported model) with the official
`onnx` package (Debian's python3-onnx 1.12) and writes engine_manifest.json: each file's sha256, inputs and
outputs, and which operators it covers. Seeded; run from this folder: /usr/bin/python3 make_engine_fixtures.py.
The outputs are committed; the tests never need Python (they compare the engine with ONNX Runtime in C#).

Weights are float N(0, 1/fan_in) quantized symmetrically to int8 in [-127, 127] (per output channel where
the name says so), so activations stay near N(0, 1): activation scales are 8/255 (uint8, zero point 128) or
4/127 (int8, zero point 0), and 4/255 after a Relu."""
import hashlib
import json

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 13)]
PRODUCER = dict(producer_name="edgeai-engine-fixtures", producer_version="1")
rng = np.random.default_rng(20261123)

U8 = (8.0 / 255.0, 128, TensorProto.UINT8)
S8 = (4.0 / 127.0, 0, TensorProto.INT8)
RELU_U8 = (4.0 / 255.0, 0, TensorProto.UINT8)


class Graph:
    """Accumulates nodes and initializers with unique names."""

    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def name(self, base):
        self.n += 1
        return f"{base}_{self.n}"

    def const(self, array, base):
        name = self.name(base)
        self.inits.append(numpy_helper.from_array(array, name))
        return name

    def node(self, op, inputs, base=None, **attrs):
        out = self.name(base or op.lower())
        self.nodes.append(helper.make_node(op, inputs, [out], name=out + "_node", **attrs))
        return out

    def qparams(self, q):
        scale, zp, dtype = q
        s = self.const(np.array(scale, dtype=np.float32), "scale")
        z = self.const(np.array(zp, dtype=np.uint8 if dtype == TensorProto.UINT8 else np.int8), "zp")
        return s, z

    def q(self, x, q):
        s, z = self.qparams(q)
        return self.node("QuantizeLinear", [x, s, z], "q")

    def dq(self, x, q):
        s, z = self.qparams(q)
        return self.node("DequantizeLinear", [x, s, z], "dq")

    def qdq(self, x, q):
        return self.dq(self.q(x, q), q)

    def weights(self, shape, fan_in, axis=None):
        """Symmetric int8 weights (per channel along axis, else per tensor) and their DequantizeLinear."""
        w = rng.standard_normal(shape).astype(np.float32) / np.sqrt(fan_in)
        if axis is None:
            scale = np.array(np.abs(w).max() / 127.0, dtype=np.float32)
            wq = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
            zp = np.array(0, dtype=np.int8)
        else:
            red = tuple(i for i in range(len(shape)) if i != axis)
            scale = (np.abs(w).max(axis=red) / 127.0).astype(np.float32)
            bshape = [1] * len(shape)
            bshape[axis] = shape[axis]
            wq = np.clip(np.round(w / scale.reshape(bshape)), -127, 127).astype(np.int8)
            zp = np.zeros(shape[axis], dtype=np.int8)
        attrs = {} if axis is None else {"axis": axis}
        out = self.node("DequantizeLinear", [self.const(wq, "w_q"), self.const(scale, "w_scale"), self.const(zp, "w_zp")], "w_dq", **attrs)
        return out, scale

    def int_bias(self, n, x_scale, w_scale):
        """int32 bias with scale x_scale * w_scale (zero point 0), as ORT's quantizer emits it."""
        scale = (np.float32(x_scale) * np.asarray(w_scale, dtype=np.float32)).astype(np.float32)
        scale = np.broadcast_to(scale, (n,)).copy()
        b = rng.standard_normal(n).astype(np.float32) * 0.5
        bq = np.round(b / scale).astype(np.int32)
        return self.node("DequantizeLinear", [self.const(bq, "b_q"), self.const(scale, "b_scale"),
                                              self.const(np.zeros(n, dtype=np.int32), "b_zp")], "b_dq", axis=0)

    def model(self, name, inputs, outputs, opset=OPSET):
        graph = helper.make_graph(self.nodes, name, inputs, outputs, initializer=self.inits)
        return helper.make_model(graph, opset_imports=opset, **PRODUCER)


def fin(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def qdq_mlp_softmax():
    """QDQ MLP: Gemm(transB=1, per-channel weights, int32 bias) + Relu, MatMul(per-channel) + Add(float bias),
    MatMul(per-tensor) + Add whose float output feeds Softmax directly."""
    g = Graph()
    x = g.qdq("x", U8)
    w1, s1 = g.weights((32, 16), 16, axis=0)
    h = g.node("Gemm", [x, w1, g.int_bias(32, U8[0], s1)], "gemm", transB=1)
    h = g.qdq(g.node("Relu", [h]), RELU_U8)
    w2, _ = g.weights((32, 12), 32, axis=1)
    h = g.node("MatMul", [h, w2], "matmul")
    h = g.qdq(g.node("Add", [h, g.const((rng.standard_normal(12) * 0.3).astype(np.float32), "bias")]), U8)
    w3, _ = g.weights((12, 5), 12)
    h = g.node("Add", [g.node("MatMul", [h, w3], "matmul"), g.const((rng.standard_normal(5) * 0.3).astype(np.float32), "bias")])
    g.nodes.append(helper.make_node("Softmax", [h], ["y"], name="softmax", axis=-1))
    return g.model("qdq_mlp_softmax", [fin("x", ["batch", 16])], [fin("y", ["batch", 5])]), ["Gemm", "MatMul", "Add", "Relu", "Softmax"]


def qdq_mlp_s8():
    """QDQ MLP with int8 activations (s8 GEMM input path) and a Clip folded into the requantization."""
    g = Graph()
    x = g.qdq("x", S8)
    w1, s1 = g.weights((24, 10), 24, axis=1)
    h = g.node("MatMul", [x, w1], "matmul")
    lo = g.const(np.array(-1.0, dtype=np.float32), "lo")
    hi = g.const(np.array(2.5, dtype=np.float32), "hi")
    h = g.qdq(g.node("Clip", [h, lo, hi]), S8)
    w2, s2 = g.weights((6, 10), 10)
    h = g.node("Gemm", [h, w2, g.int_bias(6, S8[0], s2)], "gemm", transB=1)
    g.nodes.append(helper.make_node("Identity", [g.qdq(h, S8)], ["y"], name="identity"))
    return g.model("qdq_mlp_s8", [fin("x", [3, 24])], [fin("y", [3, 6])]), ["MatMul", "Clip", "Gemm", "Identity"]


def qdq_gemm_variants():
    """MatMul on a 3-D input (batch dims flattened into M) with per-tensor weights, Reshape between Q/DQ pairs,
    Gemm with transB=0, per-channel weights along axis 1 and a float C bias."""
    g = Graph()
    x = g.qdq("x", U8)
    w, _ = g.weights((8, 6), 8)
    h = g.node("Add", [g.node("MatMul", [x, w], "matmul"), g.const((rng.standard_normal(6) * 0.3).astype(np.float32), "bias")])
    h = g.qdq(h, U8)
    h = g.qdq(g.node("Reshape", [h, g.const(np.array([6, 6], dtype=np.int64), "shape")]), U8)
    w, _ = g.weights((6, 4), 6, axis=1)
    h = g.node("Gemm", [h, w, g.const((rng.standard_normal(4) * 0.3).astype(np.float32), "c")], "gemm")
    g.nodes.append(helper.make_node("DequantizeLinear", [g.q(h, U8), *g.qparams(U8)], ["y"], name="dq_out"))
    return g.model("qdq_gemm_variants", [fin("x", [2, 3, 8])], [fin("y", [6, 4])]), ["MatMul", "Add", "Reshape", "Gemm"]


def qdq_shape_ops():
    """Float ops on dequantized values between QDQ pairs (no convolution): MaxPool, AveragePool, Transpose,
    Reshape, Add (broadcast), Mul, Sigmoid, Clip, Relu, Concat, Flatten, GlobalAveragePool, Softmax."""
    g = Graph()
    x = g.qdq("x", U8)
    a = g.qdq(g.node("MaxPool", [x], kernel_shape=[2, 2], strides=[2, 2]), U8)             # [1,4,4,4]
    b = g.qdq(g.node("AveragePool", [x], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]), U8)  # [1,4,4,4]
    c = g.node("Concat", [a, b], axis=1)                                                     # [1,8,4,4]
    t = g.node("Transpose", [c], perm=[0, 2, 3, 1])                                         # [1,4,4,8]
    r = g.node("Reshape", [t, g.const(np.array([0, 16, -1], dtype=np.int64), "shape")])     # [1,16,8]
    r = g.node("Add", [r, g.const((rng.standard_normal(8) * 0.5).astype(np.float32), "bias")])
    r = g.node("Mul", [r, g.const(np.array(0.75, dtype=np.float32), "gain")])
    s = g.qdq(g.node("Sigmoid", [r]), (1.0 / 255.0, 0, TensorProto.UINT8))
    s = g.node("Clip", [s, g.const(np.array(0.2, dtype=np.float32), "lo"), g.const(np.array(0.9, dtype=np.float32), "hi")])
    s = g.qdq(g.node("Relu", [s]), (1.0 / 255.0, 0, TensorProto.UINT8))
    p = g.node("GlobalAveragePool", [g.node("Transpose", [s], perm=[0, 2, 1])])            # [1,8,1]
    f = g.node("Flatten", [p], axis=1)                                                        # [1,8]
    g.nodes.append(helper.make_node("Softmax", [f], ["y"], name="softmax"))
    return g.model("qdq_shape_ops", [fin("x", [1, 4, 8, 8])], [fin("y", [1, 8])]), [
        "MaxPool", "AveragePool", "Concat", "Transpose", "Reshape", "Add", "Mul", "Sigmoid", "Clip", "Relu",
        "GlobalAveragePool", "Flatten", "Softmax"]


def qop_matmul(act):
    """QOperator: QuantizeLinear -> QLinearMatMul (per-column int8 weights) -> QLinearMatMul -> DequantizeLinear.
    Only uint8 activations: ONNX Runtime registers QLinearMatMul-10 for uint8 inputs only (int8 activations are
    covered by MatMulInteger, QLinearConv and the QDQ int8 MLP)."""
    g = Graph()
    q_in = U8 if act == "u8" else S8
    x = g.q("x", q_in)
    h = x
    for k, n, q_out in [(20, 12, q_in), (12, 7, U8)]:
        w = rng.integers(-127, 128, size=(k, n), dtype=np.int8)
        w_scale = (rng.uniform(0.5, 1.5, n) / (127 * np.sqrt(k)) * 3).astype(np.float32)
        sa, za = g.qparams(q_in)
        sy, zy = g.qparams(q_out)
        h = g.node("QLinearMatMul", [h, sa, za, g.const(w, "b"), g.const(w_scale, "b_scale"),
                                     g.const(np.zeros(n, dtype=np.int8), "b_zp"), sy, zy], "qmm")
        q_in = q_out
    g.nodes.append(helper.make_node("DequantizeLinear", [h, *g.qparams(U8)], ["y"], name="dq_out"))
    return g.model(f"qop_matmul_{act}", [fin("x", [4, 20])], [fin("y", [4, 7])]), ["QuantizeLinear", "QLinearMatMul", "DequantizeLinear"]


def matmul_integer_per_column(act):
    """MatMulInteger with a per-column int8 weight zero point and a nonzero activation zero point: exact int32."""
    g = Graph()
    w = rng.integers(-120, 121, size=(33, 18), dtype=np.int8)
    a_zp = np.array(131, dtype=np.uint8) if act == "u8" else np.array(-3, dtype=np.int8)
    b_zp = rng.integers(-5, 6, size=18).astype(np.int8)
    g.nodes.append(helper.make_node("MatMulInteger", ["a", g.const(w, "b"), g.const(a_zp, "a_zp"), g.const(b_zp, "b_zp")], ["y"], name="mmi"))
    dtype = TensorProto.UINT8 if act == "u8" else TensorProto.INT8
    return g.model(f"matmul_integer_{act}", [helper.make_tensor_value_info("a", dtype, [5, 33])],
                   [helper.make_tensor_value_info("y", TensorProto.INT32, [5, 18])]), ["MatMulInteger"]


def quantize_dequantize():
    """QuantizeLinear per tensor (int8) and per axis (uint8), DequantizeLinear per axis: hand-checkable."""
    g = Graph()
    s = g.const(np.array(0.05, dtype=np.float32), "scale")
    z = g.const(np.array(-7, dtype=np.int8), "zp")
    g.nodes.append(helper.make_node("QuantizeLinear", ["x", s, z], ["q_tensor"], name="q_tensor"))
    sa = g.const(np.array([0.02, 0.1, 0.5], dtype=np.float32), "scale_axis")
    za = g.const(np.array([0, 128, 250], dtype=np.uint8), "zp_axis")
    g.nodes.append(helper.make_node("QuantizeLinear", ["x", sa, za], ["q_axis"], name="q_axis", axis=1))
    g.nodes.append(helper.make_node("DequantizeLinear", ["q_axis", sa, za], ["dq_axis"], name="dq_axis", axis=1))
    return g.model("quantize_dequantize", [fin("x", [2, 3, 4])], [
        helper.make_tensor_value_info("q_tensor", TensorProto.INT8, [2, 3, 4]),
        helper.make_tensor_value_info("q_axis", TensorProto.UINT8, [2, 3, 4]),
        fin("dq_axis", [2, 3, 4])]), ["QuantizeLinear", "DequantizeLinear"]


def qop_bytes():
    """Exact ops on quantized bytes (QOperator graphs): MaxPool on uint8, Reshape, Transpose, Concat, Flatten."""
    g = Graph()
    m = g.node("MaxPool", ["x"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])          # [1,3,4,4]
    r = g.node("Reshape", [m, g.const(np.array([1, 3, -1], dtype=np.int64), "shape")])          # [1,3,16]
    t = g.node("Transpose", [r], perm=[0, 2, 1])                                                 # [1,16,3]
    c = g.node("Concat", [t, t], axis=2)                                                         # [1,16,6]
    g.nodes.append(helper.make_node("Flatten", [c], ["y"], name="flatten", axis=1))
    u8 = TensorProto.UINT8
    return g.model("qop_bytes", [helper.make_tensor_value_info("x", u8, [1, 3, 8, 8])],
                   [helper.make_tensor_value_info("y", u8, [1, 96])]), ["MaxPool", "Reshape", "Transpose", "Concat", "Flatten"]


def qdq_cnn1d():
    """QDQ 1-D CNN for sensor windows: Conv1d + Relu + MaxPool + Conv1d + GlobalAveragePool + Flatten + Gemm + Softmax."""
    g = Graph()
    x = g.qdq("x", U8)
    w, s = g.weights((16, 6, 5), 30, axis=0)
    h = g.qdq(g.node("Relu", [g.node("Conv", [x, w, g.int_bias(16, U8[0], s)], "conv", pads=[2, 2])]), RELU_U8)
    h = g.qdq(g.node("MaxPool", [h], kernel_shape=[2], strides=[2]), RELU_U8)             # [1,16,32]
    w, s = g.weights((24, 16, 3), 48, axis=0)
    h = g.qdq(g.node("Conv", [h, w, g.int_bias(24, RELU_U8[0], s)], "conv", strides=[2], pads=[1, 1]), U8)  # [1,24,16]
    h = g.qdq(g.node("GlobalAveragePool", [h]), U8)
    h = g.qdq(g.node("Flatten", [h]), U8)  # ORT's quantizer puts Q/DQ on the Flatten output too
    w, s = g.weights((4, 24), 24, axis=0)
    h = g.node("Gemm", [h, w, g.int_bias(4, U8[0], s)], "gemm", transB=1)
    g.nodes.append(helper.make_node("Softmax", [g.qdq(h, U8)], ["y"], name="softmax"))
    return g.model("qdq_cnn1d", [fin("x", [1, 6, 64])], [fin("y", [1, 4])]), [
        "Conv", "Relu", "MaxPool", "GlobalAveragePool", "Flatten", "Gemm", "Softmax"]


def qdq_cnn2d():
    """QDQ 2-D CNN: Conv, depthwise Conv (group = C), grouped Conv, AveragePool, Concat, Transpose, Reshape,
    Sigmoid, Mul, Clip."""
    g = Graph()
    x = g.qdq("x", U8)
    w, s = g.weights((8, 3, 3, 3), 27, axis=0)
    h = g.qdq(g.node("Relu", [g.node("Conv", [x, w, g.int_bias(8, U8[0], s)], "conv", pads=[1, 1, 1, 1])]), RELU_U8)  # [1,8,12,12]
    w, s = g.weights((8, 1, 3, 3), 9, axis=0)
    d = g.node("Conv", [h, w, g.int_bias(8, RELU_U8[0], s)], "dwconv", group=8, pads=[1, 1, 1, 1], strides=[2, 2])
    lo = g.const(np.array(0.0, dtype=np.float32), "lo")
    hi = g.const(np.array(3.0, dtype=np.float32), "hi")
    d = g.qdq(g.node("Clip", [d, lo, hi]), RELU_U8)                                                              # [1,8,6,6]
    w, s = g.weights((8, 4, 1, 1), 4, axis=0)
    gc = g.qdq(g.node("Conv", [d, w, g.int_bias(8, RELU_U8[0], s)], "gconv", group=2), U8)                         # [1,8,6,6]
    p = g.qdq(g.node("AveragePool", [h], kernel_shape=[2, 2], strides=[2, 2]), RELU_U8)                          # [1,8,6,6]
    c = g.node("Concat", [gc, p], axis=1)                                                                        # [1,16,6,6]
    gate = g.qdq(g.node("Sigmoid", [c]), (1.0 / 255.0, 0, TensorProto.UINT8))
    m = g.qdq(g.node("Mul", [c, gate]), U8)
    t = g.node("Transpose", [m], perm=[0, 2, 3, 1])                                                              # [1,6,6,16]
    g.nodes.append(helper.make_node("Reshape", [t, g.const(np.array([1, 36, 16], dtype=np.int64), "shape")], ["y"], name="reshape"))
    return g.model("qdq_cnn2d", [fin("x", [1, 3, 12, 12])], [fin("y", [1, 36, 16])]), [
        "Conv", "Relu", "Clip", "AveragePool", "Concat", "Sigmoid", "Mul", "Transpose", "Reshape"]


def qop_conv(act):
    """QOperator: QuantizeLinear -> QLinearConv 2-D (per-channel weights, bias) -> QLinearConv depthwise ->
    DequantizeLinear, all activations uint8 or all int8 (ONNX Runtime's kernel wants x and y of one type)."""
    g = Graph()
    q_in = U8 if act == "u8" else S8
    h = g.q("x", q_in)
    q_first = q_in
    for m, cg, k, group, q_out in [(6, 4, 3, 1, q_in), (6, 1, 3, 6, q_in)]:
        w = rng.integers(-127, 128, size=(m, cg, k, k), dtype=np.int8)
        w_scale = (rng.uniform(0.5, 1.5, m) / (127 * np.sqrt(cg * k * k)) * 3).astype(np.float32)
        b = rng.integers(-2000, 2000, size=m).astype(np.int32)
        sa, za = g.qparams(q_in)
        sy, zy = g.qparams(q_out)
        h = g.node("QLinearConv", [h, sa, za, g.const(w, "w"), g.const(w_scale, "w_scale"), g.const(np.zeros(m, dtype=np.int8), "w_zp"),
                                   sy, zy, g.const(b, "b")], "qconv", group=group, pads=[1, 1, 1, 1])
        q_in = q_out
    g.nodes.append(helper.make_node("DequantizeLinear", [h, *g.qparams(q_first)], ["y"], name="dq_out"))
    return g.model(f"qop_conv_{act}", [fin("x", [1, 4, 9, 9])], [fin("y", [1, 6, 9, 9])]), ["QuantizeLinear", "QLinearConv", "DequantizeLinear"]


def qop_conv1d():
    """QOperator 1-D QLinearConv with stride 2, uint8 in and out (the output stays quantized)."""
    g = Graph()
    w = rng.integers(-127, 128, size=(5, 3, 4), dtype=np.int8)
    w_scale = np.array(3.0 / (127 * np.sqrt(12)), dtype=np.float32)
    sa, za = g.qparams(U8)
    sy, zy = g.qparams(U8)
    g.nodes.append(helper.make_node("QLinearConv", ["x", sa, za, g.const(w, "w"), g.const(w_scale, "w_scale"),
                                                    g.const(np.array(0, dtype=np.int8), "w_zp"), sy, zy], ["y"], name="qconv1d", strides=[2]))
    u8 = TensorProto.UINT8
    return g.model("qop_conv1d", [helper.make_tensor_value_info("x", u8, [1, 3, 20])],
                   [helper.make_tensor_value_info("y", u8, [1, 5, 9])]), ["QLinearConv"]


def unsupported_erf():
    """A QDQ model with an Erf (GELU-style) the native engine does not run: the loader must fall back."""
    g = Graph()
    x = g.qdq("x", U8)
    w, _ = g.weights((8, 8), 8, axis=1)
    h = g.node("MatMul", [x, w], "matmul")
    g.nodes.append(helper.make_node("Erf", [h], ["y"], name="gelu_erf"))
    return g.model("unsupported_erf", [fin("x", [1, 8])], [fin("y", [1, 8])]), ["Erf"]


def io(v):
    t = v.type.tensor_type
    return {"name": v.name, "elem_type": t.elem_type,
            "dims": [d.dim_param if d.HasField("dim_param") else d.dim_value for d in t.shape.dim]}


if __name__ == "__main__":
    builders = [
        ("qdq_mlp_softmax", qdq_mlp_softmax, False), ("qdq_mlp_s8", qdq_mlp_s8, False), ("qdq_shape_ops", qdq_shape_ops, False),
        ("qop_matmul_u8", lambda: qop_matmul("u8"), False),
        ("matmul_integer_u8", lambda: matmul_integer_per_column("u8"), False),
        ("matmul_integer_s8", lambda: matmul_integer_per_column("s8"), False),
        ("quantize_dequantize", quantize_dequantize, False), ("qop_bytes", qop_bytes, False),
        ("qdq_cnn1d", qdq_cnn1d, True), ("qdq_cnn2d", qdq_cnn2d, True),
        ("qop_conv_u8", lambda: qop_conv("u8"), True), ("qop_conv_s8", lambda: qop_conv("s8"), True),
        ("qop_conv1d", qop_conv1d, True), ("unsupported_erf", unsupported_erf, False),
        # Added last so the random draws of the fixtures above stay as they were.
        ("qdq_gemm_variants", qdq_gemm_variants, False),
    ]
    # Float-output tolerance vs ONNX Runtime, per fixture (quantized outputs: at most 1 step; int32: exact). The
    # engine and ORT may round one requantized value differently (fixed point vs float multiply), i.e. one step of
    # the tensor it lands in. A float output that is DequantizeLinear of a quantized tensor may then differ by one
    # step of that scale. A Softmax output moves by at most 1/2 of the largest change of its inputs (the row sums of
    # its Jacobian's absolute values are 2 p (1 - p) <= 1/2), so it gets 1/2 step of the scale feeding it; when
    # that input is itself a fused float MatMul (qdq_mlp_softmax), a one-step change of each of its K inputs moves a
    # logit by at most s_in * max_n sum_k |w[k, n]| (dequantized weights), computed below from the model.
    def mlp_logit_bound():
        model = onnx.load("qdq_mlp_softmax.onnx")
        inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
        mm = [n for n in model.graph.node if n.op_type == "MatMul"][-1]
        dq = next(n for n in model.graph.node if n.output[0] == mm.input[1])
        w = (inits[dq.input[0]].astype(np.float32) - inits[dq.input[2]]) * inits[dq.input[1]]
        return float(U8[0] * np.abs(w).sum(axis=0).max())

    tolerance = {
        "quantize_dequantize": {"dq_axis": 0.0},
        "qop_matmul_u8": {"y": U8[0]},
        "qdq_mlp_s8": {"y": S8[0]},
        "qdq_shape_ops": {"y": 0.5 / 255.0},
        "qdq_gemm_variants": {"y": U8[0]},
        "qdq_cnn1d": {"y": 0.5 * U8[0]},
        "qdq_cnn2d": {"y": U8[0]},
        "qop_conv_u8": {"y": U8[0]},
        "qop_conv_s8": {"y": S8[0]},
    }
    manifest = []
    for name, build, conv in builders:
        model, ops = build()
        onnx.checker.check_model(model, full_check=True)
        path = name + ".onnx"
        onnx.save(model, path)
        data = open(path, "rb").read()
        if name == "qdq_mlp_softmax":
            tolerance[name] = {"y": 0.5 * mlp_logit_bound()}
        manifest.append({"file": path, "sha256": hashlib.sha256(data).hexdigest(), "covers": ops,
                         "float_tolerance": tolerance.get(name, {}),
                         "convolution": conv, "supported": name != "unsupported_erf",
                         "inputs": [io(v) for v in model.graph.input], "outputs": [io(v) for v in model.graph.output]})
    with open("engine_manifest.json", "w") as f:
        json.dump({"onnx_version": onnx.__version__, "fixtures": manifest}, f, indent=1)
        f.write("\n")
