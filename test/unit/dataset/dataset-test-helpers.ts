import { Readable } from 'node:stream';
import type { ReadOptions } from '../../../src/core/dataset/create-parser';
import type { DatasetFormat } from '../../../src/core/dataset/format';
import type { DatasetRecord, FieldValue, ReadProblem } from '../../../src/core/dataset/record';
import { streamRecords, type StreamOptions } from '../../../src/core/dataset/stream-records';

/** The source characters a field maps `[start, end)` of its value to. */
export function sourceOf(text: string, field: FieldValue, start = 0, end = field.value.length): string {
  return text.slice(field.toSourceOffset(start), field.toSourceOffset(end));
}

/** The one field with `path` (fails loudly when absent). */
export function fieldAt(record: DatasetRecord, path: string): FieldValue {
  const field = record.fields.find((f) => f.path === path);
  if (field === undefined) throw new Error(`no field ${path}; have ${record.fields.map((f) => f.path).join(', ')}`);
  return field;
}

/** Index of the only occurrence of `needle` in `text`, so tests locate raw source by hand. */
export function indexOfOnly(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at === -1 || text.indexOf(needle, at + 1) !== -1) throw new Error(`expected exactly one ${JSON.stringify(needle)}`);
  return at;
}

/** A plain snapshot of records: every offset and position of every field, for equality checks. */
export function snapshot(records: DatasetRecord[]): unknown[] {
  return records.map((r) => ({
    index: r.index,
    line: r.line,
    span: r.span,
    malformed: r.malformed,
    keys: r.keys?.map((k) => ({ path: k.path, value: k.value, keyStart: k.keyStart, keyEnd: k.keyEnd })),
    fields: r.fields.map((f) => ({
      path: f.path,
      value: f.value,
      offsets: Array.from({ length: f.value.length + 1 }, (_, i) => f.toSourceOffset(i)),
      positions: Array.from({ length: f.value.length + 1 }, (_, i) => f.toSourcePosition?.(i)),
    })),
  }));
}

/** Reads `bytes` through streamRecords in chunks of `chunkSize` and gathers every batch. */
export async function streamAll(
  bytes: Uint8Array,
  format: DatasetFormat,
  options: StreamOptions & ReadOptions = {},
): Promise<{ records: DatasetRecord[]; problems: ReadProblem[]; header?: FieldValue[]; delimiter?: string; batches: number }> {
  const records: DatasetRecord[] = [];
  const problems: ReadProblem[] = [];
  let header: FieldValue[] | undefined;
  let delimiter: string | undefined;
  let batches = 0;
  for await (const batch of streamRecords(Readable.from([Buffer.from(bytes)]), format, options)) {
    batches++;
    records.push(...batch.records);
    problems.push(...batch.problems);
    if (batch.header !== undefined) header = batch.header;
    if (batch.delimiter !== undefined) delimiter = batch.delimiter;
  }
  return { records, problems, header, delimiter, batches };
}

/**
 * Checks a field character by character: the source each decoded character (or escaped pair)
 * maps to, decoded with `decode`, gives that character back.
 */
export function assertEachCharMaps(text: string, field: FieldValue, decode: (raw: string) => string): void {
  const { value } = field;
  let i = 0;
  while (i < value.length) {
    const from = field.toSourceOffset(i);
    let j = i + 1;
    while (j < value.length && field.toSourceOffset(j) === from) j++;
    const raw = text.slice(from, field.toSourceOffset(j));
    const got = decode(raw);
    if (got !== value.slice(i, j)) {
      throw new Error(`${field.path}[${i}, ${j}): source ${JSON.stringify(raw)} decodes to ${JSON.stringify(got)}, value has ${JSON.stringify(value.slice(i, j))}`);
    }
    i = j;
  }
}

/** A small deterministic PRNG (mulberry32) so generated cases are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
