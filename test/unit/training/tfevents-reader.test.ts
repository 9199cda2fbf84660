import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { crc32c, maskedCrc32c } from '../../../src/core/training/crc32c';
import { readTfEventsDir, TfEventsWatcher } from '../../../src/core/training/tfevents-reader';
import { splitTfRecords } from '../../../src/core/training/tfrecord-reader';

const WRITER = join(__dirname, 'write_tfevents.py');

interface Written {
  step: number;
  tag: string;
  value: number;
  wall_time: number;
}

/** Runs the independent Python writer; returns the scalars it says it wrote. */
function writeEvents(file: string, ...args: string[]): Written[] {
  const out = execFileSync('/usr/bin/python3', [WRITER, file, ...args], { encoding: 'utf8' });
  return out.trim().split('\n').map((l) => JSON.parse(l) as Written);
}

describe('CRC-32C', () => {
  it('matches the RFC 3720 (iSCSI) check values', () => {
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
    assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
    assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
    assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c);
  });

  it('masks as TFRecord does (rotate right 15, add 0xa282ead8)', () => {
    const crc = 0xe3069283;
    const expected = ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) % 2 ** 32;
    assert.equal(maskedCrc32c(Buffer.from('123456789')), expected);
  });
});

describe('tfevents reader', () => {
  it('reads simple_value and float/double tensor scalars written by an independent writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-tfevents-'));
    mkdirSync(join(dir, 'run1'));
    const written = writeEvents(join(dir, 'run1', 'events.out.tfevents.1700000000.host.1.0'));
    const { points, problems } = await readTfEventsDir(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      points.map((p) => ({ step: p.step, tag: p.name, value: p.value, wall_time: p.wallTime })),
      written,
    );
    assert.ok(points.every((p) => p.source === 'tfevents'));
  });

  it('skips a record whose data CRC fails and reports it; the rest is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-tfevents-'));
    const written = writeEvents(join(dir, 'events.out.tfevents.1'), '--corrupt-data', '2');
    const { points, problems } = await readTfEventsDir(dir);
    // Record 2 is the second scalar event (step 10): its two scalars are gone, the others remain.
    assert.deepEqual(points.map((p) => `${p.name}@${p.step}`), written.filter((w) => w.step !== 10).map((w) => `${w.tag}@${w.step}`));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /events\.out\.tfevents\.1: record at byte \d+ fails its data CRC-32C check/);
  });

  it('stops at a length whose CRC fails, reporting where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-tfevents-'));
    const written = writeEvents(join(dir, 'events.out.tfevents.2'), '--corrupt-length', '3');
    const { points, problems } = await readTfEventsDir(dir);
    assert.deepEqual(points.map((p) => p.step), written.filter((w) => w.step < 20).map((w) => w.step));
    assert.match(problems[0]!, /record length at byte \d+ fails its CRC-32C check; the rest of the file is skipped/);
  });

  it('waits for a record still being written, then reads it once complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-tfevents-'));
    const file = join(dir, 'events.out.tfevents.3');
    const full = join(dir, 'full.bin');
    writeEvents(full, '--partial');
    const bytes = readFileSync(full);
    const watcher = new TfEventsWatcher(dir);
    // Feed the file in uneven slices, as a writer flushing mid-record would.
    const seen: string[] = [];
    const cuts = [5, 40, 41, 200, 333, bytes.length];
    let from = 0;
    writeFileSync(file, '');
    for (const cut of cuts) {
      appendFileSync(file, bytes.subarray(from, cut));
      from = cut;
      const { points, problems } = await watcher.poll();
      assert.deepEqual(problems, []);
      seen.push(...points.map((p) => `${p.name}@${p.step}`));
    }
    // The partial last record (step 999) never completes: it is not read, and not an error.
    assert.equal(seen.length, 13);
    assert.ok(!seen.includes('train/loss@999'));
    assert.equal(new Set(seen).size, seen.length, 'no scalar read twice');
  });

  it('splitTfRecords frames records and reports offsets of bad ones', () => {
    const payloads = [Buffer.from('a'), Buffer.from('hello'), Buffer.alloc(0)];
    const framed = Buffer.concat(
      payloads.map((p) => {
        const len = Buffer.alloc(8);
        len.writeBigUInt64LE(BigInt(p.length));
        const lc = Buffer.alloc(4);
        lc.writeUInt32LE(maskedCrc32c(len));
        const dc = Buffer.alloc(4);
        dc.writeUInt32LE(maskedCrc32c(p));
        return Buffer.concat([len, lc, p, dc]);
      }),
    );
    const r = splitTfRecords(framed, 100);
    assert.deepEqual(r.records.map((x) => Buffer.from(x).toString()), ['a', 'hello', '']);
    assert.equal(r.consumed, framed.length);
    framed[12 + 1 + 4 + 12] ^= 1; // first byte of 'hello'
    const bad = splitTfRecords(framed, 100);
    assert.deepEqual(bad.records.map((x) => Buffer.from(x).toString()), ['a', '']);
    assert.deepEqual(bad.problems.map((p) => p.offset), [117]);
  });
});
