#!/usr/bin/python3
"""Writes the tiny fixture models the inference tests load (test/fixtures/models/, < 1 MB in all)
and the outputs PyTorch computes for them (expected.json), so tests compare the JavaScript engine
with an independent implementation: Python WordPiece (scripts/models/wordpiece.py) + PyTorch.

  /usr/bin/python3 scripts/make-test-model.py      (Debian's python3-torch 1.13, python3-onnx)

- tiny-ner: BertForTokenClassification whose weights are random except for a planted path:
  a few words (first names, surnames, cities, companies) carry a large component along the
  direction of their label, so the model tags them (B-PER, I-PER, B-LOC, B-ORG, I-ORG) with
  scores around 0.8 and everything else O — meaningful entities from a 'random' model.
- tiny-classifier: BertForSequenceClassification (negative/positive), random weights.
- tiny-embedder: BertModel (feature extraction), random weights.
- tiny-raw: a hand-built ONNX graph (y = softmax(x·W + b)) for raw onnxruntime sessions.
Seeds are fixed, so the output is the same on every run.
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.join(os.path.dirname(__file__), 'models'))
import tiny_bert  # noqa: E402
import wordpiece  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'models')
MAX_LEN = 64

LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG']
PLANTED = {
    'B-PER': ['anna', 'maria', 'john', 'peter', 'emma', 'lukas', 'sofia', 'david'],
    'I-PER': ['smith', 'schmidt', 'garcia', 'weber', 'jones', 'muller'],
    'B-LOC': ['berlin', 'paris', 'london', 'boston', 'munich', 'lyon'],
    'B-ORG': ['acme', 'globex', 'initech'],
    'I-ORG': ['corp', 'inc', 'gmbh'],
}
COMMON = (
    'the a an and or to of in on at for from with my name is i am live work we you he she it they this that '
    'hello hi thanks please order call me email was were be will have has had not no yes can do does did '
    'today tomorrow monday friday street road city company team support customer good bad great terrible love hate '
    'movie product service works broken again very really ok'
).split()

TEXTS = [
    'My name is Anna Smith and I live in Berlin.',
    'Hello, this is John from Acme Corp.',
    'Thanks!',
    'Maria Garcia works at Globex Inc in Paris; call me tomorrow.',
    'Ünïcödé: Émma Müller, München — Lyon',
    'no entities here at all',
    'peter   weber\tlives in london',
]
CLASSIFY_TEXTS = ['I love this product', 'terrible service, very bad', 'ok', 'The movie was great!']


def vocab_list():
    letters = [chr(c) for c in range(ord('a'), ord('z') + 1)] + [str(d) for d in range(10)]
    punct = list('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~') + ['—', '–', '…']
    words = sorted(set(COMMON + [w for ws in PLANTED.values() for w in ws]))
    return wordpiece.SPECIAL + letters + ['##' + c for c in letters] + punct + [w for w in words if w not in letters]


def config(arch, vocab_size, labels=None):
    cfg = {
        'architectures': [arch],
        'model_type': 'bert',
        'vocab_size': vocab_size,
        'hidden_size': 32,
        'num_hidden_layers': 2,
        'num_attention_heads': 4,
        'intermediate_size': 64,
        'max_position_embeddings': MAX_LEN,
        'type_vocab_size': 2,
        'layer_norm_eps': 1e-12,
        'hidden_act': 'gelu',
        'pad_token_id': 0,
    }
    if labels:
        cfg['id2label'] = {str(i): l for i, l in enumerate(labels)}
        cfg['label2id'] = {l: i for i, l in enumerate(labels)}
    return cfg


def randomize(model, seed, std=0.2):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if 'LayerNorm' in name:
                p.copy_(torch.ones_like(p) if name.endswith('weight') else torch.zeros_like(p))
            else:
                p.copy_(torch.randn(p.shape, generator=g) * std)


def plant_entities(model, vocab):
    """Gives planted words a strong component along their label's axis and reads it out."""
    hidden = model.bert.embeddings.word_embeddings.weight.shape[1]
    with torch.no_grad():
        emb = model.bert.embeddings
        emb.word_embeddings.weight.mul_(0.05)
        emb.position_embeddings.weight.mul_(0.05)
        emb.token_type_embeddings.weight.mul_(0.05)
        for tok, i in vocab.items():
            label = next((l for l, ws in PLANTED.items() if tok in ws), 'O')
            emb.word_embeddings.weight[i, LABELS.index(label)] += 1.0
        # Small residual updates keep the planted direction through both layers.
        for layer in model.bert.encoder.layer:
            layer.attention.output.dense.weight.mul_(0.1)
            layer.attention.output.dense.bias.zero_()
            layer.output.dense.weight.mul_(0.1)
            layer.output.dense.bias.zero_()
        w = torch.zeros(len(LABELS), hidden)
        for k in range(len(LABELS)):
            w[k, k] = 0.55
        model.classifier.weight.copy_(w)
        model.classifier.bias.zero_()


