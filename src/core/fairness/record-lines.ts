/**
 * The 1-based line where each of some data records starts, for warnings about bad rows. DuckDB
 * gives rows in file order but no line numbers; this scans the bytes once, up to the last
 * record asked for: CSV/TSV records end at a line break outside double quotes (RFC 4180, so a
 * quoted field may span lines), JSONL records are lines; blank lines hold no record. Run only
 * when a file has bad rows.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const NEWLINE = 10;
const QUOTE = 34;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * Maps data record indexes (0-based, after `headerRecords` records) to their first line.
 * Indexes beyond the end of the file are left out of the result.
 */
export function recordStartLines(file: string, format: 'csv' | 'tsv' | 'jsonl', headerRecords: number, wanted: readonly number[], quote = QUOTE): Map<number, number> {
  const out = new Map<number, number>();
  if (wanted.length === 0) return out;
  const want = new Set(wanted);
  const last = Math.max(...wanted);
  const quotes = format !== 'jsonl';
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let blank = true;
  let record = -headerRecords;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buf[i]!;
        if (b === NEWLINE) {
          line++;
          if (inQuotes) continue;
          if (!blank) {
            if (want.has(record)) out.set(record, recordLine);
            if (record >= last) return out;
            record++;
          }
          blank = true;
          recordLine = line;
          continue;
        }
        if (quotes && b === quote) inQuotes = !inQuotes;
        if (b !== CR && b !== SPACE && b !== TAB) blank = false;
      }
    }
    if (!blank && want.has(record)) out.set(record, recordLine);
    return out;
  } finally {
    closeSync(fd);
  }
}
