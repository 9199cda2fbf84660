import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';

test('rml profile includes the integrity report; leakage into another split exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-prof-'));
  writeFileSync(join(dir, 'train.csv'), 'text,label,sex\nhello there,1,f\nHello  there!,0,m\nsomething else,1,m\nshared row,0,f\n');
  writeFileSync(join(dir, 'test.csv'), 'text,label,sex\nshared row,0,f\nonly in test,1,m\n');
  writeFileSync(
    join(dir, 'responsible-ml.config.json'),
    JSON.stringify({ datasets: [{ files: '*.csv', textFields: ['text'], labelField: 'label', sensitive: ['sex'], splits: { train: 'train.csv', test: 'test.csv' } }] }),
  );
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd: dir };
  const train = await runCli(['profile', 'train.csv', '--format', 'json', '--bootstrap', '0'], io);
  const profile = JSON.parse(out.join(''));
  assert.equal(profile.rows, 4);
  // "hello there" and "Hello  there!" are one normalised text with two labels.
  assert.equal(profile.integrity.duplicates.normalised, 1);
  assert.equal(profile.integrity.conflicting_labels.count >= 1, true);
  assert.equal(profile.integrity.leakage.count, 1);
  assert.equal(train, 1, 'split-leakage is an error');
  assert.ok(err.join('\n').includes('split-leakage'));
  out.length = 0;
  const skipped = await runCli(['profile', 'train.csv', '--format', 'json', '--no-integrity', '--bootstrap', '0'], io);
  assert.equal(JSON.parse(out.join('')).integrity, undefined);
  assert.equal(skipped, 0);
});
