// models/train/quantize_onnx.py: the shipped NER model is the int8 file it writes. A small model
// of the shipped architecture (models/train/ner_model.py, random weights, exported as
// train_ner.py exports) is quantized here; onnxruntime-node must run the result close to the
// float export (the float export is the golden: it does not go through the quantizer), and
// bench:infer's PyTorch peer must read a folder that holds only the int8 file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrt } from '../../../src/core/inference/ort-runtime';

const root = join(__dirname, '..', '..', '..');
const python = spawnSync('/usr/bin/python3', ['-c', 'import torch, onnx'], { encoding: 'utf8' });
const noPython = python.status !== 0 && 'needs /usr/bin/python3 with python3-torch and python3-onnx';

/** Exports a random small BertTokenClassifier, quantizes it and dequantizes it again; prints the graphs' op counts. */
const BUILD = `
import json, os, sys
sys.path.insert(0, os.path.join(sys.argv[1], 'models', 'train'))
import onnx, torch
from ner_model import BertTokenClassifier
from train_ner import export
from quantize_onnx import quantize, dequantize
out = sys.argv[2]
torch.manual_seed(0)
model = BertTokenClassifier(100, hidden=32, layers=1, heads=2, intermediate=64)
os.makedirs(os.path.join(out, 'float', 'onnx'))
os.makedirs(os.path.join(out, 'int8', 'onnx'))
export(model, os.path.join(out, 'float', 'onnx', 'model.onnx'))
config = {'architectures': ['BertForTokenClassification'], 'vocab_size': 100, 'hidden_size': 32, 'num_hidden_layers': 1,
          'num_attention_heads': 2, 'intermediate_size': 64, 'max_position_embeddings': 512, 'id2label': {str(i): str(i) for i in range(7)}}
for d in ('float', 'int8'):
    json.dump(config, open(os.path.join(out, d, 'config.json'), 'w'))
report = quantize(os.path.join(out, 'float', 'onnx', 'model.onnx'), os.path.join(out, 'int8', 'onnx', 'model_quantized.onnx'))
dequantize(os.path.join(out, 'int8', 'onnx', 'model_quantized.onnx'), os.path.join(out, 'dequantized.onnx'))
fusions = quantize(os.path.join(out, 'float', 'onnx', 'model.onnx'), os.path.join(out, 'fused.onnx'), fused=True)
dequantize(os.path.join(out, 'fused.onnx'), os.path.join(out, 'unfused.onnx'))
def ops(path):
    g = onnx.load(path).graph
    inits = {i.name for i in g.initializer}
    return {'ops': [n.op_type for n in g.node], 'weight_matmuls': sum(1 for n in g.node if n.op_type == 'MatMul' and n.input[1] in inits)}
print(json.dumps({'report': report, 'float': ops(os.path.join(out, 'float', 'onnx', 'model.onnx')),
                  'int8': ops(os.path.join(out, 'int8', 'onnx', 'model_quantized.onnx')), 'dequantized': ops(os.path.join(out, 'dequantized.onnx')),
                  'fusions': fusions, 'fused': ops(os.path.join(out, 'fused.onnx')), 'unfused': ops(os.path.join(out, 'unfused.onnx')),
                  'same_weights': sorted(i.name for i in onnx.load(os.path.join(out, 'unfused.onnx')).graph.initializer) == sorted(i.name for i in onnx.load(os.path.join(out, 'dequantized.onnx')).graph.initializer)}))
`;

interface Graph {
  ops: string[];
  weight_matmuls: number;
}

