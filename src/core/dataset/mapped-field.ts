import type { PositionLocator } from './line-index';
import type { FieldValue, ScalarKind, ScalarValue, SourcePosition } from './record';

/**
 * Edits that turn source characters into decoded ones, flattened 4 numbers per edit:
 * [decodedIndex, sourceOffset, decodedLength, sourceLength]. Outside edits the mapping is
 * identity with a shift. A JSON escape is one edit (`\n`: 1 ← 2, `\ud83d\ude00`: 2 ← 12), a CSV
 * doubled quote is `"` 1 ← 2, and a skipped character (stray CSV quote) is 0 ← 1.
 */
export type OffsetEdits = number[];

/** Edits, or a function that works them out when an offset is first mapped (most values never are). */
export type LazyOffsetEdits = OffsetEdits | (() => OffsetEdits);

/**
 * A decoded string with its source mapping. Methods live on the prototype (not closures) so a
 * record with hundreds of fields stays cheap; call them as methods.
 */
export class MappedField implements FieldValue {
  /** CSV/TSV: the field was written in double quotes (declared on every field: one object shape). */
  quoted?: boolean;

  constructor(
    public path: string,
    public value: string,
    /** Document offset of the first source character of the value (after an opening quote). */
    private readonly base: number,
    private edits: LazyOffsetEdits | undefined,
    private readonly lines: PositionLocator,
  ) {}

  /** Maps a UTF-16 offset in `value` to a document offset; an offset inside an escape maps to the escape's start. */
  toSourceOffset(offset: number): number {
    const len = this.value.length;
    const i = offset <= 0 ? 0 : offset >= len ? len : offset;
    let edits = this.edits;
    if (edits === undefined) return this.base + i;
    if (typeof edits === 'function') edits = this.edits = edits();
    // Last edit whose decoded index is <= i (several may share one index: take the last).
    let lo = 0;
    let hi = edits.length / 4 - 1;
    if (edits[0] > i) return this.base + i;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (edits[mid * 4] <= i) lo = mid;
      else hi = mid - 1;
    }
    const k = lo * 4;
    const d = edits[k];
    const s = edits[k + 1];
    const decodedLength = edits[k + 2];
    if (i < d + decodedLength) return s;
    return s + edits[k + 3] + (i - d - decodedLength);
  }

  /** The same cell as a header cell named `path` (CSV cells are read before they are known to be the header). */
  toHeaderCell(path: string, column: number): MappedHeaderCell {
    const cell = new MappedHeaderCell(path, this.value, this.base, this.edits, this.lines, column);
    if (this.quoted === true) cell.quoted = true;
    return cell;
  }

  /** Maps a UTF-16 offset in `value` to a 1-based line/column. */
  toSourcePosition(offset: number): SourcePosition {
    return this.lines.positionAt(this.toSourceOffset(offset));
  }
}

/** A MappedField that is a JSON object key. */
export class MappedKey extends MappedField {
  readonly keyStart: number;
  readonly keyEnd: number;
  constructor(path: string, name: string, base: number, edits: LazyOffsetEdits | undefined, lines: PositionLocator) {
    super(path, name, base, edits, lines);
    this.keyStart = base;
    this.keyEnd = this.toSourceOffset(name.length);
  }
}

/** A MappedField that is a JSON number, boolean or null, its literal as the value. */
export class MappedScalar extends MappedField implements ScalarValue {
  constructor(path: string, literal: string, base: number, lines: PositionLocator, readonly kind: ScalarKind) {
    super(path, literal, base, undefined, lines);
  }
}

/** A MappedField that is a CSV header cell. */
export class MappedHeaderCell extends MappedField {
  constructor(
    path: string,
    value: string,
    base: number,
    edits: LazyOffsetEdits | undefined,
    lines: PositionLocator,
    readonly column: number,
  ) {
    super(path, value, base, edits, lines);
  }
}
