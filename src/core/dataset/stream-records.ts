import { createReadStream } from 'node:fs';
import { BINARY_SNIFF_BYTES, binaryFileProblem, hasNulByte } from './binary';
import { ChunkDecoder, type DecodedChunk } from './chunk-decoder';
import { createParser, type ReadOptions } from './create-parser';
import type { DatasetFormat } from './format';
import type { DatasetRecord, HeaderCell, ReadProblem } from './record';

/** Options of the streaming reader. */
export interface StreamOptions extends ReadOptions {
  /**
   * Records per batch (about: a chunk's records are never split). Default 32, often one chunk's
   * worth: records held longer outlive young-generation collections, which then copy them (with
   * 256, four times the bytes on a chat corpus) and reading slows down markedly.
   */
  batchSize?: number;
  /** Bytes per read. Default 64 KiB; tests force tiny chunks to cut escapes and characters. */
  chunkSize?: number;
  /** Text encoding, default UTF-8 (a UTF-16 BOM switches to UTF-16). */
  encoding?: string;
  /** Stops reading; the generator then throws the signal's reason. */
  signal?: AbortSignal;
}

/** A slice of what was read, in source order. */
export interface RecordBatch {
  records: DatasetRecord[];
  problems: ReadProblem[];
  /** CSV/TSV header cells, on the first batch after they were read. */
  header?: HeaderCell[];
  /** CSV/TSV delimiter, along with `header`. */
  delimiter?: string;
  /** Bytes consumed so far, for progress. */
  bytesRead: number;
}

/** A file path, a Node Readable, or any async iterable of byte chunks. */
export type ByteSource = string | AsyncIterable<Uint8Array | string>;

const DEFAULT_CHUNK = 64 * 1024;
const DEFAULT_BATCH = 32;
/**
 * Bytes per read from a file path; `rechunk` still hands the parser `chunkSize` pieces, cut at the
 * same places. With 64 KiB reads the reader waited for the thread pool and went through the
 * stream's promise hops once per piece: about 13 % of a 50 MB lint's wall time was idle. With
 * 1 MiB, `rml lint` on the 200 MB corpus took 12–15 % less wall and 9–12 % less CPU in
 * alternating runs (4 MiB: slower again, larger buffers for the collector).
 */
const READ_AHEAD = 1024 * 1024;

/**
 * Reads a dataset file in batches with bounded memory. Offsets are UTF-16 offsets into the whole
 * file as decoded text (what `fs.readFileSync(path, 'utf8')` returns, BOM included), so they
 * match `readDocument` on that text; use `toSourcePosition` for line/column without holding it.
 */
export async function* streamRecords(
  source: ByteSource,
  format: DatasetFormat,
  options: StreamOptions = {},
): AsyncGenerator<RecordBatch, void, undefined> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: Math.max(chunkSize, READ_AHEAD) }) : source;
  let records: DatasetRecord[] = [];
  let problems: ReadProblem[] = [];
  let headerSent = false;
  let bytesRead = 0;
  const parser = createParser(format, { record: (r) => records.push(r), problem: (p) => problems.push(p) }, options);

  const takeBatch = (): RecordBatch => {
    const batch: RecordBatch = { records, problems, bytesRead };
    if (!headerSent && parser.header !== undefined) {
      batch.header = parser.header;
      batch.delimiter = parser.delimiter;
      headerSent = true;
    }
    records = [];
    problems = [];
    return batch;
  };

  let decoder: ChunkDecoder | undefined;
  // Line breaks seen so far, counted only until the first invalid byte has been reported.
  let lineBreaks = 0;
  let invalidReported = false;
  const feed = (piece: DecodedChunk): void => {
    if (!invalidReported && decoder!.validates) {
      const upTo = piece.invalidAt >= 0 ? piece.invalidAt : piece.bytes.length;
      lineBreaks += countByte(piece.bytes, 10, upTo);
      if (piece.invalidAt >= 0) {
        invalidReported = true;
        const line = lineBreaks + 1;
        problems.push({
          message:
            `Line ${line}: not valid UTF-8; bad bytes were read as U+FFFD (is the file in another encoding?). ` +
            'Later bad lines are not reported.',
          line,
          code: 'invalid-encoding',
        });
      }
    }
    parser.push(piece.text);
  };

  let head: Uint8Array[] = [];
  let headLength = 0;
  // Until the first BINARY_SNIFF_BYTES have been checked for NULs nothing is yielded, so a
  // binary file gives one problem and no records; chunks are still fed as they come, so tiny
  // test chunks cut the text exactly where they fall.
  let sniffing = true;
  let utf16 = false;

  // Feeds the next bytes; false when they show the file is binary.
  const take = (bytes: Uint8Array): boolean => {
    if (decoder === undefined) {
      const bom = utf16Bom(bytes);
      utf16 = bom !== undefined;
      decoder = new ChunkDecoder(bom ?? options.encoding ?? 'utf-8');
    }
    if (sniffing && !utf16 && hasNulByte(bytes, BINARY_SNIFF_BYTES - (bytesRead - bytes.length))) return false;
    feed(decoder.decode(bytes));
    if (bytesRead >= BINARY_SNIFF_BYTES) sniffing = false;
    return true;
  };
  const binary = (): RecordBatch => ({ records: [], problems: [binaryFileProblem()], bytesRead });

  try {
    for await (const chunk of rechunk(input, chunkSize)) {
      options.signal?.throwIfAborted();
      bytesRead += chunk.length;
      let bytes = chunk;
      if (decoder === undefined) {
        // The encoding is chosen once the first bytes (a possible UTF-16 BOM) are in.
        head.push(chunk);
        headLength += chunk.length;
        if (headLength < 4) continue;
        bytes = concatAll(head, headLength);
        head = [];
      }
      if (!take(bytes)) {
        yield binary();
        return;
      }
      if (!sniffing && (records.length >= batchSize || problems.length >= batchSize)) yield takeBatch();
    }
    options.signal?.throwIfAborted();
    if (head.length > 0 && !take(concatAll(head, headLength))) {
      yield binary();
      return;
    }
    if (decoder !== undefined) feed(decoder.end());
    parser.end();
    yield takeBatch();
  } finally {
    if (typeof source === 'string') (input as ReturnType<typeof createReadStream>).destroy();
  }
}

/** Re-cuts a byte source into chunks of at most `size` bytes (strings are UTF-8 encoded). */
async function* rechunk(input: AsyncIterable<Uint8Array | string>, size: number): AsyncGenerator<Uint8Array> {
  for await (const raw of input) {
    const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    if (bytes.length <= size) {
      if (bytes.length > 0) yield bytes;
      continue;
    }
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(i + size, bytes.length));
  }
}

function utf16Bom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function concatAll(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function countByte(bytes: Uint8Array, byte: number, end: number): number {
  // Buffer's indexOf is memchr; a TypedArray's is a plain loop.
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(end, bytes.length));
  let n = 0;
  for (let i = view.indexOf(byte); i !== -1; i = view.indexOf(byte, i + 1)) n++;
  return n;
}
