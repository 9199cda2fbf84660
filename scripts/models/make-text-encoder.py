#!/usr/bin/python3
"""Writes models/pii-ner-encoder: the encoder half of the shipped models/pii-ner, as a
feature-extraction model folder (BertModel, output `last_hidden_state`) that the builtin
trainer's encoder head (train.json `builtin.model: "encoder-head"`) and `rml infer --task
feature-extraction` load offline.

  /usr/bin/python3 scripts/models/make-text-encoder.py      (Debian's python3-onnx)

How: onnx.utils.extract_model cuts pii-ner's graph at the input of its token classifier (the
MatMul feeding `logits`), i.e. the final LayerNorm's output [batch, sequence, 128], which is
renamed `last_hidden_state`. No weight is changed or added: the cut graph is pii-ner's encoder
exactly, so its vectors are what pii-ner's classifier reads (test/unit/training checks that
vectors · classifier weights + bias give pii-ner's logits). Tokenizer files are pii-ner's.
Re-run after pii-ner is retrained; the README records the sha256 of the graph it was cut from.
"""
import hashlib
import json
import os
import shutil
import sys
import tempfile

import onnx
import onnx.helper
import onnx.utils

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
SOURCE = os.path.join(ROOT, 'models', 'pii-ner')
TARGET = os.path.join(ROOT, 'models', 'pii-ner-encoder')
OUTPUT = 'last_hidden_state'


def classifier_input(graph):
    """The tensor pii-ner's classifier reads: logits = Add(MatMul(hidden, W), b) in either order."""
    producer = {o: n for n in graph.node for o in n.output}
    add = producer['logits']
    for name in add.input:
        node = producer.get(name)
        if node is not None and node.op_type == 'MatMul':
            return node.input[0]
    sys.exit('pii-ner: logits are not Add(MatMul(hidden, W), b); the cut point is unknown')


def source_graph(tmp):
    """pii-ner's graph in float, and the sha256 of the file it came from. pii-ner ships int8
    (onnx/model_quantized.onnx): its weights are taken back to float exactly as stored (q * scale,
    models/train/quantize_onnx.py --dequantize), so the encoder holds the weights pii-ner uses."""
    float_file = os.path.join(SOURCE, 'onnx', 'model.onnx')
    src = float_file if os.path.exists(float_file) else os.path.join(SOURCE, 'onnx', 'model_quantized.onnx')
    with open(src, 'rb') as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    if src != float_file:
        sys.path.insert(0, os.path.join(ROOT, 'models', 'train'))
        from quantize_onnx import dequantize
        float_file = os.path.join(tmp, 'float.onnx')
        dequantize(src, float_file)
    return onnx.load(float_file), sha, os.path.relpath(src, SOURCE)


def main():
    os.makedirs(os.path.join(TARGET, 'onnx'), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        model, source_sha, source_name = source_graph(tmp)
        hidden = classifier_input(model.graph)
        inputs = [i.name for i in model.graph.input]
        # extract_model needs the cut tensor's type and shape (shape inference cannot name them
        # through pii-ner's reshapes): declare it as the graph's output, then cut.
        declared = os.path.join(tmp, 'declared.onnx')
        hidden_size = json.load(open(os.path.join(SOURCE, 'config.json')))['hidden_size']
        model.graph.output.append(onnx.helper.make_tensor_value_info(hidden, onnx.TensorProto.FLOAT, ['batch', 'sequence', hidden_size]))
        onnx.save(model, declared)
        cut_file = os.path.join(tmp, 'cut.onnx')
        onnx.utils.extract_model(declared, cut_file, inputs, [hidden])
        cut = onnx.load(cut_file)
    # Rename the cut tensor to the name feature-extraction models use.
    for node in cut.graph.node:
        node.output[:] = [OUTPUT if o == hidden else o for o in node.output]
        node.input[:] = [OUTPUT if i == hidden else i for i in node.input]
    cut.graph.output[0].name = OUTPUT
    cut.graph.name = 'pii_ner_encoder'
    cut.doc_string = f'Encoder of Responsible ML pii-ner ({source_name} sha256 {source_sha}, weights in float), cut at the classifier input.'
    onnx.checker.check_model(cut, full_check=True)
    onnx.save(cut, os.path.join(TARGET, 'onnx', 'model.onnx'))

    with open(os.path.join(SOURCE, 'config.json')) as f:
        config = json.load(f)
    for key in ('id2label', 'label2id'):
        config.pop(key, None)
    config['architectures'] = ['BertModel']
    with open(os.path.join(TARGET, 'config.json'), 'w') as f:
        json.dump(config, f, indent=2)
        f.write('\n')
    for name in ('tokenizer.json', 'tokenizer_config.json'):
        shutil.copyfile(os.path.join(SOURCE, name), os.path.join(TARGET, name))
    with open(os.path.join(TARGET, 'onnx', 'model.onnx'), 'rb') as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'text-encoder-card.md')) as f:
        card = f.read()
    with open(os.path.join(TARGET, 'README.md'), 'w') as f:
        f.write(card.replace('{{SOURCE_FILE}}', f'onnx/{os.path.basename(source_name)}').replace('{{SOURCE_SHA256}}', source_sha).replace('{{SHA256}}', sha).replace('{{CUT}}', hidden)
                .replace('{{HIDDEN}}', str(config['hidden_size'])).replace('{{LAYERS}}', str(config['num_hidden_layers'])))
    print(f'{TARGET}: cut at {hidden}; onnx sha256 {sha} (from pii-ner {source_sha})')


if __name__ == '__main__':
    main()
