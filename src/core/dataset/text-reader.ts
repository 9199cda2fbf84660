import { isBlankChar, type ChunkParser, type LineRange, type RecordSink } from './chunk-parser';
import { SingleLine } from './line-index';
import { LineSplitter } from './line-splitter';
import { MappedField } from './mapped-field';

/** Options of the plain text / Markdown reader. */
export interface TextReadOptions {
  /** Hand out only records on these lines (indices still count the lines before). */
  lines?: LineRange;
}

/**
 * Plain text and Markdown: every line that is not blank is one record with one field `text`
 * (the line without its line break). Per line rather than per document keeps ranges simple and
 * lets the editor re-read only changed lines.
 */
export class TextParser implements ChunkParser {
  private readonly splitter: LineSplitter;
  private index = 0;

  constructor(
    private readonly sink: RecordSink,
    private readonly options: TextReadOptions = {},
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
  }

  private readonly onLine = (text: string, start: number, end: number, delta: number, line: number, lineStart: number): void => {
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
    const endOffset = end + delta;
    const field = new MappedField('text', text.slice(start, end), lineStart, undefined, new SingleLine(line, lineStart));
    this.sink.record({
      index: this.index++,
      line,
      fields: [field],
      span: { start: lineStart, end: endOffset, line, column: 1, endLine: line, endColumn: endOffset - lineStart + 1 },
    });
  };
}
