import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { firstInvalidUtf8, incompleteTail } from '../../../src/core/dataset/chunk-decoder';
import type { DatasetFormat } from '../../../src/core/dataset/format';
import { readDocument } from '../../../src/core/dataset/read-document';
import type { DatasetRecord } from '../../../src/core/dataset/record';
import { streamRecords } from '../../../src/core/dataset/stream-records';
import { fieldAt, indexOfOnly, snapshot, streamAll } from './dataset-test-helpers';

const JSONL =
  '\uFEFF{"messages":[{"role":"user","content":"héllo \\"wörld\\" \\ud83d\\ude00 😀 日本 a\\\\b\\nc\\u00e9"}],"tags":["x","y"]}\r\n' +
  '\n' +
  '{"a":"broken", "b": }\n' +
  '   \n' +
  '{"weird key":"€uro \\/ slash","n":[1,2,{"deep":"z"}]}\n' +
  '"top-level string 😀"';

const CSV =
  '\uFEFFname;"e-mail";note\r\n' +
  '"Doe; ""JD""";jd@example.com;"multi\r\nline 😀 ""quoted"""\r\n' +
  '\r\n' +
  'Ann;ann@example.org;short\r\n' +
  'ragged;row\r\n' +
  '"unterminated;x';

const TSV = 'id\ttext\n1\t"tab\tinside"\n2\tplain héllo 日本\n';

const TEXT = '# Notes 😀\r\n\r\nemail me: a@b.co\nlast line without break é';

/** Runs of ASCII-only lines between lines with other characters: the decoder copies the former and decodes the latter. */
const MIXED_RUNS =
  '{"a":"ascii 1"}\n{"a":"ascii 2","b":["x@y.co"]}\r\n{"a":"caf\u00e9 \\u00e9 é"}\n{"a":"日本 😀"}\n' +
  '{"a":"ascii 3"}\n\n{"a":"ascii 4"}\n{"a":"é at the end é"}\n{"a":"last, ascii, no break"}';

const CASES: Array<[DatasetFormat, string]> = [
  ['jsonl', JSONL],
  ['jsonl', MIXED_RUNS],
  ['csv', CSV],
  ['tsv', TSV],
  ['text', TEXT],
];

describe('streaming gives exactly what the sync reader gives', () => {
  for (const [format, text] of CASES) {
    test(`${format}: every chunk size from 1 to 16 bytes, and 64 KiB`, async () => {
      const sync = readDocument(text, format, { keys: true });
      const expected = snapshot(sync.records);
      const bytes = Buffer.from(text, 'utf8');
      for (const chunkSize of [...Array.from({ length: 16 }, (_, i) => i + 1), 65536]) {
        const streamed = await streamAll(bytes, format, { chunkSize, keys: true, batchSize: 2 });
        assert.deepEqual(snapshot(streamed.records), expected, `chunk size ${chunkSize}`);
        assert.deepEqual(streamed.problems, sync.problems, `chunk size ${chunkSize}`);
        assert.equal(streamed.delimiter, sync.delimiter);
        assert.deepEqual(
          streamed.header?.map((h) => [h.path, h.value, h.toSourceOffset(0), h.toSourceOffset(h.value.length)]),
          sync.header?.map((h) => [h.path, h.value, h.toSourceOffset(0), h.toSourceOffset(h.value.length)]),
        );
      }
    });
  }

  test('the cases really cut escapes, UTF-8 sequences and quoted fields', () => {
    // The equality above proves boundaries are handled only if some fall inside the hard parts.
    const cutInside = (text: string, part: string, chunkSize: number): boolean => {
      const bytes = Buffer.from(text, 'utf8');
      const start = bytes.indexOf(Buffer.from(part, 'utf8'));
      const end = start + Buffer.byteLength(part);
      assert.ok(start >= 0, part);
      return Math.ceil((start + 1) / chunkSize) * chunkSize < end;
    };
    assert.ok(cutInside(JSONL, '\\ud83d\\ude00', 7));
    assert.ok(cutInside(JSONL, 'héllo', 2));
    assert.ok(cutInside(JSONL, '😀', 3));
    assert.ok(cutInside(CSV, '"multi\r\nline 😀 ""quoted"""', 7));
    assert.ok(cutInside(CSV, '""JD""', 3));
  });

  test('offsets are into the whole decoded file', async () => {
    const { records } = await streamAll(Buffer.from(JSONL, 'utf8'), 'jsonl', { chunkSize: 7 });
    const field = fieldAt(records[0], 'messages[0].content');
    const w = field.value.indexOf('wörld');
    assert.equal(field.toSourceOffset(w), indexOfOnly(JSONL, 'wörld'));
    assert.deepEqual(field.toSourcePosition!(w), { line: 1, column: indexOfOnly(JSONL, 'wörld') });
  });
});

