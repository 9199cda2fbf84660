import { PathNode } from './json-path';
import type { PositionLocator } from './line-index';
import { scanned, scanString, useSearchCache } from './json-string';
import { MappedField, MappedKey, MappedScalar } from './mapped-field';

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
  useSearchCache(options.textId ?? -1);
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
        error = scanned.error;
        errorAt = scanned.end;
        break;
      }
      memberKey = scanned.value;
      if (keys !== undefined) {
        keys.push(new MappedKey(prefixes[depth - 1].member(memberKey).path, memberKey, i + 1 + delta, scanned.edits, lines));
      }
      i = scanned.end + 1;
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
        error = scanned.error;
        errorAt = scanned.end;
        break;
      }
      fields.push(new MappedField(pathAt(paths, depth, memberKey).path, scanned.value, i + 1 + delta, scanned.edits, lines));
      i = scanned.end + 1;
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
