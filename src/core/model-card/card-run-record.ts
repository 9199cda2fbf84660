/**
 * The model card's view of a training run: the fields a card prints (spec, hyper-parameters,
 * dataset hashes, gate and justification, device, timings, metrics), snake_case like the other
 * CLI contracts, and a tolerant reader of `.responsible-ml/runs/<run-id>/run.json`. The writer's
 * format is src/core/training/run-record.ts; this reader maps it (and hand-written records) here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addRunFileMetrics, fromTrainingRecord, isTrainingRunRecord } from './card-training-record';

/** Where run records live, relative to the workspace (or project) root. */
export const RUNS_DIR = join('.responsible-ml', 'runs');

/** One data file of a run, with the fields the runner reads from it. */
export interface RunDataFile {
  /** Path of the file, relative to the workspace root. */
  file: string;
  text_field?: string;
  label_field?: string;
  /** Sensitive attributes carried through for disaggregated evaluation. */
  sensitive_fields?: string[];
}

export interface RunHyperParameters {
  epochs?: number;
  learning_rate?: number;
  batch_size?: number;
  seed?: number;
  /** Early stopping: evaluations without improvement before training stops. */
  patience?: number;
  /** Runner-specific extras (warmup, weight decay, …). */
  [name: string]: number | string | boolean | undefined;
}

/** What was asked for: the job spec as the user (or the command) gave it. */
export interface RunSpec {
  /** A Hugging Face pipeline tag or task name, e.g. "text-classification". */
  task: string;
  train: RunDataFile;
  validation?: RunDataFile;
  /** Base model id or local path, e.g. "distilbert-base-uncased". */
  base_model?: string;
  /** SHA-256 of the base model's ONNX graph, when the run recorded it (the builtin encoder head does). */
  base_model_sha256?: string;
  /** builtin, process or slurm (see src/core/training). */
  runner?: string;
  hyper_parameters: RunHyperParameters;
  /** Folder the trained model is written to, relative to the workspace root. */
  output_dir?: string;
}

/** `stopped` and `interrupted` come from the training run store (a user stop; a vanished process). */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'stopped' | 'interrupted';

/** One check of the pre-training gate (lint, integrity, representativeness). */
export interface GateCheck {
  /** A rule id (docs/rules) or a gate check name. */
  id: string;
  status: 'pass' | 'warn' | 'fail';
  message: string;
  /** Findings behind the check, when it counts some. */
  count?: number;
}

/** The gate that ran before training, and the human justification when it was overridden. */
export interface GateResult {
  passed: boolean;
  checks: GateCheck[];
  /** True when training went ahead although the gate failed. */
  overridden?: boolean;
  justification?: { text: string; by?: string; at?: string };
  /** Checks that could not run, as the gate said them. */
  notes?: string[];
}

export interface RunDevice {
  /** cpu, cuda, mps, … */
  kind: string;
  /** e.g. "NVIDIA H100 80GB HBM3". */
  name?: string;
  count?: number;
  memory_gb?: number;
}

export interface RunTimings {
  /** ISO 8601 times. */
  started_at?: string;
  finished_at?: string;
  duration_s?: number;
}

/** The whole record, as `run.json` holds it. */
export interface RunRecord {
  schema_version?: number;
  id: string;
  /** The run's name (train.json `name`), the card's model name when none is given. */
  name?: string;
  spec: RunSpec;
  status: RunStatus;
  git_commit?: string;
  /** Dataset path (as in the spec) → sha256 hex of its bytes when training started. */
  dataset_hashes: Record<string, string>;
  gate?: GateResult;
  device?: RunDevice;
  timings: RunTimings;
  /** Final metrics, e.g. { eval_accuracy: 0.91, eval_loss: 0.27 }. */
  metrics?: Record<string, number>;
}

/** A record read from disk plus what the reader had to overlook. */
export interface RunRecordRead {
  record: RunRecord;
  /** Missing or mistyped fields, each with its JSON path; the record is still usable. */
  warnings: string[];
}

/** A run.json that cannot be used at all (unreadable, not JSON, not an object). */
export class RunRecordError extends Error {}

