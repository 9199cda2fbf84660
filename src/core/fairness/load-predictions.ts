/**
 * `loadPredictions(file, mapping)`: a predictions file (CSV/TSV, JSONL, Parquet) read by DuckDB
 * into a PredictionTable. DuckDB copies the needed columns into a temporary table in one scan,
 * finds the label and group values, and hands back integer codes and doubles that land in typed
 * arrays chunk by chunk — no per-row JavaScript objects, so a million rows take a fraction of a
 * second. Bad rows (missing or unreadable label, score or weight) are dropped with warnings that
 * name the file and line; a missing column is an error naming the columns the file has.
 */
import { existsSync, statSync } from 'node:fs';
import type { DuckDBDataChunk } from '@duckdb/node-api';
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
import { decideLabels, isMissingLabel, LabelError, type LabelCount } from './label-mapping';
import { compareGroupValues, MISSING_GROUP, type PredictionMapping, type PredictionTable, type SensitiveColumn } from './prediction-table';
import { recordStartLines } from './record-lines';

export interface LoadOptions {
  /** The file's name in messages (default: the path given). */
  displayName?: string;
  signal?: AbortSignal;
  /** DuckDB threads (default: all cores). */
  threads?: number;
  /** Most distinct values of a sensitive column (default 1000). */
  maxGroups?: number;
  /** Most label classes (default 20). */
  maxClasses?: number;
}

/** A problem with the input the user can fix: unreadable file, unknown column, unusable labels. */
export class FairnessInputError extends Error {}

/** Warnings listed one by one per kind of bad value before a summary. */
const EXAMPLES = 5;
const MAX_LABEL_VALUES = 10_000;

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}

async function describe(session: DuckDbSession, file: string, format: ProfileFileFormat): Promise<{ columns: ColumnInfo[]; dialect?: CsvDialect }> {
  if (format === 'csv' || format === 'tsv') {
    const [row] = await session.rows(sniffCsvSql(file, format));
    return parseCsvSniff(row ?? {});
  }
  return { columns: await session.columns(describeSourceSql(file, format)) };
}

/** Copies a result column (INTEGER or DOUBLE) into `into` at `offset`. */
function copyColumn(chunk: DuckDBDataChunk, column: number, into: Int32Array | Float64Array, offset: number): void {
  const vector = chunk.getColumnVector(column);
  // The vector's typed view over DuckDB's memory (not in the typings); values are never NULL here.
  const items = (vector as unknown as { items?: Int32Array | Float64Array }).items;
  if (items && items.length === chunk.rowCount) into.set(items, offset);
  else for (let i = 0; i < chunk.rowCount; i++) into[offset + i] = Number(vector.getItem(i) ?? Number.NaN);
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
  const session = await DuckDbSession.open({ signal: options.signal, threads: options.threads });
  try {
    return await loadWith(session, file, display, format, mapping, options);
  } catch (err) {
    if (err instanceof LabelError) throw new FairnessInputError(`${display}: ${err.message}`);
    if (options.signal?.aborted || err instanceof FairnessInputError) throw err;
    throw new FairnessInputError(`${display}: DuckDB could not read the file: ${firstLine(err)}`);
  } finally {
    session.close();
  }
}

