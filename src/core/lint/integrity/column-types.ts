import type { FieldValue, ScalarValue } from '../../dataset/record';

/** The kinds a column's values are counted under. */
export type ValueKind = 'string' | 'number' | 'boolean';

/** Where the first value of a kind sits, for related information. */
export interface ValuePlace {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Counts behind one column: value kinds (mixed types) and whether all values are equal (constant). */
export interface ColumnTypeStats {
  name: string;
  kinds: Partial<Record<ValueKind, number>>;
  /** First value of each kind. */
  examples: Partial<Record<ValueKind, ValuePlace>>;
  /** Values that are neither empty nor a missing-value marker. */
  nonEmpty: number;
  /** The first non-empty value and its kind (1 and "1" differ). */
  firstValue: string | undefined;
  firstKind: ValueKind | undefined;
  constant: boolean;
}

// Spellings of "no value" that spreadsheets, pandas and R write into text files. `?` is what the
// UCI Adult data uses. They count as empty, so a numeric column with NA in it is not mixed.
// Spelled out in the usual cases so a cell needs no lower-casing (an allocation) to be looked up.
const MISSING_MARKERS = new Set(
  ['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-'].flatMap((m) => [m, m.toUpperCase(), m.charAt(0).toUpperCase() + m.slice(1), m === 'nan' ? 'NaN' : m]),
);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when a CSV cell is empty or a missing-value marker (`NA`, `n/a`, `NaN`, `None`, `null`, `?`, `-`…). */
export function isMissingCell(value: string): boolean {
  const t = value.trim();
  return t.length <= 4 && MISSING_MARKERS.has(t);
}

/** True when a CSV cell reads as a number (`12`, `-3.5`, `1e6`, ` 7 `; not `1,000` or `0x1F`). */
export function isNumericCell(value: string): boolean {
  const t = value.trim();
  if (t.length === 0) return false;
  const c = t.charCodeAt(0);
  // Most text fails on its first character; the regex runs only for what may be a number.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return false;
  return NUMBER.test(t);
}

/**
 * Tallies value kinds per column. CSV cells are numbers when they parse as one, else strings;
 * JSON values are strings, numbers or booleans by their JSON type. Empty values, nulls and
 * missing-value markers (CSV) are not counted.
 */
export class ColumnTypes {
  readonly columns = new Map<string, ColumnTypeStats>();
  /** Columns not tallied because the cap was reached. */
  dropped = 0;

  constructor(private readonly maxColumns: number) {}

  /** The stats of column `name`, created on first use; undefined past the cap on columns. */
  statsFor(name: string): ColumnTypeStats | undefined {
    let c = this.columns.get(name);
    if (c === undefined) {
      if (this.columns.size >= this.maxColumns) {
        this.dropped++;
        return undefined;
      }
      c = { name, kinds: {}, examples: {}, nonEmpty: 0, firstValue: undefined, firstKind: undefined, constant: true };
      this.columns.set(name, c);
    }
    return c;
  }

  /** Counts one CSV/TSV cell. */
  addCell(c: ColumnTypeStats, field: FieldValue): void {
    if (isMissingCell(field.value)) return;
    count(c, isNumericCell(field.value) ? 'number' : 'string', field);
  }

  /** Counts one JSON string value (or Parquet text cell). */
  addString(c: ColumnTypeStats, field: FieldValue): void {
    if (field.value.trim() === '') return;
    count(c, 'string', field);
  }

  /** Counts one JSON number, boolean or null (nulls are not counted), or a typed Parquet cell. */
  addScalar(c: ColumnTypeStats, scalar: ScalarValue): void {
    if (scalar.kind === 'null') return;
    count(c, scalar.kind, scalar);
  }

  /**
   * Columns with at least two kinds that each hold at least `minShare` of the column's values
   * (and at least one value), e.g. 1%: one stray string among a million numbers is not reported.
   */
  mixed(minShare: number): ColumnTypeStats[] {
    return [...this.columns.values()].filter((c) => {
      const floor = Math.max(1, minShare * c.nonEmpty);
      return Object.values(c.kinds).filter((n) => n >= floor).length >= 2;
    });
  }

  /** Columns whose non-empty values, at least two of them, are all the same. */
  constant(): ColumnTypeStats[] {
    return [...this.columns.values()].filter((c) => c.constant && c.nonEmpty >= 2);
  }
}

function count(c: ColumnTypeStats, kind: ValueKind, field: FieldValue): void {
  c.nonEmpty++;
  const seen = c.kinds[kind];
  if (seen === undefined) {
    c.kinds[kind] = 1;
    c.examples[kind] = placeOf(field);
  } else c.kinds[kind] = seen + 1;
  if (c.constant) {
    if (c.firstKind === undefined) {
      c.firstKind = kind;
      c.firstValue = field.value;
    } else if (c.firstKind !== kind || c.firstValue !== field.value) c.constant = false;
  }
}

function placeOf(field: FieldValue): ValuePlace {
  const start = field.toSourcePosition?.(0) ?? { line: 1, column: 1 };
  const end = field.toSourcePosition?.(field.value.length) ?? start;
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

