import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { readDocument } from '../../../src/core/dataset/read-document';
import { streamRecords } from '../../../src/core/dataset/stream-records';
import { where } from './integrity-test-helpers';

const TEXT = [
  '{"text": "a", "label": 1, "score": -2.5e3, "ok": true, "gone": null, "tags": [false, 7]}',
  '{"text": "b", "label": "1", "meta": {"n": 0}}',
  '{"text": "c", "label": 2, "bad": tru}',
].join('\n');

test('scalars: numbers, booleans and nulls with their literals, paths and places', () => {
  const { records } = readDocument(TEXT, 'jsonl', { scalars: true });
  const first = records[0]!.scalars!;
  assert.deepEqual(
    first.map((s) => [s.path, s.value, s.kind]),
    [
      ['label', '1', 'number'],
      ['score', '-2.5e3', 'number'],
      ['ok', 'true', 'boolean'],
      ['gone', 'null', 'null'],
      ['tags[0]', 'false', 'boolean'],
      ['tags[1]', '7', 'number'],
    ],
  );
  const score = first[1]!;
  assert.deepEqual(score.toSourcePosition!(0), where(TEXT, '-2.5e3'));
  assert.equal(TEXT.slice(score.toSourceOffset(0), score.toSourceOffset(score.value.length)), '-2.5e3');
  assert.deepEqual(records[1]!.scalars!.map((s) => s.path), ['meta.n']);
  // String fields are unchanged: numbers never become fields.
  assert.deepEqual(records[0]!.fields.map((f) => f.path), ['text']);
  // A malformed line keeps the scalars read before the error.
  assert.equal(records[2]!.malformed, true);
  assert.deepEqual(records[2]!.scalars!.map((s) => [s.path, s.value]), [['label', '2']]);
});

test('scalars are off by default, and streaming gives the same as reading in memory', async () => {
  assert.equal(readDocument(TEXT, 'jsonl').records[0]!.scalars, undefined);
  const streamed: Array<[string, string, number]> = [];
  for await (const batch of streamRecords(Readable.from([TEXT]), 'jsonl', { scalars: true, chunkSize: 7 })) {
    for (const r of batch.records) for (const s of r.scalars ?? []) streamed.push([s.path, s.value, s.toSourceOffset(0)]);
  }
  const read = readDocument(TEXT, 'jsonl', { scalars: true }).records.flatMap((r) => r.scalars!.map((s) => [s.path, s.value, s.toSourceOffset(0)]));
  assert.deepEqual(streamed, read);
});
