#!/usr/bin/python3
"""Writes the load-run repository: a mid-size MLP (512 -> 1024 -> 1024 -> 10, ReLU, FP32, 1.6 M parameters,
6.3 MB) served twice, as "mlp" (each request runs alone) and "mlp_batched" (dynamic batching), and the
request body (batch 1). Not committed output: run_load.sh generates it into a temp folder.

usage: make_mlp.py REPOSITORY_DIR BODY_FILE
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

repo, body_path = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(7)
sizes = [512, 1024, 1024, 10]
nodes, inits = [], []
prev = "input"
for i in range(3):
    w = (rng.standard_normal((sizes[i], sizes[i + 1])) / np.sqrt(sizes[i])).astype(np.float32)
    b = np.zeros(sizes[i + 1], dtype=np.float32)
    inits += [numpy_helper.from_array(w, f"w{i}"), numpy_helper.from_array(b, f"b{i}")]
    out = "logits" if i == 2 else f"h{i}"
    nodes.append(helper.make_node("Gemm", [prev, f"w{i}", f"b{i}"], [out if i == 2 else f"g{i}"]))
    if i < 2:
        nodes.append(helper.make_node("Relu", [f"g{i}"], [out]))
    prev = out
graph = helper.make_graph(
    nodes, "mlp",
    [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 512])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])],
    initializer=inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)

for name, batching in (("mlp", ""), ("mlp_batched", "dynamic_batching { max_queue_delay_microseconds: 1000 }\n")):
    os.makedirs(os.path.join(repo, name, "1"), exist_ok=True)
    onnx.save(model, os.path.join(repo, name, "1", "model.onnx"))
    with open(os.path.join(repo, name, "config.pbtxt"), "w") as f:
        f.write(f'name: "{name}"\nplatform: "onnxruntime_onnx"\nmax_batch_size: 64\n'
                'input [ { name: "input" data_type: TYPE_FP32 dims: [ 512 ] } ]\n'
                'output [ { name: "logits" data_type: TYPE_FP32 dims: [ 10 ] } ]\n' + batching)

data = [round(float(v), 4) for v in rng.standard_normal(512)]
with open(body_path, "w") as f:
    json.dump({"inputs": [{"name": "input", "shape": [1, 512], "datatype": "FP32", "data": data}]}, f)
