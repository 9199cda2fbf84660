/**
 * A quick look at a dataset's columns through DuckDB: each column's type, distinct count, range
 * and most frequent values. The Fairness Report's mapping quick picks use it to propose y_true,
 * y_pred, score and sensitive columns, and to ask for the positive label only when the labels
 * are not 0/1.
 */
import { DuckDbSession, sqlIdentifier, type ColumnInfo } from './duckdb-session';
import { describeSourceSql, isNumericType, parseCsvSniff, profileFormatOf, sniffCsvSql, type CsvDialect } from './dataset-source';

export interface ColumnSummary {
  name: string;
  /** DuckDB's type (CSV columns are read as text: VARCHAR). */
  type: string;
  /** The most frequent values (as text) with their counts, most frequent first. */
  values: Array<{ value: string; count: number }>;
  /** Distinct non-missing values (HyperLogLog: exact for small counts, within a few percent above). */
  distinct: number;
  /** Every non-missing value reads as a number. */
  numeric: boolean;
  min?: number;
  max?: number;
}

export interface ColumnSummaryOptions {
  signal?: AbortSignal;
  /** Most frequent values kept per column (default 12). */
  top?: number;
  /** Columns looked at, in file order (default 60). */
  maxColumns?: number;
}

const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

/** Rows and per-column summaries of a CSV/TSV, JSONL or Parquet file. */
export async function summarizeColumns(file: string, options: ColumnSummaryOptions = {}): Promise<{ rows: number; columns: ColumnSummary[] }> {
  const format = profileFormatOf(file);
  if (!format) throw new Error(`${file}: not a CSV, TSV, JSONL or Parquet file`);
  const top = options.top ?? 12;
  const session = await DuckDbSession.open({ ...(options.signal ? { signal: options.signal } : {}), threads: 2 });
  try {
    let dialect: CsvDialect | undefined;
    if (format === 'csv' || format === 'tsv') {
      const [sniff] = await session.rows(sniffCsvSql(file, format));
      if (sniff) dialect = parseCsvSniff(sniff).dialect;
    }
    const source = describeSourceSql(file, format, dialect);
    await session.rows(`CREATE TEMP VIEW src AS ${source}`);
    // Nested values (JSON objects) cannot be mapped to a label or a group: scalars only.
    const columns: ColumnInfo[] = (await session.columns('SELECT * FROM src')).filter((c) => !c.children && !/^(STRUCT|MAP|LIST)|\[\]$/.test(c.type)).slice(0, options.maxColumns ?? 60);
    if (columns.length === 0) return { rows: Number((await session.rows('SELECT count(*) AS n FROM src'))[0]?.n ?? 0), columns: [] };
    const stats = columns
      .map((c, i) => {
        const col = sqlIdentifier(c.name);
        const asNumber = isNumericType(c.type) ? `CAST(${col} AS DOUBLE)` : `TRY_CAST(NULLIF(trim(CAST(${col} AS VARCHAR)), '') AS DOUBLE)`;
        const present = `count(NULLIF(trim(CAST(${col} AS VARCHAR)), ''))`;
        return `least(approx_count_distinct(${col}), ${present}) AS d${i}, min(${asNumber}) AS lo${i}, max(${asNumber}) AS hi${i}, ${present} - count(${asNumber}) AS nn${i}, ${present} AS p${i}`;
      })
      .join(', ');
    const [row] = await session.rows(`SELECT count(*) AS n, ${stats} FROM src`);
    const rows = Number(row?.n ?? 0);
    const out: ColumnSummary[] = [];
    for (const [i, c] of columns.entries()) {
      const col = sqlIdentifier(c.name);
      const values = await session.rows(
        `SELECT CAST(${col} AS VARCHAR) AS v, count(*) AS c FROM src WHERE ${col} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${top}`,
      );
      const present = num(row?.[`p${i}`]) ?? 0;
      const numeric = present > 0 && num(row?.[`nn${i}`]) === 0;
      out.push({
        name: c.name,
        type: c.type,
        values: values.map((v) => ({ value: String(v.v), count: Number(v.c) })),
        distinct: Number(row?.[`d${i}`] ?? 0),
        numeric,
        ...(numeric ? { min: num(row?.[`lo${i}`])!, max: num(row?.[`hi${i}`])! } : {}),
      });
    }
    return { rows, columns: out };
  } finally {
    session.close();
  }
}
