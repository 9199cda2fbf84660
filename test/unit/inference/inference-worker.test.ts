import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { InferenceClient } from '../../../src/core/inference/inference-client';
import { InferenceCancelled, type TokenEntity } from '../../../src/core/inference/inference-types';
import { FIXTURES } from './inference-test-helpers';

const NER = join(FIXTURES, 'tiny-ner');
const root = join(__dirname, '..', '..', '..');

/**
 * The worker bundled as scripts/build.mjs bundles it (externals stay external), inside the
 * repository so that node_modules resolves as it does from dist/workers/.
 */
async function bundleWorker(dir: string): Promise<string> {
  const out = join(root, 'test-results', 'workers', `${dir.split('-').pop()}`, 'inference.worker.js');
  await build({
    entryPoints: [join(root, 'src', 'core', 'inference', 'inference.worker.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['onnxruntime-node', '@huggingface/transformers', 'sharp', 'onnxruntime-common'],
    logLevel: 'error',
  });
  return out;
}

function dataset(dir: string, n: number): string {
  const file = join(dir, 'people.jsonl');
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `r${i}`, text: `Anna Smith ${i} lives in Berlin and works at Acme Corp`, label: i % 2, gender: i % 3 ? 'f' : 'm', age: 20 + (i % 50) }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('the worker runs models and writes a predictions file with ids, predictions, scores, y_true and attributes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-infer-worker-'));
  const client = new InferenceClient(await bundleWorker(dir));
  try {
    client.configure({ device: 'cpu', idleMs: 0 });
    const [entities] = (await client.run({ model: NER, inputs: ['Maria Garcia lives in Paris'] })) as TokenEntity[][];
    assert.deepEqual(entities!.map((e) => e.entity), ['PER', 'LOC']);
    assert.equal(client.device, 'cpu');
    const input = dataset(dir, 30);
    const summary = await client.predictDataset({ input, model: NER, labelField: 'label', sensitive: ['gender', 'age'], batchSize: 8 });
    assert.equal(summary.output, join(dir, 'people.predictions.jsonl'));
    assert.equal(summary.records, 30);
    assert.equal(summary.predicted, 30);
    const rows = readFileSync(summary.output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 30);
    assert.deepEqual(Object.keys(rows[3]), ['id', 'y_pred', 'score', 'entities', 'y_true', 'gender', 'age']);
    assert.equal(rows[3].id, 'r3');
    assert.equal(rows[3].y_pred, 'LOC|ORG|PER');
    assert.equal(rows[3].y_true, 1);
    assert.equal(rows[3].gender, 'm');
    assert.equal(rows[3].age, 23);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cancel in the middle of a dataset run: the run stops between batches, no file is left, the host and worker live on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-infer-worker-'));
  const client = new InferenceClient(await bundleWorker(dir));
  try {
    client.configure({ device: 'cpu', idleMs: 0 });
    const input = dataset(dir, 3000);
    const controller = new AbortController();
    let progressed = 0;
    await assert.rejects(
      client.predictDataset({ input, model: NER, batchSize: 8 }, controller.signal, (done) => {
        progressed = done;
        controller.abort();
      }),
      (err) => err instanceof InferenceCancelled,
    );
    assert.ok(progressed > 0 && progressed < 3000, `cancelled after ${progressed} records`);
    assert.equal(existsSync(join(dir, 'people.predictions.jsonl')), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temp file left');
    // The same worker still answers.
    const [after] = (await client.run({ model: NER, inputs: ['John works at Initech'] })) as TokenEntity[][];
    assert.deepEqual(after!.map((e) => e.entity), ['PER', 'ORG']);
    // Shutting down during a run: cooperative, then terminated; this process is still here.
    const running = client.run({ model: NER, inputs: Array.from({ length: 2000 }, () => 'Anna Smith lives in Paris'), batchSize: 4 }).then(
      () => 'finished',
      (err: Error) => err,
    );
    await new Promise((r) => setTimeout(r, 150));
    await client.shutdown();
    assert.ok((await running) instanceof InferenceCancelled);
    assert.equal(client.running, false);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
