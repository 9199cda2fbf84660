import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { withAtomicFile, writeAll } from '../anonymize/atomic-file';
import { detectFormat } from '../dataset/format';
import type { DatasetRecord } from '../dataset/record';
import { streamRecords } from '../dataset/stream-records';
import type { InferenceEngine, RunControl } from './inference-engine';
import type { Embedding, InferenceResult, InferenceTask, TextClassification, TokenEntity } from './inference-types';

/** What "Run Model on Dataset…" and `rml infer` need to know. */
export interface DatasetPredictionSpec {
  /** The dataset file (JSONL, CSV, TSV). */
  input: string;
  model: string;
  task?: InferenceTask;
  /** The text field (JSON path such as `text` or `messages[1].content`, or CSV column); default `text`. */
  field?: string;
  /** Default: `<dataset>.predictions.jsonl` next to the dataset. */
  output?: string;
  /** The record id field; default `id` when records have one, else the record's index. */
  idField?: string;
  /** Copied as y_true when given (the dataset's label). */
  labelField?: string;
  /** Sensitive attributes copied into every prediction row (for the fairness report). */
  sensitive?: readonly string[];
  batchSize?: number;
}

/** What a dataset run did. */
export interface DatasetPredictionSummary {
  output: string;
  task: InferenceTask;
  records: number;
  predicted: number;
  /** Records without the text field (skipped; the first few are named in `problems`). */
  skipped: number;
  problems: string[];
  ms: number;
}

/** The default predictions file: `reviews.jsonl` → `reviews.predictions.jsonl`. */
export function predictionsPathFor(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}.predictions.jsonl`);
}

type Scalar = string | number | boolean | null;

/** Field values of a record by path, JSON numbers and booleans as such. */
function valuesOf(record: DatasetRecord): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  for (const f of record.fields) out.set(f.path, f.value);
  for (const s of record.scalars ?? []) out.set(s.path, s.kind === 'number' ? Number(s.value) : s.kind === 'boolean' ? s.value === 'true' : null);
  return out;
}

/** The prediction columns of one result, named as `rml fairness` reads them (y_pred, score). */
function predictionColumns(task: InferenceTask, r: InferenceResult): Record<string, unknown> {
  if (task === 'text-classification') {
    const c = r as TextClassification;
    return { y_pred: c.label, score: round(c.score), scores: Object.fromEntries(c.scores.map((s) => [s.label, round(s.score)])) };
  }
  if (task === 'token-classification') {
    const entities = r as TokenEntity[];
    const tags = [...new Set(entities.map((e) => e.entity))].sort();
    return {
      y_pred: tags.join('|'),
      score: round(entities.reduce((m, e) => Math.max(m, e.score), 0)),
      entities: entities.map((e) => ({ entity: e.entity, start: e.start, end: e.end, score: round(e.score) })),
    };
  }
  return { embedding: (r as Embedding).map(round) };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Records per engine call: large enough for full batches, small enough to keep memory flat. */
const CHUNK_RECORDS = 256;

/**
 * Runs a model over one text field of every record and writes a predictions file next to the
 * dataset (atomically: on cancel or error nothing is left behind). Each row holds the record
 * id, the prediction and its score, y_true when a label field is given, and the sensitive
 * attributes, so the file feeds `rml fairness` directly.
 */
export async function predictDataset(
  engine: InferenceEngine,
  spec: DatasetPredictionSpec,
  control: RunControl & { onRecords?: (done: number, bytesRead: number, totalBytes: number) => void } = {},
): Promise<DatasetPredictionSummary> {
  const started = Date.now();
  const format = detectFormat({ path: spec.input });
  if (!format || format === 'text') throw new Error(`${spec.input}: not a dataset file (JSONL, CSV or TSV)`);
  const { size } = await stat(spec.input);
  const resolved = engine.resolve(spec.model);
  const task = engine.taskOf(resolved, spec.task);
  const field = spec.field ?? 'text';
  const output = spec.output ?? predictionsPathFor(spec.input);
  const summary: DatasetPredictionSummary = { output, task, records: 0, predicted: 0, skipped: 0, problems: [], ms: 0 };
  await withAtomicFile(output, async (file) => {
    let pending: Array<{ record: DatasetRecord; values: Map<string, Scalar>; text: string }> = [];
    const flush = async (bytesRead: number): Promise<void> => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const results = await engine.run(
        { model: spec.model, task, inputs: batch.map((b) => b.text), ...(spec.batchSize ? { batchSize: spec.batchSize } : {}) },
        { ...(control.signal ? { signal: control.signal } : {}) },
      );
      const lines = batch.map((b, i) => {
        const id = spec.idField ? b.values.get(spec.idField) : (b.values.get('id') ?? b.record.index);
        const row: Record<string, unknown> = { id: id ?? b.record.index, ...predictionColumns(task, results[i]!) };
        if (spec.labelField) row.y_true = b.values.get(spec.labelField) ?? null;
        for (const s of spec.sensitive ?? []) row[s] = b.values.get(s) ?? null;
        return JSON.stringify(row);
      });
      await writeAll(file, Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
      summary.predicted += batch.length;
      control.onProgress?.({ done: summary.predicted, total: summary.records });
      control.onRecords?.(summary.predicted, bytesRead, size);
    };
    for await (const chunk of streamRecords(spec.input, format, { scalars: true, ...(control.signal ? { signal: control.signal } : {}) })) {
      for (const p of chunk.problems) if (summary.problems.length < 20) summary.problems.push(`${spec.input}:${p.line}: ${p.message.replace(/^Line \d+: /, '')}`);
      for (const record of chunk.records) {
        summary.records++;
        const values = valuesOf(record);
        const text = values.get(field);
        if (typeof text !== 'string') {
          summary.skipped++;
          if (summary.problems.length < 20) summary.problems.push(`${spec.input}:${record.line}: no text field '${field}'; record skipped`);
          continue;
        }
        pending.push({ record, values, text });
        if (pending.length >= CHUNK_RECORDS) await flush(chunk.bytesRead);
      }
      await flush(chunk.bytesRead);
    }
  });
  summary.ms = Date.now() - started;
  return summary;
}
