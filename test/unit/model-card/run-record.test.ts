import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseRunRecord, readRunRecord, RunRecordError, runRecordPath } from '../../../src/core/model-card/card-run-record';
import { fixtureJson } from './card-test-helpers';

test('the fixture run record reads without warnings, duration derived from its times', () => {
  const { record, warnings } = parseRunRecord(fixtureJson('run.json'));
  assert.deepEqual(warnings, []);
  assert.equal(record.spec.hyper_parameters.learning_rate, 0.00005);
  assert.equal(record.spec.validation?.text_field, 'text');
  assert.equal(record.gate?.overridden, true);
  assert.equal(record.gate?.checks.length, 3);
  // 10:15:00 → 10:40:30
  assert.equal(record.timings.duration_s, 25 * 60 + 30);
  assert.equal(record.metrics?.eval_accuracy, 0.91234);
});

test('a partial, mistyped or camelCase record is read as far as it goes, with warnings naming the paths', () => {
  const { record, warnings } = parseRunRecord(
    {
      id: 'r1',
      spec: { task: 'text-classification', train: { file: 'a.jsonl', textField: 'text' }, hyperParameters: { epochs: '3', batchSize: 8, extra: { nested: true } } },
      status: 'exploded',
      datasetHashes: { 'a.jsonl': 'not-a-hash' },
      timings: { startedAt: '2026-01-01T00:00:00Z', duration_s: 'long' },
      metrics: { eval_accuracy: 0.5, note: 'fine' },
      unknown_key: 1,
    },
    'fallback',
  );
  assert.equal(record.id, 'r1');
  assert.equal(record.spec.train.text_field, 'text');
  assert.equal(record.spec.hyper_parameters.batch_size, 8);
  assert.equal(record.spec.hyper_parameters.epochs, '3');
  assert.equal(record.status, 'failed');
  assert.deepEqual(record.dataset_hashes, {});
  assert.equal(record.timings.started_at, '2026-01-01T00:00:00Z');
  assert.equal(record.timings.duration_s, undefined);
  assert.deepEqual(record.metrics, { eval_accuracy: 0.5 });
  for (const path of ['spec.hyper_parameters.extra', 'status', 'dataset_hashes.a.jsonl', 'timings.duration_s', 'metrics.note']) {
    assert.ok(warnings.some((w) => w.startsWith(path)), `a warning for ${path}: ${warnings.join(' | ')}`);
  }
});

test('readRunRecord names the file when it is not JSON; runRecordPath follows the layout', () => {
  const root = mkdtempSync(join(tmpdir(), 'rml-run-'));
  const file = runRecordPath(root, 'abc');
  assert.equal(file, join(root, '.responsible-ml', 'runs', 'abc', 'run.json'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '{ "id": ');
  assert.throws(() => readRunRecord(file), (e: Error) => e instanceof RunRecordError && e.message.startsWith(file) && /not valid JSON/.test(e.message));
  writeFileSync(file, '[1]');
  assert.throws(() => readRunRecord(file), /must be a JSON object/);
  assert.throws(() => readRunRecord(join(root, 'missing.json')), /cannot read/);
});
