import type { DatasetFormat } from './format';

/** Formats read from disk: the text formats, and Parquet (through DuckDB, by row and column). */
export type FileFormat = DatasetFormat | 'parquet';

/** The file format by extension, Parquet included. */
export function fileFormatFromPath(path: string, textFormat: DatasetFormat | undefined): FileFormat | undefined {
  return /\.parquet$/i.test(path) ? 'parquet' : textFormat;
}
