import { stat } from 'node:fs/promises';
import { streamRecords } from '../dataset/stream-records';
import type { DatasetFormat } from '../dataset/format';
import type { PiiEntity } from '../lint/finding';
import type { LintOptions } from '../lint/lint-options';
import { PiiLinter } from '../lint/pii-linter';
import { anonymizeValue } from './anonymize-value';
import type { Replacement } from './apply-replacements';
import type { AnonymizeOperator } from './operator';
import { splitAtCsvRecordEnd, splitAtLastNewline } from './record-boundaries';
import { encodeForSource } from './replacement-for-source';
import { planFromReplacements } from './replacement-plan';
import { anonymizeStream, type RewriteSummary } from './rewrite-file';

/** What to do with each entity; entities left out are kept as they are. */
export type OperatorChoice = Partial<Record<PiiEntity, AnonymizeOperator>>;

export interface AnonymizeDatasetOptions {
  input: string;
  output: string;
  format: DatasetFormat;
  lint: LintOptions;
  operators: OperatorChoice;
  salt?: string;
  signal?: AbortSignal;
  /** Progress 0–1 over both passes. */
  onProgress?: (fraction: number) => void;
}

/**
 * Writes an anonymized copy of a dataset: a first pass finds the PII (the same engine as lint)
 * and plans replacements as source offsets; a second pass streams the file through the
 * rewriter, so every byte outside a replaced value is copied unchanged and the original is
 * never written. The output appears atomically.
 */
export async function anonymizeDataset(o: AnonymizeDatasetOptions): Promise<RewriteSummary> {
  const { size } = await stat(o.input);
  const replacements: Replacement[] = [];
  const linter = new PiiLinter(o.lint);
  let delimiter: string | undefined;
  // Pseudonyms are deterministic per value: cache them, datasets repeat the same values a lot.
  const cache = new Map<string, string>();
  linter.onValueMatch = (field, m, value) => {
    const op = o.operators[m.entity];
    if (!op) return;
    const key = `${m.entity}\0${op}\0${value}`;
    let fake = cache.get(key);
    if (fake === undefined) {
      fake = anonymizeValue(m.entity, value, op, o.salt ? { salt: o.salt } : {});
      if (cache.size > 100_000) cache.clear();
      cache.set(key, fake);
    }
    replacements.push({
      start: field.toSourceOffset(m.start),
      end: field.toSourceOffset(m.end),
      replacement: encodeForSource(fake, o.format, field.quoted === true, delimiter),
      entity: m.entity,
    });
  };
  for await (const batch of streamRecords(o.input, o.format, o.signal ? { signal: o.signal } : {})) {
    if (batch.delimiter) delimiter = batch.delimiter;
    if (batch.header) linter.addHeader(batch.header);
    linter.addRecords(batch.records);
    o.onProgress?.(batch.bytesRead / Math.max(1, size) / 2);
  }
  const plan = planFromReplacements(replacements);
  return anonymizeStream({
    input: o.input,
    output: o.output,
    findReplacements: plan.findReplacements,
    splitAt: o.format === 'csv' || o.format === 'tsv' ? splitAtCsvRecordEnd : splitAtLastNewline,
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (read, total) => o.onProgress?.(0.5 + read / Math.max(1, total) / 2),
  });
}

/** `data.jsonl` → `data.anonymized.jsonl`. */
export function anonymizedPath(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? `${path.slice(0, dot)}.anonymized${path.slice(dot)}` : `${path}.anonymized`;
}
