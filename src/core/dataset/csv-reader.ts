import type { ChunkParser, LineRange, RecordSink } from './chunk-parser';
import { ColumnNames } from './csv-columns';
import { SNIFF_SAMPLE_CHARS, sniffDelimiter } from './csv-sniff';
import { LineIndex } from './line-index';
import { MappedField, type MappedHeaderCell, type OffsetEdits } from './mapped-field';
import type { FieldValue } from './record';

/** Options of the CSV/TSV reader. */
export interface CsvReadOptions {
  /** Delimiter to use instead of sniffing one (TSV always uses tab). */
  delimiter?: string;
  /** Whether the first row names the columns (default true); without it columns are `column_<n>`. */
  hasHeader?: boolean;
  /** Hand out only records that touch these lines (the whole file is still parsed). */
  lines?: LineRange;
}

// States of the RFC 4180 machine.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3; // a quote inside a quoted field: doubled, or the closing one
const AFTER_QUOTE = 4; // CR after the closing quote

/**
 * CSV and TSV after RFC 4180: quoted fields with embedded line breaks and doubled quotes, CRLF
 * or LF, a header row. It is a state machine that can stop at any character, so the streaming
 * reader feeds it chunks cut anywhere. Deviations are read leniently, as spreadsheets write them:
 * a quote inside an unquoted field is literal, text after a closing quote joins the field (with
 * a problem), a line break at EOF inside quotes ends the field (with a problem).
 */
export class CsvParser implements ChunkParser {
  header?: MappedHeaderCell[];
  delimiter?: string;

  private columns?: ColumnNames;
  private readonly hasHeader: boolean;
  private sample: string[] | undefined = [];
  private sampleLength = 0;
  private delim = 44;
  private state = FIELD_START;
  private offset = 0;
  private line = 1;
  private started = false;
  private stopped = false;
  private index = 0;
  // The record being read.
  // Cells are built as fields straight away and named when the record ends.
  private cells: MappedField[] = [];
  private firstQuoted = false;
  private lastQuoted = false;
  private recordLine = 1;
  private recordLines = new LineIndex([0], 1);
  private recordHasContent = false;
  private junkLine = 0;
  // The field being read: text from earlier chunks or before a doubled quote sits in `parts`.
  private parts: string[] = [];
  private partsLength = 0;
  private segStart = -1;
  private fieldBase = 0;
  private fieldLine = 1;
  private edits: OffsetEdits | undefined;
  private quoted = false;
  private quoteAt = 0;

  constructor(
    private readonly sink: RecordSink,
    private readonly options: CsvReadOptions = {},
    format: 'csv' | 'tsv' = 'csv',
  ) {
    this.hasHeader = options.hasHeader !== false;
    const fixed = format === 'tsv' ? '\t' : options.delimiter;
    if (fixed !== undefined) this.useDelimiter(fixed);
  }

  get currentLine(): number {
    return this.line;
  }

  push(text: string): void {
    if (this.sample !== undefined) {
      // Hold text back until there is enough to guess the delimiter from.
      this.sample.push(text);
      this.sampleLength += text.length;
      if (this.sampleLength >= SNIFF_SAMPLE_CHARS) this.flushSample(false);
      return;
    }
    if (!this.stopped) this.process(text);
  }

  end(): void {
    if (this.sample !== undefined) this.flushSample(true);
    if (this.stopped) return;
    if (this.state === QUOTED) {
      this.sink.problem({
        message: `Line ${this.fieldLine}: quoted field is never closed (the file ends inside it).`,
        line: this.fieldLine,
        record: this.hasHeader && this.columns === undefined ? undefined : this.index,
        code: 'unterminated-quote',
      });
    }
    if (this.recordHasContent) {
      this.finishField('', 0, this.state === UNQUOTED);
      this.finishRecord(-1);
    }
  }

  private useDelimiter(delimiter: string): void {
    this.delimiter = delimiter;
    this.delim = delimiter.charCodeAt(0);
    this.sample = undefined;
  }

  private flushSample(complete: boolean): void {
    const pieces = this.sample!;
    const text = pieces.join('');
    this.useDelimiter(sniffDelimiter(text.slice(0, SNIFF_SAMPLE_CHARS), complete && text.length <= SNIFF_SAMPLE_CHARS));
    // Piece by piece, as they came: the same work as joined, and chunk boundaries stay tested.
    for (const piece of pieces) if (!this.stopped) this.process(piece);
  }