/** `.responsible-ml/runs/<run-id>/run.json` under `root`. */
export function runRecordPath(root: string, runId: string): string {
  return join(root, RUNS_DIR, runId, 'run.json');
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** camelCase spellings an early writer may use, mapped to the contract's snake_case. */
const ALIASES: Record<string, string> = {
  schemaVersion: 'schema_version',
  gitCommit: 'git_commit',
  datasetHashes: 'dataset_hashes',
  baseModel: 'base_model',
  hyperParameters: 'hyper_parameters',
  hyperparameters: 'hyper_parameters',
  outputDir: 'output_dir',
  textField: 'text_field',
  labelField: 'label_field',
  sensitiveFields: 'sensitive_fields',
  learningRate: 'learning_rate',
  batchSize: 'batch_size',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  durationS: 'duration_s',
  memoryGb: 'memory_gb',
};

function normaliseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normaliseKeys);
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) out[ALIASES[k] ?? k] = normaliseKeys(x);
  return out;
}

/** Reads fields of one JSON object, noting mistyped ones instead of failing. */
class FieldReader {
  constructor(
    private readonly obj: Json,
    private readonly path: string,
    private readonly warnings: string[],
  ) {}

  private take<T>(key: string, ok: (v: unknown) => boolean, what: string): T | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (ok(v)) return v as T;
    this.warnings.push(`${this.path}${key}: expected ${what}, found ${JSON.stringify(v).slice(0, 40)}`);
    return undefined;
  }

  string(key: string): string | undefined {
    return this.take<string>(key, (v) => typeof v === 'string', 'a string');
  }
  number(key: string): number | undefined {
    return this.take<number>(key, (v) => typeof v === 'number' && Number.isFinite(v), 'a number');
  }
  boolean(key: string): boolean | undefined {
    return this.take<boolean>(key, (v) => typeof v === 'boolean', 'true or false');
  }
  strings(key: string): string[] | undefined {
    return this.take<string[]>(key, (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), 'a list of strings');
  }
  object(key: string): FieldReader | undefined {
    const o = this.take<Json>(key, isObject, 'an object');
    return o ? new FieldReader(o, `${this.path}${key}.`, this.warnings) : undefined;
  }
  array(key: string): FieldReader[] {
    const a = this.take<unknown[]>(key, Array.isArray, 'a list') ?? [];
    return a.flatMap((x, i) => {
      if (isObject(x)) return [new FieldReader(x, `${this.path}${key}[${i}].`, this.warnings)];
      this.warnings.push(`${this.path}${key}[${i}]: expected an object`);
      return [];
    });
  }
  /** Every entry whose value passes `ok` (others are noted). */
  record<T>(key: string, ok: (v: unknown) => boolean, what: string): Record<string, T> {
    const o = this.take<Json>(key, isObject, 'an object') ?? {};
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(o)) {
      if (ok(v)) out[k] = v as T;
      else this.warnings.push(`${this.path}${key}.${k}: expected ${what}`);
    }
    return out;
  }
  missing(key: string): void {
    this.warnings.push(`${this.path}${key}: missing`);
  }
  get raw(): Json {
    return this.obj;
  }
}

const STATUSES: RunStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'stopped', 'interrupted'];

function dataFile(r: FieldReader | undefined, required: boolean, name: string, parent: FieldReader): RunDataFile | undefined {
  if (!r) {
    if (required) parent.missing(name);
    return undefined;
  }
  const file = r.string('file');
  if (!file) r.missing('file');
  const out: RunDataFile = { file: file ?? '' };
  const text = r.string('text_field');
  const label = r.string('label_field');
  const sensitive = r.strings('sensitive_fields');
  if (text) out.text_field = text;
  if (label) out.label_field = label;
  if (sensitive) out.sensitive_fields = sensitive;
  return out;
}

/**
 * Turns parsed JSON into a RunRecord, keeping every usable field: unknown keys are ignored,
 * mistyped or missing ones become warnings (with their path), camelCase keys are accepted.
 * Records of the training run store (src/core/training/run-record.ts) are mapped field by field,
 * with absolute paths made relative to `options.root` when given.
 * Throws RunRecordError only when the value is not an object.
 */
