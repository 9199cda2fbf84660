/**
 * `loadPredictions(file, mapping)`: a predictions file (CSV/TSV, JSONL, Parquet) read into a
 * PredictionTable. Both readers hand over the same thing (cell-scan.ts): the distinct
 * combinations of label and sensitive texts and, per row in file order, its combination, score
 * and weight; one builder turns that into the table. A plain CSV/TSV (plain header, no quotes,
 * plain numbers) is read by plain-csv-scan.ts in JavaScript, without loading DuckDB (~0.3 CPU s
 * on 1M rows, where DuckDB took ~0.2 to load and ~0.5 to scan); every other file, and any plain
 * one that turns out not to be, by one DuckDB scan that groups the rows by those texts and hands
 * back per combination the rows' file positions and their scores and weights as lists.
 * Bad rows (missing or unreadable label, score or weight) are dropped with warnings that name
 * the file and line; a missing column is an error naming the columns the file has.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import {
  describeSourceSql,
  fieldSql,
  isNumericType,
  listFieldPaths,
  parseCsvSniff,
  profileFormatOf,
  resolveField,
  sniffCsvSql,
  sourceSql,
  type CsvDialect,
  type ProfileFileFormat,
  type ResolvedField,
} from '../profile/dataset-source';
import { DuckDbSession, sqlString, type ColumnInfo } from '../profile/duckdb-session';
import { scanWithDuckDb, type CellScan } from './cell-scan';
import { decideLabels, isMissingLabel, LabelError, type LabelCount } from './label-mapping';
import { compareGroupValues, groupValueOf, type PredictionMapping, type PredictionTable, type SensitiveColumn } from './prediction-table';
import { scanPlainCsv } from './plain-csv-scan';
import { recordStartLines } from './record-lines';

export interface LoadOptions {
  /** The file's name in messages (default: the path given). */
  displayName?: string;
  signal?: AbortSignal;
  /**
   * DuckDB threads (default 1). The scan numbers the rows in file order (row_number() over the
   * scan), which DuckDB runs on one thread; more threads only cost CPU time (measured on 1M
   * rows, 2 busy cores: 0.60 CPU s with 1 thread, 0.74 with 2, and no shorter wall).
   */
  threads?: number;
  /**
   * 'duckdb' reads a plain CSV/TSV through DuckDB too, instead of plain-csv-scan.ts (tests and
   * benches compare the two readings).
   */
  reader?: 'auto' | 'duckdb';
  /** Most distinct values of a sensitive column (default 1000). */
  maxGroups?: number;
  /** Most label classes (default 20). */
  maxClasses?: number;
  /** Most distinct combinations of label and group values (default 200,000). */
  maxCells?: number;
}

/** A problem with the input the user can fix: unreadable file, unknown column, unusable labels. */
export class FairnessInputError extends Error {}

/** Warnings listed one by one per kind of bad value before a summary. */
const EXAMPLES = 5;
const MAX_LABEL_VALUES = 10_000;

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}

interface Described {
  columns: ColumnInfo[];
  dialect?: CsvDialect;
  /** The FROM clause when the header alone told the columns (no DuckDB sniff). */
  source?: string;
  /** Bytes of the header line, line end included (plain headers only). */
  headerBytes?: number;
}

/**
 * The columns of a plain CSV/TSV from its first line alone, when that line leaves no doubt: one
 * delimiter, no quotes, two or more unique identifier-like names, a data line after it. Then the
 * scan names the columns itself (auto_detect = false) and DuckDB's dialect and type sniff, ~0.08 CPU s
 * of a 1M-row read, is skipped; anything else (and any DuckDB error on this reading) goes through
 * the sniff as before.
 */
