import { PathNode } from './json-path';
import type { PositionLocator } from './line-index';
import { MappedField, MappedKey, MappedScalar, type OffsetEdits } from './mapped-field';

/** What scanning one JSON text yields: its strings, optionally its keys, and the first error. */
export interface JsonScanResult {
  fields: MappedField[];
  keys: MappedKey[] | undefined;
  /** Numbers, booleans and nulls, when asked for with `scalars`. */
  scalars: MappedScalar[] | undefined;
  /** Index in the scanned text of the first syntax error, or -1 when the text is valid JSON. */
  errorAt: number;
  /** What was wrong there, without quoting the data (it may be a secret). */
  error: string;
}

// Container kinds and parser states. Plain numbers: const enums do not cross isolatedModules.
const OBJECT = 0;
const ARRAY = 1;
const VALUE = 0; // a value must come
const VALUE_OR_CLOSE = 1; // right after '['
const AFTER_VALUE = 2; // ',' or a closing bracket must come
const KEY = 3; // after ',' in an object
const KEY_OR_CLOSE = 4; // right after '{'

// The container stack, shared by all calls (scanning is synchronous and never re-entered) so a
// line allocates no stack of its own.
const kinds: number[] = [];
const prefixes: PathNode[] = [];
const counters: number[] = [];

/** Drops the shared stack's references (to a file's path tree) once a file is done. */
export function releaseScanState(): void {
  prefixes.length = 0;
}

/** Path of the value about to be read at `depth` (memberKey: the key it belongs to in an object). */
function pathAt(root: PathNode, depth: number, memberKey: string): PathNode {
  if (depth === 0) return root;
  const d = depth - 1;
  return kinds[d] === OBJECT ? prefixes[d].member(memberKey) : prefixes[d].element(counters[d]);
}

// scanString's results, kept in module state so the hot loop allocates nothing per string.
let strEnd = 0;
let strValue = '';
let strEdits: OffsetEdits | undefined;
let strError = '';

/** How to scan: what to collect, and what may be reused from earlier calls. */
export interface JsonScanOptions {
  /** Also collect object keys. */
  keys?: boolean;
  /** Also collect numbers, booleans and nulls (their literals), e.g. for labels and column types. */
  scalars?: boolean;
  /** Root of a path tree kept across the lines of one file, so repeated paths are built once. */
  paths?: PathNode;
  /**
   * Id of `text`, the same for every call on the same string (e.g. lines of one chunk), so
   * searches made in it are reused; leave out when unknown.
   */
  textId?: number;
}

/**
 * Validates one JSON text in `text[start, end)` and collects every string value at any depth
 * with its path and exact source mapping, in one pass and without building a parse tree (a tree
 * would be thrown away, and no library reports offsets inside strings cheaply).
 * `delta` turns indices in `text` into document offsets (they differ when streaming chunks).
 * On a syntax error the strings before it are still returned.
 */
