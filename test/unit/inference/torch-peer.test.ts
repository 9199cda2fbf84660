// bench:infer's PyTorch peer must run the ONNX file's own weights. The fixture's export lost
// parameter names (equal-valued biases and LayerNorm weights were merged into one initializer),
// which is what the graph alignment in scripts/models/onnx_weights.py recovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertClose, expected, FIXTURES } from './inference-test-helpers';

const root = join(__dirname, '..', '..', '..');
const python = spawnSync('/usr/bin/python3', ['-c', 'import torch, onnx'], { encoding: 'utf8' });
const noPython = python.status !== 0 && 'needs /usr/bin/python3 with python3-torch and python3-onnx';

test('the PyTorch peer loads the fixture ONNX weights and reproduces the goldens', { skip: noPython }, () => {
  const gold = expected()['tiny-ner'];
  const dir = mkdtempSync(join(tmpdir(), 'rml-torch-peer-'));
  try {
    for (const g of [gold[0]!, gold[3]!]) {
      writeFileSync(join(dir, 'ids.json'), JSON.stringify([g.ids]));
      const run = spawnSync('/usr/bin/python3', [join(root, 'scripts', 'bench', 'bench-infer-torch.py'), join(FIXTURES, 'tiny-ner'), join(dir, 'ids.json'), '1', '2', '1'], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { architecture: string; loaded: string; check: number[][]; results: Array<{ batch: number; tokens: number; seconds: number[] }> };
      assert.match(out.architecture, /tiny_bert\.py BertForTokenClassification/);
      assert.equal(out.loaded, 'graph alignment');
      assert.deepEqual(out.results.map((r) => [r.batch, r.tokens, r.seconds.length]), [[1, g.ids.length, 2]]);
      const want = g.output as number[][];
      assert.equal(out.check.length, want.length);
      out.check.forEach((row, t) => row.forEach((x, k) => assertClose(x, want[t]![k]!, 1e-4, `${g.text} token ${t} label ${k}`)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
