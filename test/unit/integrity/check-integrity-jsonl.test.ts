import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DatasetSpec } from '../../../src/core/config/project-config';
import { checkIntegrity, checkIntegrityOfText } from '../../../src/core/lint/integrity/check-integrity';
import { indexSplits } from '../../../src/core/lint/integrity/split-index';
import { makeDataset, ofRule, rangeOf, rangeOfText, where } from './integrity-test-helpers';

// Line numbers are part of the expectations; every line's role is noted on the right.
const TRAIN = [
  '{"text": "The cat sat on the mat.", "label": "pos", "src": "web", "n": 1}', // 1 first of group A
  '{"text": "A completely unique sentence", "label": "neg", "src": "web", "n": 2}', // 2 first of group B
  '{"text": "the CAT sat   on the mat", "label": "neg", "src": "web", "n": 3}', // 3 normalised dup of 1, conflicting
  '{"text": "The cat sat on the mat.", "label": "pos", "src": "web", "n": "4"}', // 4 exact dup of 1; "4" is a string
  '{"text": "Leaked into test", "label": "pos", "src": "web", "n": 5}', // 5 leaks into test line 2
  '', // 6 blank: no record
  '{"text": "   ", "label": "pos", "src": "web", "n": 6}', // 7 empty text: no duplicate check, required text empty
  '{"label": "neg", "src": "web", "n": 7}', // 8 text missing
  '{"text": "Missing label here", "src": "web", "n": 8}', // 9 label missing
  '{"text": "Validation copy!", "label": "", "src": "web", "n": 9}', // 10 leaks into validation line 1, label empty
  '{"text": "a completely unique sentence", "label": "neg", "src": "web", "n": null}', // 11 normalised dup of 2, same label
].join('\n');
const TEST = ['{"text": "Something else", "label": "pos"}', '{"text": "leaked into TEST!", "label": "pos"}'].join('\n');
const VALIDATION = '{"text": "validation copy", "label": "neg"}\n';

const SPEC: DatasetSpec = {
  files: 'data/*.jsonl',
  textFields: ['text'],
  labelField: 'label',
  requiredFields: ['text'],
  splits: { train: 'data/train.jsonl', test: 'data/test.jsonl', validation: 'data/valid*.jsonl' },
};

function dataset(): { dir: string; train: string } {
  const dir = makeDataset({ 'data/train.jsonl': TRAIN, 'data/test.jsonl': TEST, 'data/validation.jsonl': VALIDATION });
  return { dir, train: join(dir, 'data/train.jsonl') };
}

test('JSONL: exact and normalised duplicates on the later lines, related to the first occurrence', async () => {
  const { dir, train } = dataset();
  const { report, findings } = await checkIntegrity(train, SPEC, { configDir: dir });
  const dups = ofRule(findings, 'duplicate-text');
  assert.deepEqual(dups.map((f) => f.line), [3, 4, 11]);
  assert.deepEqual(rangeOf(dups[0]!), rangeOfText(TRAIN, 'the CAT sat   on the mat'));
  assert.match(dups[0]!.message, /Near-duplicate.*line 1/);
  assert.match(dups[1]!.message, /^Duplicate text: line 1/);
  assert.deepEqual(dups[0]!.related, [{ path: train, ...rangeOfText(TRAIN, 'The cat sat on the mat.'), message: 'First occurrence of this text' }]);
  assert.deepEqual(dups[1]!.related!.map(rangeOf), [rangeOfText(TRAIN, 'The cat sat on the mat.')]);
  assert.deepEqual(dups[2]!.related!.map(rangeOf), [rangeOfText(TRAIN, 'A completely unique sentence')]);
  assert.deepEqual(dups.map((f) => [f.severity, f.scope, f.record]), [
    ['warning', 'record', 2],
    ['warning', 'record', 3],
    ['warning', 'record', 9],
  ]);
  assert.deepEqual(report.duplicates, {
    exact: 1,
    normalised: 2,
    groups_total: 2,
    groups: [
      { lines: [1, 3, 4], count: 3, kind: 'normalised' },
      { lines: [2, 11], count: 2, kind: 'normalised' },
    ],
  });
});

