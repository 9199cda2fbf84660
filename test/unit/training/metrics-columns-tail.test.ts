import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chunksFromPoints, type MetricChunk } from '../../../src/core/training/metric-columns';
import { forEachMetricValue, MetricsColumnsTail } from '../../../src/core/training/metrics-columns-tail';
import { pointsFromObject } from '../../../src/core/training/metric-point';
import { JsonlMetricsTail } from '../../../src/core/training/metrics-jsonl-reader';

/** Every line shape the backend's reader knows, bad lines and non-ASCII names included. */
const LINES = [
  '{"step": 1, "epoch": 0.5, "name": "train/loss", "value": 0.9, "wallTime": 100}',
  '{"step": 2, "epoch": 1, "eval/accuracy": 0.75, "eval/f1_macro": 0.5, "wall_time": 101}',
  '{"type": "checkpoint", "path": "ckpt-2", "step": 2}',
  '{"type": "artifact", "path": "model.onnx", "kind": "model"}',
  '{"global_step": 7, "loss": 0.4, "learning_rate": 0.001, "time": 102, "note": "text is not a metric"}',
  '{"epoch": 2, "name": "eval/group/gender=女性/accuracy", "value": 0.61, "timestamp": 103}',
  'not json at all',
  '[1, 2, 3]',
  '',
  '   ',
  '{"type": "metric", "step": 9, "name": "train/grad_norm", "value": 3.5, "wallTime": 104}',
  '{"step": 10, "name": "x", "value": "0.5", "wallTime": 105}',
  '{"step": 11, "name": "eval/group/age=30/45/loss", "value": -1e-300, "wallTime": 106}',
];

function flatten(chunks: MetricChunk[]): string[] {
  return chunks.flatMap((c) => [...c.value].map((v, i) => `${c.name}|${c.step[i]}|${c.epoch[i]}|${c.wallTime[i]}|${v}`)).sort();
}

describe('metrics columns tail (the dashboard\'s fast reader)', () => {
  it('reads the same points and problems as the backend\'s JsonlMetricsTail', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rml-cols-')), 'metrics.jsonl');
    writeFileSync(file, LINES.join('\n') + '\n');
    const theirs = await new JsonlMetricsTail(file).poll();
    const ours = await new MetricsColumnsTail(file).read();
    assert.deepEqual(flatten(ours.chunks), flatten(chunksFromPoints(theirs.points)));
    assert.deepEqual(ours.problems, theirs.problems);
    assert.equal(ours.problems.length, 2, 'line 7 (not JSON) and line 8 (not an object)');
  });

  it('takes values from an object by pointsFromObject\'s rules', () => {
    for (const line of LINES) {
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        continue;
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) continue;
      const got: string[] = [];
      forEachMetricValue(obj as Record<string, unknown>, 42, (name, step, epoch, wallTime, value) => got.push(`${name}|${step}|${epoch}|${wallTime}|${value}`));
      const want = pointsFromObject(obj as Record<string, unknown>, 42).map((p) => `${p.name}|${p.step}|${p.epoch ?? NaN}|${p.wallTime}|${p.value}`);
      assert.deepEqual(got, want, line);
    }
  });

  it('reads a file in slices, lines cut across slices included, and waits for a torn line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rml-cols-')), 'metrics.jsonl');
    const lines = Array.from({ length: 500 }, (_, i) => JSON.stringify({ step: i, epoch: i / 100, name: i % 3 ? 'train/loss' : 'eval/é', value: Math.sin(i), wallTime: 1000 + i }));
    writeFileSync(file, lines.join('\n') + '\n{"step": 500, "name": "train/lo');
    const tail = new MetricsColumnsTail(file, 97); // a slice ends inside most lines
    const chunks: MetricChunk[] = [];
    let reads = 0;
    for (;;) {
      const r = await tail.read();
      chunks.push(...r.chunks);
      reads++;
      assert.deepEqual(r.problems, []);
      if (!r.more) break;
    }
    assert.ok(reads > 100, `${reads} slices`);
    const want = chunksFromPoints(lines.map((l) => ({ ...JSON.parse(l) })));
    assert.deepEqual(flatten(chunks), flatten(want), 'every complete line once, in order');
    appendFileSync(file, 'ss", "value": 0.25, "wallTime": 2000}\n');
    const r = await tail.read();
    assert.deepEqual(flatten(r.chunks), ['train/loss|500|NaN|2000|0.25']);
  });

  it('starts over, and says so, when the file is rewritten shorter', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rml-cols-')), 'metrics.jsonl');
    writeFileSync(file, '{"step": 1, "name": "a", "value": 1, "wallTime": 1}\n{"step": 2, "name": "a", "value": 2, "wallTime": 2}\n');
    const tail = new MetricsColumnsTail(file);
    assert.equal((await tail.read()).reset, false);
    writeFileSync(file, '{"step": 1, "name": "b", "value": 5, "wallTime": 1}\n');
    const r = await tail.read();
    assert.equal(r.reset, true);
    assert.deepEqual(flatten(r.chunks), ['b|1|NaN|1|5']);
  });
});
