import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat, formatFromLanguageId, formatFromPath } from '../../../src/core/dataset/format';

test('format from file extension', () => {
  assert.equal(formatFromPath('data/train.jsonl'), 'jsonl');
  assert.equal(formatFromPath('C:\\data\\TRAIN.NDJSON'), 'jsonl');
  assert.equal(formatFromPath('a.csv'), 'csv');
  assert.equal(formatFromPath('a.tsv'), 'tsv');
  assert.equal(formatFromPath('a.tab'), 'tsv');
  assert.equal(formatFromPath('notes.txt'), 'text');
  assert.equal(formatFromPath('README.md'), 'text');
  assert.equal(formatFromPath('chat.json'), undefined);
  assert.equal(formatFromPath('.csv'), undefined);
  assert.equal(formatFromPath('dir.csv/file'), undefined);
});

test('format from VS Code languageId', () => {
  assert.equal(formatFromLanguageId('jsonl'), 'jsonl');
  assert.equal(formatFromLanguageId('csv'), 'csv');
  assert.equal(formatFromLanguageId('tsv'), 'tsv');
  assert.equal(formatFromLanguageId('plaintext'), 'text');
  assert.equal(formatFromLanguageId('markdown'), 'text');
  assert.equal(formatFromLanguageId('json'), undefined);
});

test('detectFormat: explicit, then specific languageId, then extension, then generic languageId', () => {
  assert.equal(detectFormat({ path: 'chat.json' }), undefined);
  assert.equal(detectFormat({ path: 'chat.json', format: 'jsonl' }), 'jsonl');
  assert.equal(detectFormat({ path: 'chat.json', format: 'yaml' }), undefined);
  assert.equal(detectFormat({ path: 'x.txt', languageId: 'jsonl' }), 'jsonl');
  assert.equal(detectFormat({ path: 'x.csv', languageId: 'plaintext' }), 'csv');
  assert.equal(detectFormat({ path: 'x.unknown', languageId: 'plaintext' }), 'text');
  assert.equal(detectFormat({ languageId: 'python' }), undefined);
});
