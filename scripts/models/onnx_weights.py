"""Loads the weights of an ONNX file exported from a PyTorch module back onto that module.

Reading initializers by name is not enough: torch.onnx.export renames what constant folding
touched (a Linear's weight becomes a transposed `onnx::MatMul_123`) and keeps one initializer
for parameters with equal values (zero biases, LayerNorm ones), dropping the other names. So the
module is exported again here, with the same exporter and every parameter set to distinct values;
that reference graph has the same nodes in the same order as the file, and in it each
initializer is recognisable by value as a parameter (or its transpose). Aligning the two graphs
node by node then says which initializer of the file holds which parameter.

  load_onnx_weights(module, 'model.onnx', example_inputs, input_names, output_names)
"""
import io
import warnings

import numpy as np
import onnx
import torch
from onnx import numpy_helper


def _export(module, example_inputs, input_names, output_names, folding):
    buf = io.BytesIO()
    axes = {n: {0: 'batch', 1: 'sequence'} for n in input_names + output_names}
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # the tracer's notes about Python values in the graph
        torch.onnx.export(module, example_inputs, buf, opset_version=14, do_constant_folding=folding,
                          input_names=input_names, output_names=output_names, dynamic_axes=axes)
    return onnx.load_from_string(buf.getvalue())


def _nodes(graph, inits):
    """The graph's nodes with each node's inputs resolved to initializer names. The exporter
    writes an Identity node for each parameter it deduplicated (its output stands for the kept
    initializer), and how many there are depends on the values: those nodes are left out."""
    alias = {}
    nodes = []
    for n in graph.node:
        if n.op_type == 'Identity' and n.input[0] in inits:
            alias[n.output[0]] = n.input[0]
            continue
        nodes.append((n.op_type, [alias.get(i, i) for i in n.input]))
    return nodes


def _parameter_of(value, params):
    """The parameter whose values (or transposed values) these are, with the transposition."""
    for name, p in params.items():
        if value.shape == p.shape and np.array_equal(value, p):
            return name, False
        if value.ndim == 2 and value.shape == p.shape[::-1] and np.array_equal(value, p.T):
            return name, True
    return None


def load_onnx_weights(module, onnx_path, example_inputs, input_names, output_names):
    """Sets every parameter of `module` from the ONNX file; returns how (name/alignment). Raises
    ValueError when the file's graph is not an export of this module's architecture."""
    target_graph = onnx.load(onnx_path).graph
    target_init = {i.name: numpy_helper.to_array(i) for i in target_graph.initializer}
    target = _nodes(target_graph, target_init)
    state = module.state_dict()

    # The straightforward case first: every parameter under its own name, same shape.
    if all(k in target_init and tuple(target_init[k].shape) == tuple(v.shape) for k, v in state.items()):
        module.load_state_dict({k: torch.from_numpy(target_init[k].copy()) for k in state})
        return 'names'

    # Distinct values for every parameter so that nothing is deduplicated or confused.
    gen = torch.Generator().manual_seed(1234)
    reference = {k: torch.randn(v.shape, generator=gen, dtype=torch.float64).to(v.dtype) + i for i, (k, v) in enumerate(state.items())}
    original = {k: v.clone() for k, v in state.items()}
    module.load_state_dict(reference)
    try:
        ref = None
        for folding in (True, False):
            graph = _export(module, example_inputs, input_names, output_names, folding).graph
            ref_init = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
            nodes = _nodes(graph, ref_init)
            if [op for op, _ in nodes] == [op for op, _ in target]:
                ref = nodes
                break
    finally:
        module.load_state_dict(original)
    if ref is None:
        raise ValueError(f'{onnx_path}: its graph ({len(target)} nodes) is not an export of {type(module).__name__}')

    params = {k: v.numpy() for k, v in reference.items()}
    found = {}
    for (_, ref_inputs), (_, target_inputs) in zip(ref, target):
        for ref_input, target_input in zip(ref_inputs, target_inputs):
            if ref_input not in ref_init or target_input not in target_init:
                continue
            match = _parameter_of(ref_init[ref_input], params)
            if match:
                name, transposed = match
                value = target_init[target_input]
                found[name] = value.T if transposed else value
    missing = [k for k in state if k not in found]
    if missing:
        raise ValueError(f'{onnx_path}: no initializer found for {missing[:3]}')
    module.load_state_dict({k: torch.from_numpy(np.array(found[k], copy=True)).to(state[k].dtype) for k in state})
    return 'graph alignment'
