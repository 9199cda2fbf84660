import type { DatasetSpec } from '../../config/project-config';
import type { FileFormat } from '../../dataset/file-format';
import type { DatasetRecord, FieldValue, HeaderCell, RecordSpan, SourcePosition } from '../../dataset/record';
import type { IntegrityReport } from '../../profile/profile-types';
import { columnKey } from '../column-tally';
import type { Finding, SourceRange } from '../finding';
import { ColumnTypes, type ColumnTypeStats } from './column-types';
import { DuplicateTracker } from './duplicate-tracker';
import { FieldSelector } from './field-selector';
import { FindingSink, rangeOf } from './finding-sink';
import { addConflictFindings, duplicateFinding, leakageFinding, columnFindings, type Leak } from './integrity-findings';
import { INTEGRITY_LIMITS, type IntegrityCheckOptions } from './integrity-options';
import { isTabular, TextSelection, type RecordText } from './record-text';
import type { SplitIndex, SplitTexts } from './split-index';
import { hashText } from './text-hash';

/** What the integrity checks of one file found. */
export interface IntegrityResult {
  report: IntegrityReport;
  findings: Finding[];
}

/** Options of one file's check, with the other splits' texts when leakage is to be checked. */
export interface IntegrityCheckerOptions extends IntegrityCheckOptions {
  /** The dataset's splits (indexSplits); without it leakage is not checked. */
  splitIndex?: SplitIndex;
}

/** Share of a column's counted values a kind needs to make the column mixed; rarer kinds are noise. */
const MIXED_MIN_SHARE = 0.01;

/** A required field and what was counted for it. */
interface Required {
  name: string;
  selector: FieldSelector;
  count: number;
  empty: number;
  lines: number[];
  /** CSV/TSV/Parquet: the header has no such column, so one finding stands for every row. */
  notAColumn: boolean;
}

/** What a field path means to the checks, worked out once per path. */
interface PathRole {
  label: boolean;
  /** Bit i: the path belongs to required field i. */
  required: number;
  /** Column the value is tallied under, or undefined (text files, or past the cap on columns). */
  column: ColumnTypeStats | undefined;
}

/**
 * Runs the integrity checks over the records of one file as they stream by, keeping
 * fingerprints and counts, never texts. Feed it batches, then call finish().
 */
export class IntegrityChecker {
  private readonly selection: TextSelection;
  private readonly tabular: boolean;
  private readonly duplicates = new DuplicateTracker();
  private readonly columns: ColumnTypes | undefined;
  private readonly required: Required[];
  private readonly roles = new Map<string, PathRole>();
  // The roles of the previous record's fields by position: records repeat their layout, and a
  // string identity check is cheaper than a map lookup.
  private readonly recentPaths: string[] = [];
  private readonly recentRoles: PathRole[] = [];
  private readonly sink: FindingSink;
  private readonly split: string | undefined;
  private readonly otherSplits: SplitTexts[] = [];
  private readonly leakage: IntegrityReport['leakage'] = { count: 0, pairs: [] };
  private readonly notes: string[] = [];
  private header: HeaderCell[] | undefined;
  private firstSpan: SourceRange | undefined;
  private rows = 0;
  private malformed = 0;

  constructor(
    spec: DatasetSpec,
    /** The file's path, used in `related` for places in the same file. */
    private readonly path: string,
    private readonly format: FileFormat,
    options: IntegrityCheckerOptions = {},
  ) {
    this.selection = new TextSelection(spec, format);
    this.tabular = isTabular(format);
    this.columns = format === 'text' ? undefined : new ColumnTypes(INTEGRITY_LIMITS.columns);
    this.sink = new FindingSink(options);
    const names = [...(spec.requiredFields ?? [])];
    if (spec.labelField !== undefined && format !== 'text' && !names.includes(spec.labelField)) names.push(spec.labelField);
    if (names.length > 30) this.notes.push(`Only the first 30 of ${names.length} required fields are checked.`);
    this.required = names.slice(0, 30).map((name) => ({
      name,
      selector: new FieldSelector([name], this.tabular),
      count: 0,
      empty: 0,
      lines: [],
      notAColumn: false,
    }));
    const splits = spec.splits ?? {};
    if (Object.keys(splits).length > 0) {
      const index = options.splitIndex;
      this.split = index?.splitOf(path);
      if (index === undefined) this.notes.push('Split leakage was not checked: the splits were not indexed.');
      else if (this.split === undefined) this.notes.push('Split leakage was not checked: this file is in none of the configured splits.');
      else {
        for (const [name, texts] of index.texts) if (name !== this.split) this.otherSplits.push(texts);
        this.leakage.split = this.split;
        this.leakage.by_split = Object.fromEntries(this.otherSplits.map((s) => [s.split, 0]));
      }
    }
  }

