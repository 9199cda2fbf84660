import type { LazyOffsetEdits, OffsetEdits } from './mapped-field';

/**
 * What the last `scanString` found, kept in one module object so the hot loop allocates nothing
 * per string. On success `end` is the closing quote's index; on failure the error's index.
 */
export const scanned = {
  end: 0,
  value: '',
  edits: undefined as LazyOffsetEdits | undefined,
  error: '',
};

// Where the next backslash and the next control character (LF aside: lines never hold one) are
// in the text being scanned. A streamed chunk or a whole document holds many lines, so the next
// backslash is found with a native search once and reused until passed, instead of testing every
// character of every string in JavaScript (several times slower). A search result is trusted
// only for the text it was made in (told by `textId`, as comparing strings would cost a
// comparison of their characters) and only at or after where the search started.
const CONTROL = /[\x00-\x09\x0b-\x1f]/g;
/** The same characters, for a test of one string's content. */
const HAS_CONTROL = /[\x00-\x09\x0b-\x1f]/;
/** Strings shorter than this are checked for control characters in a loop (cheaper than a regex call). */
const SHORT_STRING = 24;
let cacheTextId = -1;
let backslashSearchedFrom = Infinity;
let backslashAt = -1;
let controlSearchedFrom = Infinity;
let controlAt = -1;

/** Says which text the next calls scan (-1: unknown, searches are not reused). */
export function useSearchCache(textId: number): void {
  if (textId !== cacheTextId || textId < 0) {
    cacheTextId = textId;
    backslashSearchedFrom = Infinity;
    controlSearchedFrom = Infinity;
  }
}

function backslashFrom(text: string, i: number): number {
  if (i < backslashSearchedFrom || (backslashAt !== -1 && backslashAt < i)) {
    backslashSearchedFrom = i;
    backslashAt = text.indexOf('\\', i);
  }
  return backslashAt;
}

function controlFrom(text: string, i: number): number {
  if (i < controlSearchedFrom || (controlAt !== -1 && controlAt < i)) {
    controlSearchedFrom = i;
    CONTROL.lastIndex = i;
    controlAt = CONTROL.exec(text)?.index ?? -1;
  }
  return controlAt;
}

/** Index of the first control character (LF aside) in text[from, to), or -1. */
function controlIn(text: string, from: number, to: number, content: string): number {
  if (to - from < SHORT_STRING) {
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c < 32 && c !== 10) return k;
    }
    return -1;
  }
  return HAS_CONTROL.test(content) ? from + content.search(HAS_CONTROL) : -1;
}

/**
 * Scans string content from `i` (just after the opening quote) up to `end`, the end of the JSON
 * text. On success sets `scanned.end` to the closing quote's index, `scanned.value` and
 * `scanned.edits`; otherwise `scanned.end` to the error's index and `scanned.error`.
 *
 * Most strings hold no backslash: their value is a slice of the text, checked for control
 * characters. A string with escapes ends at the first quote after an even run of backslashes and
 * is decoded by JSON.parse, which also validates it; where its escapes sit is worked out only
 * when an offset inside it is first mapped (few ever are). A string JSON.parse rejects, or one
 * without a closing quote, is scanned again by `scanStringExactly` to name the error and its place.
 */
export function scanString(text: string, i: number, end: number, delta: number): boolean {
  const contentStart = i;
  let quote = text.indexOf('"', i);
  if (quote === -1 || quote >= end) quote = end;
  const backslash = backslashFrom(text, i);
  if (backslash === -1 || backslash >= quote) {
    const value = text.slice(contentStart, quote);
    const control = controlIn(text, contentStart, quote, value);
    if (control >= 0) return fail('control character in string (it must be escaped)', control);
    if (quote === end) return fail('unterminated string', end);
    scanned.value = value;
    scanned.edits = undefined;
    scanned.end = quote;
    return true;
  }
  // The closing quote is the first one not escaped: after an even run of backslashes.
  while (quote < end) {
    let k = quote - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((quote - 1 - k) % 2 === 0) break;
    quote = text.indexOf('"', quote + 1);
    if (quote === -1 || quote >= end) quote = end;
  }
  if (quote === end) return scanStringExactly(text, contentStart, end, delta);
  let value: string;
  try {
    value = JSON.parse(text.slice(contentStart - 1, quote + 1)) as string;
  } catch {
    return scanStringExactly(text, contentStart, end, delta);
  }
  scanned.value = value;
  scanned.edits = () => escapeEdits(text, contentStart, quote, delta);
  scanned.end = quote;
  return true;
}