function plainCsvHeader(file: string, format: 'csv' | 'tsv'): Described | undefined {
  const buf = Buffer.alloc(64 * 1024);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const text = buf.subarray(0, n).toString('utf8');
  const end = text.indexOf('\n');
  if (end < 0 || end + 1 >= text.length) return undefined;
  const line = text.slice(0, end).replace(/\r$/, '');
  const delim = format === 'tsv' ? '\t' : ',';
  if (/["'`\\]/.test(line) || (format === 'csv' && /[\t;|]/.test(line))) return undefined;
  const names = line.split(delim);
  if (names.length < 2 || !names.every((x) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(x))) return undefined;
  if (new Set(names.map((x) => x.toLowerCase())).size !== names.length) return undefined;
  const dialect: CsvDialect = { delim, quote: '"', escape: '"', header: true, skip: 0 };
  const columns = names.map((name) => ({ name, type: 'VARCHAR' }));
  const spec = names.map((x) => `${sqlString(x)}: 'VARCHAR'`).join(', ');
  const source = `read_csv(${sqlString(file)}, header = true, delim = ${sqlString(delim)}, quote = '"', escape = '"', auto_detect = false, columns = {${spec}})`;
  return { columns, dialect, source, headerBytes: end + 1 };
}

async function describe(session: DuckDbSession, file: string, format: ProfileFileFormat): Promise<Described> {
  if (format === 'csv' || format === 'tsv') {
    const [row] = await session.rows(sniffCsvSql(file, format));
    return parseCsvSniff(row ?? {});
  }
  return { columns: await session.columns(describeSourceSql(file, format)) };
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  const s = String(v);
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** Reads a predictions file into a PredictionTable. */
export async function loadPredictions(file: string, mapping: PredictionMapping, options: LoadOptions = {}): Promise<PredictionTable> {
  const display = options.displayName ?? file;
  const format = profileFormatOf(file);
  if (!format) throw new FairnessInputError(`${display}: cannot read this file type (use .csv, .tsv, .jsonl, .ndjson or .parquet)`);
  if (!existsSync(file) || !statSync(file).isFile()) throw new FairnessInputError(`${display}: no such file`);
  const plain = format === 'csv' || format === 'tsv' ? plainCsvHeader(file, format) : undefined;
  if (plain && options.reader !== 'duckdb') {
    // Read without DuckDB when the file is plain enough to be read exactly as DuckDB would.
    try {
      const table = await loadPlain(file, display, format, mapping, options, plain);
      if (table) return table;
    } catch (err) {
      if (err instanceof LabelError) throw new FairnessInputError(`${display}: ${err.message}`);
      if (options.signal?.aborted || err instanceof FairnessInputError) throw err;
      throw new FairnessInputError(`${display}: could not read the file: ${firstLine(err)}`);
    }
  }
  const session = await DuckDbSession.open({ signal: options.signal, threads: options.threads ?? 1 });
  try {
    if (plain) {
      try {
        return await loadWith(session, file, display, format, mapping, options, plain);
      } catch (err) {
        // The user's own mistakes read the same either way; DuckDB's complaints get the sniff.
        if (options.signal?.aborted || err instanceof FairnessInputError || err instanceof LabelError) throw err;
      }
    }
    return await loadWith(session, file, display, format, mapping, options);
  } catch (err) {
    if (err instanceof LabelError) throw new FairnessInputError(`${display}: ${err.message}`);
    if (options.signal?.aborted || err instanceof FairnessInputError) throw err;
    throw new FairnessInputError(`${display}: DuckDB could not read the file: ${firstLine(err)}`);
  } finally {
    session.close();
  }
}

interface MappedFields {
  yTrue: ResolvedField;
  yPred?: ResolvedField;
  score?: ResolvedField;
  weight?: ResolvedField;
  sensitive: ResolvedField[];
}

/** The mapping's columns in the file's columns; a missing or nested one is an error naming the columns there are. */
function mapFields(columns: ColumnInfo[], mapping: PredictionMapping, display: string): MappedFields {
  const resolve = (column: string, role: string): ResolvedField => {
    const field = resolveField(column, columns);
    const available = listFieldPaths(columns).join(', ');
    if (!field) throw new FairnessInputError(`${display}: no column '${column}' (${role}); the file has: ${available}`);
    if (field.type === 'STRUCT' || /^STRUCT|^MAP|\[\]$/.test(field.type ?? '')) throw new FairnessInputError(`${display}: '${column}' (${role}) holds objects or lists, not values (${available})`);
    return field;
  };
  const yTrue = resolve(mapping.yTrue, 'y_true');
  const yPred = mapping.yPred !== undefined ? resolve(mapping.yPred, 'y_pred') : undefined;
  const score = mapping.score !== undefined ? resolve(mapping.score, 'score') : undefined;
  const weight = mapping.weight !== undefined ? resolve(mapping.weight, 'weight') : undefined;
  if (mapping.sensitive.length === 0) throw new FairnessInputError(`${display}: no sensitive attribute given`);
  const sensitive = mapping.sensitive.map((s) => resolve(s, 'sensitive'));
  return { yTrue, ...(yPred ? { yPred } : {}), ...(score ? { score } : {}), ...(weight ? { weight } : {}), sensitive };
}

/** A plain CSV/TSV read by plain-csv-scan.ts; undefined when it must go through DuckDB. */
async function loadPlain(file: string, display: string, format: ProfileFileFormat, mapping: PredictionMapping, options: LoadOptions, plain: Described): Promise<PredictionTable | undefined> {
  const fields = mapFields(plain.columns, mapping, display);
  const names = plain.columns.map((c) => c.name);
  const at = (f: ResolvedField): number => names.indexOf(f.segments[0]!);
  const keyed = [fields.yTrue, ...(fields.yPred ? [fields.yPred] : []), ...fields.sensitive];
  const maxCells = options.maxCells ?? 200_000;
  const scan = await scanPlainCsv(
    file,
    plain.headerBytes!,
    { delim: plain.dialect!.delim, fields: names.length, keyed: keyed.map(at), ...(fields.score ? { score: at(fields.score) } : {}), ...(fields.weight ? { weight: at(fields.weight) } : {}) },
    maxCells,
    options.signal,
  );
  return scan ? tableFromScan(scan, file, display, format, plain.dialect, mapping, options) : undefined;
}

async function loadWith(session: DuckDbSession, file: string, display: string, format: ProfileFileFormat, mapping: PredictionMapping, options: LoadOptions, known?: Described): Promise<PredictionTable> {
  const { columns, dialect, source } = known ?? (await describe(session, file, format));
  const fields = mapFields(columns, mapping, display);
  const { yTrue: yTrueF, yPred: yPredF, score: scoreF, weight: weightF, sensitive: sensF } = fields;
  const used = [yTrueF, yPredF, scoreF, weightF, ...sensF].filter((f): f is ResolvedField => f !== undefined);
  const src = source ?? sourceSql(file, format, used, dialect);
  const asText = (f: ResolvedField): string => `CAST(${fieldSql(f)} AS VARCHAR)`;
  const asNumber = (f: ResolvedField): string => (format !== 'jsonl' && isNumericType(f.type) ? `CAST(${fieldSql(f)} AS DOUBLE)` : `TRY_CAST(${asText(f)} AS DOUBLE)`);
  const keyed = [yTrueF, ...(yPredF ? [yPredF] : []), ...sensF];
  const scan = await scanWithDuckDb(
    session,
    {
      source: src,
      keyed: keyed.map(asText),
      ...(scoreF ? { score: { number: asNumber(scoreF), text: asText(scoreF) } } : {}),
      ...(weightF ? { weight: { number: asNumber(weightF), text: asText(weightF) } } : {}),
    },
    options.maxCells ?? 200_000,
  );
  return tableFromScan(scan, file, display, format, dialect, mapping, options);
}

/** The table from a scan's cells and rows: labels decided, groups coded, bad rows dropped with warnings. */
function tableFromScan(scan: CellScan, file: string, display: string, format: ProfileFileFormat, dialect: CsvDialect | undefined, mapping: PredictionMapping, options: LoadOptions): PredictionTable {
  const { cells, cellRows, rows, rowCells: allCells, scores: allScores, weights: allWeights, badText } = scan;
  const withPred = mapping.yPred !== undefined;
  const maxCells = options.maxCells ?? 200_000;
  if (cells.length > maxCells) throw tooManyCells(cells, display, mapping, withPred);
  const problems: Problems = { yt: [], yp: [], sc: [], w: [] };
  const raw = new Map<string, string>();
  // Bad scores and weights, in row order (the first few with their texts, for the warnings).
  for (const [kind, values] of [['sc', allScores], ['w', allWeights]] as const) {
    if (!values || badText[kind].size === 0) continue;
    for (let r = 0; r < rows; r++) {
      if (!Number.isNaN(values[r]!)) continue;
      if (problems[kind].length < EXAMPLES) raw.set(`${kind}:${r}`, badText[kind].get(r) ?? '');
      problems[kind].push(r);
    }
  }

  // Labels: both columns share one label space, decided on the distinct values.
  const labelCounts = new Map<string | null, LabelCount>();
  const addLabel = (v: string | null, key: 'yTrue' | 'yPred', n: number): void => {
    const t = v === null ? null : v.trim();
    const c = labelCounts.get(t) ?? { value: t, yTrue: 0, yPred: 0 };
    c[key] += n;
    labelCounts.set(t, c);
  };
  cells.forEach((values, i) => {
    addLabel(values[0]!, 'yTrue', cellRows[i]!);
    if (withPred) addLabel(values[1]!, 'yPred', cellRows[i]!);
  });
  const labelColumns = withPred ? 2 : 1;
  for (const [k, name] of [[0, mapping.yTrue], ...(withPred ? [[1, mapping.yPred!]] : [])] as Array<[number, string]>) {
    const distinct = new Set(cells.map((v) => v[k]));
    if (distinct.size > MAX_LABEL_VALUES) throw new FairnessInputError(`${display}: '${name}' has ${distinct.size.toLocaleString('en-US')} distinct values: not class labels${k === 1 ? `; if it holds scores, pass --score ${name} --threshold t` : ''}`);
  }
  const decision = decideLabels([...labelCounts.values()], mapping.positiveLabel, options.maxClasses ?? 20);
  const labelCodeOf = (v: string | null): number => {
    if (v === null || isMissingLabel(v)) return -1;
    return decision.codeOf.get(v.trim()) ?? -1;
  };

  // Groups: trimmed values, blank → "(missing)", sorted.
  const maxGroups = options.maxGroups ?? 1000;
  const groupValues = mapping.sensitive.map((_, a) => {
    const values = [...new Set(cells.map((v) => groupValueOf(v[labelColumns + a])))].sort(compareGroupValues);
    if (values.length > maxGroups) {
      throw new FairnessInputError(`${display}: '${mapping.sensitive[a]}' has ${values.length.toLocaleString('en-US')} distinct values, more than ${maxGroups}: too many for groups; bin it into a new column first (e.g. age → age_group)`);
    }
    return values;
  });
  const groupIndex = groupValues.map((values) => new Map(values.map((v, i) => [v, i])));
  const cellYt = Int32Array.from(cells, (v) => labelCodeOf(v[0]!));
  const cellYp = Int32Array.from(cells, (v) => (withPred ? labelCodeOf(v[1]!) : 0));
  const cellGroup = mapping.sensitive.map((_, a) => Uint32Array.from(cells, (v) => groupIndex[a]!.get(groupValueOf(v[labelColumns + a]))!));

  // Bad labels, by row, for the warnings (their raw text is the cell's). Most files have none:
  // then no row is looked at here.
  const keep = new Uint8Array(rows).fill(1);
  let badLabelCells = false;
  for (let cell = 0; cell < cells.length; cell++) if (cellYt[cell]! < 0 || (withPred && cellYp[cell]! < 0)) badLabelCells = true;
  for (let r = 0; badLabelCells && r < rows; r++) {
    const cell = allCells[r]!;
    if (cellYt[cell]! < 0) {
      if (problems.yt.length < EXAMPLES) raw.set(`yt:${r}`, cells[cell]![0] ?? '');
      problems.yt.push(r);
      keep[r] = 0;
    }
    if (withPred && cellYp[cell]! < 0) {
      if (problems.yp.length < EXAMPLES) raw.set(`yp:${r}`, cells[cell]![1] ?? '');
      problems.yp.push(r);
      keep[r] = 0;
    }
  }
  for (const row of problems.sc) keep[row] = 0;
  for (const row of problems.w) keep[row] = 0;
  let kept = rows;
  if (badLabelCells || problems.sc.length > 0 || problems.w.length > 0) {
    kept = 0;
    for (let i = 0; i < rows; i++) kept += keep[i]!;
  }
  const warnings = [...decision.warnings.map((x) => `${display}: ${x}`)];
  if (kept < rows) warnings.push(...describeBadRows(file, display, format, dialect, mapping, problems, raw));

  // The kept rows, column by column (monomorphic loops over typed arrays).
  let keptCells: Uint32Array = allCells;
  let scores: Float64Array | undefined = allScores;
  let weights: Float64Array | undefined = allWeights;
  if (kept < rows) {
    const index = new Uint32Array(kept);
    for (let r = 0, k = 0; r < rows; r++) if (keep[r]) index[k++] = r;
    keptCells = gatherCodes(allCells, index, new Uint32Array(kept));
    if (allScores) scores = gatherDoubles(allScores, index, new Float64Array(kept));
    if (allWeights) weights = gatherDoubles(allWeights, index, new Float64Array(kept));
  }
  const yTrue = gatherLabels(cellYt, keptCells, new Uint8Array(kept));
  const yPred = withPred ? gatherLabels(cellYp, keptCells, new Uint8Array(kept)) : undefined;
  const codes = cellGroup.map((perCell) => gatherCodes(perCell, keptCells, new Uint32Array(kept)));
  // Values that only occurred on dropped rows would be empty groups: keep only the used ones.
  // With no row dropped every value is used (the values come from the cells, each of which has rows).
  const sensitive: SensitiveColumn[] = mapping.sensitive.map((name, i) =>
    kept === rows ? { name, codes: codes[i]!, values: groupValues[i]! } : compactColumn(name, codes[i]!, groupValues[i]!),
  );
  if (kept === 0) warnings.push(`${display}: no usable rows`);
  return {
    file: display,
    rows: kept,
    yTrue,
    ...(yPred ? { yPred } : {}),
    ...(scores ? { scores } : {}),
    ...(weights ? { weights } : {}),
    sensitive,
    classes: decision.classes,
    binary: decision.binary,
    mapping: { ...mapping, ...(decision.positive !== undefined && decision.binary ? { positiveLabel: decision.positive } : {}) },
    warnings,
    droppedRows: rows - kept,
  };
}

// out[k] = values[index[k]], one function per array kind: a single generic one sees five kinds
// of typed array, goes megamorphic, and costs several times as much per element.

function gatherLabels(values: Int32Array, index: Uint32Array, out: Uint8Array): Uint8Array {
  for (let k = 0; k < index.length; k++) out[k] = values[index[k]!]!;
  return out;
}

function gatherCodes(values: Uint32Array, index: Uint32Array, out: Uint32Array): Uint32Array {
  for (let k = 0; k < index.length; k++) out[k] = values[index[k]!]!;
  return out;
}

function gatherDoubles(values: Float64Array, index: Uint32Array, out: Float64Array): Float64Array {
  for (let k = 0; k < index.length; k++) out[k] = values[index[k]!]!;
  return out;
}

/** The error for a file whose label and group combinations exceed the cap: names the column with the most values. */
function tooManyCells(cells: Array<Array<string | null>>, display: string, mapping: PredictionMapping, withPred: boolean): FairnessInputError {
  const names = [mapping.yTrue, ...(withPred ? [mapping.yPred!] : []), ...mapping.sensitive];
  const sizes = names.map((_, k) => new Set(cells.map((v) => v[k])).size);
  const worst = sizes.indexOf(Math.max(...sizes));
  const labelColumn = worst < (withPred ? 2 : 1);
  return new FairnessInputError(
    `${display}: '${names[worst]}' has more than ${sizes[worst]!.toLocaleString('en-US')} distinct values: ` +
      (labelColumn ? `not class labels${worst === 1 ? `; if it holds scores, pass --score ${names[worst]} --threshold t` : ''}` : 'too many for groups; bin it into a new column first (e.g. age → age_group)'),
  );
}

function compactColumn(name: string, codes: Uint32Array, values: string[]): SensitiveColumn {
  const used = new Uint8Array(values.length);
  for (let i = 0; i < codes.length; i++) used[codes[i]!] = 1;
  if (used.every((u) => u === 1)) return { name, codes, values };
  const remap = new Uint32Array(values.length);
  const kept: string[] = [];
  values.forEach((v, i) => {
    if (used[i]) {
      remap[i] = kept.length;
      kept.push(v);
    }
  });
  for (let i = 0; i < codes.length; i++) codes[i] = remap[codes[i]!]!;
  return { name, codes, values: kept };
}

type Problems = Record<'yt' | 'yp' | 'sc' | 'w', number[]>;

/** Warnings for dropped rows: the first few of each kind with file, line and value, then a count. */
function describeBadRows(
  file: string,
  display: string,
  format: ProfileFileFormat,
  dialect: CsvDialect | undefined,
  mapping: PredictionMapping,
  problems: Problems,
  raw: Map<string, string>,
): string[] {
  const examples = [...new Set(Object.values(problems).flatMap((rows) => rows.slice(0, EXAMPLES)))].sort((a, b) => a - b);
  let lines: Map<number, number> | undefined;
  if (format !== 'parquet') {
    const header = format === 'jsonl' ? 0 : (dialect?.header === false ? 0 : 1) + (dialect?.skip ?? 0);
    lines = recordStartLines(file, format, header, examples, (dialect?.quote ?? '"').charCodeAt(0));
  }
  const where = (r: number): string => (lines?.get(r) !== undefined ? `${display}:${lines.get(r)}` : `${display}: row ${r + 1}`);
  const out: string[] = [];
  const kinds: Array<[keyof Problems, string, string]> = [
    ['yt', mapping.yTrue, 'is not a label'],
    ['yp', mapping.yPred ?? '', 'is not a label'],
    ['sc', mapping.score ?? '', 'is not a finite number'],
    ['w', mapping.weight ?? '', 'is not a finite number ≥ 0'],
  ];
  for (const [kind, name, what] of kinds) {
    const rows = problems[kind];
    for (const r of rows.slice(0, EXAMPLES)) {
      const value = raw.get(`${kind}:${r}`) ?? '';
      out.push(value === '' ? `${where(r)}: ${name} is missing; row dropped` : `${where(r)}: ${name} ${show(value)} ${what}; row dropped`);
    }
    if (rows.length > EXAMPLES) out.push(`${display}: ${(rows.length - EXAMPLES).toLocaleString('en-US')} more rows where ${name} ${what} (or it is missing) were dropped`);
  }
  return out;
}
