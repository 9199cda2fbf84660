#!/usr/bin/python3
"""PyTorch side of `npm run bench:infer`: the same architecture and weights as the ONNX model, on
the same inputs (the token ids the engine's tokenizer produced, sent by bench-infer.ts), in the
same batches (length-sorted, padded to the longest in each).

The architecture is the PyTorch module the ONNX file was exported from: models/train/ner_model.py
(the shipped models/pii-ner) or scripts/models/tiny_bert.py (the test fixtures); the one whose
export has the file's graph is used, and the file's weights are loaded onto it
(scripts/models/onnx_weights.py). No separate weights file is needed.

  /usr/bin/python3 scripts/bench/bench-infer-torch.py MODEL_DIR IDS.json THREADS REPEATS BATCH [BATCH...]
IDS.json: a list of token-id rows. Prints one JSON object: {"threads", "architecture", "loaded",
"check": logits of row 0, "tokens", "results": [{"batch", "tokens", "seconds": one per repeat}]}.
With REPEATS `serve`: prints that object without results, then answers each line "B" read from
stdin with one timed pass at batch B: {"batch", "seconds", "cpu"} (cpu: the process's CPU seconds).
"""
import json
import os
import sys
import time

import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'scripts', 'models'))
from onnx_weights import load_onnx_weights  # noqa: E402


def candidates(cfg):
    """(name, factory) for every architecture this repository can build for the config; the
    graph of the ONNX file decides which one it was exported from."""
    out = []
    if os.path.exists(os.path.join(ROOT, 'models', 'train', 'ner_model.py')) and cfg['architectures'][0] == 'BertForTokenClassification':
        import inspect

        sys.path.insert(0, os.path.join(ROOT, 'models', 'train'))
        from ner_model import BertTokenClassifier

        # Variants the constructor offers that config.json does not record (post- or pre-LayerNorm).
        variants = [{}, {'pre_norm': True}] if 'pre_norm' in inspect.signature(BertTokenClassifier).parameters else [{}]
        for extra in variants:
            out.append((f'models/train/ner_model.py BertTokenClassifier{"(pre_norm)" if extra else ""}', lambda extra=extra: BertTokenClassifier(
                cfg['vocab_size'], cfg['hidden_size'], cfg['num_hidden_layers'], cfg['num_attention_heads'], cfg['intermediate_size'],
                max_positions=cfg['max_position_embeddings'], labels=len(cfg['id2label']), **extra)))
    import tiny_bert

    if cfg['architectures'][0] in tiny_bert.HEADS:
        out.append((f'scripts/models/tiny_bert.py {cfg["architectures"][0]}', lambda: tiny_bert.build(cfg)))
    return out


def float_onnx(model_dir):
    """The float ONNX file to read weights from. A folder that ships only the int8
    onnx/model_quantized.onnx (models/train/quantize_onnx.py) is dequantized into a temporary
    file first: PyTorch then runs float math on the same int8-rounded weights the engine has."""
    path = os.path.join(model_dir, 'onnx', 'model.onnx')
    quantized = os.path.join(model_dir, 'onnx', 'model_quantized.onnx')
    if os.path.exists(path) or not os.path.exists(quantized):
        return path, ''
    import tempfile

    sys.path.insert(0, os.path.join(ROOT, 'models', 'train'))
    from quantize_onnx import dequantize

    out = os.path.join(tempfile.mkdtemp(prefix='rml-dequantized-'), 'model.onnx')
    dequantize(quantized, out)
    return out, ' (int8 model_quantized.onnx, dequantized to float)'


def load(model_dir):
    cfg = json.load(open(os.path.join(model_dir, 'config.json')))
    path, note = float_onnx(model_dir)
    graph = onnx.load(path).graph
    inits = {i.name for i in graph.initializer}
    input_names = [i.name for i in graph.input if i.name not in inits]
    output_names = [o.name for o in graph.output]
    example = torch.ones((2, 7), dtype=torch.long)
    errors = []
    for name, factory in candidates(cfg):
        model = factory()
        model.eval()
        try:
            how = load_onnx_weights(model, path, (example, torch.ones_like(example), torch.zeros_like(example)), input_names, output_names)
            return model, name, how + note
        except ValueError as err:
            errors.append(f'{name}: {err}')
    raise SystemExit(f'{model_dir}: no PyTorch architecture here matches its ONNX graph ({"; ".join(errors) or "none for " + cfg["architectures"][0]})')


def batched(rows, b):
    """Length-sorted batches padded to their longest row, as the engine builds them."""
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
    tensors = []
    for k in range(0, len(order), b):
        g = [rows[i] for i in order[k:k + b]]
        width = max(len(r) for r in g)
        ids = torch.tensor([r + [0] * (width - len(r)) for r in g])
        mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in g])
        tensors.append((ids, mask, torch.zeros_like(ids)))
    return tensors


def timed_pass(model, tensors):
    """Wall seconds and this process's CPU seconds (all its threads) for one pass."""
    start, cpu = time.perf_counter(), time.process_time()
    for t in tensors:
        model(*t)
    return time.perf_counter() - start, time.process_time() - cpu


def main():
    model_dir, ids_file, threads, repeats, *batches = sys.argv[1:]
    torch.set_num_threads(int(threads))
    torch.manual_seed(0)
    model, architecture, how = load(model_dir)
    rows = json.load(open(ids_file))
    tokens = sum(len(r) for r in rows)
    with torch.inference_mode():
        one = torch.tensor([rows[0]])
        check = model(one, torch.ones_like(one), torch.zeros_like(one))[0].tolist()
        head = {'threads': torch.get_num_threads(), 'architecture': architecture, 'loaded': how, 'check': check, 'tokens': tokens}
        cache = {}

        def prepared(b):
            if b not in cache:
                cache[b] = batched(rows, b)
                model(*cache[b][0])  # warm-up
            return cache[b]

        if repeats == 'serve':
            # bench-infer.ts interleaves our passes with the engine's: one line "B" → one timed pass.
            print(json.dumps(head), flush=True)
            for line in sys.stdin:
                seconds, cpu = timed_pass(model, prepared(int(line)))
                print(json.dumps({'batch': int(line), 'seconds': seconds, 'cpu': cpu}), flush=True)
            return
        results = [{'batch': b, 'tokens': tokens, 'seconds': [timed_pass(model, prepared(b))[0] for _ in range(int(repeats))]} for b in map(int, batches)]
    print(json.dumps({**head, 'results': results}))


if __name__ == '__main__':
    main()
