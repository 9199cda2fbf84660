/**
 * The DuckDB side of the profile: one scan of the file counting rows per combination of raw
 * attribute values and label (the full cube), from which every attribute and intersection is
 * summed in TypeScript. One hash aggregate costs about as much as the scan itself; GROUPING SETS
 * over seven sets cost three to four times more (measured on 1M rows). When the cube would be
 * too large (many attributes with many values) GROUPING SETS over just the needed sets is the
 * fallback. DuckDB only counts raw values; trimming, "(missing)" and bin labels are applied in
 * TypeScript on the distinct values that come back (group-tally.ts).
 */
import type { DuckDbSession } from './duckdb-session';

/** One grouped column: its SQL expression and, for binned numbers, the bin edges. */
export interface GroupedColumn {
  sql: string;
  bins?: number[];
  /** The column is a number already (Parquet): no text-to-number cast needed. */
  numeric?: boolean;
}

/** The bin index SQL returns for a missing value, and for a value that is not a number. */
export const BIN_MISSING = -1;
export const BIN_NOT_A_NUMBER = -2;

/** A counted combination: raw keys (text, or bin index as text) per attribute of the set, and the raw label. */
export interface GroupCountRow {
  keys: Array<string | null>;
  label: string | null;
  count: number;
}

/** Counts of one grouping set: `attributes` are indexes into the query's columns. */
export interface CountedSet {
  attributes: number[];
  rows: GroupCountRow[];
}

export interface GroupCounts {
  /** Rows in the file. */
  rows: number;
  /** Rows per raw label value (when a label was asked for). */
  labels?: Map<string | null, number>;
  /** One entry per requested set, in request order. */
  sets: CountedSet[];
}

/**
 * The projection feeding the grouping: g0…gN (raw text, or the bin index as text) and lbl.
 * Binned columns are first cast to a number `v<i>` in an inner projection so the CASE that
 * turns it into a bin index reads it once.
 */
export function projectionSql(source: string, columns: GroupedColumn[], label: string | undefined, limit?: number): string {
  const inner: string[] = [];
  const outer: string[] = [];
  columns.forEach((c, i) => {
    const text = `CAST(${c.sql} AS VARCHAR)`;
    inner.push(`${text} AS c${i}`);
    if (!c.bins) {
      outer.push(`c${i} AS g${i}`);
      return;
    }
    inner.push(`${c.numeric ? `CAST(${c.sql} AS DOUBLE)` : `TRY_CAST(trim(${text}) AS DOUBLE)`} AS v${i}`);
    const steps = c.bins.map((e) => `CAST(v${i} >= ${e} AS INTEGER)`).join(' + ');
    outer.push(
      `CAST(CASE WHEN v${i} IS NULL THEN (CASE WHEN c${i} IS NULL OR trim(c${i}) = '' THEN ${BIN_MISSING} ELSE ${BIN_NOT_A_NUMBER} END) ` +
        `WHEN isnan(v${i}) THEN ${BIN_NOT_A_NUMBER} ELSE ${steps} END AS VARCHAR) AS g${i}`,
    );
  });
  if (label !== undefined) {
    inner.push(`CAST(${label} AS VARCHAR) AS lbl`);
    outer.push('lbl');
  }
  if (inner.length === 0) inner.push('1 AS one');
  const from = `(SELECT ${inner.join(', ')} FROM ${source}${limit !== undefined ? ` LIMIT ${limit}` : ''})`;
  return `SELECT ${outer.length > 0 ? outer.join(', ') : '1 AS one'} FROM ${from}`;
}

/** Approximate distinct counts of each grouped column (and the label) among the first `limit` rows. */
export async function sampleCardinality(
  session: DuckDbSession,
  source: string,
  columns: GroupedColumn[],
  label: string | undefined,
  limit: number,
): Promise<{ columns: number[]; label?: number }> {
  const parts = columns.map((_, i) => `approx_count_distinct(g${i}) AS d${i}`);
  if (label !== undefined) parts.push('approx_count_distinct(lbl) AS dl');
  const [row] = await session.rows(`SELECT ${parts.join(', ')} FROM (${projectionSql(source, columns, label, limit)})`);
  return { columns: columns.map((_, i) => Number(row?.[`d${i}`] ?? 0)), label: label !== undefined ? Number(row?.dl ?? 0) : undefined };
}

