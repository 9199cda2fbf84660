/**
 * Maps a run.json written by the training run store (src/core/training/run-record.ts: camelCase,
 * `version: 1`, `spec` + `resolved`, `gate.justification` as a string, `timings.durationMs`) into
 * the model card's snake_case view (card-run-record.ts). Absolute paths become relative to the
 * project root, so the card names files the way the workspace does and not the author's home.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { pointsFromObject } from '../training/metric-point';
import type { RunRecord as TrainingRunRecord } from '../training/run-record';
import type { GateCheck, GateResult, RunDataFile, RunDevice, RunHyperParameters, RunRecord, RunRecordRead, RunStatus } from './card-run-record';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for a record the training run store wrote (it has `version` and a `resolved` spec). */
export function isTrainingRunRecord(value: unknown): value is TrainingRunRecord {
  return isObject(value) && typeof value.version === 'number' && isObject(value.resolved) && isObject(value.spec) && isObject((value.spec as Json).data);
}

/** A path as the card prints it: relative to `root` (POSIX slashes) when one is known. */
function displayPath(path: string, root: string | undefined): string {
  if (!root || !isAbsolute(path)) return path.split('\\').join('/');
  return relative(root, path).split('\\').join('/') || '.';
}

const STATUS: Record<TrainingRunRecord['status'], RunStatus> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  stopped: 'stopped',
  interrupted: 'interrupted',
};

/**
 * Metric names of the training writer ("eval/accuracy", "train/loss") in the card's spelling
 * ("eval_accuracy"). Per-group points (eval/group/…) are left out: the card's fairness section
 * reads them from a fairness report, with group sizes and thresholds.
 */
