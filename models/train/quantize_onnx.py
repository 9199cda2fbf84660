"""int8 dynamic quantization of an ONNX model's weight MatMuls, written here (Debian has the `onnx`
Python package but not onnxruntime's quantization tool).

    /usr/bin/python3 models/train/quantize_onnx.py models/pii-ner/onnx/model.onnx \
        models/pii-ner/onnx/model_quantized.onnx [--per-tensor] [--reduce-range] [--no-bias]
    /usr/bin/python3 models/train/quantize_onnx.py --dequantize model_quantized.onnx float.onnx

Every MatMul whose second input is a constant 2-D weight [K, N] becomes one
com.microsoft DynamicQuantizeMatMul (ONNX Runtime's CPU kernel: the activations are quantized to
uint8 per call, the weights are stored as int8 with a scale per output column, symmetric, zero
point 0). Where the MatMul's only consumer is an Add of a constant [N] bias, the bias moves into
the node too. MatMuls of two activations (attention scores) and everything else stay float:
embeddings, layer norms, softmax. Weights no longer used are dropped.

--reduce-range stores weights in 7 bits (|q| <= 63): CPUs without VNNI multiply u8 x s8 pairs
with a saturating 16-bit add, which 8-bit weights can overflow. --per-tensor uses one scale per
matrix (smaller, less exact).
"""
import argparse
import json

import numpy as np
import onnx
from onnx import helper, numpy_helper


def quantize_weight(w: np.ndarray, per_column: bool, reduce_range: bool):
    """Symmetric int8 quantization of a [K, N] weight: (q, scale) with w ~ q * scale."""
    qmax = 63.0 if reduce_range else 127.0
    absmax = np.abs(w).max(axis=0) if per_column else np.array(np.abs(w).max())
    scale = np.where(absmax > 0, absmax / qmax, 1.0).astype(np.float32)
    q = np.clip(np.round(w / scale), -qmax, qmax).astype(np.int8)
    return q, scale


def quantize(src: str, dst: str, per_column: bool = True, reduce_range: bool = False, fold_bias: bool = True) -> dict:
    model = onnx.load(src)
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    consumers: dict = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    graph_outputs = {o.name for o in graph.output}

    new_nodes = []
    new_inits = []
    removed = set()  # nodes folded into a quantized one
    count = 0
    max_err = 0.0
    for node in graph.node:
        if id(node) in removed:
            continue
        weight = inits.get(node.input[1]) if node.op_type == 'MatMul' and len(node.input) == 2 else None
        if weight is None or len(weight.dims) != 2:
            new_nodes.append(node)
            continue
        w = numpy_helper.to_array(weight).astype(np.float32)
        q, scale = quantize_weight(w, per_column, reduce_range)
        max_err = max(max_err, float(np.abs(q.astype(np.float32) * scale - w).max()))
        base = weight.name.replace(':', '_').replace('/', '_')
        q_name, s_name, z_name = f'{base}_quantized', f'{base}_scale', f'{base}_zero_point'
        new_inits += [
            numpy_helper.from_array(q, q_name),
            numpy_helper.from_array(scale, s_name),
            numpy_helper.from_array(np.zeros(scale.shape, dtype=np.int8), z_name),
        ]
        inputs = [node.input[0], q_name, s_name, z_name]
        output = node.output[0]
        # Enough to write the float graph back (dequantize): names and the Add's input order.
        origin = {'matmul': node.name, 'matmul_output': output, 'weight': weight.name}
        users = consumers.get(output, [])
        if fold_bias and output not in graph_outputs and len(users) == 1 and users[0].op_type == 'Add':
            add = users[0]
            other = add.input[1] if add.input[0] == output else add.input[0]
            bias = inits.get(other)
            if bias is not None and list(bias.dims) == [w.shape[1]]:
                inputs.append(other)
                origin.update(add=add.name, bias_first=add.input[0] == other)
                output = add.output[0]
                removed.add(id(add))
        quantized = helper.make_node('DynamicQuantizeMatMul', inputs, [output], name=f'{node.name}_quant', domain='com.microsoft')
        quantized.doc_string = json.dumps(origin)
        new_nodes.append(quantized)
        count += 1

    del graph.node[:]
    graph.node.extend(new_nodes)
    graph.initializer.extend(new_inits)
    used = {name for node in graph.node for name in node.input}
    kept = [i for i in graph.initializer if i.name in used or i.name in graph_outputs]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    if not any(o.domain == 'com.microsoft' for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid('com.microsoft', 1))
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    return {'quantized_matmuls': count, 'max_weight_error': max_err}


def dequantize(src: str, dst: str) -> int:
    """The float graph back from a file `quantize` wrote: each DynamicQuantizeMatMul becomes the
    MatMul (and bias Add) it replaced, in the same place, with the weights q * scale. For a peer
    that must run the same weights in float (bench:infer's PyTorch side reads them from an export
    of this shape); the values are the int8-rounded ones, not the original floats."""
    model = onnx.load(src)
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    nodes = []
    count = 0
    for node in graph.node:
        if node.op_type != 'DynamicQuantizeMatMul':
            nodes.append(node)
            continue
        origin = json.loads(node.doc_string)
        q = numpy_helper.to_array(inits[node.input[1]]).astype(np.float32)
        scale = numpy_helper.to_array(inits[node.input[2]]).astype(np.float32)
        graph.initializer.append(numpy_helper.from_array((q * scale).astype(np.float32), origin['weight']))
        if 'add' in origin:
            nodes.append(helper.make_node('MatMul', [node.input[0], origin['weight']], [origin['matmul_output']], name=origin['matmul']))
            bias = node.input[4]
            add_inputs = [bias, origin['matmul_output']] if origin['bias_first'] else [origin['matmul_output'], bias]
            nodes.append(helper.make_node('Add', add_inputs, [node.output[0]], name=origin['add']))
        else:
            nodes.append(helper.make_node('MatMul', [node.input[0], origin['weight']], [node.output[0]], name=origin['matmul']))
        count += 1
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for node in graph.node for name in node.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    keep_opsets = [o for o in model.opset_import if o.domain != 'com.microsoft']
    del model.opset_import[:]
    model.opset_import.extend(keep_opsets)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    return count


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('src')
    p.add_argument('dst')
    p.add_argument('--per-tensor', action='store_true')
    p.add_argument('--reduce-range', action='store_true')
    p.add_argument('--no-bias', action='store_true', help='leave the bias Adds as they are')
    p.add_argument('--dequantize', action='store_true', help='the other way: a quantized file back to a float graph')
    a = p.parse_args()
    if a.dequantize:
        print(f'{a.dst}: {dequantize(a.src, a.dst)} DynamicQuantizeMatMul -> MatMul (+ Add), float weights q * scale')
        return
    r = quantize(a.src, a.dst, per_column=not a.per_tensor, reduce_range=a.reduce_range, fold_bias=not a.no_bias)
    print(f"{a.dst}: {r['quantized_matmuls']} MatMuls -> DynamicQuantizeMatMul (int8 weights), max |weight error| {r['max_weight_error']:.2e}")


if __name__ == '__main__':
    main()
