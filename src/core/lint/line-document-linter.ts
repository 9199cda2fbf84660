import { readDocument } from '../dataset/read-document';
import type { FieldValue } from '../dataset/record';
import type { Finding } from './finding';
import { ColumnTally } from './column-tally';
import type { LintOptions } from './lint-options';
import { columnFindings, PiiLinter, sortFindings } from './pii-linter';
import type { PiiRegistry } from './pii/registry';
import { createDefaultRegistry } from './pii/registry';

/** What one line contributed, with positions relative to that line (line 1). */
interface LineResult {
  findings: Finding[];
  tally: ColumnTally;
  anchors: Map<string, FieldValue>;
  isRecord: boolean;
}

/** A text edit in line/character coordinates, as editors report them (0-based). */
export interface LineEdit {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  text: string;
}

/**
 * Lints a line-based document (JSONL, plain text) and keeps one result per line, so an edit
 * re-scans only the lines it touched. Column counts are added and subtracted as lines change.
 */
export class LineDocumentLinter {
  private lines: string[] = [];
  private results: LineResult[] = [];
  private readonly tally = new ColumnTally();
  /** Value and structural findings of all lines (column findings not included). */
  private lineFindingCount = 0;
  private readonly registry: PiiRegistry;

  constructor(
    private readonly format: 'jsonl' | 'text',
    private readonly options: LintOptions,
    registry?: PiiRegistry,
  ) {
    this.registry = registry ?? createDefaultRegistry({ phoneRegions: options.phoneRegions });
  }

  /** Replaces the whole document. */
  reset(text: string): void {
    this.lines = splitLines(text);
    this.results = this.lines.map((l) => this.lintLine(l));
    this.tally.columns.clear();
    this.lineFindingCount = 0;
    for (const r of this.results) {
      this.tally.merge(r.tally, 1);
      this.lineFindingCount += r.findings.length;
    }
  }

  /** Applies edits in order (as VS Code's contentChanges) and re-lints only the touched lines. */
  applyEdits(edits: readonly LineEdit[]): void {
    for (const e of edits) {
      const head = (this.lines[e.startLine] ?? '').slice(0, e.startCharacter);
      const tail = (this.lines[e.endLine] ?? '').slice(e.endCharacter);
      const replacement = splitLines(head + e.text + tail);
      const removed = this.results.splice(e.startLine, e.endLine - e.startLine + 1, ...replacement.map((l) => this.lintLine(l)));
      this.lines.splice(e.startLine, e.endLine - e.startLine + 1, ...replacement);
      for (const r of removed) {
        this.tally.merge(r.tally, -1);
        this.lineFindingCount -= r.findings.length;
      }
      for (let i = e.startLine; i < e.startLine + replacement.length; i++) {
        this.tally.merge(this.results[i]!.tally, 1);
        this.lineFindingCount += this.results[i]!.findings.length;
      }
    }
  }

  /** The document text as the linter sees it (for tests). */
  get text(): string {
    return this.lines.join('\n');
  }

  get records(): number {
    let n = 0;
    for (const r of this.results) if (r.isRecord) n++;
    return n;
  }

  /** All findings with document positions and record indices, column findings included. */
  findings(): Finding[] {
    return this.firstFindings(Infinity).findings;
  }

  /**
   * The first `limit` findings in document order (whole lines at a time, so a few more may
   * come back) with the total count: what the Problems panel shows, without building the full
   * list of a document that has tens of thousands of findings.
   */
  firstFindings(limit: number): { findings: Finding[]; total: number } {
    const out: Finding[] = [];
    let record = 0;
    for (let i = 0; i < this.results.length && out.length < limit; i++) {
      const r = this.results[i]!;
      for (const f of r.findings) {
        out.push({ ...f, line: f.line + i, endLine: f.endLine + i, ...(f.record !== undefined ? { record } : {}) });
      }
      if (r.isRecord) record++;
    }
    const anchorOf = (key: string): FieldValue | undefined => {
      for (let i = 0; i < this.results.length; i++) {
        const a = this.results[i]!.anchors.get(key);
        if (a) return shiftField(a, i);
      }
      return undefined;
    };
    const columns = columnFindings(this.tally, anchorOf, this.options);
    out.push(...columns);
    return { findings: sortFindings(out), total: this.lineFindingCount + columns.length };
  }

  private lintLine(line: string): LineResult {
    const read = readDocument(line, this.format, { keys: this.format === 'jsonl' });
    const linter = new PiiLinter(this.options, this.registry);
    linter.addRecords(read.records);
    linter.addProblems(read.problems);
    return { findings: [...linter.findings], tally: linter.tally, anchors: linter.anchors, isRecord: read.records.length > 0 };
  }
}

/** Splits on LF, keeping a CR at a line end so offsets inside lines stay exact. */
function splitLines(text: string): string[] {
  return text.split('\n');
}

/** A field whose positions are moved down by `lines` lines. */
function shiftField(field: FieldValue, lines: number): FieldValue {
  return {
    path: field.path,
    value: field.value,
    toSourceOffset: (o) => field.toSourceOffset(o),
    toSourcePosition: (o) => {
      const p = field.toSourcePosition!(o);
      return { line: p.line + lines, column: p.column };
    },
  };
}
