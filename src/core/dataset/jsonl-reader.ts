import { isBlankChar, type ChunkParser, type LineRange, type RecordSink } from './chunk-parser';
import { readJsonLine } from './json-line-fields';
import { PathNode } from './json-path';
import { releaseScanState, scanJsonValue } from './json-scanner';
import { SingleLine } from './line-index';
import { LineSplitter } from './line-splitter';
import type { DatasetRecord } from './record';

/** Options of the JSON Lines reader. */
export interface JsonlReadOptions {
  /** Also collect object keys with their positions (`record.keys`). */
  keys?: boolean;
  /** Also collect numbers, booleans and nulls with their positions (`record.scalars`). */
  scalars?: boolean;
  /** Hand out only records on these lines (indices still count the lines before). */
  lines?: LineRange;
}

/**
 * JSON Lines: every non-blank line is one JSON value and one record; its string values at any
 * depth are the fields. A line that is not valid JSON is still a record (marked `malformed`,
 * with the strings before the error) so that PII in a truncated line is not silently skipped,
 * and a ReadProblem names the line and column.
 */
export class JsonlParser implements ChunkParser {
  private readonly splitter: LineSplitter;
  private index = 0;
  private readonly paths = PathNode.root();

  constructor(
    private readonly sink: RecordSink,
    private readonly options: JsonlReadOptions = {},
  ) {
    this.splitter = new LineSplitter(this.onLine);
  }

  get currentLine(): number {
    return this.splitter.currentLine;
  }

  push(text: string): void {
    this.splitter.push(text);
  }

  end(): void {
    this.splitter.end();
    releaseScanState();
  }

  private readonly onLine = (
    text: string,
    start: number,
    end: number,
    delta: number,
    line: number,
    lineStart: number,
    textId: number,
  ): void => {
    let first = start;
    while (first < end && isBlankChar(text.charCodeAt(first))) first++;
    if (first === end) return;
    const range = this.options.lines;
    if (range !== undefined) {
      if (line > range.to) {
        this.splitter.stop();
        return;
      }
      if (line < range.from) {
        this.index++;
        return;
      }
    }
    const index = this.index++;
    const lines = new SingleLine(line, lineStart);
    const endOffset = end + delta;
    const span = { start: lineStart, end: endOffset, line, column: 1, endLine: line, endColumn: endOffset - lineStart + 1 };
    // Most lines are valid JSON: JSON.parse reads them fastest (scalars keep their literal text only in the scanner).
    const read = this.options.scalars === true ? undefined : readJsonLine(text, first, end, delta, lines, this.paths, this.options.keys === true);
    if (read !== undefined) {
      const record: DatasetRecord = { index, line, fields: read.fields, span };
      if (read.keys !== undefined) record.keys = read.keys;
      this.sink.record(record);
      return;
    }
    const scan = scanJsonValue(text, first, end, delta, lines, { keys: this.options.keys, scalars: this.options.scalars, paths: this.paths, textId });
    const record: DatasetRecord = { index, line, fields: scan.fields, span };
    if (scan.keys !== undefined) record.keys = scan.keys;
    if (scan.scalars !== undefined) record.scalars = scan.scalars;
    if (scan.errorAt >= 0) {
      record.malformed = true;
      const offset = scan.errorAt + delta;
      const column = offset - lineStart + 1;
      this.sink.problem({
        message: `Line ${line}: invalid JSON: ${scan.error} (column ${column}).`,
        line,
        column,
        offset,
        record: index,
        code: 'malformed-json',
      });
    }
    this.sink.record(record);
  };
}
