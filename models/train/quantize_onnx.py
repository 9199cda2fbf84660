"""int8 dynamic quantization of an ONNX model's weight MatMuls, written here (Debian has the `onnx`
Python package but not onnxruntime's quantization tool).

    /usr/bin/python3 models/train/quantize_onnx.py models/pii-ner/onnx/model.onnx \
        models/pii-ner/onnx/model_quantized.onnx [--per-tensor] [--reduce-range] [--no-bias] [--fuse]
    /usr/bin/python3 models/train/quantize_onnx.py --dequantize model_quantized.onnx float.onnx

Every MatMul whose second input is a constant 2-D weight [K, N] becomes one
com.microsoft DynamicQuantizeMatMul (ONNX Runtime's CPU kernel: the activations are quantized to
uint8 per call, the weights are stored as int8 with a scale per output column, symmetric, zero
point 0). Where the MatMul's only consumer is an Add of a constant [N] bias, the bias moves into
the node too. MatMuls of two activations (attention scores) and everything else stay float:
embeddings, layer norms, softmax. Weights no longer used are dropped.

--reduce-range stores weights in 7 bits (|q| <= 63): CPUs without VNNI multiply u8 x s8 pairs
with a saturating 16-bit add, which 8-bit weights can overflow. --per-tensor uses one scale per
matrix (smaller, less exact). --fuse also rewrites attention and Add + LayerNorm as ONNX Runtime's
fused kernels (see `fuse`; off: slower for the shipped model on CPU).
"""
import argparse
import base64
import json
import math

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def quantize_weight(w: np.ndarray, per_column: bool, reduce_range: bool):
    """Symmetric int8 quantization of a [K, N] weight: (q, scale) with w ~ q * scale."""
    qmax = 63.0 if reduce_range else 127.0
    absmax = np.abs(w).max(axis=0) if per_column else np.array(np.abs(w).max())
    scale = np.where(absmax > 0, absmax / qmax, 1.0).astype(np.float32)
    q = np.clip(np.round(w / scale), -qmax, qmax).astype(np.int8)
    return q, scale


def quantize(src: str, dst: str, per_column: bool = True, reduce_range: bool = False, fold_bias: bool = True, fused: bool = False) -> dict:
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
    fusions = fuse(model) if fused and fold_bias else {'attention': 0, 'skip_layer_norm': 0}
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    return {'quantized_matmuls': count, 'max_weight_error': max_err, **fusions}


# ---- Fusion (opt-in, --fuse): ONNX Runtime's com.microsoft transformer kernels -----------------
# ONNX Runtime fuses this graph's layer norms and GELU by itself, but not the attention block or
# the residual Add before each layer norm. `fuse` rewrites both on the int8 graph:
#   Reshape/Transpose/Split/Squeeze of the qkv output + Q.K^T / sqrt(d) + mask bias + Softmax + .V
#   + Transpose/Reshape  ->  Split + MultiHeadAttention (the int8 qkv projection stays; the raw
#   attention mask as int32, which the kernel turns into the export's -10000 bias)
#   Add(x, y) + LayerNorm (ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add)  ->  SkipLayerNormalization
# Measured with onnxruntime-node 1.30 on CPU (docs/benchmarks.md, "Inference"), both fused kernels
# are slower than what ONNX Runtime makes of the exported graph for this small model (hidden 128,
# about 30 tokens per row), so the shipped file is not fused; the option stays for other models
# and execution providers. QAttention (int8 qkv inside the attention kernel) was slower still.
# The exported node list is kept in the file's metadata (UNFUSED_KEY) with any small initializer
# only it used, so `dequantize` (and through it the PyTorch peer and make-text-encoder.py) still
# gets the exported graph back node for node.

UNFUSED_KEY = 'responsible_ml.unfused_graph'


def _const_value(graph, name, producer, inits):
    if name in inits:
        return numpy_helper.to_array(inits[name])
    node = producer.get(name)
    if node is not None and node.op_type == 'Constant':
        return numpy_helper.to_array(node.attribute[0].t)
    return None


def _is_constant(name, producer, inits):
    """An initializer, a Constant, or an Identity of one (the exporter shares equal parameters so)."""
    while name not in inits and name in producer and producer[name].op_type == 'Identity':
        name = producer[name].input[0]
    return name in inits or (name in producer and producer[name].op_type == 'Constant')


