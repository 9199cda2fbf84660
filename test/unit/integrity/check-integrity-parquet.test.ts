import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkIntegrity } from '../../../src/core/lint/integrity/check-integrity';
import { makeDataset, ofRule } from './integrity-test-helpers';

test('Parquet: rows are lines; numeric labels conflict, typed columns are never mixed', async () => {
  const dir = makeDataset({});
  const file = join(dir, 'train.parquet');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT * FROM (VALUES ('Hello there', 1, 'web', 2.5, NULL), ('hello, THERE', 0, 'web', 3.0, 'x'), ('other', NULL, 'web', NULL, 'y'))
      t(text, label, src, score, note)) TO '${file}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
  const { report, findings } = await checkIntegrity(file, { files: '*.parquet', textFields: ['text'], labelField: 'label' });
  assert.deepEqual(ofRule(findings, 'duplicate-text').map((f) => [f.line, f.related![0]!.line]), [[2, 1]]);
  assert.deepEqual(report.conflicting_labels.groups, [{ lines: [1, 2], labels: ['1', '0'] }]);
  assert.deepEqual(report.missing_required, [{ field: 'label', count: 1, lines: [3], empty: 0 }]);
  assert.deepEqual(report.mixed_types, []);
  assert.deepEqual(report.constant_columns, ['src']);
  assert.deepEqual(ofRule(findings, 'constant-column').map((f) => [f.line, f.column]), [[1, 1]]);
});
