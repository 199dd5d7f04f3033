#!/usr/bin/python3
"""Builds the ONNX test fixtures of the model service's conformance tests.

Run with Debian's /usr/bin/python3 (onnx 1.12, numpy); the .onnx files it writes are committed so
the tests themselves never need Python. Each model is tiny and its answer is easy to compute by hand:
the tests assert exact values.
"""
import hashlib
import json
import os
import shutil

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.join(HERE, "repository")
OPSET = [helper.make_opsetid("", 13)]


def save(model_name, version, graph):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="edgeai-fixtures")
    # IR 8 is what onnx 1.12 writes for opset 13; ONNX Runtime 1.31 reads it.
    model.ir_version = 8
    onnx.checker.check_model(model)
    folder = os.path.join(REPO, model_name, str(version))
    os.makedirs(folder, exist_ok=True)
    onnx.save(model, os.path.join(folder, "model.onnx"))


def simple():
    # Triton's classic "simple" example: OUTPUT0 = INPUT0 + INPUT1, OUTPUT1 = INPUT0 - INPUT1, batched.
    shape = ["batch", 4]
    graph = helper.make_graph(
        [helper.make_node("Add", ["INPUT0", "INPUT1"], ["OUTPUT0"]),
         helper.make_node("Sub", ["INPUT0", "INPUT1"], ["OUTPUT1"])],
        "simple",
        [helper.make_tensor_value_info("INPUT0", TensorProto.FLOAT, shape),
         helper.make_tensor_value_info("INPUT1", TensorProto.FLOAT, shape)],
        [helper.make_tensor_value_info("OUTPUT0", TensorProto.FLOAT, shape),
         helper.make_tensor_value_info("OUTPUT1", TensorProto.FLOAT, shape)])
    save("simple", 1, graph)


ALL_TYPES = [
    ("BOOL", TensorProto.BOOL),
    ("UINT8", TensorProto.UINT8),
    ("INT8", TensorProto.INT8),
    ("INT32", TensorProto.INT32),
    ("INT64", TensorProto.INT64),
    ("FP32", TensorProto.FLOAT),
    ("FP64", TensorProto.DOUBLE),
]


def all_types():
    # One identity per datatype the service must carry: IN_<T> -> OUT_<T>, variable length.
    nodes, inputs, outputs = [], [], []
    for name, elem in ALL_TYPES:
        nodes.append(helper.make_node("Identity", ["IN_" + name], ["OUT_" + name]))
        inputs.append(helper.make_tensor_value_info("IN_" + name, elem, ["n"]))
        outputs.append(helper.make_tensor_value_info("OUT_" + name, elem, ["n"]))
    save("all_types", 1, helper.make_graph(nodes, "all_types", inputs, outputs))


def versioned(version):
    # y = x + version, so a response tells which version served it.
    graph = helper.make_graph(
        [helper.make_node("Add", ["x", "k"], ["y"])],
        "versioned",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])],
        initializer=[helper.make_tensor("k", TensorProto.FLOAT, [1], [float(version)])])
    save("versioned", version, graph)


def config_mismatch():
    # The model takes FP32 but its config.pbtxt claims INT32: loading must fail with a reason.
    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"])],
        "config_mismatch",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    save("config_mismatch", 1, graph)


def manifest(model_name, version, sha256=None, signature=None):
    # Distribution manifest next to the artifact. The service only checks it against the file; the
    # signature is opaque to it (nodes verify it), so the fixture's is a placeholder, not a real signature.
    folder = os.path.join(REPO, model_name, str(version))
    with open(os.path.join(folder, "model.onnx"), "rb") as f:
        data = f.read()
    body = {"name": model_name, "version": version, "file": "model.onnx",
            "sha256": sha256 or hashlib.sha256(data).hexdigest(), "size": len(data),
            "engine": "onnxruntime", "min_runtime_version": "0.1.0"}
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(body, f, indent=2)
        f.write("\n")
    if signature is not None:
        with open(os.path.join(folder, "manifest.sig"), "w") as f:
            f.write(signature + "\n")


if __name__ == "__main__":
    simple()
    all_types()
    for v in (1, 2, 3):
        versioned(v)
    config_mismatch()
    # broken_config has a valid model but an unparsable config.pbtxt (written by hand, committed).
    broken = os.path.join(REPO, "broken_config", "1")
    os.makedirs(broken, exist_ok=True)
    shutil.copy(os.path.join(REPO, "config_mismatch", "1", "model.onnx"), os.path.join(broken, "model.onnx"))
    manifest("versioned", 1, signature="Zml4dHVyZS1wbGFjZWhvbGRlcg==")
    manifest("versioned", 3, sha256="0" * 64)  # stale manifest: must not be offered
    manifest("simple", 1)  # unsigned: offered with signature null
