import type { RecordBatch } from './stream-records';
import type { DatasetRecord, FieldValue, HeaderCell, SourcePosition } from './record';

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
export async function* streamParquetRecords(path: string, options: { batchSize?: number; signal?: AbortSignal } = {}): AsyncGenerator<RecordBatch> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const abort = () => connection.interrupt();
  options.signal?.addEventListener('abort', abort);
  try {
    const escaped = path.replace(/'/g, "''");
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${escaped}')`);
    const columns = described.getRowObjectsJson().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    const scanned = columns.map((c) => ({ ...c, expr: selectExpression(c.name, c.type) })).filter((c) => c.expr !== undefined);
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
        values.forEach((v, i) => {
          if (typeof v === 'string' && v.length > 0) fields.push(new RowField(scanned[i]!.name, v, row));
        });
        records.push({ index: row, line: row + 1, fields });
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
