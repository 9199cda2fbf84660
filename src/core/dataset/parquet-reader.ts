import type { RecordBatch } from './stream-records';
import type { DatasetRecord, FieldValue, HeaderCell, ScalarKind, ScalarValue, SourcePosition } from './record';

/**
 * Parquet has no lines or columns of text: a position is the row. `line` is the 1-based row
 * number and `column` 1, so findings still sort, print and load into SARIF; `record` and `field`
 * say exactly where the value is.
 */
class RowField implements FieldValue {
  constructor(
    public path: string,
    public value: string,
    private readonly row: number,
  ) {}
  toSourceOffset(offset: number): number {
    return offset;
  }
  toSourcePosition(): SourcePosition {
    return { line: this.row + 1, column: 1 };
  }
}

/** A number or boolean cell, as text, when asked for with `scalars: true`. */
class RowScalar extends RowField implements ScalarValue {
  constructor(path: string, value: string, row: number, readonly kind: ScalarKind) {
    super(path, value, row);
  }
}

/** Kind of a DuckDB column read as a scalar, or undefined for types that are neither. */
function scalarKind(type: string): ScalarKind | undefined {
  if (type === 'BOOLEAN') return 'boolean';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(type)) return 'number';
  return undefined;
}

function headerCell(name: string, column: number): HeaderCell {
  return { path: name, value: name, column, toSourceOffset: (o) => o, toSourcePosition: () => ({ line: 1, column: 1 }) };
}

/** Text-like DuckDB types are read as they are; nested ones (STRUCT, LIST, MAP, JSON) as JSON text. */
function selectExpression(name: string, type: string): string | undefined {
  const quoted = `"${name.replace(/"/g, '""')}"`;
  if (type === 'VARCHAR' || type === 'JSON') return `${quoted}::VARCHAR`;
  if (/^(STRUCT|MAP|UNION)\(|\[\]$/.test(type)) return `to_json(${quoted})::VARCHAR`;
  return undefined; // numbers, dates, blobs: no free text to scan
}

/**
 * Reads a Parquet file in batches through DuckDB (loaded on first use: a native module of
 * 70 MB is not something every lint pays for). Only string-like columns become fields.
 */
export async function* streamParquetRecords(
  path: string,
  options: { batchSize?: number; signal?: AbortSignal; scalars?: boolean } = {},
): AsyncGenerator<RecordBatch> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const abort = () => connection.interrupt();
  options.signal?.addEventListener('abort', abort);
  try {
    const escaped = path.replace(/'/g, "''");
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${escaped}')`);
    const columns = described.getRowObjectsJson().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    // With `scalars`, number and boolean columns are read too (as text) into `record.scalars`.
    const scanned = columns
      .map((c) => {
        const expr = selectExpression(c.name, c.type);
        const kind = expr === undefined && options.scalars === true ? scalarKind(c.type) : undefined;
        return { ...c, kind, expr: kind === undefined ? expr : `"${c.name.replace(/"/g, '""')}"::VARCHAR` };
      })
      .filter((c) => c.expr !== undefined);
    const header = columns.map((c, i) => headerCell(c.name, i));
    if (scanned.length === 0) {
      yield { records: [], problems: [], header, bytesRead: 0 };
      return;
    }
    const result = await connection.stream(`SELECT ${scanned.map((c) => c.expr).join(', ')} FROM read_parquet('${escaped}')`);
    let row = 0;
    let first = true;
    for (;;) {
      options.signal?.throwIfAborted();
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const records: DatasetRecord[] = [];
      for (const values of chunk.getRows()) {
        const fields: FieldValue[] = [];
        let scalars: ScalarValue[] | undefined;
        values.forEach((v, i) => {
          const column = scanned[i]!;
          if (typeof v !== 'string') return;
          if (column.kind !== undefined) (scalars ??= []).push(new RowScalar(column.name, v, row, column.kind));
          else if (v.length > 0) fields.push(new RowField(column.name, v, row));
        });
        const record: DatasetRecord = { index: row, line: row + 1, fields };
        if (options.scalars === true) record.scalars = scalars ?? [];
        records.push(record);
        row++;
      }
      yield { records, problems: [], ...(first ? { header } : {}), bytesRead: 0 };
      first = false;
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    connection.closeSync();
    instance.closeSync();
  }
}
