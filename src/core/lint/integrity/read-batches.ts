import type { FileFormat } from '../../dataset/file-format';
import { streamParquetRecords } from '../../dataset/parquet-reader';
import { streamRecords, type RecordBatch } from '../../dataset/stream-records';

/** Batches of records of a file from disk, Parquet included; `scalars` adds JSON/Parquet numbers and booleans. */
export function readBatches(path: string, format: FileFormat, signal?: AbortSignal, scalars = false): AsyncIterable<RecordBatch> {
  const options = signal ? { signal, scalars } : { scalars };
  return format === 'parquet' ? streamParquetRecords(path, options) : streamRecords(path, format, options);
}
