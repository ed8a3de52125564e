"""Python side of bench/split.mjs (run by it with Debian's python3-onnx; usable alone).

  python3 bench/split.py model OUT.onnx BLOCKS DIM [--value-info]
      A chain of BLOCKS blocks h{i+1} = Relu(h{i} @ W{i} + b{i}) on float32; input x (= h0) of
      shape [1, DIM], output y. Weights are raw_data initializers, BLOCKS * (DIM*DIM + DIM) * 4
      bytes; 3 * BLOCKS nodes. With --value-info the file also declares every intermediate
      value's type (onnx shape inference); without, like most exported models, it does not.
      The model passes onnx.checker. Prints one JSON line describing it.

  python3 bench/split.py peer MODEL CUT INPUT OUTPUT DIR
      The peer: onnx.utils.extract_model twice, INPUT -> CUT (part 1) and CUT -> OUTPUT (part 2),
      as Cutline writes both parts. Prints one JSON line per finished call, with its seconds.

  python3 bench/split.py check MODEL PART...
      Node count of each file, and onnx.checker on the parts. Prints one JSON line.
"""
import json
import os
import sys
import time

import onnx


def model(out: str, blocks: int, dim: int, value_info: bool) -> None:
    import numpy as np
    from onnx import TensorProto, helper

    rng = np.random.default_rng(20240603)
    scale = np.float32(np.sqrt(2.0 / dim))  # He init: activations keep their scale through Relu
    nodes, inits = [], []
    weight_bytes = 0
    for i in range(blocks):
        w = rng.standard_normal((dim, dim), dtype=np.float32) * scale
        b = rng.standard_normal((dim,), dtype=np.float32) * np.float32(0.01)
        for name, arr in ((f"W{i}", w), (f"b{i}", b)):
            inits.append(TensorProto(name=name, data_type=TensorProto.FLOAT, dims=arr.shape, raw_data=arr.tobytes()))
            weight_bytes += arr.nbytes
        src = "x" if i == 0 else f"h{i}"
        dst = "y" if i == blocks - 1 else f"h{i + 1}"
        nodes.append(helper.make_node("MatMul", [src, f"W{i}"], [f"m{i}"], name=f"matmul{i}"))
        nodes.append(helper.make_node("Add", [f"m{i}", f"b{i}"], [f"a{i}"], name=f"add{i}"))
        nodes.append(helper.make_node("Relu", [f"a{i}"], [dst], name=f"relu{i}"))
    graph = helper.make_graph(
        nodes,
        "bench_chain",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, dim])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, dim])],
        initializer=inits,
    )
    m = helper.make_model(graph, producer_name="cutline-bench", opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    if value_info:
        m = onnx.shape_inference.infer_shapes(m)
    onnx.checker.check_model(m)
    onnx.save(m, out)
    print(json.dumps({
        "path": out,
        "bytes": os.path.getsize(out),
        "nodes": len(nodes),
        "weightBytes": weight_bytes,
        "valueInfo": len(m.graph.value_info),
        "middle": f"h{blocks // 2}",
        "input": "x",
        "output": "y",
    }))


def peer(path: str, cut: str, inp: str, out: str, dir_: str) -> None:
    import onnx.utils

    # Extractor._dfs_search_reachable_nodes recurses once per node along the path; a chain
    # longer than ~1,000 nodes exceeds Python's default recursion limit.
    sys.setrecursionlimit(1_000_000)
    for part, (ins, outs) in enumerate((([inp], [cut]), ([cut], [out])), start=1):
        t = time.perf_counter()
        onnx.utils.extract_model(path, os.path.join(dir_, f"peer.part{part}.onnx"), ins, outs)
        print(json.dumps({"part": part, "seconds": time.perf_counter() - t}), flush=True)


def check(path: str, parts: list) -> None:
    counts = {"model": len(onnx.load(path).graph.node)}
    for p in parts:
        onnx.checker.check_model(p)
        counts[os.path.basename(p)] = len(onnx.load(p).graph.node)
    print(json.dumps(counts))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "model":
        model(args[0], int(args[1]), int(args[2]), "--value-info" in args[3:])
    elif cmd == "peer":
        peer(*args[:5])
    elif cmd == "check":
        check(args[0], args[1:])
    else:
        sys.exit(f"unknown command {cmd}")