/**
 * Counts the full cube (every grouped column and the label) in one scan and sums it into the
 * requested sets. Undefined when the cube has more than `maxCells` cells: use countGroups then.
 */
export async function countCube(
  session: DuckDbSession,
  source: string,
  columns: GroupedColumn[],
  label: string | undefined,
  sets: number[][],
  maxCells: number,
): Promise<GroupCounts | undefined> {
  const keys = [...columns.map((_, i) => `g${i}`), ...(label !== undefined ? ['lbl'] : [])];
  const groupBy = keys.length > 0 ? ` GROUP BY ${keys.join(', ')}` : '';
  const rows = await session.rows(`SELECT ${[...keys, 'count(*) AS n'].join(', ')} FROM (${projectionSql(source, columns, label)})${groupBy} LIMIT ${maxCells + 1}`);
  if (rows.length > maxCells) return undefined;
  const result: GroupCounts = { rows: 0, sets: sets.map((s) => ({ attributes: s, rows: [] })) };
  if (label !== undefined) result.labels = new Map();
  const sums = sets.map(() => new Map<string, GroupCountRow>());
  for (const r of rows) {
    const count = Number(r.n);
    const lbl = label !== undefined ? ((r.lbl as string | null) ?? null) : null;
    result.rows += count;
    result.labels?.set(lbl, (result.labels.get(lbl) ?? 0) + count);
    sets.forEach((set, si) => {
      const values = set.map((i) => (r[`g${i}`] as string | null) ?? null);
      // JSON keeps null apart from the string "null".
      const key = JSON.stringify([values, lbl]);
      const row = sums[si]!.get(key);
      if (row) row.count += count;
      else sums[si]!.set(key, { keys: values, label: lbl, count });
    });
  }
  result.sets.forEach((s, si) => s.rows.push(...sums[si]!.values()));
  return result;
}

/** Counts every requested set (each a list of column indexes) in one scan with GROUPING SETS. */
export async function countGroups(
  session: DuckDbSession,
  source: string,
  columns: GroupedColumn[],
  label: string | undefined,
  sets: number[][],
): Promise<GroupCounts> {
  const g = columns.map((_, i) => `g${i}`);
  const withLabel = (xs: string[]): string => `(${[...xs, ...(label !== undefined ? ['lbl'] : [])].join(', ')})`;
  const groupingSets = [...sets.map((s) => withLabel(s.map((i) => g[i]!))), withLabel([])];
  const select = [...g, ...(label !== undefined ? ['lbl'] : []), g.length > 0 ? `GROUPING(${g.join(', ')}) AS gid` : '0 AS gid', 'count(*) AS n'];
  const sql =
    `SELECT ${select.join(', ')} FROM (${projectionSql(source, columns, label)}) ` +
    `GROUP BY GROUPING SETS (${groupingSets.join(', ')})`;
  const rows = await session.rows(sql);

  // GROUPING(g0…gN) has bit (N−i) set when gi is NOT grouped in that row's set.
  const all = (1 << columns.length) - 1;
  const maskOf = (set: number[]): number => set.reduce((m, i) => m & ~(1 << (columns.length - 1 - i)), all);
  const byMask = new Map<number, CountedSet>();
  const result: GroupCounts = { rows: 0, sets: sets.map((s) => ({ attributes: s, rows: [] })) };
  result.sets.forEach((s) => byMask.set(maskOf(s.attributes), s));
  if (label !== undefined) result.labels = new Map();
  for (const r of rows) {
    const gid = Number(r.gid);
    const count = Number(r.n);
    const lbl = label !== undefined ? ((r.lbl as string | null) ?? null) : null;
    if (gid === all) {
      result.rows += count;
      result.labels?.set(lbl, (result.labels.get(lbl) ?? 0) + count);
      continue;
    }
    const set = byMask.get(gid);
    if (!set) continue;
    set.rows.push({ keys: set.attributes.map((i) => (r[`g${i}`] as string | null) ?? null), label: lbl, count });
  }
  return result;
}

