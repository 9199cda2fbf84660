/**
 * TFRecord framing, read incrementally from a file that may still be growing:
 * uint64 length (LE) · uint32 masked CRC-32C of the length bytes · data · uint32 masked CRC-32C of data.
 */
import { open } from 'node:fs/promises';
import { maskedCrc32c } from './crc32c';

/** One damaged place in a TFRecord file (what happened and where), reported once. */
export interface TfRecordProblem {
  offset: number;
  message: string;
}

const HEADER = 12;
const FOOTER = 4;
/** A length beyond this is damage, not a record (TensorBoard events are small). */
const MAX_RECORD = 256 * 1024 * 1024;

/** Splits complete records out of `buf` (which starts at file offset `base`); stops at a partial one. */
export function splitTfRecords(buf: Uint8Array, base = 0): { records: Uint8Array[]; consumed: number; problems: TfRecordProblem[]; broken: boolean } {
  const records: Uint8Array[] = [];
  const problems: TfRecordProblem[] = [];
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 0;
  while (buf.length - pos >= HEADER) {
    const lengthCrc = dv.getUint32(pos + 8, true);
    if (maskedCrc32c(buf, pos, pos + 8) !== lengthCrc) {
      // Without a trustworthy length there is no next record to find: the rest of the file is unreadable.
      problems.push({ offset: base + pos, message: `record length at byte ${base + pos} fails its CRC-32C check; the rest of the file is skipped` });
      return { records, consumed: pos, problems, broken: true };
    }
    const length = dv.getBigUint64(pos, true);
    if (length > BigInt(MAX_RECORD)) {
      problems.push({ offset: base + pos, message: `record at byte ${base + pos} claims ${length} bytes; the rest of the file is skipped` });
      return { records, consumed: pos, problems, broken: true };
    }
    const n = Number(length);
    if (buf.length - pos < HEADER + n + FOOTER) break; // still being written
    const dataStart = pos + HEADER;
    const dataCrc = dv.getUint32(dataStart + n, true);
    if (maskedCrc32c(buf, dataStart, dataStart + n) === dataCrc) records.push(buf.subarray(dataStart, dataStart + n));
    else problems.push({ offset: base + pos, message: `record at byte ${base + pos} fails its data CRC-32C check and is skipped` });
    pos = dataStart + n + FOOTER;
  }
  return { records, consumed: pos, problems, broken: false };
}

/** Follows one TFRecord file: each poll returns the records completed since the last. */
export class TfRecordTail {
  private offset = 0;
  private broken = false;

  constructor(readonly path: string) {}

  async poll(): Promise<{ records: Uint8Array[]; problems: TfRecordProblem[] }> {
    if (this.broken) return { records: [], problems: [] };
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], problems: [] };
      throw err;
    }
    try {
      const { size } = await handle.stat();
      if (size < this.offset) this.offset = 0; // truncated and rewritten: start over
      if (size - this.offset < HEADER) return { records: [], problems: [] };
      const buf = Buffer.alloc(size - this.offset);
      const { bytesRead } = await handle.read(buf, 0, buf.length, this.offset);
      const result = splitTfRecords(buf.subarray(0, bytesRead), this.offset);
      this.offset += result.consumed;
      this.broken = result.broken;
      return { records: result.records, problems: result.problems };
    } finally {
      await handle.close();
    }
  }
}