export function scanJsonValue(
  text: string,
  start: number,
  end: number,
  delta: number,
  lines: PositionLocator,
  options: JsonScanOptions = {},
): JsonScanResult {
  useCache(options.textId ?? -1);
  const paths = options.paths ?? PathNode.root(0);
  const wantKeys = options.keys === true;
  const fields: MappedField[] = [];
  const keys: MappedKey[] | undefined = wantKeys ? [] : undefined;
  const scalars: MappedScalar[] | undefined = options.scalars === true ? [] : undefined;
  let depth = 0;
  let memberKey = '';
  let state = VALUE;
  let i = start;
  let error = '';
  let errorAt = -1;

  for (;;) {
    let c = 0;
    while (i < end && ((c = text.charCodeAt(i)) === 32 || c === 9 || c === 13 || c === 10)) i++;
    if (i >= end) {
      if (state !== AFTER_VALUE || depth !== 0) {
        error = 'unexpected end of line';
        errorAt = i;
      }
      break;
    }

    if (state === AFTER_VALUE) {
      if (depth === 0) {
        error = 'unexpected text after the JSON value';
        errorAt = i;
        break;
      }
      const kind = kinds[depth - 1];
      if (c === 44 /* , */) {
        i++;
        if (kind === OBJECT) state = KEY;
        else {
          counters[depth - 1]++;
          state = VALUE;
        }
      } else if ((kind === OBJECT && c === 125) /* } */ || (kind === ARRAY && c === 93) /* ] */) {
        i++;
        depth--;
      } else {
        error = kind === OBJECT ? "expected ',' or '}' after a property value" : "expected ',' or ']' after an array element";
        errorAt = i;
        break;
      }
      continue;
    }

    if (state === KEY || state === KEY_OR_CLOSE) {
      if (c === 125 /* } */ && state === KEY_OR_CLOSE) {
        i++;
        depth--;
        state = AFTER_VALUE;
        continue;
      }
      if (c !== 34) {
        error = 'expected a property name in double quotes';
        errorAt = i;
        break;
      }
      if (!scanString(text, i + 1, end, delta)) {
        error = strError;
        errorAt = strEnd;
        break;
      }
      memberKey = strValue;
      if (keys !== undefined) {
        keys.push(new MappedKey(prefixes[depth - 1].member(memberKey).path, memberKey, i + 1 + delta, strEdits, lines));
      }
      i = strEnd + 1;
      while (i < end && ((c = text.charCodeAt(i)) === 32 || c === 9 || c === 13 || c === 10)) i++;
      if (i >= end || c !== 58 /* : */) {
        error = "expected ':' after a property name";
        errorAt = i;
        break;
      }
      i++;
      state = VALUE;
      continue;
    }

    // VALUE or VALUE_OR_CLOSE.
    if (c === 93 /* ] */ && state === VALUE_OR_CLOSE) {
      i++;
      depth--;
      state = AFTER_VALUE;
      continue;
    }
    if (c === 34 /* " */) {
      if (!scanString(text, i + 1, end, delta)) {
        error = strError;
        errorAt = strEnd;
        break;
      }
      fields.push(new MappedField(pathAt(paths, depth, memberKey).path, strValue, i + 1 + delta, strEdits, lines));
      i = strEnd + 1;
      state = AFTER_VALUE;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      prefixes[depth] = pathAt(paths, depth, memberKey);
      kinds[depth] = c === 123 ? OBJECT : ARRAY;
      counters[depth] = 0;
      depth++;
      i++;
      state = c === 123 ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const after = scanNumber(text, i, end);
      if (after < 0) {
        error = 'invalid number';
        errorAt = ~after;
        break;
      }
      if (scalars !== undefined) scalars.push(new MappedScalar(pathAt(paths, depth, memberKey).path, text.slice(i, after), i + delta, lines, 'number'));
      i = after;
      state = AFTER_VALUE;
    } else if (
      (c === 116 && text.startsWith('true', i) && i + 4 <= end) ||
      (c === 110 && text.startsWith('null', i) && i + 4 <= end)
    ) {
      if (scalars !== undefined) scalars.push(new MappedScalar(pathAt(paths, depth, memberKey).path, c === 116 ? 'true' : 'null', i + delta, lines, c === 116 ? 'boolean' : 'null'));
      i += 4;
      state = AFTER_VALUE;
    } else if (c === 102 && text.startsWith('false', i) && i + 5 <= end) {
      if (scalars !== undefined) scalars.push(new MappedScalar(pathAt(paths, depth, memberKey).path, 'false', i + delta, lines, 'boolean'));
      i += 5;
      state = AFTER_VALUE;
    } else {
      error = 'expected a JSON value';
      errorAt = i;
      break;
    }
  }
  return { fields, keys, scalars, errorAt, error };
}

/** Index after a JSON number starting at `i`, or the bitwise-not of the bad character's index. */
function scanNumber(text: string, i: number, end: number): number {
  let c = text.charCodeAt(i);
  if (c === 45) c = ++i < end ? text.charCodeAt(i) : -1;
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) {
    while (++i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57);
  } else return ~i;
  if (i < end && text.charCodeAt(i) === 46 /* . */) {
    const first = ++i;
    while (i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === first) return ~i;
  }
  if (i < end && ((c = text.charCodeAt(i)) === 101 || c === 69) /* e E */) {
    if (++i < end && ((c = text.charCodeAt(i)) === 43 || c === 45)) i++;
    const first = i;
    while (i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === first) return ~i;
  }
  return i;
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

// Where the next backslash and the next control character (LF aside: lines never hold one) are
// in the text being scanned. A streamed chunk or a whole document holds many lines, so these
// are found with native searches once and reused until passed, instead of testing every
// character of every string in JavaScript (several times slower). A search result is trusted
// only for the text it was made in (told by `textId`, as comparing strings would cost a
// comparison of their characters) and only at or after where the search started.
const CONTROL = /[\x00-\x09\x0b-\x1f]/g;
let cacheTextId = -1;
let backslashSearchedFrom = Infinity;
let backslashAt = -1;
let controlSearchedFrom = Infinity;
let controlAt = -1;

function useCache(textId: number): void {
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

/**
 * Scans string content from `i` (just after the opening quote). On success sets strEnd to the
 * closing quote's index, strValue and strEdits; otherwise strEnd to the error's index and
 * strError. A surrogate pair written as two `\u` escapes is one edit, so an offset between its
 * halves maps to the first escape's start. A string with escapes is decoded by JSON.parse once
 * it is known to be valid: that yields a flat string, where gluing pieces here would leave
 * ropes that cost far more in garbage collection than the parse.
 */
function scanString(text: string, i: number, end: number, delta: number): boolean {
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
    strValue = edits === undefined ? text.slice(contentStart, quote) : (JSON.parse(text.slice(contentStart - 1, quote + 1)) as string);
    strEdits = edits;
    strEnd = quote;
    return true;
  }
}

function fail(message: string, at: number): false {
  strError = message;
  strEnd = at;
  return false;
}
