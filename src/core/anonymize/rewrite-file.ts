import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PiiEntity } from '../lint/finding';
import { applyReplacements, type Replacement } from './apply-replacements';
import { withAtomicFile, writeAll } from './atomic-file';
import { splitAtLastNewline } from './record-boundaries';

/** How the rewriter finds what to replace; the scanner plugs in here. */
export interface RewritePlan {
  /**
   * Replacements for one chunk of whole records. `chunkText` starts at source offset
   * `chunkStartOffset`; the returned offsets are source offsets and must lie inside the chunk.
   * Source offsets are UTF-16 offsets into the whole decoded file, BOM included — the same as
   * `streamRecords` and `fs.readFileSync(path, 'utf8')`, so `FieldValue.toSourceOffset` results
   * can be passed straight through. Replacement text must already be escaped for where it
   * lands (`escapeForJsonString`, `escapeForCsvField`).
   */
  findReplacements(chunkText: string, chunkStartOffset: number): readonly Replacement[] | Promise<readonly Replacement[]>;
  /** Offset just past the last record boundary in `text`, or 0 (default: after the last `\n`). */
  splitAt?(text: string): number;
  /** Stops the rewrite; the output is then never created. */
  signal?: AbortSignal;
  /** Called after each read with bytes read so far and the input size. */
  onProgress?(bytesRead: number, totalBytes: number): void;
  /** Read size in bytes (default 256 KiB). */
  readSize?: number;
}

/** Where to read and write, plus the plan. */
export interface AnonymizeStreamOptions extends RewritePlan {
  input: string;
  output: string;
}

/** What a rewrite did. */
export interface RewriteSummary {
  /** Replacements per entity (replacements without an entity are only in `replacements`). */
  replaced: Partial<Record<PiiEntity, number>>;
  replacements: number;
  bytesIn: number;
  bytesOut: number;
  /** The encoding the file was read and written in (from its BOM; UTF-8 without one). */
  encoding: TextEncodingName;
}

/** The encodings the rewriter can round-trip byte for byte. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Rewrites `input` into `output` with the plan's replacements; `input` is only ever read. */
export function anonymizeFile(inputPath: string, outputPath: string, plan: RewritePlan): Promise<RewriteSummary> {
  return anonymizeStream({ ...plan, input: inputPath, output: outputPath });
}

/**
 * Streams `input` to `output` chunk by chunk (chunks end at record boundaries), applying the
 * replacements the plan finds. Bytes outside replaced spans come through unchanged — BOM, CRLF,
 * spacing and all — because the input must decode strictly (UTF-8, or UTF-16 with a BOM), and
 * strictly decoded text encodes back to the same bytes. The output appears atomically (temp
 * file + rename) only when everything succeeded.
 */
export async function anonymizeStream(options: AnonymizeStreamOptions): Promise<RewriteSummary> {
  const input = resolve(options.input);
  const output = resolve(options.output);
  const inputStat = await stat(input);
  await assertDifferentFiles(input, output, inputStat);
  const splitAt = options.splitAt ?? splitAtLastNewline;
  const summary: RewriteSummary = { replaced: {}, replacements: 0, bytesIn: 0, bytesOut: 0, encoding: 'utf-8' };

  await withAtomicFile(
    output,
    async (file) => {
      let decoder: TextDecoder | undefined;
      let head = Buffer.alloc(0);
      let pending = '';
      let pendingStart = 0;
      // After a failed split, wait until the buffer doubles: keeps huge records O(n), not O(n²).
      let nextSplitAttempt = 0;

      const flush = async (chunk: string): Promise<void> => {
        const found = await options.findReplacements(chunk, pendingStart);
        const local = found.map((r) => toChunkOffsets(r, pendingStart, chunk.length));
        const bytes = encode(applyReplacements(chunk, local), summary.encoding);
        await writeAll(file, bytes);
        summary.bytesOut += bytes.length;
        for (const r of found) {
          summary.replacements++;
          if (r.entity) summary.replaced[r.entity] = (summary.replaced[r.entity] ?? 0) + 1;
        }
        pendingStart += chunk.length;
      };
      const decode = (bytes?: Uint8Array): string => {
        try {
          return bytes ? decoder!.decode(bytes, { stream: true }) : decoder!.decode();
        } catch {
          throw new Error(
            `${input} is not valid ${summary.encoding.toUpperCase()} (before byte ${summary.bytesIn}); ` +
              'only files that decode cleanly can be rewritten without changing other bytes.',
          );
        }
      };
      const start = (bytes: Buffer): void => {
        summary.encoding = encodingFromBom(bytes);
        // ignoreBOM keeps the BOM as U+FEFF at offset 0, so it is written back and offsets agree with the readers.
        decoder = new TextDecoder(summary.encoding, { fatal: true, ignoreBOM: true });
      };

      const stream = createReadStream(input, { highWaterMark: options.readSize ?? 256 * 1024, signal: options.signal });
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        summary.bytesIn += chunk.length;
        let bytes = chunk;
        if (!decoder) {
          // The encoding is chosen once the first two bytes (a possible UTF-16 BOM) are in.
          head = Buffer.concat([head, chunk]);
          if (head.length < 2) continue;
          start(head);
          bytes = head;
        }
        pending += decode(bytes);
        if (pending.length >= nextSplitAttempt) {
          const cut = checkedCut(splitAt(pending), pending);
          if (cut > 0) {
            await flush(pending.slice(0, cut));
            pending = pending.slice(cut);
            nextSplitAttempt = 0;
          } else nextSplitAttempt = pending.length * 2;
        }
        options.onProgress?.(summary.bytesIn, inputStat.size);
      }
      if (!decoder) {
        start(head);
        pending += decode(head);
      }
      pending += decode();
      if (pending.length > 0) await flush(pending);
      options.signal?.throwIfAborted();
    },
    inputStat.mode & 0o777,
  );
  return summary;
}

function encodingFromBom(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function encode(text: string, encoding: TextEncodingName): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16be' ? bytes.swap16() : bytes;
}

/** Refuses to write over the input, also through another path, a symlink or a hard link. */
async function assertDifferentFiles(input: string, output: string, inputStat: { dev: number; ino: number }): Promise<void> {
  const same = (): Error => new Error(`Refusing to anonymize ${input} in place: choose a different output file.`);
  if (input === output) throw same();
  const outputStat = await stat(output).catch(() => undefined);
  if (outputStat && outputStat.dev === inputStat.dev && outputStat.ino === inputStat.ino) throw same();
}

function checkedCut(cut: number, text: string): number {
  if (!Number.isInteger(cut) || cut < 0 || cut > text.length) {
    throw new RangeError(`splitAt returned ${cut}; expected an offset from 0 to ${text.length}.`);
  }
  const before = text.charCodeAt(cut - 1);
  if (cut > 0 && cut < text.length && before >= 0xd800 && before <= 0xdbff) {
    throw new RangeError(`splitAt returned ${cut}, which splits a surrogate pair.`);
  }
  return cut;
}

function toChunkOffsets(r: Replacement, chunkStart: number, chunkLength: number): Replacement {
  const start = r.start - chunkStart;
  const end = r.end - chunkStart;
  if (start < 0 || end > chunkLength) {
    throw new RangeError(
      `Replacement at source offsets [${r.start}, ${r.end}) lies outside the chunk [${chunkStart}, ${chunkStart + chunkLength}).`,
    );
  }
  return { ...r, start, end };
}