export function cardMetrics(latest: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(latest)) {
    if (!Number.isFinite(value) || /(^|\/)group\//.test(name)) continue;
    out[name.replace(/\//g, '_')] = value;
  }
  return out;
}

function gateOf(g: NonNullable<TrainingRunRecord['gate']>, root: string | undefined): GateResult {
  const checks: GateCheck[] = (g.issues ?? []).map((i) => ({
    id: i.ruleId,
    status: i.severity === 'error' ? 'fail' : i.severity === 'warning' ? 'warn' : 'pass',
    message: `${displayPath(i.file, root)}:${i.line}:${i.column}: ${i.message}`,
    count: i.count,
  }));
  const gate: GateResult = { passed: !g.blocked, checks };
  const justification = typeof g.justification === 'string' ? g.justification.trim() : '';
  if (g.blocked) gate.overridden = justification !== '';
  if (justification) gate.justification = { text: justification, ...(g.checkedAt ? { at: g.checkedAt } : {}) };
  if (g.notes?.length) gate.notes = [...g.notes];
  return gate;
}

function deviceOf(d: TrainingRunRecord['device']): RunDevice {
  const accelerator = d.accelerator ?? '';
  // "cpu (one worker thread)" from the builtin runner; anything else names a GPU or a node.
  const onCpu = accelerator === '' || /^cpu\b/i.test(accelerator);
  const device: RunDevice = { kind: onCpu ? 'cpu' : accelerator };
  const cpu = d.cpuModel ? `${d.cpuModel.trim()}${d.cpus ? ` (${d.cpus} cores)` : ''}` : undefined;
  if (onCpu && cpu) device.name = cpu;
  if (typeof d.memoryBytes === 'number' && d.memoryBytes > 0) device.memory_gb = Math.round((d.memoryBytes / 2 ** 30) * 10) / 10;
  return device;
}

/** The card's view of a training-store record; `root` is the project root paths are made relative to. */
export function fromTrainingRecord(t: TrainingRunRecord, fallbackId: string, root?: string): RunRecordRead {
  const warnings: string[] = [];
  const r = t.resolved;
  const path = (p: string) => displayPath(p, root);
  const file = (p: string): RunDataFile => ({ file: path(p), text_field: r.data.textField, label_field: r.data.labelField, ...(r.data.sensitiveFields.length ? { sensitive_fields: [...r.data.sensitiveFields] } : {}) });
  const h = r.hyperparameters;
  const hyper: RunHyperParameters = { epochs: h.epochs, learning_rate: h.learningRate, batch_size: h.batchSize, seed: h.seed, patience: h.earlyStoppingPatience };
  if (t.runner === 'builtin' && r.builtin?.model === 'encoder-head') {
    Object.assign(hyper, { model: 'encoder-head', hidden_units: r.builtin.hiddenUnits ?? 0 });
  } else if (t.runner === 'builtin' && r.builtin) {
    const b = r.builtin;
    Object.assign(hyper, { model: b.model, embedding_dim: b.dim, buckets: b.buckets, word_ngrams: b.wordNgrams, char_ngrams: b.charNgrams[0] === 0 ? 'none' : `${b.charNgrams[0]}–${b.charNgrams[1]}` });
  }
  const record: RunRecord = {
    schema_version: t.version,
    id: t.id || fallbackId,
    ...(t.name ? { name: t.name } : {}),
    spec: {
      task: r.task ?? t.spec.task,
      train: file(r.data.train),
      ...(r.data.validation ? { validation: file(r.data.validation) } : {}),
      ...(r.baseModel ? { base_model: path(r.baseModel) } : {}),
      ...(t.baseModel?.sha256 ? { base_model_sha256: t.baseModel.sha256 } : {}),
      runner: t.runner,
      hyper_parameters: hyper,
      ...(t.outputDir ? { output_dir: path(t.outputDir) } : {}),
    },
    status: STATUS[t.status] ?? 'failed',
    dataset_hashes: Object.fromEntries((t.datasets ?? []).map((d) => [path(d.path), d.sha256])),
    timings: {},
  };
  if (!STATUS[t.status]) warnings.push(`status: unknown status '${String(t.status)}' (read as failed)`);
  if (!t.id) warnings.push('id: missing');
  if (t.git?.commit) record.git_commit = t.git.commit;
  if (t.gate) record.gate = gateOf(t.gate, root);
  if (t.device) record.device = deviceOf(t.device);
  const { startedAt, endedAt, durationMs } = t.timings ?? ({} as Partial<TrainingRunRecord['timings']>);
  if (startedAt) record.timings.started_at = startedAt;
  if (endedAt) record.timings.finished_at = endedAt;
  if (typeof durationMs === 'number') record.timings.duration_s = durationMs / 1000;
  else if (startedAt && endedAt && Date.parse(endedAt) >= Date.parse(startedAt)) record.timings.duration_s = (Date.parse(endedAt) - Date.parse(startedAt)) / 1000;
  const metrics = cardMetrics(t.progress?.latest ?? {});
  if (Object.keys(metrics).length) record.metrics = metrics;
  return { record, warnings };
}

/**
 * The metrics a run's model was exported with: `<outputDir>/metrics.json` (the builtin trainer
 * writes the best epoch's validation metrics under `validation`; other trainers a flat object).
 * Undefined when the file is absent; a warning when it cannot be read.
 */
function exportedMetrics(t: TrainingRunRecord, warnings: string[]): Record<string, number> | undefined {
  const file = t.outputDir ? join(t.outputDir, 'metrics.json') : undefined;
  if (!file || !existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    warnings.push(`${file}: cannot read the model's metrics (${(err as Error).message})`);
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const nested = isObject(value.validation) ? value.validation : undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(nested ?? value)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || k === 'count') continue;
    out[nested && !k.startsWith('eval_') ? `eval_${k}` : k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The last value of every metric in a run's metrics.jsonl (lines that are not JSON are skipped). */
function jsonlMetrics(file: string): Record<string, number> {
  const latest: Record<string, number> = {};
  if (!existsSync(file)) return latest;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const obj: unknown = JSON.parse(line);
      if (isObject(obj)) for (const p of pointsFromObject(obj, 0)) latest[p.name] = p.value;
    } catch {
      // A line cut by a crash; the rest of the file is still good.
    }
  }
  return cardMetrics(latest);
}

/**
 * Final metrics from the run's files: the exported model's metrics.json (the model the card
 * describes, e.g. the best epoch after early stopping) before the run's latest progress, and
 * metrics.jsonl in the run folder when the record holds no progress.
 */
export function addRunFileMetrics(read: RunRecordRead, t: TrainingRunRecord, runDir: string): void {
  const exported = exportedMetrics(t, read.warnings);
  if (exported) {
    read.record.metrics = exported;
    return;
  }
  if (read.record.metrics) return;
  const fromLog = jsonlMetrics(join(runDir, 'metrics.jsonl'));
  if (Object.keys(fromLog).length) read.record.metrics = fromLog;
}
