/**
 * The columnar table every fairness computation reads: one typed array per column, sensitive
 * columns dictionary-encoded. A million rows of three attributes is ~20 MB, and every pass
 * over it is a tight loop over typed arrays. Pure TypeScript (no Node APIs): the webview may
 * build one from the rows it already has.
 */

/** The group of rows whose sensitive value is null, absent or blank. */
export const MISSING_GROUP = '(missing)';

/** One sensitive attribute: per-row codes into `values`. */
export interface SensitiveColumn {
  /** The attribute's name as the user gave it (the column or JSON path). */
  name: string;
  /** Per-row index into `values`. */
  codes: Uint32Array;
  /** Distinct values, sorted, with "(missing)" last when present. */
  values: string[];
}

/** Which file columns fed the table. */
export interface PredictionMapping {
  yTrue: string;
  yPred?: string;
  score?: string;
  weight?: string;
  sensitive: string[];
  /** The label value counted as positive (binary reports). */
  positiveLabel?: string;
}

/** A predictions table: labels as class codes, optional scores and weights, encoded sensitive columns. */
export interface PredictionTable {
  /** Source file, when read from one. */
  file?: string;
  rows: number;
  /** Class codes per row; for a binary table 0 = negative, 1 = positive. */
  yTrue: Uint8Array;
  /** Predicted class codes; absent when predictions come from `scores` and a threshold. */
  yPred?: Uint8Array;
  /** Scores (probability of the positive class), when given. */
  scores?: Float64Array;
  /** Sample weights (finite, ≥ 0), when given. */
  weights?: Float64Array;
  sensitive: SensitiveColumn[];
  /** Class labels by code: [negative, positive] for a binary table. */
  classes: string[];
  /** True when there are two classes with code 1 the positive one. */
  binary: boolean;
  mapping: PredictionMapping;
  /** Problems met while reading: dropped rows (with file and line), label choices. */
  warnings: string[];
  /** Rows of the file left out (unreadable label, score or weight). */
  droppedRows: number;
}

/** Plain columns for `tableFromColumns` (tests, small in-memory data, the webview). */
export interface PredictionColumns {
  /** 0/1 (or true/false) labels for a binary table; any strings for multiclass with `classes`. */
  yTrue: ArrayLike<number | string | boolean>;
  yPred?: ArrayLike<number | string | boolean>;
  scores?: ArrayLike<number>;
  weights?: ArrayLike<number>;
  /** attribute → per-row value; null, undefined or blank → "(missing)". */
  sensitive: Record<string, ArrayLike<string | number | null | undefined>>;
  /** Class labels; default ['0', '1'] (binary). With more than two, a multiclass table. */
  classes?: string[];
}

/** Sorts group values: plain values in code-unit order, "(missing)" last. */
export function compareGroupValues(a: string, b: string): number {
  if (a === b) return 0;
  if (a === MISSING_GROUP) return 1;
  if (b === MISSING_GROUP) return -1;
  return a < b ? -1 : 1;
}

/** The normalised group value of a raw sensitive value (trimmed; blank or null → "(missing)"). */
export function groupValueOf(raw: string | number | null | undefined): string {
  if (raw === null || raw === undefined) return MISSING_GROUP;
  const s = String(raw).trim();
  return s === '' ? MISSING_GROUP : s;
}

/** Dictionary-encodes raw values into a SensitiveColumn (values sorted, "(missing)" last). */
export function encodeSensitive(name: string, raw: ArrayLike<string | number | null | undefined>): SensitiveColumn {
  const normalised = Array.from({ length: raw.length }, (_, i) => groupValueOf(raw[i]));
  const values = [...new Set(normalised)].sort(compareGroupValues);
  const index = new Map(values.map((v, i) => [v, i]));
  const codes = new Uint32Array(raw.length);
  for (let i = 0; i < raw.length; i++) codes[i] = index.get(normalised[i]!)!;
  return { name, codes, values };
}

function classCode(v: number | string | boolean, classes: string[], binary: boolean, what: string, row: number): number {
  if (binary) {
    if (v === true || v === 1 || v === '1' || v === 'true') return 1;
    if (v === false || v === 0 || v === '0' || v === 'false') return 0;
    const at = classes.indexOf(String(v));
    if (at >= 0) return at;
  } else {
    const at = classes.indexOf(String(v));
    if (at >= 0) return at;
  }
  throw new RangeError(`${what}[${row}] = ${JSON.stringify(v)} is not one of the classes ${classes.join(', ')}`);
}

/** Builds a PredictionTable from plain arrays (all columns the same length). */
export function tableFromColumns(columns: PredictionColumns): PredictionTable {
  const rows = columns.yTrue.length;
  const classes = columns.classes ?? ['0', '1'];
  const binary = classes.length === 2;
  const check = (what: string, a: ArrayLike<unknown> | undefined): void => {
    if (a && a.length !== rows) throw new RangeError(`${what} has ${a.length} rows, y_true has ${rows}`);
  };
  check('y_pred', columns.yPred);
  check('scores', columns.scores);
  check('weights', columns.weights);
  const yTrue = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) yTrue[i] = classCode(columns.yTrue[i]!, classes, binary, 'y_true', i);
  let yPred: Uint8Array | undefined;
  if (columns.yPred) {
    yPred = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) yPred[i] = classCode(columns.yPred[i]!, classes, binary, 'y_pred', i);
  }
  const sensitive = Object.entries(columns.sensitive).map(([name, raw]) => {
    check(`sensitive '${name}'`, raw);
    return encodeSensitive(name, raw);
  });
  return {
    rows,
    yTrue,
    ...(yPred ? { yPred } : {}),
    ...(columns.scores ? { scores: Float64Array.from(columns.scores) } : {}),
    ...(columns.weights ? { weights: Float64Array.from(columns.weights) } : {}),
    sensitive,
    classes,
    binary,
    mapping: { yTrue: 'y_true', ...(columns.yPred ? { yPred: 'y_pred' } : {}), ...(columns.scores ? { score: 'score' } : {}), ...(columns.weights ? { weight: 'weight' } : {}), sensitive: sensitive.map((s) => s.name) },
    warnings: [],
    droppedRows: 0,
  };
}
