/**
 * Record-boundary finders for the file rewriter: each returns the offset just past the last
 * complete record in `text` (which starts at a record boundary), or 0 when there is none yet.
 */

/** JSONL, NDJSON and plain text: the end of the last complete line, `\n` included. */
export function splitAtLastNewline(text: string): number {
  return text.lastIndexOf('\n') + 1;
}

/**
 * CSV/TSV: the end of the last line break outside quotes. Doubled quotes inside a quoted field
 * toggle twice, so counting quotes is exact for RFC 4180 files. A stray quote in an unquoted
 * field only delays the split (bigger chunks); it never changes the bytes written.
 */
export function splitAtCsvRecordEnd(text: string): number {
  let inQuotes = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) inQuotes = !inQuotes;
    else if (c === 0x0a && !inQuotes) last = i + 1;
  }
  return last;
}