def write_model(name, cfg, model, output_name, per_token, vocab):
    out = os.path.join(ROOT, name)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, 'onnx'))
    with open(os.path.join(out, 'config.json'), 'w') as f:
        json.dump(cfg, f, indent=2)
    with open(os.path.join(out, 'tokenizer.json'), 'w') as f:
        json.dump(wordpiece.tokenizer_json(vocab), f, ensure_ascii=False)
    with open(os.path.join(out, 'tokenizer_config.json'), 'w') as f:
        json.dump(wordpiece.tokenizer_config(MAX_LEN), f, indent=2)
    tiny_bert.export_onnx(model, os.path.join(out, 'onnx', 'model.onnx'), output_name, per_token)
    torch.save(model.state_dict(), os.path.join(ROOT, f'{name}.pt'))
    with open(os.path.join(out, 'README.md'), 'w') as f:
        f.write(f'---\nlicense: mit\npipeline_tag: {cfg.get("_task")}\ntags:\n- test-fixture\n---\n# {name}\n\n'
                'A tiny random-weight model written by scripts/make-test-model.py for the inference tests. '
                'It has not learned anything.\n')


def run(model, texts, vocab):
    """Python tokenization + PyTorch forward, one text at a time (no padding)."""
    results = []
    model.eval()
    with torch.no_grad():
        for text in texts:
            tokens, ids = wordpiece.encode(text, vocab, MAX_LEN)
            t = torch.tensor([ids])
            out = model(t, torch.ones_like(t), torch.zeros_like(t))[0]
            results.append({'text': text, 'tokens': tokens, 'ids': ids, 'output': out.tolist()})
    return results


def raw_model():
    rng = np.random.default_rng(7)
    w = rng.normal(size=(4, 3)).astype(np.float32)
    b = rng.normal(size=(3,)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node('MatMul', ['x', 'W'], ['xw']), helper.make_node('Add', ['xw', 'b'], ['z']), helper.make_node('Softmax', ['z'], ['y'], axis=-1)],
        'tiny_raw',
        [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['batch', 4])],
        [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['batch', 3])],
        [numpy_helper.from_array(w, 'W'), numpy_helper.from_array(b, 'b')],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 14)], producer_name='make-test-model.py')
    model.ir_version = 8
    onnx.checker.check_model(model)
    out = os.path.join(ROOT, 'tiny-raw')
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    onnx.save(model, os.path.join(out, 'model.onnx'))
    x = np.array([[1, 0, 0, 0], [0.5, -1, 2, 0.25]], dtype=np.float32)
    z = x @ w + b
    y = np.exp(z - z.max(axis=1, keepdims=True))
    y /= y.sum(axis=1, keepdims=True)
    return {'x': x.tolist(), 'y': y.tolist()}


def main():
    torch.manual_seed(0)
    vocab_tokens = vocab_list()
    vocab = {t: i for i, t in enumerate(vocab_tokens)}
    expected = {'labels': LABELS, 'planted': PLANTED}

    cfg = config('BertForTokenClassification', len(vocab), LABELS)
    cfg['_task'] = 'token-classification'
    ner = tiny_bert.build(cfg)
    randomize(ner, 1)
    plant_entities(ner, vocab)
    write_model('tiny-ner', {k: v for k, v in cfg.items() if k != '_task'}, ner, 'logits', True, vocab)
    expected['tiny-ner'] = run(ner, TEXTS, vocab)

    cfg = config('BertForSequenceClassification', len(vocab), ['negative', 'positive'])
    cls = tiny_bert.build(cfg)
    randomize(cls, 2)
    write_model('tiny-classifier', cfg, cls, 'logits', False, vocab)
    expected['tiny-classifier'] = run(cls, CLASSIFY_TEXTS, vocab)

    cfg = config('BertModel', len(vocab))
    emb = tiny_bert.build(cfg)
    randomize(emb, 3)
    write_model('tiny-embedder', cfg, emb, 'last_hidden_state', True, vocab)
    expected['tiny-embedder'] = run(emb, CLASSIFY_TEXTS, vocab)

    expected['tiny-raw'] = raw_model()
    with open(os.path.join(ROOT, 'expected.json'), 'w') as f:
        json.dump(expected, f, ensure_ascii=False)
    # The state dicts are only for regenerating goldens by hand; the tests need the ONNX files.
    for name in ['tiny-ner', 'tiny-classifier', 'tiny-embedder']:
        os.remove(os.path.join(ROOT, f'{name}.pt'))
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(ROOT) for f in fs)
    print(f'wrote {ROOT}: {total / 1024:.0f} KiB')


if __name__ == '__main__':
    main()