/**
 * The edits of the escapes in text[contentStart, quote), a valid JSON string's content. A
 * surrogate pair written as two `\u` escapes is one edit, so an offset between its halves maps to
 * the first escape's start.
 */
function escapeEdits(text: string, contentStart: number, quote: number, delta: number): OffsetEdits {
  const edits: OffsetEdits = [];
  // Source characters dropped by earlier escapes (decoded index = source index - shift).
  let shift = 0;
  for (let backslash = text.indexOf('\\', contentStart); backslash !== -1 && backslash < quote; ) {
    let sourceLength = 2;
    let decodedLength = 1;
    if (text.charCodeAt(backslash + 1) === 117) {
      const unit = hex4(text, backslash + 2, quote);
      sourceLength = 6;
      if (unit >= 0xd800 && unit <= 0xdbff && text.charCodeAt(backslash + 6) === 92 && text.charCodeAt(backslash + 7) === 117) {
        const low = hex4(text, backslash + 8, quote);
        if (low >= 0xdc00 && low <= 0xdfff) {
          sourceLength = 12;
          decodedLength = 2;
        }
      }
    }
    edits.push(backslash - contentStart - shift, backslash + delta, decodedLength, sourceLength);
    shift += sourceLength - decodedLength;
    backslash = text.indexOf('\\', backslash + sourceLength);
  }
  return edits;
}

/** Value of the 4 hex digits at `i`, or -1. */
function hex4(text: string, i: number, end: number): number {
  if (i + 4 > end) return -1;
  let v = 0;
  for (let k = i; k < i + 4; k++) {
    const c = text.charCodeAt(k);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v;
}

/**
 * `scanString` character class by character class: validates each escape and control character
 * in order, so the first error is the one reported, and builds the edits as it goes.
 */
function scanStringExactly(text: string, i: number, end: number, delta: number): boolean {
  const contentStart = i;
  let edits: OffsetEdits | undefined;
  // Source characters dropped by earlier escapes (decoded index = source index - shift).
  let shift = 0;
  let quote = -1;
  for (;;) {
    // The quote found last time still stands unless an escape went past it (`\"`).
    if (quote < i) {
      quote = text.indexOf('"', i);
      if (quote === -1 || quote >= end) quote = end;
    }
    const backslash = backslashFrom(text, i);
    if (backslash !== -1 && backslash < quote) {
      // Control characters before the escape are errors too.
      const control = controlFrom(text, i);
      if (control !== -1 && control < backslash) return fail('control character in string (it must be escaped)', control);
      const e = backslash + 1 < end ? text.charCodeAt(backslash + 1) : -1;
      let sourceLength = 2;
      let decodedLength = 1;
      if (e === 117) {
        const unit = hex4(text, backslash + 2, end);
        if (unit < 0) return fail('invalid \\u escape in string', backslash);
        sourceLength = 6;
        if (unit >= 0xd800 && unit <= 0xdbff && text.charCodeAt(backslash + 6) === 92 && text.charCodeAt(backslash + 7) === 117) {
          const low = hex4(text, backslash + 8, end);
          if (low >= 0xdc00 && low <= 0xdfff) {
            sourceLength = 12;
            decodedLength = 2;
          }
        }
      } else if (!(e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116)) {
        return fail(e === -1 ? 'unterminated string' : 'invalid escape in string', backslash);
      }
      (edits ??= []).push(backslash - contentStart - shift, backslash + delta, decodedLength, sourceLength);
      shift += sourceLength - decodedLength;
      i = backslash + sourceLength;
      continue;
    }
    const control = controlFrom(text, i);
    if (control !== -1 && control < quote) return fail('control character in string (it must be escaped)', control);
    if (quote === end) return fail('unterminated string', end);
    scanned.value = edits === undefined ? text.slice(contentStart, quote) : (JSON.parse(text.slice(contentStart - 1, quote + 1)) as string);
    scanned.edits = edits;
    scanned.end = quote;
    return true;
  }
}

function fail(message: string, at: number): false {
  scanned.error = message;
  scanned.end = at;
  return false;
}
