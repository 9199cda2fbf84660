import { stat } from 'node:fs/promises';
import type { DatasetSpec } from '../../config/project-config';
import { fileFormatFromPath, type FileFormat } from '../../dataset/file-format';
import { formatFromPath, type DatasetFormat } from '../../dataset/format';
import { readDocument } from '../../dataset/read-document';
import { IntegrityChecker, type IntegrityCheckerOptions, type IntegrityResult } from './integrity-checker';
import { readBatches } from './read-batches';
import { indexSplits, listSplitFiles, SplitIndex, type SplitListing } from './split-index';

/** Options of checkIntegrity. */
export interface CheckIntegrityOptions extends IntegrityCheckerOptions, SplitListing {
  /** Default: from the file's extension. */
  format?: FileFormat;
  /** Called after each batch with bytes read and the file size (Parquet reports 0 bytes read). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * Checks one dataset file from disk for duplicate texts, conflicting labels, leakage into other
 * splits, missing required fields, mixed-type and constant columns; streams it with bounded
 * memory. When `spec.splits` is set and no `splitIndex` is given, the other splits are read first.
 */
export async function checkIntegrity(file: string, spec: DatasetSpec, options: CheckIntegrityOptions = {}): Promise<IntegrityResult> {
  const format = options.format ?? fileFormatFromPath(file, formatFromPath(file));
  if (format === undefined) throw new Error(`${file}: unsupported file type (supported: .jsonl, .ndjson, .csv, .tsv, .parquet, .txt, .md)`);
  const splitIndex = options.splitIndex ?? (await indexOtherSplits(file, spec, options));
  const checker = new IntegrityChecker(spec, file, format, { ...options, splitIndex });
  const { size } = await stat(file);
  for await (const batch of readBatches(file, format, options.signal, format === 'jsonl' || format === 'parquet')) {
    if (batch.header !== undefined) checker.addHeader(batch.header);
    checker.addRecords(batch.records);
    options.onProgress?.(batch.bytesRead, size);
  }
  return checker.finish();
}

/** The splits other than the one `file` is in, read and fingerprinted; undefined without splits. */
async function indexOtherSplits(file: string, spec: DatasetSpec, options: CheckIntegrityOptions): Promise<SplitIndex | undefined> {
  if (spec.splits === undefined || Object.keys(spec.splits).length === 0) return undefined;
  const files = await listSplitFiles(spec, options);
  const mine = new SplitIndex(files, new Map()).splitOf(file);
  if (mine === undefined) return new SplitIndex(files, new Map());
  return indexSplits(spec, { ...options, files, splits: [...files.keys()].filter((s) => s !== mine) });
}

/**
 * The same checks on a document held in memory (the editor's text), synchronously. Leakage is
 * checked only with `options.splitIndex` (build it once with indexSplits and reuse it).
 */
export function checkIntegrityOfText(
  text: string,
  format: DatasetFormat,
  spec: DatasetSpec,
  path: string,
  options: IntegrityCheckerOptions = {},
): IntegrityResult {
  const read = readDocument(text, format, { scalars: format === 'jsonl' });
  const checker = new IntegrityChecker(spec, path, format, options);
  if (read.header !== undefined) checker.addHeader(read.header);
  checker.addRecords(read.records);
  return checker.finish();
}
