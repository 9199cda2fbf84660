/** A 1-based line and column; columns count UTF-16 code units, as editors and SARIF do. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * A decoded string value of a record, with what is needed to map offsets inside the decoded
 * value back to exact characters in the source file.
 */
export interface FieldValue {
  /** Path inside the record: `text`, `messages[2].content`, or the CSV column name. */
  path: string;
  /** The decoded value (JSON escapes resolved, CSV quotes removed). */
  value: string;
  /**
   * Maps a UTF-16 offset inside `value` (0..value.length inclusive) to a UTF-16 offset in the
   * source document text.
   */
  toSourceOffset(offset: number): number;
  /**
   * Maps a UTF-16 offset inside `value` to a 1-based line/column in the source. The readers
   * always provide it; it stays optional so hand-built values (tests, fixes) need not.
   */
  toSourcePosition?(offset: number): SourcePosition;
  /** CSV/TSV: the field was written in double quotes. */
  quoted?: boolean;
}

/** Kind of a JSON value that is not a string, object or array. */
export type ScalarKind = 'number' | 'boolean' | 'null';

/**
 * A JSON number, `true`, `false` or `null`, when asked for with `scalars: true`; `value` is the
 * literal as written (`-1.5e3`, `true`), so it maps to the source character for character.
 */
export interface ScalarValue extends FieldValue {
  kind: ScalarKind;
}

/** A JSON object key with where it sits, for column-level findings on keys (`"email": …`). */
export interface JsonKey extends FieldValue {
  /** Document offsets of the key's characters, quotes excluded. */
  keyStart: number;
  keyEnd: number;
}

/** A CSV/TSV header cell; `path` is the unique column name, `value` the cell as written. */
export interface HeaderCell extends FieldValue {
  /** 0-based column index. */
  column: number;
}

/** Where a whole record sits: document offsets (line break excluded) and 1-based positions. */
export interface RecordSpan {
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One record of a dataset with its string fields and where it sits in the source. */
export interface DatasetRecord {
  /** 0-based record index (data rows only, header excluded). */
  index: number;
  /** 1-based line where the record starts. */
  line: number;
  fields: FieldValue[];
  /** Source range of the whole record (for record-level findings such as duplicates). */
  span?: RecordSpan;
  /** JSONL only, when asked for with `keys: true`: every object key in the record. */
  keys?: JsonKey[];
  /** JSONL and Parquet, when asked for with `scalars: true`: the numbers, booleans (and JSON nulls) of the record. */
  scalars?: ScalarValue[];
  /**
   * True when the line/row was not well formed; `fields` then holds only what could be read
   * (the strings before a JSON error), and a ReadProblem names the line.
   */
  malformed?: boolean;
}

/** What kind of problem a ReadProblem is, for rules and tests that branch on it. */
export type ReadProblemCode =
  | 'malformed-json'
  | 'ragged-row'
  | 'unterminated-quote'
  | 'text-after-quote'
  | 'invalid-encoding'
  | 'binary-file';

/** A structural problem met while reading (malformed line, ragged row, bad encoding). */
export interface ReadProblem {
  message: string;
  /** 1-based line. */
  line: number;
  /** 0-based record index when known. */
  record?: number;
  /** 1-based column (UTF-16 units) when the problem has an exact place, e.g. a JSON error. */
  column?: number;
  /** Document offset of that place. */
  offset?: number;
  code?: ReadProblemCode;
}
