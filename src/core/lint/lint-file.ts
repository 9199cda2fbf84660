import { stat } from 'node:fs/promises';
import type { FileFormat } from '../dataset/file-format';
import { streamRecords, type RecordBatch } from '../dataset/stream-records';
import { streamParquetRecords } from '../dataset/parquet-reader';
import type { LintOptions } from './lint-options';
import { PiiLinter } from './pii-linter';
import { ModelPass } from './model-pass';
import { PII_ENTITIES } from './finding';
import { applyRuleSeverities } from './rule-severity';
import type { PiiRegistry } from './pii/registry';
import type { FileLintResult } from './report/lint-report';

export interface LintFileOptions {
  signal?: AbortSignal;
  /** Called after each batch with bytes read and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Lints a file from disk in batches with bounded memory (CLI, workspace scans, huge files). */
export async function lintFile(
  path: string,
  format: FileFormat,
  options: LintOptions,
  registry?: PiiRegistry,
  run: LintFileOptions = {},
): Promise<FileLintResult> {
  const { size } = await stat(path);
  const linter = new PiiLinter(options, registry);
  // Model recognizers (NER) run after each batch's pattern scan, on its free-text values.
  if (registry?.modelRecognizers.length) {
    linter.modelPass = new ModelPass(registry.modelRecognizers, { minScore: options.minScore, entities: PII_ENTITIES.filter((e) => options.entitySeverity[e] !== 'off') });
  }
  const signal = run.signal ? { signal: run.signal } : {};
  const batches: AsyncIterable<RecordBatch> =
    format === 'parquet' ? streamParquetRecords(path, signal) : streamRecords(path, format, { keys: format === 'jsonl', ...signal });
  for await (const batch of batches) {
    if (batch.header) linter.addHeader(batch.header);
    linter.addRecords(batch.records);
    linter.addProblems(batch.problems);
    await linter.modelPass?.flush(linter);
    run.onProgress?.(format === 'parquet' ? 0 : batch.bytesRead, size);
  }
  const findings = applyRuleSeverities(linter.finish(), options.ruleSeverity);
  return { path, records: linter.records, findings, total: findings.length };
}
