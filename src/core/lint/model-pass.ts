import type { DatasetFormat } from '../dataset/format';
import { readDocument } from '../dataset/read-document';
import type { DatasetRecord, FieldValue } from '../dataset/record';
import { PII_ENTITIES, type Finding, type PiiEntity } from './finding';
import type { LintOptions } from './lint-options';
import { PiiLinter } from './pii-linter';
import type { PiiRegistry } from './pii/registry';
import type { ModelRecognizer } from './pii/model-recognizer';
import type { PiiMatch, RecognizerContext } from './pii/recognizer';

/** Values shorter than this, or without a space between letters, are not free text (ids, codes, categories, numbers). */
const MIN_FREE_TEXT = 8;
const FREE_TEXT = /\p{L}\p{L}+[,.;:!?'")\]-]*\s+\S*\p{L}/u;
const CACHE_LIMIT = 20_000;

/** True for values worth a model: free text with at least two words. */
export function isFreeText(value: string): boolean {
  return value.length >= MIN_FREE_TEXT && FREE_TEXT.test(value);
}

interface Pending {
  record: DatasetRecord;
  field: FieldValue;
  key: string;
  context: RecognizerContext;
  /** What the pattern recognizers found in the value: a model match overlapping one is dropped. */
  taken: readonly PiiMatch[];
}

/** The PiiLinter methods the pass calls back (kept narrow so the linter stays the owner of findings). */
export interface ModelMatchSink {
  addModelMatches(record: DatasetRecord, field: FieldValue, key: string, matches: readonly PiiMatch[]): void;
}

/**
 * Runs model recognizers (the NER model) over the free-text values a PiiLinter saw, in
 * batches, after its synchronous pattern scan: the linter hands values over as it scans, and
 * `flush` runs the model and adds the findings. Repeated values (system prompts, templates) go
 * to the model once.
 */
export class ModelPass {
  private pending: Pending[] = [];

  constructor(
    private readonly recognizers: readonly ModelRecognizer[],
    private readonly options: { minScore: number; entities: readonly PiiEntity[] },
    /** Model matches by value; the lint worker shares one across a document's edits. */
    private readonly cache = new Map<string, PiiMatch[]>(),
  ) {}

  /** Remembers a value for the next flush when it is free text. */
  collect(record: DatasetRecord, field: FieldValue, key: string, context: RecognizerContext, taken: readonly PiiMatch[]): void {
    if (isFreeText(field.value)) this.pending.push({ record, field, key, context, taken });
  }

  get size(): number {
    return this.pending.length;
  }

  /** Runs the model on what was collected and reports matches to the sink. */
  async flush(sink: ModelMatchSink): Promise<void> {
    if (this.pending.length === 0) return;
    const work = this.pending;
    this.pending = [];
    const unknown = [...new Set(work.map((p) => p.field.value).filter((v) => !this.cache.has(v)))];
    if (unknown.length) {
      const found = unknown.map((): PiiMatch[] => []);
      for (const model of this.recognizers) {
        if (!model.entities.some((e) => this.options.entities.includes(e))) continue;
        const size = Math.max(1, model.maxBatchSize ?? unknown.length);
        for (let from = 0; from < unknown.length; from += size) {
          const batch = unknown.slice(from, from + size);
          const result = await model.recognizeBatch(batch);
          result.forEach((m, j) => found[from + j]!.push(...m));
        }
      }
      if (this.cache.size + unknown.length > CACHE_LIMIT) this.cache.clear();
      unknown.forEach((v, i) => this.cache.set(v, found[i]!));
    }
    for (const p of work) {
      const matches = (this.cache.get(p.field.value) ?? []).filter(
        (m) => m.score >= this.options.minScore && this.options.entities.includes(m.entity) && !p.taken.some((t) => t.start < m.end && m.start < t.end),
      );
      if (matches.length) sink.addModelMatches(p.record, p.field, p.key, matches);
    }
  }
}

/** A registry with no pattern recognizer: the document pass below only wants the model's findings. */
const NO_PATTERNS: PiiRegistry = { recognizers: [], modelRecognizers: [] };

/**
 * The model's findings (only) for a document held in memory: the editor's second pass, after
 * the pattern findings were already shown. `cache` keeps matches of unchanged values across edits.
 */
export async function modelFindingsForText(
  text: string,
  format: DatasetFormat,
  options: LintOptions,
  recognizers: readonly ModelRecognizer[],
  cache?: Map<string, PiiMatch[]>,
): Promise<Finding[]> {
  const read = readDocument(text, format, { keys: false });
  const linter = new PiiLinter(options, NO_PATTERNS);
  linter.modelPass = new ModelPass(recognizers, { minScore: options.minScore, entities: PII_ENTITIES.filter((e) => options.entitySeverity[e] !== 'off') }, cache);
  linter.addRecords(read.records);
  await linter.modelPass.flush(linter);
  return [...linter.findings];
}