  /** Takes the CSV/TSV/Parquet header: column findings sit on its cells, and required columns must be in it. */
  addHeader(header: HeaderCell[]): void {
    this.header = header;
    const names = new Set(header.map((h) => h.path));
    for (const r of this.required) r.notAColumn = !names.has(r.name);
  }

  /** Checks a batch of records, in file order. */
  addRecords(records: DatasetRecord[]): void {
    for (const record of records) this.addRecord(record);
  }

  private addRecord(record: DatasetRecord): void {
    this.rows++;
    this.firstSpan ??= spanOf(record);
    // A line cut short by a JSON error holds only part of its values (malformed-record reports it).
    if (record.malformed === true) {
      this.malformed++;
      return;
    }
    let label: string | undefined;
    let present = 0;
    let filled = 0;
    const columns = this.columns;
    const fields = record.fields;
    const typedCells = this.tabular && this.format !== 'parquet';
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const role = this.recentPaths[i] === field.path ? this.recentRoles[i] : this.recentRole(i, field.path);
      const blank = field.value.trim() === '';
      if (role.label && label === undefined && !blank) label = field.value;
      present |= role.required;
      if (!blank) filled |= role.required;
      if (columns !== undefined && role.column !== undefined) {
        // Text cells are typed by what they parse as; JSON strings and Parquet VARCHARs are text.
        if (typedCells) columns.addCell(role.column, field);
        else columns.addString(role.column, field);
      }
    }
    for (const scalar of record.scalars ?? []) {
      const role = this.roleOf(scalar.path);
      const isNull = scalar.kind === 'null';
      if (role.label && label === undefined && !isNull) label = scalar.value;
      present |= role.required;
      if (!isNull) filled |= role.required;
      if (columns !== undefined && role.column !== undefined) columns.addScalar(role.column, scalar);
    }
    if (this.required.length > 0) this.checkRequired(record, present, filled);
    const text = this.selection.textOf(record);
    if (text !== undefined) this.checkText(record, text, label);
  }

  private recentRole(i: number, path: string): PathRole {
    const role = this.roleOf(path);
    this.recentPaths[i] = path;
    this.recentRoles[i] = role;
    return role;
  }

  private roleOf(path: string): PathRole {
    let role = this.roles.get(path);
    if (role === undefined) {
      let required = 0;
      this.required.forEach((r, i) => {
        if (r.selector.matches(path)) required |= 1 << i;
      });
      const column = this.columns?.statsFor(this.tabular ? path : columnKey(path));
      role = { label: this.selection.isLabel(path), required, column };
      // Paths repeat across records; odd data with ever new paths must not grow this forever.
      if (this.roles.size < 50000) this.roles.set(path, role);
    }
    return role;
  }

  private checkRequired(record: DatasetRecord, present: number, filled: number): void {
    for (let i = 0; i < this.required.length; i++) {
      const r = this.required[i];
      if (r.notAColumn) {
        r.count++;
        continue;
      }
      const bit = 1 << i;
      if ((filled & bit) !== 0) continue;
      const empty = (present & bit) !== 0;
      r.count++;
      if (empty) r.empty++;
      if (r.lines.length < INTEGRITY_LIMITS.linesPerGroup) r.lines.push(record.line);
      if (!this.sink.accepts('missing-required-field')) continue;
      this.sink.push('missing-required-field', {
        ...spanOf(record),
        scope: 'record',
        record: record.index,
        field: r.name,
        message: empty ? `Required field "${r.name}" is empty.` : `Required field "${r.name}" is missing.`,
      });
    }
  }

  private checkText(record: DatasetRecord, text: RecordText, label: string | undefined): void {
    const hashes = hashText(text.text);
    if (hashes.normEmpty) return;
    const start = text.first.toSourcePosition?.(0) ?? { line: record.line, column: 1 };
    const end = text.last.toSourcePosition?.(text.last.value.length) ?? start;
    const labelId = this.duplicates.labels.idOf(label);
    const twin = this.duplicates.add(hashes, start.line, start.column, end.line, end.column, labelId);
    if (twin !== undefined && this.sink.accepts('duplicate-text')) {
      this.sink.push('duplicate-text', duplicateFinding(this.path, record, rangeFrom(start, end), twin));
    }
    if (this.otherSplits.length === 0) return;
    const leaks: Leak[] = [];
    for (const other of this.otherSplits) {
      const at = other.find(hashes.normHi, hashes.normLo);
      if (at !== undefined) leaks.push({ split: other.split, place: at });
    }
    if (leaks.length === 0) return;
    this.leakage.count++;
    for (const leak of leaks) {
      this.leakage.by_split![leak.split]++;
      if (this.leakage.pairs.length < INTEGRITY_LIMITS.leakagePairs) {
        this.leakage.pairs.push({ split: this.split!, other_split: leak.split, other_file: leak.place.file, line: record.line, other_line: leak.place.line });
      }
    }
    if (this.sink.accepts('split-leakage')) this.sink.push('split-leakage', leakageFinding(this.split!, record, rangeFrom(start, end), leaks));
  }

  /** Ends the check: dataset-level findings, then the report and every finding sorted by place. */
  finish(): IntegrityResult {
    addConflictFindings(this.path, this.duplicates, this.sink);
    const headerRow = this.header !== undefined && this.header.length > 0 ? headerRange(this.header) : this.firstSpan;
    for (const r of this.required) {
      if (!r.notAColumn || r.count === 0 || headerRow === undefined) continue;
      r.lines = [];
      this.sink.add('missing-required-field', {
        ...headerRow,
        scope: 'dataset',
        field: r.name,
        count: r.count,
        message: `Required field "${r.name}" is not a column of this file, so all ${r.count} rows lack it.`,
      });
    }
    const columnPlace = (name: string): SourceRange | undefined => {
      const cell = this.header?.find((h) => h.path === name);
      return cell !== undefined && this.format !== 'parquet' ? rangeOf(cell) : this.firstSpan;
    };
    const mixed = this.columns?.mixed(MIXED_MIN_SHARE) ?? [];
    const constant = this.rows >= 2 ? (this.columns?.constant() ?? []) : [];
    for (const { rule, finding } of columnFindings(this.path, mixed, constant, columnPlace)) this.sink.add(rule, finding);
    if (this.duplicates.labels.overflowed) {
      this.notes.push(`The label has more than ${INTEGRITY_LIMITS.labels} distinct values; labels past that were not compared for conflicts.`);
    }
    if (this.malformed > 0) this.notes.push(`${this.malformed} malformed records were not checked.`);
    if ((this.columns?.dropped ?? 0) > 0) this.notes.push(`Only the first ${INTEGRITY_LIMITS.columns} columns were checked for types.`);
    this.notes.push(...this.sink.notes());
    const report: IntegrityReport = {
      ...this.duplicates.report(),
      leakage: this.leakage,
      missing_required: this.required.map((r) => ({ field: r.name, count: r.count, lines: r.lines, empty: r.empty })),
      mixed_types: mixed.map((c) => ({ field: c.name, types: { ...c.kinds } })),
      constant_columns: constant.map((c) => c.name),
      rows: this.rows,
    };
    if (this.notes.length > 0) report.notes = this.notes;
    return { report, findings: this.sink.sorted() };
  }
}

function spanOf(record: DatasetRecord): SourceRange {
  const s: RecordSpan | undefined = record.span;
  return s !== undefined
    ? { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn }
    : { line: record.line, column: 1, endLine: record.line, endColumn: 1 };
}

function rangeFrom(start: SourcePosition, end: SourcePosition): SourceRange {
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function headerRange(header: HeaderCell[]): SourceRange {
  const first = rangeOf(header[0] as FieldValue);
  const last = rangeOf(header[header.length - 1] as FieldValue);
  return { line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn };
}
