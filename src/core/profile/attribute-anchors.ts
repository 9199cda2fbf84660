/**
 * Where dataset-level findings go in the file: on the attribute's CSV/TSV header cell, on its
 * key in the first JSONL record (line 1 when the first record lacks it), or at the start of a
 * Parquet file. Reads only the start of the file.
 */
import type { DatasetFormat } from '../dataset/format';
import type { SourceRange } from '../lint/finding';
import { streamRecords } from '../dataset/stream-records';
import type { AttributeAnchor } from './profile-findings';
import type { ProfileFileFormat } from './dataset-source';

const FILE_START: SourceRange = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Builds the anchor callback for `file`: column name or JSON path → source range. */
export async function attributeAnchors(file: string, format: ProfileFileFormat): Promise<AttributeAnchor> {
  if (format === 'parquet') return () => FILE_START;
  const ranges = new Map<string, SourceRange>();
  let firstLine: SourceRange = FILE_START;
  try {
    for await (const batch of streamRecords(file, format as DatasetFormat, { keys: true, batchSize: 1 })) {
      for (const cell of batch.header ?? []) {
        const start = cell.toSourcePosition?.(0);
        const end = cell.toSourcePosition?.(cell.value.length);
        if (start && end) ranges.set(cell.path, { line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
      }
      const record = batch.records[0];
      if (record) {
        if (record.span) firstLine = { line: record.span.line, column: record.span.column, endLine: record.span.line, endColumn: record.span.line === record.span.endLine ? record.span.endColumn : record.span.column };
        for (const key of record.keys ?? []) {
          const start = key.toSourcePosition?.(0);
          const end = key.toSourcePosition?.(key.value.length);
          if (start && end && !ranges.has(key.path)) ranges.set(key.path, { line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
        }
      }
      if (batch.header || record) break;
    }
  } catch {
    // An anchor is a convenience: an unreadable start of file puts findings at 1:1.
  }
  return (column) => ranges.get(column) ?? ranges.get(column.split('.')[0]!) ?? (format === 'jsonl' ? firstLine : FILE_START);
}
