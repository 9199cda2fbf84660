import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DatasetSpec } from '../../../src/core/config/project-config';
import { checkIntegrity, checkIntegrityOfText } from '../../../src/core/lint/integrity/check-integrity';
import { indexSplits } from '../../../src/core/lint/integrity/split-index';
import { makeDataset, ofRule, rangeOf, rangeOfText, where } from './integrity-test-helpers';

const TRAIN = [
  'id,text,label,source,age', // 1 header
  '1,Hello there,pos,web,34', // 2 first of the group
  '2,"hello, THERE",neg,web,41', // 3 normalised dup of 2, conflicting label
  '3,"Multi', // 4 a quoted text over two lines…
  'line text",pos,web,NA', // 5 …that leaks into test; NA is a missing age
  '4,Hello there,pos,web,unknown', // 6 exact dup of 2; the one text age
  '5,,pos,web,29', // 7 empty text
  '6,Only here,neg,web,30', // 8
].join('\r\n');
const TEST = 'text,label\nsomething new,pos\n"multi line text!",neg\n';

const SPEC: DatasetSpec = {
  files: '*.csv',
  textFields: ['text'],
  labelField: 'label',
  requiredFields: ['text', 'country'],
  splits: { train: 'train.csv', test: 'test.csv' },
};

async function check(spec = SPEC) {
  const dir = makeDataset({ 'train.csv': TRAIN, 'test.csv': TEST });
  const train = join(dir, 'train.csv');
  return { dir, train, ...(await checkIntegrity(train, spec, { configDir: dir })) };
}

test('CSV: duplicates and conflicting labels with exact cell ranges (CRLF, quotes)', async () => {
  const { train, report, findings } = await check();
  const dups = ofRule(findings, 'duplicate-text');
  assert.deepEqual(dups.map((f) => [f.line, f.record, f.related![0]!.line]), [
    [3, 1, 2],
    [6, 3, 2],
  ]);
  // Inside the quotes: the value's characters only.
  assert.deepEqual(rangeOf(dups[0]!), rangeOfText(TRAIN, 'hello, THERE'));
  assert.deepEqual(dups[1]!.related, [{ path: train, ...rangeOfText(TRAIN, 'Hello there'), message: 'First occurrence of this text' }]);
  assert.deepEqual(report.duplicates, { exact: 1, normalised: 1, groups_total: 1, groups: [{ lines: [2, 3, 6], count: 3, kind: 'normalised' }] });
  assert.deepEqual(ofRule(findings, 'conflicting-labels').map((f) => f.line), [2, 3, 6]);
  assert.deepEqual(report.conflicting_labels.groups, [{ lines: [2, 3, 6], labels: ['pos', 'neg'] }]);
});

test('CSV: a multi-line quoted text leaks into the test split', async () => {
  const { dir, report, findings } = await check();
  const [leak, ...more] = ofRule(findings, 'split-leakage');
  assert.equal(more.length, 0);
  // From after the opening quote on line 4 to before the closing quote on line 5.
  assert.deepEqual(rangeOf(leak!), { line: 4, column: where(TRAIN, 'Multi').column, endLine: 5, endColumn: where(TRAIN, '",pos,web,NA').column });
  assert.deepEqual(leak!.related, [{ path: join(dir, 'test.csv'), line: 3, column: 2, message: 'The same text in split "test"' }]);
  assert.deepEqual(report.leakage.pairs, [{ split: 'train', other_split: 'test', other_file: join(dir, 'test.csv'), line: 4, other_line: 3 }]);
});

test('CSV: a required column absent from the header is one finding on the header; empty cells per row', async () => {
  const { report, findings } = await check();
  const missing = ofRule(findings, 'missing-required-field');
  assert.deepEqual(missing.map((f) => [f.line, f.scope, f.field, f.count]), [
    [1, 'dataset', 'country', 6],
    [7, 'record', 'text', undefined],
  ]);
  assert.deepEqual(rangeOf(missing[0]!), { line: 1, column: 1, endLine: 1, endColumn: 'id,text,label,source,age'.length + 1 });
  assert.equal(missing[1]!.message, 'Required field "text" is empty.');
  assert.deepEqual(report.missing_required, [
    { field: 'text', count: 1, lines: [7], empty: 1 },
    { field: 'country', count: 6, lines: [], empty: 0 },
    { field: 'label', count: 0, lines: [], empty: 0 },
  ]);
});