export function parseRunRecord(value: unknown, fallbackId = '', options: { root?: string } = {}): RunRecordRead {
  if (isTrainingRunRecord(value)) return fromTrainingRecord(value, fallbackId, options.root);
  const normal = normaliseKeys(value);
  if (!isObject(normal)) throw new RunRecordError('a run record must be a JSON object');
  const warnings: string[] = [];
  const r = new FieldReader(normal, '', warnings);

  const specReader = r.object('spec');
  if (!specReader) r.missing('spec');
  const s = specReader ?? new FieldReader({}, 'spec.', warnings);
  const task = s.string('task');
  if (specReader && !task) s.missing('task');
  const hp = s.object('hyper_parameters');
  const hyper: RunHyperParameters = {};
  if (hp) {
    for (const [k, v] of Object.entries(hp.raw)) {
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') hyper[k] = v;
      else warnings.push(`spec.hyper_parameters.${k}: expected a number, string or boolean`);
    }
  }
  const spec: RunSpec = {
    task: task ?? '',
    train: dataFile(s.object('train'), specReader !== undefined, 'train', s) ?? { file: '' },
    hyper_parameters: hyper,
  };
  const validation = dataFile(s.object('validation'), false, 'validation', s);
  if (validation) spec.validation = validation;
  for (const key of ['base_model', 'base_model_sha256', 'runner', 'output_dir'] as const) {
    const v = s.string(key);
    if (v !== undefined) spec[key] = v;
  }

  const statusRaw = r.string('status');
  let status: RunStatus = 'failed';
  if (statusRaw && (STATUSES as string[]).includes(statusRaw)) status = statusRaw as RunStatus;
  else warnings.push(statusRaw ? `status: unknown status '${statusRaw}' (read as failed)` : 'status: missing (read as failed)');

  const id = r.string('id') ?? fallbackId;
  if (!r.string('id')) r.missing('id');
  const record: RunRecord = {
    id,
    spec,
    status,
    dataset_hashes: r.record<string>('dataset_hashes', (v) => typeof v === 'string' && /^[0-9a-f]{64}$/i.test(v), 'a sha256 hex string'),
    timings: {},
  };
  const schemaVersion = r.number('schema_version');
  if (schemaVersion !== undefined) record.schema_version = schemaVersion;
  const commit = r.string('git_commit');
  if (commit) record.git_commit = commit;

  const g = r.object('gate');
  if (g) {
    const checks: GateCheck[] = g.array('checks').flatMap((c) => {
      const cid = c.string('id');
      const st = c.string('status');
      if (!cid || !st || !['pass', 'warn', 'fail'].includes(st)) {
        c.missing(!cid ? 'id' : 'status');
        return [];
      }
      const check: GateCheck = { id: cid, status: st as GateCheck['status'], message: c.string('message') ?? '' };
      const count = c.number('count');
      if (count !== undefined) check.count = count;
      return [check];
    });
    const gate: GateResult = { passed: g.boolean('passed') ?? checks.every((c) => c.status !== 'fail'), checks };
    const overridden = g.boolean('overridden');
    if (overridden !== undefined) gate.overridden = overridden;
    const j = g.object('justification');
    const jText = j?.string('text');
    if (j && jText) {
      gate.justification = { text: jText };
      const by = j.string('by');
      const at = j.string('at');
      if (by) gate.justification.by = by;
      if (at) gate.justification.at = at;
    } else if (typeof g.raw.justification === 'string') {
      gate.justification = { text: g.raw.justification };
    }
    record.gate = gate;
  }

  const d = r.object('device');
  if (d) {
    const device: RunDevice = { kind: d.string('kind') ?? 'unknown' };
    const name = d.string('name');
    const count = d.number('count');
    const memory = d.number('memory_gb');
    if (name) device.name = name;
    if (count !== undefined) device.count = count;
    if (memory !== undefined) device.memory_gb = memory;
    record.device = device;
  }

  const t = r.object('timings');
  if (t) {
    const started = t.string('started_at');
    const finished = t.string('finished_at');
    let duration = t.number('duration_s');
    if (started) record.timings.started_at = started;
    if (finished) record.timings.finished_at = finished;
    // A writer that crashed before recording the duration still left both ends.
    if (duration === undefined && started && finished) {
      const ms = Date.parse(finished) - Date.parse(started);
      if (Number.isFinite(ms) && ms >= 0) duration = ms / 1000;
    }
    if (duration !== undefined) record.timings.duration_s = duration;
  }

  const metrics = r.record<number>('metrics', (v) => typeof v === 'number' && Number.isFinite(v), 'a number');
  if (Object.keys(metrics).length > 0) record.metrics = metrics;
  return { record, warnings };
}

/**
 * Reads `run.json`; throws RunRecordError naming the file when it cannot be read or parsed.
 * For a training-store record the final metrics come from the run's files as well (the exported
 * model's metrics.json, else metrics.jsonl).
 */
export function readRunRecord(file: string, fallbackId = '', options: { root?: string } = {}): RunRecordRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RunRecordError(`${file}: cannot read (${(err as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RunRecordError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  try {
    const read = parseRunRecord(value, fallbackId, options);
    if (isTrainingRunRecord(value)) addRunFileMetrics(read, value, dirname(file));
    return read;
  } catch (err) {
    throw new RunRecordError(`${file}: ${(err as Error).message}`);
  }
}