def _attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def _match_attention(graph, softmax, producer, consumers, inits):
    """The exported attention block around one Softmax, or None when it is another shape."""
    def prod(name, op):
        node = producer.get(name)
        return node if node is not None and node.op_type == op else None

    add = prod(softmax.input[0], 'Add')
    if add is None:
        return None
    div = prod(add.input[0], 'Div') or prod(add.input[1], 'Div')
    if div is None:
        return None
    mask_bias = add.input[1] if add.input[0] == div.output[0] else add.input[0]
    scores = prod(div.input[0], 'MatMul')
    divisor = _const_value(graph, div.input[1], producer, inits)
    if scores is None or divisor is None or divisor.size != 1:
        return None
    q_sq, kt = prod(scores.input[0], 'Squeeze'), prod(scores.input[1], 'Transpose')
    if q_sq is None or kt is None or list(_attr(kt, 'perm', [])) != [0, 1, 3, 2]:
        return None
    k_sq = prod(kt.input[0], 'Squeeze')
    users = consumers.get(softmax.output[0], [])
    if k_sq is None or len(users) != 1 or users[0].op_type != 'MatMul' or users[0].input[0] != softmax.output[0]:
        return None
    context = users[0]
    v_sq = prod(context.input[1], 'Squeeze')
    split = prod(q_sq.input[0], 'Split')
    if v_sq is None or split is None or [prod(s.input[0], 'Split') for s in (k_sq, v_sq)] != [split, split]:
        return None
    if [q_sq.input[0], k_sq.input[0], v_sq.input[0]] != list(split.output) or _attr(split, 'axis') != 0:
        return None
    heads_first = prod(split.input[0], 'Transpose')
    if heads_first is None or list(_attr(heads_first, 'perm', [])) != [2, 0, 3, 1, 4]:
        return None
    reshape = prod(heads_first.input[0], 'Reshape')
    qkv = producer.get(reshape.input[0]) if reshape is not None else None
    if qkv is None or qkv.op_type != 'DynamicQuantizeMatMul' or len(qkv.input) != 5 or len(consumers.get(qkv.output[0], [])) != 1:
        return None
    shape = prod(reshape.input[1], 'Concat')
    heads = _const_value(graph, shape.input[3], producer, inits) if shape is not None and len(shape.input) == 5 else None
    three = _const_value(graph, shape.input[2], producer, inits) if shape is not None and len(shape.input) == 5 else None
    if heads is None or three is None or int(three.reshape(-1)[0]) != 3:
        return None
    heads = int(heads.reshape(-1)[0])
    hidden3 = inits[qkv.input[1]].dims[1]
    head_size = hidden3 // 3 // heads
    # MultiHeadAttention scales scores by 1/sqrt(head size): the export must divide by that.
    if abs(float(divisor.reshape(-1)[0]) - math.sqrt(head_size)) > 1e-5 * math.sqrt(head_size):
        return None
    back = [c for c in consumers.get(context.output[0], []) if c.op_type == 'Transpose']
    if len(back) != 1 or list(_attr(back[0], 'perm', [])) != [0, 2, 1, 3]:
        return None
    merge = [c for c in consumers.get(back[0].output[0], []) if c.op_type == 'Reshape']
    if len(merge) != 1:
        return None
    if _mask_source(mask_bias, producer, graph, inits) is None:
        return None
    return {'qkv': qkv, 'heads': heads, 'output': merge[0].output[0], 'mask_bias': mask_bias}


def _mask_source(mask_bias, producer, graph, inits):
    """The graph input behind bias = (1 - Cast(Unsqueeze(Unsqueeze(mask)))) * -10000, or None."""
    mul = producer.get(mask_bias)
    if mul is None or mul.op_type != 'Mul':
        return None
    for i in (0, 1):
        c = _const_value(graph, mul.input[1 - i], producer, inits)
        sub = producer.get(mul.input[i])
        if c is None or c.size != 1 or float(c.reshape(-1)[0]) != -10000.0 or sub is None or sub.op_type != 'Sub':
            continue
        one = _const_value(graph, sub.input[0], producer, inits)
        if one is None or float(one.reshape(-1)[0]) != 1.0:
            return None
        name = sub.input[1]
        while name in producer and producer[name].op_type in ('Cast', 'Unsqueeze'):
            name = producer[name].input[0]
        return name if name in {i.name for i in graph.input} else None
    return None


