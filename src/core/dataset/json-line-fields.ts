import { PathNode } from './json-path';
import { scanJsonValue, type JsonScanResult } from './json-scanner';
import type { PositionLocator } from './line-index';
import type { FieldValue, JsonKey, SourcePosition } from './record';

/** Deeper values are left to the scanner, which keeps its own stack (JSON.parse does too; a walk would recurse). */
const MAX_DEPTH = 64;

/** Where one JSON text sits and how it was read, so its exact scan can be made when first needed. */
class LineSource {
  private scan: JsonScanResult | undefined;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    private readonly delta: number,
    private readonly lines: PositionLocator,
  ) {}

  /**
   * The scanner's result for the same text: the same fields and keys in the same order, with their
   * mappings. Only the mappings are used, so it builds its paths in a tree of its own rather than
   * keeping the reader's alive (an editor keeps a line's keys as long as the line).
   */
  exact(): JsonScanResult {
    if (this.scan === undefined) {
      const scan = scanJsonValue(this.text, this.start, this.end, this.delta, this.lines, { keys: true, paths: PathNode.root() });
      if (scan.errorAt >= 0) throw new Error(`JSON text read by JSON.parse rejected by the scanner: ${scan.error}`);
      this.scan = scan;
    }
    return this.scan;
  }
}

/** A string value read by JSON.parse; its source mapping comes from the line's exact scan, made on first use. */
class JsonLineField implements FieldValue {
  constructor(
    readonly path: string,
    readonly value: string,
    private readonly source: LineSource,
    private readonly index: number,
  ) {}

  toSourceOffset(offset: number): number {
    return this.source.exact().fields[this.index].toSourceOffset(offset);
  }

  toSourcePosition(offset: number): SourcePosition {
    return this.source.exact().fields[this.index].toSourcePosition(offset);
  }
}

/** An object key read by JSON.parse, mapped like JsonLineField. */
class JsonLineKey implements JsonKey {
  constructor(
    readonly path: string,
    readonly value: string,
    private readonly source: LineSource,
    private readonly index: number,
  ) {}

  private get exact(): JsonKey {
    return this.source.exact().keys![this.index];
  }

  get keyStart(): number {
    return this.exact.keyStart;
  }

  get keyEnd(): number {
    return this.exact.keyEnd;
  }

  toSourceOffset(offset: number): number {
    return this.exact.toSourceOffset(offset);
  }

  toSourcePosition(offset: number): SourcePosition {
    return this.exact.toSourcePosition!(offset);
  }
}

/** What `readJsonLine` found: the string values and keys of the text, in document order. */
export interface JsonLineRead {
  fields: FieldValue[];
  keys: JsonKey[] | undefined;
}

/**
 * Reads the JSON text in `text[start, end)` with JSON.parse, which validates and decodes it in one
 * native pass and yields flat strings (the scanner's are slices of the whole chunk, slower for every
 * regex and character read after). Offsets inside a value are mapped by the scanner, on the line's
 * first lookup (few lines have findings). Returns undefined where JSON.parse's view differs from the
 * text's: invalid JSON (the scanner names the error), a repeated key (JSON.parse keeps one value),
 * a key that may be an array index (enumerated before the others), or deep nesting.
 */
export function readJsonLine(
  text: string,
  start: number,
  end: number,
  delta: number,
  lines: PositionLocator,
  paths: PathNode,
  wantKeys: boolean,
): JsonLineRead | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text.slice(start, end));
  } catch {
    return undefined;
  }
  const walk = new Walk(new LineSource(text, start, end, delta, lines), wantKeys);
  if (!walk.value(root, paths, 0)) return undefined;
  // A repeated key leaves a string of the text out of JSON.parse's result.
  if (countQuotes(text, start, end) !== 2 * (walk.fields.length + walk.keyCount)) return undefined;
  return { fields: walk.fields, keys: walk.keys };
}

/** Collects strings and keys in document order (JSON.parse keeps object keys in text order but for index-like ones). */
class Walk {
  readonly fields: FieldValue[] = [];
  readonly keys: JsonKey[] | undefined;
  keyCount = 0;

  constructor(
    private readonly source: LineSource,
    wantKeys: boolean,
  ) {
    this.keys = wantKeys ? [] : undefined;
  }

  /** Walks `value` at path `at`; false when the walk cannot vouch for the text's order. */
  value(value: unknown, at: PathNode, depth: number): boolean {
    if (typeof value === 'string') {
      this.fields.push(new JsonLineField(at.path, value, this.source, this.fields.length));
      return true;
    }
    if (typeof value !== 'object' || value === null) return true;
    if (depth >= MAX_DEPTH) return false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (!this.value(value[i], at.element(i), depth + 1)) return false;
      return true;
    }
    for (const key of Object.keys(value)) {
      const first = key.charCodeAt(0);
      // Keys that may be array indices come first in JSON.parse's objects, whatever their place in the text.
      if (first >= 48 && first <= 57) return false;
      const member = at.member(key);
      this.keys?.push(new JsonLineKey(member.path, key, this.source, this.keyCount));
      this.keyCount++;
      if (!this.value((value as Record<string, unknown>)[key], member, depth + 1)) return false;
    }
    return true;
  }
}

/** Quotes in text[start, end) that are not escaped: two per string and key of a valid JSON text. */
function countQuotes(text: string, start: number, end: number): number {
  let n = 0;
  for (let q = text.indexOf('"', start); q !== -1 && q < end; q = text.indexOf('"', q + 1)) {
    let k = q - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((q - 1 - k) % 2 === 0) n++;
  }
  return n;
}