describe('bad input when streaming', () => {
  test('invalid UTF-8: one problem at the first bad line, reading goes on with U+FFFD', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"a":"fine"}\n{"a":"caf'),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from('"}\n{"a":"also '),
      Buffer.from([0xff]),
      Buffer.from('"}\n{"a":"ok 😀"}\n'),
    ]);
    for (const chunkSize of [3, 7, 65536]) {
      const { records, problems } = await streamAll(bytes, 'jsonl', { chunkSize });
      assert.equal(records.length, 4, `chunk size ${chunkSize}`);
      assert.equal(problems.length, 1);
      assert.equal(problems[0].code, 'invalid-encoding');
      assert.equal(problems[0].line, 2);
      assert.match(problems[0].message, /^Line 2: not valid UTF-8/);
      assert.equal(records[1].fields[0].value, 'caf\uFFFD');
      assert.equal(records[3].fields[0].value, 'ok 😀');
    }
  });

  test('a multibyte character cut at the very end of the file is invalid', async () => {
    const bytes = Buffer.concat([Buffer.from('a\nb'), Buffer.from('😀').subarray(0, 2)]);
    const { records, problems } = await streamAll(bytes, 'text', { chunkSize: 1 });
    assert.equal(records.length, 2);
    assert.equal(problems[0].code, 'invalid-encoding');
    assert.equal(problems[0].line, 2);
  });

  test('a binary file is one problem and no records', async () => {
    const bytes = Buffer.alloc(20000, 0x41);
    bytes[9000] = 0; // past the first 8 KB: not binary
    const late = await streamAll(bytes, 'text', { chunkSize: 4096 });
    assert.equal(late.problems.length, 0);
    bytes[5000] = 0;
    for (const chunkSize of [1, 7, 4096, 65536]) {
      const early = await streamAll(bytes, 'text', { chunkSize });
      assert.deepEqual(early.records, []);
      assert.equal(early.problems.length, 1);
      assert.equal(early.problems[0].code, 'binary-file');
    }
  });

  test('an empty file: no records, no problems, one batch', async () => {
    for (const format of ['jsonl', 'csv', 'tsv', 'text'] as const) {
      const result = await streamAll(new Uint8Array(0), format);
      assert.deepEqual(result.records, []);
      assert.deepEqual(result.problems, []);
      assert.equal(result.batches, 1);
    }
  });

  test('UTF-16 with a BOM is decoded, not called binary', async () => {
    const text = '\uFEFFid,name\n1,Zoë\n';
    const bytes = Buffer.from(text, 'utf16le');
    const { records, problems } = await streamAll(bytes, 'csv', { chunkSize: 5 });
    assert.deepEqual(problems, []);
    assert.equal(fieldAt(records[0], 'name').value, 'Zoë');
    assert.equal(fieldAt(records[0], 'name').toSourceOffset(0), indexOfOnly(text, 'Zoë'));
  });

  test('another encoding when asked for', async () => {
    const bytes = Buffer.from('name,city\nRen\xe9,K\xf6ln\n', 'latin1');
    const { records, problems } = await streamAll(bytes, 'csv', { encoding: 'windows-1252', chunkSize: 3 });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      records[0].fields.map((f) => f.value),
      ['René', 'Köln'],
    );
  });

  test('a 10 MB single line streams in linear time', async () => {
    const big = 'é'.repeat(2_500_000) + '\\n' + 'y'.repeat(5_000_000);
    const text = `{"a":"${big}"}\n{"b":"next"}\n`;
    const started = Date.now();
    const { records, problems } = await streamAll(Buffer.from(text), 'jsonl', { chunkSize: 65536 });
    assert.ok(Date.now() - started < 10000, 'streams in under 10 s');
    assert.deepEqual(problems, []);
    assert.equal(records.length, 2);
    const a = fieldAt(records[0], 'a');
    assert.equal(a.value.length, 7_500_001);
    assert.equal(a.toSourceOffset(2_500_001), text.indexOf('y'));
    assert.deepEqual(fieldAt(records[1], 'b').toSourcePosition!(0), { line: 2, column: 7 });
  });

  test('a 10 MB quoted CSV field streams in linear time', async () => {
    const text = `a,b\n"${'x""'.repeat(1_000_000)}${'z'.repeat(7_000_000)}",end\n`;
    const started = Date.now();
    const { records } = await streamAll(Buffer.from(text), 'csv');
    assert.ok(Date.now() - started < 10000, 'streams in under 10 s');
    const a = fieldAt(records[0], 'a');
    assert.equal(a.value.length, 9_000_000);
    assert.equal(a.toSourceOffset(2_000_000), text.indexOf('z'));
    assert.equal(fieldAt(records[0], 'b').toSourceOffset(0), indexOfOnly(text, 'end'));
  });
});