def _match_skip_layer_norm(graph, add, producer, consumers, inits):
    """Add(x, y) feeding only the exported LayerNorm: (x + y - mean) / sqrt(var + eps) * gamma + beta."""
    if any(_is_constant(i, producer, inits) for i in add.input):
        return None
    users = consumers.get(add.output[0], [])
    if sorted(u.op_type for u in users) != ['ReduceMean', 'Sub']:
        return None
    mean = next(u for u in users if u.op_type == 'ReduceMean')
    sub = next(u for u in users if u.op_type == 'Sub')
    if list(sub.input) != [add.output[0], mean.output[0]] or list(_attr(mean, 'axes', [])) != [-1]:
        return None
    sub_users = consumers.get(sub.output[0], [])
    if sorted(u.op_type for u in sub_users) != ['Div', 'Pow']:
        return None
    pow_, div = next(u for u in sub_users if u.op_type == 'Pow'), next(u for u in sub_users if u.op_type == 'Div')
    exponent = _const_value(graph, pow_.input[1], producer, inits)
    var = consumers.get(pow_.output[0], [])
    if exponent is None or float(exponent.reshape(-1)[0]) != 2.0 or len(var) != 1 or var[0].op_type != 'ReduceMean':
        return None
    eps_add = consumers.get(var[0].output[0], [])
    if len(eps_add) != 1 or eps_add[0].op_type != 'Add':
        return None
    eps = _const_value(graph, eps_add[0].input[1], producer, inits)
    sqrt = consumers.get(eps_add[0].output[0], [])
    if eps is None or len(sqrt) != 1 or sqrt[0].op_type != 'Sqrt' or div.input[1] != sqrt[0].output[0]:
        return None
    mul = consumers.get(div.output[0], [])
    if len(mul) != 1 or mul[0].op_type != 'Mul':
        return None
    gamma = mul[0].input[1] if mul[0].input[0] == div.output[0] else mul[0].input[0]
    beta_add = consumers.get(mul[0].output[0], [])
    if not _is_constant(gamma, producer, inits) or len(beta_add) != 1 or beta_add[0].op_type != 'Add':
        return None
    beta = beta_add[0].input[1] if beta_add[0].input[0] == mul[0].output[0] else beta_add[0].input[0]
    if not _is_constant(beta, producer, inits):
        return None
    return {'inputs': list(add.input), 'gamma': gamma, 'beta': beta, 'epsilon': float(eps.reshape(-1)[0]), 'output': beta_add[0].output[0]}


