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
}

/** One record of a dataset with its string fields and where it sits in the source. */
export interface DatasetRecord {
  /** 0-based record index (data rows only, header excluded). */
  index: number;
  /** 1-based line where the record starts. */
  line: number;
  fields: FieldValue[];
}

/** A structural problem met while reading (malformed line, ragged row, bad encoding). */
export interface ReadProblem {
  message: string;
  /** 1-based line. */
  line: number;
  /** 0-based record index when known. */
  record?: number;
}
