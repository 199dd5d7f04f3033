#!/usr/bin/python3
"""Builds the ONNX test fixtures with the official `onnx` package (Debian's python3-onnx, 1.12) and writes
manifest.json: each file's sha256 and the facts `onnx` itself reads back from it, which the C# reader tests
compare against. Run from this folder: /usr/bin/python3 make_fixtures.py. The outputs are committed; the tests
never need Python."""
import hashlib
import json

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 13)]
PRODUCER = dict(producer_name="edgeai-fixtures", producer_version="1")
rng = np.random.default_rng(20261123)


def int8_weights(shape):
    # Symmetric int8: [-127, 127], as the packed GEMM requires.
    return rng.integers(-127, 128, size=shape, dtype=np.int8)


def matmul_integer():
    b = numpy_helper.from_array(int8_weights((5, 3)), "B")
    a_zero = numpy_helper.from_array(np.array(7, dtype=np.uint8), "a_zero_point")
    b_zero = numpy_helper.from_array(np.array([0, 1, -2], dtype=np.int8), "b_zero_point")
    node = helper.make_node("MatMulInteger", ["A", "B", "a_zero_point", "b_zero_point"], ["Y"], name="mm")
    graph = helper.make_graph(
        [node], "matmul_integer",
        [helper.make_tensor_value_info("A", TensorProto.UINT8, [2, 5])],
        [helper.make_tensor_value_info("Y", TensorProto.INT32, [2, 3])],
        initializer=[b, a_zero, b_zero])
    return helper.make_model(graph, opset_imports=OPSET, **PRODUCER)


def qlinear_matmul():
    inits = [
        numpy_helper.from_array(np.array(0.02, dtype=np.float32), "a_scale"),
        numpy_helper.from_array(np.array(128, dtype=np.uint8), "a_zero_point"),
        numpy_helper.from_array(int8_weights((4, 2)), "b"),
        numpy_helper.from_array(np.array(0.01, dtype=np.float32), "b_scale"),
        numpy_helper.from_array(np.array(0, dtype=np.int8), "b_zero_point"),
        numpy_helper.from_array(np.array(0.05, dtype=np.float32), "y_scale"),
        numpy_helper.from_array(np.array(100, dtype=np.uint8), "y_zero_point"),
    ]
    node = helper.make_node(
        "QLinearMatMul",
        ["a", "a_scale", "a_zero_point", "b", "b_scale", "b_zero_point", "y_scale", "y_zero_point"], ["y"])
    graph = helper.make_graph(
        [node], "qlinear_matmul",
        [helper.make_tensor_value_info("a", TensorProto.UINT8, [1, 4])],
        [helper.make_tensor_value_info("y", TensorProto.UINT8, [1, 2])],
        initializer=inits)
    return helper.make_model(graph, opset_imports=OPSET, **PRODUCER)