def fuse(model) -> dict:
    """Rewrites attention blocks and residual Add + LayerNorm as com.microsoft fused nodes (see above)."""
    graph = model.graph
    original = onnx.GraphProto()
    original.node.extend(graph.node)
    inits = {i.name: i for i in graph.initializer}
    producer = {o: n for n in graph.node for o in n.output}
    consumers: dict = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    new_nodes = []  # (the node whose output it takes over, fused nodes)
    replaced = {}  # output name -> fused nodes that now produce it
    mask_int32 = {}
    attention = 0
    for node in graph.node:
        if node.op_type != 'Softmax':
            continue
        m = _match_attention(graph, node, producer, consumers, inits)
        if m is None:
            continue
        qkv = m['qkv']
        source = _mask_source(m['mask_bias'], producer, graph, inits)
        nodes = []
        if source not in mask_int32:
            mask_int32[source] = f'{source}_int32'
            nodes.append(helper.make_node('Cast', [source], [mask_int32[source]], name=f'{source}_to_int32', to=TensorProto.INT32))
        # The qkv projection stays int8; its output [B, S, 3H] splits into Q, K, V [B, S, H].
        hidden = inits[qkv.input[1]].dims[1] // 3
        sizes = f'{qkv.name}_split_sizes'
        if sizes not in inits:
            t = numpy_helper.from_array(np.array([hidden] * 3, dtype=np.int64), sizes)
            graph.initializer.append(t)
            inits[sizes] = t
        q, k, v = (f'{qkv.output[0]}_{p}' for p in 'qkv')
        nodes.append(helper.make_node('Split', [qkv.output[0], sizes], [q, k, v], name=f'{qkv.name}_split', axis=2))
        nodes.append(helper.make_node(
            'MultiHeadAttention', [q, k, v, '', mask_int32[source]], [m['output']],
            name=qkv.name.replace('qkv/MatMul_quant', 'MultiHeadAttention'), domain='com.microsoft', num_heads=m['heads']))
        replaced[m['output']] = nodes
        attention += 1
    skip = 0
    for node in graph.node:
        if node.op_type != 'Add':
            continue
        m = _match_skip_layer_norm(graph, node, producer, consumers, inits)
        if m is None:
            continue
        replaced[m['output']] = [helper.make_node(
            'SkipLayerNormalization', m['inputs'] + [m['gamma'], m['beta']], [m['output']],
            name=node.name + '_SkipLayerNorm', domain='com.microsoft', epsilon=m['epsilon'])]
        skip += 1
    if not replaced:
        return {'attention': 0, 'skip_layer_norm': 0}

    # New node list: each fused group where the node producing its output was; then everything
    # no graph output depends on any more goes.
    nodes = []
    for node in graph.node:
        fused = [replaced.pop(o) for o in node.output if o in replaced]
        nodes.extend(n for group in fused for n in group)
        if not fused:
            nodes.append(node)
    needed = {o.name for o in graph.output}
    kept = []
    for node in reversed(nodes):
        if any(o in needed for o in node.output):
            kept.append(node)
            needed.update(i for i in node.input if i)
    kept.reverse()
    del graph.node[:]
    graph.node.extend(kept)
    # Initializers only the exported nodes used travel with the record of those nodes.
    dropped = [i for i in graph.initializer if i.name not in needed]
    original.initializer.extend(dropped)
    used = [i for i in graph.initializer if i.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(used)
    record = model.metadata_props.add()
    record.key = UNFUSED_KEY
    record.value = base64.b64encode(original.SerializeToString()).decode('ascii')
    return {'attention': attention, 'skip_layer_norm': skip}


def unfuse(model) -> bool:
    """The exported node list back from a fused graph's record; False when it was not fused."""
    props = [p for p in model.metadata_props if p.key == UNFUSED_KEY]
    if not props:
        return False
    original = onnx.GraphProto()
    original.ParseFromString(base64.b64decode(props[0].value))
    graph = model.graph
    del graph.node[:]
    graph.node.extend(original.node)
    graph.initializer.extend(original.initializer)
    used = {name for node in graph.node for name in node.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    others = [p for p in model.metadata_props if p.key != UNFUSED_KEY]
    del model.metadata_props[:]
    model.metadata_props.extend(others)
    return True


def dequantize(src: str, dst: str) -> int:
    """The float graph back from a file `quantize` wrote: each DynamicQuantizeMatMul becomes the
    MatMul (and bias Add) it replaced, in the same place, with the weights q * scale. For a peer
    that must run the same weights in float (bench:infer's PyTorch side reads them from an export
    of this shape); the values are the int8-rounded ones, not the original floats."""
    model = onnx.load(src)
    unfuse(model)
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
    p.add_argument('--fuse', action='store_true', help='attention -> MultiHeadAttention, Add + LayerNorm -> SkipLayerNormalization (see fuse; slower on CPU here)')
    p.add_argument('--dequantize', action='store_true', help='the other way: a quantized file (fused or not) back to the exported float graph')
    a = p.parse_args()
    if a.dequantize:
        print(f'{a.dst}: {dequantize(a.src, a.dst)} DynamicQuantizeMatMul -> MatMul (+ Add), float weights q * scale')
        return
    r = quantize(a.src, a.dst, per_column=not a.per_tensor, reduce_range=a.reduce_range, fold_bias=not a.no_bias, fused=a.fuse)
    print(f"{a.dst}: {r['quantized_matmuls']} MatMuls -> DynamicQuantizeMatMul (int8 weights), max |weight error| {r['max_weight_error']:.2e}; "
          f"fused: {r['attention']} MultiHeadAttention, {r['skip_layer_norm']} SkipLayerNormalization")


if __name__ == '__main__':
    main()