test('CSV: mixed and constant columns sit on their header cells', async () => {
  const { report, findings } = await check();
  // age: 34, 41, 29, 30 are numbers, "unknown" is text, NA is missing.
  assert.deepEqual(report.mixed_types, [{ field: 'age', types: { number: 4, string: 1 } }]);
  const mixed = ofRule(findings, 'mixed-types')[0]!;
  assert.deepEqual(rangeOf(mixed), rangeOfText(TRAIN, 'age'));
  assert.equal(mixed.message, 'Mixed types in column "age": 4 number, 1 text values.');
  assert.deepEqual(mixed.related!.map((r) => [r.line, r.column]), [
    [2, where(TRAIN, '34').column],
    [6, where(TRAIN, 'unknown').column],
  ]);
  assert.deepEqual(report.constant_columns, ['source']);
  const constant = ofRule(findings, 'constant-column')[0]!;
  assert.deepEqual(rangeOf(constant), rangeOfText(TRAIN, 'source'));
  assert.equal(constant.count, 6);
  // id is all numbers and label has two values: neither is reported.
  assert.equal(findings.filter((f) => f.scope === 'column').length, 2);
});

test('CSV: the 1% floor — one stray text among 198 numbers is not a mixed column, two are', () => {
  const rows = ['n,m'];
  for (let i = 0; i < 198; i++) rows.push(`${i},${i}`);
  rows.push('oops,two', 'x,three');
  // 2 texts in 200 values: 1%, reported.
  const { report } = checkIntegrityOfText(rows.join('\n'), 'csv', { files: '*' }, '/x/n.csv');
  assert.deepEqual(report.mixed_types, [
    { field: 'n', types: { number: 198, string: 2 } },
    { field: 'm', types: { number: 198, string: 2 } },
  ]);
  // 1 text in 199 values: under 1%, not reported.
  const fewer = checkIntegrityOfText(rows.slice(0, -1).join('\n'), 'csv', { files: '*' }, '/x/n.csv');
  assert.deepEqual(fewer.report.mixed_types, []);
});

test('CSV: severities can be changed or turned off, findings capped per rule with a note', async () => {
  const dir = makeDataset({ 'train.csv': TRAIN, 'test.csv': TEST });
  const train = join(dir, 'train.csv');
  const { report, findings } = await checkIntegrity(train, SPEC, {
    configDir: dir,
    severity: { 'split-leakage': 'warning', 'conflicting-labels': 'off' },
    maxFindingsPerRule: 1,
  });
  assert.deepEqual(ofRule(findings, 'split-leakage').map((f) => f.severity), ['warning']);
  assert.equal(ofRule(findings, 'conflicting-labels').length, 0);
  assert.equal(report.conflicting_labels.count, 1, 'counts stay when a rule is off');
  assert.equal(ofRule(findings, 'duplicate-text').length, 1);
  assert.equal(report.duplicates.exact + report.duplicates.normalised, 2);
  assert.ok(report.notes!.some((n) => n.startsWith('duplicate-text: 1 more findings')));
});

test('splits: an injected file lister resolves relative results against configDir', async () => {
  const dir = makeDataset({ 'a/train.csv': TRAIN, 'b/test.csv': TEST });
  const asked: string[] = [];
  const listFiles = (glob: string) => {
    asked.push(glob);
    return glob === 'train-glob' ? ['a/train.csv'] : [join(dir, 'b/test.csv')];
  };
  const spec = { ...SPEC, splits: { train: 'train-glob', test: 'test-glob' } };
  const { report } = await checkIntegrity(join(dir, 'a/train.csv'), spec, { configDir: dir, listFiles });
  assert.deepEqual(asked, ['train-glob', 'test-glob']);
  assert.equal(report.leakage.count, 1);
  // A file in no split: leakage is skipped with a note.
  const other = makeDataset({ 'x.csv': TRAIN });
  const outside = await checkIntegrity(join(other, 'x.csv'), spec, { configDir: dir, listFiles });
  assert.equal(outside.report.leakage.count, 0);
  assert.deepEqual(outside.report.notes, ['Split leakage was not checked: this file is in none of the configured splits.']);
});

test('CSV: the in-memory check with a split index gives what the file check gives', async () => {
  const { dir, train, report, findings } = await check();
  const splitIndex = await indexSplits(SPEC, { configDir: dir });
  assert.deepEqual(checkIntegrityOfText(TRAIN, 'csv', SPEC, train, { splitIndex }), { report, findings });
});