  private process(chunk: string): void {
    const n = chunk.length;
    const delta = this.offset;
    const delim = this.delim;
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) {
        i = 1;
        this.recordLines = new LineIndex([1], 1);
      }
    }
    let state = this.state;
    if (state === UNQUOTED || state === QUOTED) this.segStart = i;
    // Next LF in this chunk at or after the last search (-1: none left, -2: not searched yet).
    let nextLf = -2;
    while (i < n && !this.stopped) {
      let c = chunk.charCodeAt(i);
      if (state === FIELD_START) {
        if (c === delim || c === 10) {
          if (c === delim || this.recordHasContent) {
            this.fieldBase = i + delta;
            this.finishField(chunk, i, false);
          }
          if (c === 10) this.finishRecord(i + delta);
          else this.recordHasContent = true;
          i++;
          continue;
        }
        this.recordHasContent = true;
        this.fieldLine = this.line;
        if (c === 34) {
          this.quoted = true;
          this.fieldBase = i + 1 + delta;
          this.segStart = i + 1;
          state = QUOTED;
          i++;
          continue;
        }
        this.fieldBase = i + delta;
        this.segStart = i;
        state = UNQUOTED;
      }
      if (state === UNQUOTED) {
        while (i < n && (c = chunk.charCodeAt(i)) !== delim && c !== 10) i++;
        if (i === n) break;
        this.finishField(chunk, i, c === 10);
        if (c === 10) this.finishRecord(i + delta);
        state = FIELD_START;
        i++;
      } else if (state === QUOTED) {
        // Native searches: quoted fields are where long text (and most of the bytes) sits.
        const quote = chunk.indexOf('"', i);
        const stop = quote === -1 ? n : quote;
        if (nextLf === -2 || (nextLf !== -1 && nextLf < i)) nextLf = chunk.indexOf('\n', i);
        while (nextLf !== -1 && nextLf < stop) {
          this.line++;
          this.recordLines.starts.push(nextLf + 1 + delta);
          nextLf = chunk.indexOf('\n', nextLf + 1);
        }
        i = stop;
        if (i === n) break;
        this.flushRun(chunk, i);
        this.quoteAt = i + delta;
        state = QUOTE_SEEN;
        i++;
      } else {
        // QUOTE_SEEN or AFTER_QUOTE.
        if (c === 34 && state === QUOTE_SEEN) {
          // A doubled quote: one `"` in the value from two in the source.
          (this.edits ??= []).push(this.partsLength, this.quoteAt, 1, 2);
          this.parts.push('"');
          this.partsLength++;
          this.segStart = i + 1;
          state = QUOTED;
        } else if (c === delim || c === 10) {
          this.finishField(chunk, i, false);
          if (c === 10) this.finishRecord(i + delta);
          state = FIELD_START;
        } else if (c === 13) {
          state = AFTER_QUOTE;
        } else {
          // Text after the closing quote: keep it in the value, skip the quote (and any CR).
          (this.edits ??= []).push(this.partsLength, this.quoteAt, 0, i + delta - this.quoteAt);
          if (this.junkLine === 0) this.junkLine = this.line;
          this.segStart = i;
          state = UNQUOTED;
          continue;
        }
        i++;
      }
    }
    if ((state === UNQUOTED || state === QUOTED) && this.segStart >= 0) this.flushRun(chunk, n);
    this.state = state;
    this.offset += n;
  }

  /** Moves the current run `chunk[segStart, end)` of the field into `parts`. */
  private flushRun(chunk: string, end: number): void {
    if (this.segStart >= 0 && end > this.segStart) {
      this.parts.push(chunk.slice(this.segStart, end));
      this.partsLength += end - this.segStart;
    }
    this.segStart = -1;
  }

  private finishField(chunk: string, end: number, stripCr: boolean): void {
    let value: string;
    if (this.segStart >= 0) {
      const run = chunk.slice(this.segStart, end);
      value = this.parts.length === 0 ? run : this.parts.join('') + run;
    } else {
      value = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    }
    // The CR of a CRLF ending an unquoted last field is a line break, not content.
    if (stripCr && value.charCodeAt(value.length - 1) === 13) value = value.slice(0, -1);
    if (this.cells.length === 0) this.firstQuoted = this.quoted;
    this.lastQuoted = this.quoted;
    const field = new MappedField('', value, this.fieldBase, this.edits, this.recordLines);
    if (this.quoted) field.quoted = true;
    this.cells.push(field);
    this.parts = [];
    this.partsLength = 0;
    this.segStart = -1;
    this.edits = undefined;
    this.quoted = false;
  }

  /** Ends the record; `lineBreak` is the document offset of its LF, or -1 at the end of input. */
  private finishRecord(lineBreak: number): void {
    const cells = this.cells;
    const line = this.recordLine;
    const lines = this.recordLines;
    const junkLine = this.junkLine;
    if (lineBreak >= 0) this.line++;
    this.cells = [];
    this.recordLine = this.line;
    this.recordLines = new LineIndex([lineBreak + 1], this.line);
    this.recordHasContent = false;
    this.junkLine = 0;
    // A blank line is no record.
    if (cells.length === 0 || (cells.length === 1 && !this.firstQuoted && cells[0].value === '')) return;

    if (this.columns === undefined) {
      if (this.hasHeader) {
        this.columns = new ColumnNames(cells.map((c) => c.value));
        this.header = cells.map((c, i) => c.toHeaderCell(this.columns!.nameAt(i), i));
        this.reportJunk(junkLine, undefined);
        return;
      }
      this.columns = new ColumnNames(cells.map(() => ''));
    }
    const index = this.index++;
    const range = this.options.lines;
    const fields: FieldValue[] = cells;
    for (let i = 0; i < cells.length; i++) cells[i].path = this.columns.nameAt(i);
    const last = cells[cells.length - 1];
    const end = last.toSourceOffset(last.value.length) + (this.lastQuoted ? 1 : 0);
    const endPosition = lines.positionAt(end);
    if (range !== undefined) {
      if (line > range.to) {
        this.stopped = true;
        return;
      }
      if (endPosition.line < range.from) return;
    }
    const start = lines.starts[0];
    if (cells.length !== this.columns.width) {
      const what = this.hasHeader ? 'the header has' : 'the first row has';
      this.sink.problem({
        message: `Line ${line}: row has ${cells.length} cells but ${what} ${this.columns.width}.`,
        line,
        record: index,
        code: 'ragged-row',
      });
    }
    this.reportJunk(junkLine, index);
    this.sink.record({
      index,
      line,
      fields,
      span: { start, end, line, column: 1, endLine: endPosition.line, endColumn: endPosition.column },
    });
  }

  private reportJunk(line: number, record: number | undefined): void {
    if (line === 0) return;
    this.sink.problem({
      message: `Line ${line}: text after a closing quote; it was kept as part of the field.`,
      line,
      record,
      code: 'text-after-quote',
    });
  }
}
