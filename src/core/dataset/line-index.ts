import type { SourcePosition } from './record';

const BOM = 0xfeff;

/** Anything that turns a document offset into a 1-based line/column. */
export interface PositionLocator {
  positionAt(offset: number): SourcePosition;
}

/** The locator of a record that sits on one line (JSONL, text): no array, no search. */
export class SingleLine implements PositionLocator {
  constructor(
    readonly line: number,
    /** Document offset where the line begins (after a BOM on line 1). */
    readonly start: number,
  ) {}

  positionAt(offset: number): SourcePosition {
    const column = offset - this.start;
    return { line: this.line, column: column > 0 ? column + 1 : 1 };
  }
}

/**
 * Line starts of a text (or of one record of it) for offset → line/column lookups by binary
 * search. Line breaks are LF and CRLF (a lone CR is not a break, matching how the readers split
 * lines). A byte order mark at the start of the document is not counted as a column: line 1
 * starts after it, so columns agree with what editors show.
 */
export class LineIndex implements PositionLocator {
  /**
   * @param starts document offsets where each line begins, ascending (shared, may grow while a
   *   CSV record is being read)
   * @param firstLine 1-based number of the line that begins at `starts[0]`
   */
  constructor(
    readonly starts: number[],
    readonly firstLine = 1,
  ) {}

  /** Builds the index of a whole document text. */
  static fromText(text: string): LineIndex {
    const starts = [text.charCodeAt(0) === BOM ? 1 : 0];
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      starts.push(nl + 1);
      nl = text.indexOf('\n', nl + 1);
    }
    return new LineIndex(starts);
  }

  /** Number of lines covered. */
  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line/column of a document offset (offsets before the first line clamp to column 1). */
  positionAt(offset: number): SourcePosition {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    if (hi > 0) {
      // Last start <= offset.
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
    }
    const column = offset - starts[lo];
    return { line: this.firstLine + lo, column: column > 0 ? column + 1 : 1 };
  }

  /** Document offset of a 1-based line/column (clamped to the lines this index covers). */
  offsetAt(position: SourcePosition): number {
    let i = position.line - this.firstLine;
    if (i < 0) i = 0;
    if (i >= this.starts.length) i = this.starts.length - 1;
    return this.starts[i] + Math.max(position.column - 1, 0);
  }
}

/** 1-based line/column of `offset` in `text`; builds a throwaway index, so prefer LineIndex for many lookups. */
export function positionAt(text: string, offset: number): SourcePosition {
  return LineIndex.fromText(text).positionAt(offset);
}

/** Counts LF characters in `text[start, end)`. */
export function countLineBreaks(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