describe('stream sources and control', () => {
  test('reads a file path in batches with progress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-dataset-'));
    try {
      const path = join(dir, 'data.jsonl');
      const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ i, text: `row ${i} 😀` }));
      writeFileSync(path, lines.join('\n') + '\n');
      let seen = 0;
      let batches = 0;
      let lastBytes = 0;
      for await (const batch of streamRecords(path, 'jsonl', { batchSize: 100, chunkSize: 4096 })) {
        batches++;
        for (const r of batch.records) assert.equal(r.index, seen++);
        assert.ok(batch.bytesRead >= lastBytes);
        lastBytes = batch.bytesRead;
      }
      assert.equal(seen, 1000);
      assert.ok(batches >= 5, `${batches} batches`); // ~30 KB in 4 KiB chunks, a batch per chunk or so
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file read in large blocks gives what the same bytes give in the parser\'s own pieces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-dataset-'));
    try {
      // Over 2 MiB with multi-byte characters, so reads of 1 MiB cut characters, escapes and lines.
      const lines = Array.from({ length: 24_000 }, (_, i) => JSON.stringify({ i, text: `row ${i} é😀 "q" ${'x'.repeat(i % 97)}` }));
      const bytes = Buffer.from(lines.join('\n') + '\n');
      assert.ok(bytes.length > 2 * 1024 * 1024);
      const path = join(dir, 'big.jsonl');
      writeFileSync(path, bytes);
      const fromPath: DatasetRecord[] = [];
      for await (const batch of streamRecords(path, 'jsonl')) fromPath.push(...batch.records);
      const pieces = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, k) => bytes.subarray(k * 65536, (k + 1) * 65536));
      const fromPieces: DatasetRecord[] = [];
      for await (const batch of streamRecords(Readable.from(pieces), 'jsonl')) fromPieces.push(...batch.records);
      assert.equal(fromPath.length, 24_000);
      assert.deepEqual(snapshot(fromPath), snapshot(fromPieces));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an aborted signal stops reading', async () => {
    const controller = new AbortController();
    const text = '{"a":"x"}\n'.repeat(100_000);
    const reading = (async () => {
      let n = 0;
      for await (const batch of streamRecords(Readable.from([Buffer.from(text)]), 'jsonl', { signal: controller.signal, chunkSize: 1024, batchSize: 10 })) {
        n += batch.records.length;
        controller.abort();
      }
      return n;
    })();
    await assert.rejects(reading, { name: 'AbortError' });
  });

  test('a missing file rejects with the path in the error', async () => {
    const missing = join(tmpdir(), 'rml-no-such-file.jsonl');
    await assert.rejects(async () => {
      for await (const batch of streamRecords(missing, 'jsonl')) void batch;
    }, (error: NodeJS.ErrnoException) => error.code === 'ENOENT' && String(error.message).includes(missing));
  });
});

describe('UTF-8 boundary helpers', () => {
  test('incompleteTail finds a sequence cut at the end', () => {
    const emoji = Buffer.from('a😀'); // 61 F0 9F 98 80
    assert.equal(incompleteTail(emoji), 0);
    assert.equal(incompleteTail(emoji.subarray(0, 4)), 3);
    assert.equal(incompleteTail(emoji.subarray(0, 3)), 2);
    assert.equal(incompleteTail(emoji.subarray(0, 2)), 1);
    assert.equal(incompleteTail(Buffer.from('é').subarray(0, 1)), 1);
    assert.equal(incompleteTail(Buffer.from('abc')), 0);
  });

  test('firstInvalidUtf8 agrees with a fatal TextDecoder', () => {
    const samples = [
      [0x41, 0xc3, 0xa9],
      [0x41, 0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f, 0x98],
      [0x41, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xe2, 0x82, 0xac, 0x20, 0xff],
    ];
    const fatal = new TextDecoder('utf-8', { fatal: true });
    for (const sample of samples) {
      const bytes = Uint8Array.from(sample);
      let valid = true;
      try {
        fatal.decode(bytes);
      } catch {
        valid = false;
      }
      assert.equal(firstInvalidUtf8(bytes) === -1, valid, sample.map((b) => b.toString(16)).join(' '));
    }
    assert.equal(firstInvalidUtf8(Uint8Array.from([0xe2, 0x82, 0xac, 0x20, 0xff])), 4);
  });
});
