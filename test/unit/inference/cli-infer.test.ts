import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { expected, FIXTURES, softmaxRow } from './inference-test-helpers';

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

test('rml infer --input writes predictions rml fairness can read: id, y_pred, score, y_true, attributes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-cli-infer-'));
  try {
    const texts = expected()['tiny-classifier'].map((g) => g.text);
    writeFileSync(join(dir, 'reviews.csv'), `id,review,sentiment,group\n${texts.map((t, i) => `${i + 1},"${t}",${i % 2},${i < 2 ? 'a' : 'b'}`).join('\n')}\n`);
    const r = await run(
      ['infer', '--model', join(FIXTURES, 'tiny-classifier'), '--input', 'reviews.csv', '--field', 'review', '--label', 'sentiment', '--sensitive', 'group', '--device', 'cpu', '--batch-size', '2'],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /4 of 4 records predicted \(text-classification, cpu, .*\) → .*reviews\.predictions\.jsonl/);
    const rows = readFileSync(join(dir, 'reviews.predictions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    rows.forEach((row, i) => {
      const probs = softmaxRow(expected()['tiny-classifier'][i]!.output as number[]);
      const best = probs[0]! > probs[1]! ? 0 : 1;
      assert.equal(row.id, String(i + 1));
      assert.equal(row.y_pred, ['negative', 'positive'][best]);
      assert.ok(Math.abs(row.score - probs[best]!) < 1e-5);
      assert.equal(row.y_true, String(i % 2));
      assert.equal(row.group, i < 2 ? 'a' : 'b');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rml infer --text prints entities as JSON; usage errors exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-cli-infer-'));
  try {
    const r = await run(['infer', '--model', join(FIXTURES, 'tiny-ner'), '--text', 'Anna Smith lives in Berlin', '--device', 'cpu'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.device, 'cpu');
    assert.deepEqual(out.result.map((e: { entity: string; start: number; end: number }) => [e.entity, e.start, e.end]), [['PER', 0, 10], ['LOC', 20, 26]]);
    assert.equal((await run(['infer', '--text', 'x'], dir)).code, 2);
    const both = await run(['infer', '--model', 'm', '--text', 'x', '--input', 'f.jsonl'], dir);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /exactly one of --input/);
    const task = await run(['infer', '--model', 'm', '--text', 'x', '--task', 'summarize'], dir);
    assert.match(task.stderr, /--task must be one of text-classification, token-classification, feature-extraction/);
    const hub = await run(['infer', '--model', 'someone/some-model', '--text', 'x', '--cache-dir', dir], dir);
    assert.equal(hub.code, 2);
    assert.match(hub.stderr, /downloading from the Hugging Face Hub is off/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
