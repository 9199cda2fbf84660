import type { PiiEntity } from '../lint/finding';

/** Text to put in place of `text.slice(start, end)`; offsets are UTF-16 indices. */
export interface Replacement {
  start: number;
  end: number;
  replacement: string;
  /** What was replaced, for the rewrite summary. */
  entity?: PiiEntity;
}

/**
 * Returns the replacements sorted by position after checking them: integer offsets inside the
 * text, no overlaps, no offset that splits a surrogate pair (that would corrupt the UTF-8 written
 * back). Zero-width insertions at the same offset keep their given order.
 */
export function sortReplacements(text: string, replacements: readonly Replacement[]): Replacement[] {
  const sorted = [...replacements].sort((a, b) => a.start - b.start || a.end - b.end);
  let previousEnd = 0;
  for (const r of sorted) {
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end < r.start || r.end > text.length) {
      throw new RangeError(`Replacement [${r.start}, ${r.end}) lies outside the text (length ${text.length}).`);
    }
    if (r.start < previousEnd) {
      throw new RangeError(`Replacement [${r.start}, ${r.end}) overlaps the one ending at ${previousEnd}.`);
    }
    if (splitsSurrogatePair(text, r.start) || splitsSurrogatePair(text, r.end)) {
      throw new RangeError(`Replacement [${r.start}, ${r.end}) splits a surrogate pair.`);
    }
    previousEnd = r.end;
  }
  return sorted;
}

/** Applies non-overlapping replacements to a string in one pass (any input order). */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  const parts: string[] = [];
  let cursor = 0;
  for (const r of sortReplacements(text, replacements)) {
    parts.push(text.slice(cursor, r.start), r.replacement);
    cursor = r.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