def qdq_mlp():
    """QDQ around a MatMul, a bias Add, Relu, Gemm with float/int attributes, Transpose with an ints
    attribute, a Constant with a tensor attribute, symbolic batch dims, float_data (not raw) initializers,
    metadata and doc strings: the attribute and tensor encodings a reader must get right."""
    w = int8_weights((8, 4))
    w_scale = np.array([0.01, 0.02, 0.015, 0.03], dtype=np.float32)
    inits = [
        numpy_helper.from_array(np.array(0.05, dtype=np.float32), "x_scale"),
        numpy_helper.from_array(np.array(128, dtype=np.uint8), "x_zero_point"),
        numpy_helper.from_array(w, "w_q"),
        numpy_helper.from_array(w_scale, "w_scale"),
        numpy_helper.from_array(np.zeros(4, dtype=np.int8), "w_zero_point"),
        helper.make_tensor("bias", TensorProto.FLOAT, [4], [0.5, -0.25, 0.125, 1.0]),  # float_data field
        helper.make_tensor("g_weight", TensorProto.FLOAT, [2, 4], rng.standard_normal(8).astype(np.float32).tolist()),
        helper.make_tensor("shape_hint", TensorProto.INT64, [2], [1, 4]),  # int64_data field
    ]
    nodes = [
        helper.make_node("QuantizeLinear", ["x", "x_scale", "x_zero_point"], ["x_q"], name="quant_x"),
        helper.make_node("DequantizeLinear", ["x_q", "x_scale", "x_zero_point"], ["x_dq"], name="dequant_x"),
        helper.make_node("DequantizeLinear", ["w_q", "w_scale", "w_zero_point"], ["w_dq"], name="dequant_w", axis=1),
        helper.make_node("MatMul", ["x_dq", "w_dq"], ["mm"], name="matmul"),
        helper.make_node("Add", ["mm", "bias"], ["biased"], name="bias_add"),
        helper.make_node("Relu", ["biased"], ["hidden"], name="relu", doc_string="rectifier"),
        helper.make_node("Gemm", ["hidden", "g_weight"], ["g"], name="gemm", alpha=0.5, beta=1.0, transB=1),
        helper.make_node("Transpose", ["g"], ["gt"], name="transpose", perm=[1, 0]),
        helper.make_node("Constant", [], ["c"], name="constant",
                         value=helper.make_tensor("c_value", TensorProto.FLOAT, [1], [2.0])),
        helper.make_node("Mul", ["gt", "c"], ["y"], name="scale"),
    ]
    graph = helper.make_graph(
        nodes, "qdq_mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, "batch"])],
        initializer=inits, doc_string="fixture: QDQ MLP")
    model = helper.make_model(graph, opset_imports=OPSET, doc_string="EdgeAi reader fixture", **PRODUCER)
    helper.set_model_props(model, {"author": "edgeai", "purpose": "tests"})
    return model


def attribute_value(a):
    kind = helper.get_attribute_value(a)
    if a.type == onnx.AttributeProto.TENSOR:
        return {"name": kind.name, "dims": list(kind.dims), "data_type": kind.data_type,
                "values": numpy_helper.to_array(kind).flatten().tolist()}
    if a.type == onnx.AttributeProto.STRING:
        return kind.decode("utf-8")
    if a.type in (onnx.AttributeProto.INTS, onnx.AttributeProto.FLOATS):
        return list(kind)
    return kind


def value_info(v):
    t = v.type.tensor_type
    dims = [d.dim_param if d.HasField("dim_param") else d.dim_value for d in t.shape.dim]
    return {"name": v.name, "elem_type": t.elem_type, "dims": dims}


def describe(path):
    data = open(path, "rb").read()
    model = onnx.load_from_string(data)
    onnx.checker.check_model(model)
    g = model.graph
    return {
        "file": path,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "ir_version": model.ir_version,
        "opsets": [{"domain": o.domain, "version": o.version} for o in model.opset_import],
        "producer_name": model.producer_name,
        "doc_string": model.doc_string,
        "metadata": {p.key: p.value for p in model.metadata_props},
        "graph_name": g.name,
        "inputs": [value_info(v) for v in g.input],
        "outputs": [value_info(v) for v in g.output],
        "initializers": [{"name": t.name, "data_type": t.data_type, "dims": list(t.dims),
                          "values": numpy_helper.to_array(t).flatten().tolist()} for t in g.initializer],
        "nodes": [{"name": n.name, "op_type": n.op_type, "inputs": list(n.input), "outputs": list(n.output),
                   "attributes": {a.name: {"type": a.type, "value": attribute_value(a)} for a in n.attribute}}
                  for n in g.node],
    }


if __name__ == "__main__":
    manifest = []
    for name, build in [("matmul_integer", matmul_integer), ("qlinear_matmul", qlinear_matmul), ("qdq_mlp", qdq_mlp)]:
        model = build()
        onnx.checker.check_model(model)
        path = name + ".onnx"
        onnx.save(model, path)
        manifest.append(describe(path))
    with open("manifest.json", "w") as f:
        json.dump({"onnx_version": onnx.__version__, "fixtures": manifest}, f, indent=1)
        f.write("\n")
