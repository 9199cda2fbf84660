#!/usr/bin/python3
"""PyTorch side of `npm run bench:infer`: the same architecture and weights as the ONNX model
(the weights are read from the ONNX file's initializers into scripts/models/tiny_bert.py's
module, whose parameter names match Hugging Face BERT), the same inputs (tokenized by the
Python WordPiece), the same batches (length-sorted, padded to the longest in each).

  /usr/bin/python3 scripts/bench/bench-infer-torch.py MODEL_DIR INPUTS.json BATCH [BATCH...]
Prints one JSON object: {"threads", "results": [{"batch", "tokens", "seconds"}]}.
"""
import json
import os
import sys
import time

import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'models'))
import tiny_bert  # noqa: E402
import wordpiece  # noqa: E402


def load(model_dir):
    cfg = json.load(open(os.path.join(model_dir, 'config.json')))
    model = tiny_bert.build(cfg)
    weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(os.path.join(model_dir, 'onnx', 'model.onnx')).graph.initializer}
    state = model.state_dict()
    missing = [k for k in state if k not in weights]
    if missing:
        raise SystemExit(f'{model_dir}: the ONNX initializers do not carry the parameter names of tiny_bert.py (missing {missing[:3]}…); export with do_constant_folding=False')
    model.load_state_dict({k: weights[k] for k in state})
    model.eval()
    vocab = json.load(open(os.path.join(model_dir, 'tokenizer.json')))['model']['vocab']
    max_len = json.load(open(os.path.join(model_dir, 'tokenizer_config.json'))).get('model_max_length', 512)
    return model, vocab, min(max_len, cfg['max_position_embeddings'])


def main():
    model_dir, inputs_file, *batches = sys.argv[1:]
    model, vocab, max_len = load(model_dir)
    texts = json.load(open(inputs_file))
    rows = [wordpiece.encode(t, vocab, max_len)[1] for t in texts]
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
    tokens = sum(len(r) for r in rows)
    results = []
    with torch.inference_mode():
        for b in map(int, batches):
            groups = [[rows[i] for i in order[k:k + b]] for k in range(0, len(order), b)]
            tensors = []
            for g in groups:
                width = max(len(r) for r in g)
                ids = torch.tensor([r + [0] * (width - len(r)) for r in g])
                mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in g])
                tensors.append((ids, mask, torch.zeros_like(ids)))
            model(*tensors[0])  # warm-up
            start = time.perf_counter()
            for t in tensors:
                model(*t)
            results.append({'batch': b, 'tokens': tokens, 'seconds': time.perf_counter() - start})
    print(json.dumps({'threads': torch.get_num_threads(), 'results': results}))


if __name__ == '__main__':
    main()