async function loadWith(session: DuckDbSession, file: string, display: string, format: ProfileFileFormat, mapping: PredictionMapping, options: LoadOptions): Promise<PredictionTable> {
  const { columns, dialect } = await describe(session, file, format);
  const resolve = (column: string, role: string): ResolvedField => {
    const field = resolveField(column, columns);
    const available = listFieldPaths(columns).join(', ');
    if (!field) throw new FairnessInputError(`${display}: no column '${column}' (${role}); the file has: ${available}`);
    if (field.type === 'STRUCT' || /^STRUCT|^MAP|\[\]$/.test(field.type ?? '')) throw new FairnessInputError(`${display}: '${column}' (${role}) holds objects or lists, not values (${available})`);
    return field;
  };
  const yTrueF = resolve(mapping.yTrue, 'y_true');
  const yPredF = mapping.yPred !== undefined ? resolve(mapping.yPred, 'y_pred') : undefined;
  const scoreF = mapping.score !== undefined ? resolve(mapping.score, 'score') : undefined;
  const weightF = mapping.weight !== undefined ? resolve(mapping.weight, 'weight') : undefined;
  if (mapping.sensitive.length === 0) throw new FairnessInputError(`${display}: no sensitive attribute given`);
  const sensF = mapping.sensitive.map((s) => resolve(s, 'sensitive'));
  const fields = [yTrueF, yPredF, scoreF, weightF, ...sensF].filter((f): f is ResolvedField => f !== undefined);

  const text = (f: ResolvedField): string => `trim(CAST(${fieldSql(f)} AS VARCHAR))`;
  const num = (f: ResolvedField): string => (format !== 'jsonl' && isNumericType(f.type) ? `CAST(${fieldSql(f)} AS DOUBLE)` : `TRY_CAST(${text(f)} AS DOUBLE)`);
  const select = [`${text(yTrueF)} AS yt`];
  if (yPredF) select.push(`${text(yPredF)} AS yp`);
  if (scoreF) select.push(`${num(scoreF)} AS sc`, `${text(scoreF)} AS sc_raw`);
  if (weightF) select.push(`${num(weightF)} AS w`, `${text(weightF)} AS w_raw`);
  sensF.forEach((f, i) => select.push(`${text(f)} AS s${i}`));
  await session.exec(`CREATE TEMP TABLE rml_pred AS SELECT ${select.join(', ')} FROM ${sourceSql(file, format, fields, dialect)}`);
  const [{ n }] = (await session.rows('SELECT count(*) AS n FROM rml_pred')) as [{ n: unknown }];
  const rows = Number(n);

  // Label values of both columns: one label space.
  const labelCounts = new Map<string | null, LabelCount>();
  for (const [col, key] of [['yt', 'yTrue'], ...(yPredF ? [['yp', 'yPred']] : [])] as Array<[string, 'yTrue' | 'yPred']>) {
    const found = await session.rows(`SELECT ${col} AS v, count(*) AS n FROM rml_pred GROUP BY ${col} LIMIT ${MAX_LABEL_VALUES + 1}`);
    if (found.length > MAX_LABEL_VALUES) {
      const which = key === 'yTrue' ? mapping.yTrue : mapping.yPred!;
      throw new FairnessInputError(`${display}: '${which}' has more than ${MAX_LABEL_VALUES.toLocaleString('en-US')} distinct values: not class labels${key === 'yPred' ? `; if it holds scores, pass --score ${which} --threshold t` : ''}`);
    }
    for (const r of found) {
      const v = (r.v as string | null) ?? null;
      const c = labelCounts.get(v) ?? { value: v, yTrue: 0, yPred: 0 };
      c[key] += Number(r.n);
      labelCounts.set(v, c);
    }
  }
  const decision = decideLabels([...labelCounts.values()], mapping.positiveLabel, options.maxClasses ?? 20);
  const labelValues = [...labelCounts.keys()].filter((v): v is string => v !== null);
  const labelCode = Int32Array.from(labelValues, (v) => (isMissingLabel(v) ? -1 : (decision.codeOf.get(v) ?? -1)));

  // Group values per sensitive column, sorted, "(missing)" last.
  const maxGroups = options.maxGroups ?? 1000;
  const groupValues: string[][] = [];
  for (let i = 0; i < sensF.length; i++) {
    const found = await session.rows(`SELECT DISTINCT coalesce(nullif(s${i}, ''), ${sqlString(MISSING_GROUP)}) AS v FROM rml_pred LIMIT ${maxGroups + 1}`);
    if (found.length > maxGroups) {
      throw new FairnessInputError(`${display}: '${mapping.sensitive[i]}' has more than ${maxGroups} distinct values, too many for groups; bin it into a new column first (e.g. age → age_group)`);
    }
    groupValues.push(found.map((r) => String(r.v)).sort(compareGroupValues));
  }
  const enumOf = (values: string[]): string => `ENUM (${values.map(sqlString).join(', ')})`;
  if (labelValues.length > 0) await session.exec(`CREATE TYPE rml_label AS ${enumOf(labelValues)}`);
  for (let i = 0; i < sensF.length; i++) await session.exec(`CREATE TYPE rml_s${i} AS ${enumOf(groupValues[i]!)}`);
  const label = (col: string): string => (labelValues.length > 0 ? `coalesce(CAST(enum_code(CAST(${col} AS rml_label)) AS INTEGER), -1)` : '-1');
  const out = [`${label('yt')} AS yt`];
  if (yPredF) out.push(`${label('yp')} AS yp`);
  if (scoreF) out.push(`coalesce(sc, 'NaN'::DOUBLE) AS sc`);
  if (weightF) out.push(`coalesce(w, 'NaN'::DOUBLE) AS w`);
  sensF.forEach((_, i) => out.push(`CAST(enum_code(CAST(coalesce(nullif(s${i}, ''), ${sqlString(MISSING_GROUP)}) AS rml_s${i})) AS INTEGER) AS s${i}`));

  const yt = new Int32Array(rows);
  const yp = yPredF ? new Int32Array(rows) : undefined;
  const sc = scoreF ? new Float64Array(rows) : undefined;
  const w = weightF ? new Float64Array(rows) : undefined;
  const s = sensF.map(() => new Int32Array(rows));
  let offset = 0;
  await session.forEachChunk(`SELECT ${out.join(', ')} FROM rml_pred`, (chunk) => {
    let c = 0;
    copyColumn(chunk, c++, yt, offset);
    if (yp) copyColumn(chunk, c++, yp, offset);
    if (sc) copyColumn(chunk, c++, sc, offset);
    if (w) copyColumn(chunk, c++, w, offset);
    for (const col of s) copyColumn(chunk, c++, col, offset);
    offset += chunk.rowCount;
  });
  if (offset !== rows) throw new FairnessInputError(`${display}: read ${offset} rows of ${rows}`);

  // Rows whose label, prediction, score or weight cannot be used.
  const problems = { yt: [] as number[], yp: [] as number[], sc: [] as number[], w: [] as number[] };
  const keep = new Uint8Array(rows);
  let kept = 0;
  for (let r = 0; r < rows; r++) {
    let ok = true;
    if (yt[r]! < 0 || labelCode[yt[r]!]! < 0) (problems.yt.push(r), (ok = false));
    if (yp && (yp[r]! < 0 || labelCode[yp[r]!]! < 0)) (problems.yp.push(r), (ok = false));
    if (sc && !Number.isFinite(sc[r]!)) (problems.sc.push(r), (ok = false));
    if (w && !(Number.isFinite(w[r]!) && w[r]! >= 0)) (problems.w.push(r), (ok = false));
    if (ok) {
      keep[r] = 1;
      kept++;
    }
  }
  const warnings = [...decision.warnings.map((x) => `${display}: ${x}`)];
  if (kept < rows) warnings.push(...(await describeBadRows(session, file, display, format, dialect, mapping, problems)));

  const yTrue = new Uint8Array(kept);
  const yPred = yp ? new Uint8Array(kept) : undefined;
  const scores = sc ? new Float64Array(kept) : undefined;
  const weights = w ? new Float64Array(kept) : undefined;
  const codes = s.map(() => new Uint32Array(kept));
  for (let r = 0, k = 0; r < rows; r++) {
    if (!keep[r]) continue;
    yTrue[k] = labelCode[yt[r]!]!;
    if (yPred) yPred[k] = labelCode[yp![r]!]!;
    if (scores) scores[k] = sc![r]!;
    if (weights) weights[k] = w![r]!;
    for (let i = 0; i < s.length; i++) codes[i]![k] = s[i]![r]!;
    k++;
  }
  // Values that only occurred on dropped rows would be empty groups: keep only the used ones.
  const sensitive: SensitiveColumn[] = mapping.sensitive.map((name, i) => compactColumn(name, codes[i]!, groupValues[i]!));
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

/** Warnings for dropped rows: the first few of each kind with file, line and value, then a count. */
async function describeBadRows(
  session: DuckDbSession,
  file: string,
  display: string,
  format: ProfileFileFormat,
  dialect: CsvDialect | undefined,
  mapping: PredictionMapping,
  problems: Record<'yt' | 'yp' | 'sc' | 'w', number[]>,
): Promise<string[]> {
  const examples = [...new Set(Object.values(problems).flatMap((rows) => rows.slice(0, EXAMPLES)))].sort((a, b) => a - b);
  const cols = ['rowid AS r', 'yt', ...(mapping.yPred !== undefined ? ['yp'] : []), ...(mapping.score !== undefined ? ['sc_raw'] : []), ...(mapping.weight !== undefined ? ['w_raw'] : [])];
  const raw = new Map<number, Record<string, unknown>>();
  for (const row of await session.rows(`SELECT ${cols.join(', ')} FROM rml_pred WHERE rowid IN (${examples.join(', ')})`)) raw.set(Number(row.r), row);
  let lines: Map<number, number> | undefined;
  if (format !== 'parquet') {
    const header = format === 'jsonl' ? 0 : (dialect?.header === false ? 0 : 1) + (dialect?.skip ?? 0);
    lines = recordStartLines(file, format, header, examples, (dialect?.quote ?? '"').charCodeAt(0));
  }
  const where = (r: number): string => (lines?.get(r) !== undefined ? `${display}:${lines.get(r)}` : `${display}: row ${r + 1}`);
  const out: string[] = [];
  const kinds: Array<[keyof typeof problems, string, string, string]> = [
    ['yt', 'yt', mapping.yTrue, 'is not a label'],
    ['yp', 'yp', mapping.yPred ?? '', 'is not a label'],
    ['sc', 'sc_raw', mapping.score ?? '', 'is not a finite number'],
    ['w', 'w_raw', mapping.weight ?? '', 'is not a finite number ≥ 0'],
  ];
  for (const [kind, col, name, what] of kinds) {
    const rows = problems[kind];
    for (const r of rows.slice(0, EXAMPLES)) {
      const value = raw.get(r)?.[col];
      out.push(value === null || value === undefined || value === '' ? `${where(r)}: ${name} is missing; row dropped` : `${where(r)}: ${name} ${show(value)} ${what}; row dropped`);
    }
    if (rows.length > EXAMPLES) out.push(`${display}: ${(rows.length - EXAMPLES).toLocaleString('en-US')} more rows where ${name} ${what} (or it is missing) were dropped`);
  }
  return out;
}