test('JSONL: conflicting labels on every record of the text, related to the others', async () => {
  const { dir, train } = dataset();
  const { report, findings } = await checkIntegrity(train, SPEC, { configDir: dir });
  const conflicts = ofRule(findings, 'conflicting-labels');
  assert.deepEqual(conflicts.map((f) => f.line), [1, 3, 4]);
  // Records with the other label come first in `related`.
  assert.deepEqual(conflicts[0]!.related!.map((r) => [r.line, r.message]), [
    [3, 'Labelled "neg"'],
    [4, 'Labelled "pos"'],
  ]);
  assert.deepEqual(conflicts[1]!.related!.map((r) => r.line), [1, 4]);
  assert.equal(conflicts[1]!.related![0]!.column, where(TRAIN, 'The cat sat').column);
  assert.match(conflicts[1]!.message, /labelled "neg" here but "pos" elsewhere \(3 records/);
  assert.deepEqual(report.conflicting_labels, { count: 1, records: 3, groups: [{ lines: [1, 3, 4], labels: ['pos', 'neg'] }] });
});

test('JSONL: leakage into two other splits, related to the file and line there', async () => {
  const { dir, train } = dataset();
  const { report, findings } = await checkIntegrity(train, SPEC, { configDir: dir });
  const leaks = ofRule(findings, 'split-leakage');
  assert.deepEqual(leaks.map((f) => [f.line, f.severity]), [
    [5, 'error'],
    [10, 'error'],
  ]);
  assert.deepEqual(rangeOf(leaks[0]!), rangeOfText(TRAIN, 'Leaked into test'));
  assert.deepEqual(leaks[0]!.related, [
    { path: join(dir, 'data/test.jsonl'), ...where(TEST, 'leaked into TEST!'), message: 'The same text in split "test"' },
  ]);
  assert.deepEqual(leaks[1]!.related!.map((r) => [r.path, r.line, r.column]), [[join(dir, 'data/validation.jsonl'), 1, 11]]);
  assert.match(leaks[1]!.message, /split "train" is also in split "validation" \(validation.jsonl line 1\)/);
  assert.deepEqual(report.leakage, {
    count: 2,
    split: 'train',
    by_split: { test: 1, validation: 1 },
    pairs: [
      { split: 'train', other_split: 'test', other_file: join(dir, 'data/test.jsonl'), line: 5, other_line: 2 },
      { split: 'train', other_split: 'validation', other_file: join(dir, 'data/validation.jsonl'), line: 10, other_line: 1 },
    ],
  });
  // From the test split's side the same pair shows up on its line 2.
  const fromTest = await checkIntegrity(join(dir, 'data/test.jsonl'), SPEC, { configDir: dir });
  assert.deepEqual(ofRule(fromTest.findings, 'split-leakage').map((f) => [f.line, f.related![0]!.line]), [[2, 5]]);
});

test('JSONL: missing and empty required fields (the label is required too), mixed and constant columns', async () => {
  const { dir, train } = dataset();
  const { report, findings } = await checkIntegrity(train, SPEC, { configDir: dir });
  const missing = ofRule(findings, 'missing-required-field');
  assert.deepEqual(missing.map((f) => [f.line, f.field, f.message]), [
    [7, 'text', 'Required field "text" is empty.'],
    [8, 'text', 'Required field "text" is missing.'],
    [9, 'label', 'Required field "label" is missing.'],
    [10, 'label', 'Required field "label" is empty.'],
  ]);
  assert.deepEqual(rangeOf(missing[1]!), { line: 8, column: 1, endLine: 8, endColumn: TRAIN.split('\n')[7]!.length + 1 });
  assert.deepEqual(report.missing_required, [
    { field: 'text', count: 2, lines: [7, 8], empty: 1 },
    { field: 'label', count: 2, lines: [9, 10], empty: 1 },
  ]);
  // n: eight numbers and one string (the null is not counted); 11% is above the 1% floor.
  assert.deepEqual(report.mixed_types, [{ field: 'n', types: { number: 8, string: 1 } }]);
  const mixed = ofRule(findings, 'mixed-types')[0]!;
  assert.deepEqual([mixed.line, mixed.column, mixed.severity, mixed.scope, mixed.count], [1, 1, 'info', 'column', 9]);
  assert.deepEqual(mixed.related!.map((r) => [r.line, r.column, r.message]), [
    [1, where(TRAIN, '1}').column, 'First number value'],
    [4, where(TRAIN, '4"}').column, 'First text value'],
  ]);
  assert.deepEqual(report.constant_columns, ['src']);
  const constant = ofRule(findings, 'constant-column')[0]!;
  assert.equal(constant.message, 'Constant column "src": all 10 values are "web".');
  assert.equal(report.rows, 10);
  assert.equal(report.notes, undefined);
});

test('JSONL: the in-memory check with a split index gives what the file check gives', async () => {
  const { dir, train } = dataset();
  const fromFile = await checkIntegrity(train, SPEC, { configDir: dir });
  const splitIndex = await indexSplits(SPEC, { configDir: dir });
  const inMemory = checkIntegrityOfText(readFileSync(train, 'utf8'), 'jsonl', SPEC, train, { splitIndex });
  assert.deepEqual(inMemory, fromFile);
  // Without an index, everything but leakage is still checked, and a note says so.
  const noIndex = checkIntegrityOfText(TRAIN, 'jsonl', SPEC, train);
  assert.equal(ofRule(noIndex.findings, 'split-leakage').length, 0);
  assert.equal(noIndex.findings.length, fromFile.findings.length - 2);
  assert.deepEqual(noIndex.report.notes, ['Split leakage was not checked: the splits were not indexed.']);
});

test('JSONL: chat records: messages[].content is the text, joined in order', () => {
  const chat = (a: string, b: string, label: number) =>
    JSON.stringify({ messages: [{ role: 'user', content: a }, { role: 'assistant', content: b }], label });
  const text = [chat('Hi', 'Hello!', 1), chat('hi', 'hello', 0), chat('Hi Hello', '', 1), chat('Hi', 'Hello!', 1)].join('\n');
  const spec: DatasetSpec = { files: '*.jsonl', textFields: ['messages[].content'], labelField: 'label' };
  const { report, findings } = checkIntegrityOfText(text, 'jsonl', spec, '/x/chat.jsonl');
  // Contents are joined with a line break, which normalises to a space: line 3 ("Hi Hello" + "")
  // is a near-duplicate of line 1 ("Hi" + "Hello!"), line 4 an exact one.
  assert.deepEqual(ofRule(findings, 'duplicate-text').map((f) => [f.line, f.related![0]!.line]), [
    [2, 1],
    [3, 1],
    [4, 1],
  ]);
  assert.equal(report.duplicates.exact, 1);
  // The text range runs from the first content to the end of the last one.
  const d = ofRule(findings, 'duplicate-text')[0]!;
  assert.deepEqual(rangeOf(d), { line: 2, column: where(text, '"hi"').column + 1, endLine: 2, endColumn: where(text, 'hello"').column + 5 });
  // Numeric labels 1 and 0 conflict; role is a column with two values, so not constant.
  assert.equal(report.conflicting_labels.count, 1);
  assert.deepEqual(report.constant_columns, []);
});

test('JSONL: without textFields the text is every string field but the label', () => {
  const text = ['{"q": "Why?", "a": "Because.", "label": "x"}', '{"q": "why", "a": "because", "label": "y"}', '{"q": "why", "a": "not", "label": "x"}'].join('\n');
  const { findings } = checkIntegrityOfText(text, 'jsonl', { files: '*', labelField: 'label' }, '/x/qa.jsonl');
  assert.deepEqual(ofRule(findings, 'duplicate-text').map((f) => f.line), [2]);
  assert.deepEqual(ofRule(findings, 'conflicting-labels').map((f) => f.line), [1, 2]);
});

test('JSONL: caps per rule count what they drop; malformed lines are skipped with a note', () => {
  const text = [TRAIN, '{"text": "The cat sat on the mat.", "label": "pos", "src": "web", "n": 1, oops}'].join('\n');
  const { report, findings } = checkIntegrityOfText(text, 'jsonl', SPEC, '/x/train.jsonl', { maxFindingsPerRule: 2 });
  assert.deepEqual(ofRule(findings, 'conflicting-labels').map((f) => f.line), [1, 3]);
  assert.deepEqual(ofRule(findings, 'duplicate-text').map((f) => f.line), [3, 4]);
  assert.equal(report.rows, 11);
  assert.equal(report.duplicates.exact + report.duplicates.normalised, 3, 'the malformed copy on line 12 is not counted');
  assert.deepEqual(report.notes, [
    'Split leakage was not checked: the splits were not indexed.',
    '1 malformed records were not checked.',
    'missing-required-field: 2 more findings were not listed (the cap is 2 per rule); the counts include them.',
    'duplicate-text: 1 more findings were not listed (the cap is 2 per rule); the counts include them.',
    'conflicting-labels: 1 more findings were not listed (the cap is 2 per rule); the counts include them.',
  ]);
});

test('text files: each line is a record; duplicates only, no columns or labels', () => {
  const text = 'First line.\nsecond line\nFIRST LINE\n\nsecond line\n';
  const { report, findings } = checkIntegrityOfText(text, 'text', { files: '*.txt', labelField: 'label', textFields: ['x'] }, '/x/a.txt');
  assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.related![0]!.line]), [
    ['duplicate-text', 3, 1],
    ['duplicate-text', 5, 2],
  ]);
  assert.deepEqual([report.mixed_types, report.constant_columns, report.missing_required], [[], [], []]);
});
