import type { ReadProblem } from './record';

/** How much of the start of a file is checked for NUL bytes (as git and grep do). */
export const BINARY_SNIFF_BYTES = 8192;

/** True when the first `limit` bytes hold a NUL, the mark of a binary (or UTF-16 without BOM) file. */
export function hasNulByte(bytes: Uint8Array, limit = BINARY_SNIFF_BYTES): boolean {
  const n = Math.min(bytes.length, limit);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** True when the first BINARY_SNIFF_BYTES characters of a decoded text hold a NUL. */
export function textLooksBinary(text: string): boolean {
  // Only the head: indexOf over a whole large document would scan all of it.
  return text.length > BINARY_SNIFF_BYTES ? text.slice(0, BINARY_SNIFF_BYTES).includes('\0') : text.includes('\0');
}

/** The one problem reported for a binary file. */
export function binaryFileProblem(): ReadProblem {
  return {
    message: `Line 1: binary file, not scanned (it has NUL bytes in its first ${BINARY_SNIFF_BYTES / 1024} KB).`,
    line: 1,
    code: 'binary-file',
  };
}
