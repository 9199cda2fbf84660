/**
 * What a read of a predictions file hands to the table builder: the distinct combinations of
 * label and sensitive texts ("cells", a few hundred on real data) and, per row in file order,
 * its cell, score and weight. Two readers make one: DuckDB (`scanWithDuckDb`, any CSV, JSONL
 * or Parquet) and plain-csv-scan.ts (plain CSV/TSV without DuckDB).
 */
import type { DuckDBDataChunk, DuckDBListVector } from '@duckdb/node-api';
import type { DuckDbSession } from '../profile/duckdb-session';

export interface CellScan {
  /** Per cell, the texts of the keyed columns (y_true, y_pred when given, sensitive…); null for NULL. */
  cells: Array<Array<string | null>>;
  /** Rows per cell. */
  cellRows: number[];
  rows: number;
  /** Each row's cell, in file order. */
  rowCells: Uint32Array;
  /** Scores per row (NaN where unusable), when a score column is mapped. */
  scores?: Float64Array;
  /** Weights per row (NaN where unusable), when a weight column is mapped. */
  weights?: Float64Array;
  /** The raw texts of unusable scores and weights by row ('' for a missing one). */
  badText: { sc: Map<number, string>; w: Map<number, string> };
}

/** The SQL pieces of one DuckDB scan: the FROM clause and each role's expressions. */
export interface DuckDbScanSql {
  source: string;
  /** Text expressions of the keyed columns (labels, then sensitive). */
  keyed: string[];
  score?: { number: string; text: string };
  weight?: { number: string; text: string };
}

/**
 * The flat values behind a LIST(UINTEGER) or LIST(DOUBLE) result column: the child vector's
 * typed view over DuckDB's memory (not in the typings, valid while the chunk is), or a copy
 * when there is none. Values are never NULL here.
 */
function listValues<T extends Uint32Array | Float64Array>(list: DuckDBListVector, Kind: { new (n: number): T }): T {
  const child = list.childVector;
  const items = (child as unknown as { items?: T }).items;
  if (items && items instanceof Kind && items.length === child.itemCount) return items;
  const out = new Kind(child.itemCount);
  for (let i = 0; i < child.itemCount; i++) out[i] = Number(child.getItem(i) ?? Number.NaN);
  return out;
}

// One function per array kind: a single generic one sees several kinds of typed array, goes
// megamorphic, and costs several times as much per element.

/** cellOf[row] = cell for the rows at 1-based positions[from..to). */
function scatterCell(positions: Uint32Array, from: number, to: number, cellOf: Uint32Array, cell: number): void {
  for (let k = from; k < to; k++) cellOf[positions[k]! - 1] = cell;
}

/** into[row] = values[at + k] for the rows at 1-based positions[from + k]. */
function scatterDoubles(positions: Uint32Array, from: number, to: number, values: Float64Array, at: number, into: Float64Array): void {
  for (let k = from; k < to; k++) into[positions[k]! - 1] = values[at + k - from]!;
}

/**
 * One DuckDB scan, grouped by DuckDB: one result row per cell, carrying its rows' positions in
 * the file (row_number() over the scan, which keeps the file's order) and their scores and
 * weights as lists. No per-row string ever reaches JavaScript: the rows land in typed arrays
 * by a scatter over the lists' flat child vectors. Scores and weights are doubles, NaN when
 * unreadable; the raw texts of those travel only for the bad rows (filtered lists). Returns at
 * most `maxCells + 1` cells (then `rows` is not the file's).
 */