test('quantize_onnx.py: every weight MatMul becomes int8, the logits stay close, and the float graph comes back', { skip: noPython }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-quantize-'));
  try {
    const run = spawnSync('/usr/bin/python3', ['-c', BUILD, root, dir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      report: { quantized_matmuls: number };
      float: Graph;
      int8: Graph;
      dequantized: Graph;
      fusions: { attention: number; skip_layer_norm: number };
      fused: Graph;
      unfused: Graph;
      same_weights: boolean;
    };
    // One layer: qkv, attention output, feed-forward in and out, classifier.
    assert.equal(r.float.weight_matmuls, 5);
    assert.equal(r.report.quantized_matmuls, 5);
    assert.equal(r.int8.weight_matmuls, 0);
    assert.equal(r.int8.ops.filter((o) => o === 'DynamicQuantizeMatMul').length, 5);
    // The attention's two activation MatMuls stay float.
    assert.equal(r.int8.ops.filter((o) => o === 'MatMul').length, r.float.ops.filter((o) => o === 'MatMul').length - 5);
    // Dequantized: the exported graph's nodes in the exported order (what the peer's alignment needs).
    assert.deepEqual(r.dequantized.ops, r.float.ops);

    // --fuse: one attention block and the three Add + LayerNorm (embeddings, attention, feed-forward)
    // become fused kernels; dequantize still gives the exported graph node for node.
    assert.deepEqual([r.fusions.attention, r.fusions.skip_layer_norm], [1, 3]);
    assert.equal(r.fused.ops.filter((o) => o === 'MultiHeadAttention').length, 1);
    assert.equal(r.fused.ops.filter((o) => o === 'SkipLayerNormalization').length, 3);
    assert.ok(!r.fused.ops.includes('Softmax') && !r.fused.ops.includes('ReduceMean'), r.fused.ops.join());
    assert.deepEqual(r.unfused.ops, r.float.ops);
    assert.ok(r.same_weights);

    const { ort } = loadOrt();
    const rows = 4;
    const width = 9;
    const ids = BigInt64Array.from({ length: rows * width }, (_, i) => BigInt(i % width === 0 ? 2 : 4 + ((i * 37) % 95)));
    const dims = [rows, width];
    const feeds = (): Record<string, InstanceType<typeof ort.Tensor>> => ({
      input_ids: new ort.Tensor('int64', ids, dims),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(rows * width).fill(1n), dims),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(rows * width), dims),
    });
    const logits = async (file: string): Promise<Float32Array> => {
      const s = await ort.InferenceSession.create(file);
      const out = (await s.run(feeds())).logits!.data as Float32Array;
      await s.release();
      return out;
    };
    const float = await logits(join(dir, 'float', 'onnx', 'model.onnx'));
    const int8 = await logits(join(dir, 'int8', 'onnx', 'model_quantized.onnx'));
    const dequantized = await logits(join(dir, 'dequantized.onnx'));
    const fused = await logits(join(dir, 'fused.onnx'));
    const spread = Math.max(...float) - Math.min(...float);
    const gap = (a: Float32Array, b: Float32Array): number => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
    assert.ok(gap(float, int8) < 0.1 * spread, `int8 vs float: ${gap(float, int8)} (logit spread ${spread})`);
    assert.ok(gap(float, int8) > 0, 'the int8 file computes something else than the float one');
    // The fused kernels compute what the int8 graph computes, up to float rounding.
    assert.ok(gap(fused, int8) < 1e-4 * spread, `fused vs int8: ${gap(fused, int8)} (logit spread ${spread})`);
    // The dequantized weights are the int8 values times their scales: close to the float export.
    assert.ok(gap(float, dequantized) < 0.05 * spread, `dequantized vs float: ${gap(float, dequantized)}`);

    // bench:infer's peer on a folder with only the int8 file: PyTorch runs the dequantized weights.
    writeFileSync(join(dir, 'ids.json'), JSON.stringify([Array.from(ids.subarray(0, width), Number)]));
    const peer = spawnSync('/usr/bin/python3', [join(root, 'scripts', 'bench', 'bench-infer-torch.py'), join(dir, 'int8'), join(dir, 'ids.json'), '1', '1', '1'], { encoding: 'utf8' });
    assert.equal(peer.status, 0, peer.stderr);
    const head = JSON.parse(peer.stdout) as { loaded: string; check: number[][] };
    assert.match(head.loaded, /dequantized/);
    head.check.flat().forEach((x, i) => assert.ok(Math.abs(x - dequantized[i]!) < 1e-4, `peer logit ${i}: ${x} vs ${dequantized[i]}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