export async function scanWithDuckDb(session: DuckDbSession, sql: DuckDbScanSql, maxCells: number): Promise<CellScan> {
  const nKeyed = sql.keyed.length;
  const inner = [...sql.keyed.map((e, i) => `${e} AS t${i}`), 'CAST(row_number() OVER () AS UINTEGER) AS rn'];
  const outer = [...sql.keyed.map((_, i) => `t${i}`), 'list(rn) AS rns'];
  const badRows = (ok: string, text: string, name: string): string[] => [`list(rn) FILTER (WHERE NOT (${ok})) AS ${name}_rn`, `list(${text}) FILTER (WHERE NOT (${ok})) AS ${name}_text`];
  if (sql.score) {
    inner.push(`${sql.score.number} AS sc`, `${sql.score.text} AS sc_text`);
    const ok = 'coalesce(isfinite(sc), false)';
    outer.push(`list(CASE WHEN ${ok} THEN sc ELSE 'NaN'::DOUBLE END) AS scs`, ...badRows(ok, 'sc_text', 'sc'));
  }
  if (sql.weight) {
    inner.push(`${sql.weight.number} AS w`, `${sql.weight.text} AS w_text`);
    const ok = 'coalesce(isfinite(w) AND w >= 0, false)';
    outer.push(`list(CASE WHEN ${ok} THEN w ELSE 'NaN'::DOUBLE END) AS ws`, ...badRows(ok, 'w_text', 'w'));
  }
  const groupBy = sql.keyed.map((_, i) => `t${i}`).join(', ');
  const chunks: DuckDBDataChunk[] = [];
  await session.forEachChunk(`SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${sql.source}) GROUP BY ${groupBy} LIMIT ${maxCells + 1}`, (chunk) => void chunks.push(chunk));

  const cells: Array<Array<string | null>> = [];
  const cellRows: number[] = [];
  for (const chunk of chunks) {
    const rns = chunk.getColumnVector(nKeyed) as DuckDBListVector;
    for (let i = 0; i < chunk.rowCount; i++) {
      const values: Array<string | null> = [];
      for (let k = 0; k < nKeyed; k++) values.push(chunk.getColumnVector(k).getItem(i) as string | null);
      cells.push(values);
      cellRows.push(rns.getEntryLength(i));
    }
  }
  let rows = 0;
  for (const n of cellRows) rows += n;
  const badText = { sc: new Map<number, string>(), w: new Map<number, string>() };
  if (cells.length > maxCells) return { cells, cellRows, rows, rowCells: new Uint32Array(0), badText };
  const rowCells = new Uint32Array(rows);
  const scores = sql.score ? new Float64Array(rows) : undefined;
  const weights = sql.weight ? new Float64Array(rows) : undefined;
  let cell = 0;
  for (const chunk of chunks) {
    let c = nKeyed;
    const rns = chunk.getColumnVector(c++) as DuckDBListVector;
    const positions = listValues(rns, Uint32Array);
    const lists: Array<{ values: Float64Array; list: DuckDBListVector; into: Float64Array }> = [];
    for (const [into, bad] of [[scores, badText.sc], [weights, badText.w]] as const) {
      if (!into) continue;
      const list = chunk.getColumnVector(c) as DuckDBListVector;
      lists.push({ values: listValues(list, Float64Array), list, into });
      // The bad rows' positions and raw texts (NULL lists where a cell has none).
      const badRn = chunk.getColumnVector(c + 1) as DuckDBListVector;
      const badTextList = chunk.getColumnVector(c + 2) as DuckDBListVector;
      for (let i = 0; i < chunk.rowCount; i++) {
        const n = badRn.getItem(i) === null ? 0 : badRn.getEntryLength(i);
        for (let k = 0; k < n; k++) {
          bad.set(Number(badRn.childVector.getItem(badRn.getEntryOffset(i) + k)) - 1, String(badTextList.childVector.getItem(badTextList.getEntryOffset(i) + k) ?? ''));
        }
      }
      c += 3;
    }
    for (let i = 0; i < chunk.rowCount; i++, cell++) {
      const from = rns.getEntryOffset(i);
      const to = from + rns.getEntryLength(i);
      scatterCell(positions, from, to, rowCells, cell);
      for (const l of lists) scatterDoubles(positions, from, to, l.values, l.list.getEntryOffset(i), l.into);
    }
  }
  return { cells, cellRows, rows, rowCells, ...(scores ? { scores } : {}), ...(weights ? { weights } : {}), badText };
}
