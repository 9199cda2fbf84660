/**
 * The fine-tuning spec (`train.json`, schemas/train.schema.json) and its resolved form with
 * defaults applied and paths made absolute.
 */
import { basename, isAbsolute, resolve } from 'node:path';

export type RunnerKind = 'builtin' | 'process' | 'slurm';
export const RUNNER_KINDS: readonly RunnerKind[] = ['builtin', 'process', 'slurm'];

export interface Hyperparameters {
  epochs: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  /** Epochs without a better validation loss before stopping; 0 = off. */
  earlyStoppingPatience: number;
}

export interface SlurmResources {
  partition?: string;
  time?: string;
  cpus?: number;
  gpus?: number;
  memory?: string;
  nodes?: number;
  account?: string;
  qos?: string;
  setup?: string[];
  extraDirectives?: string[];
}

/** fasttext: trained from scratch; encoder-head: a classifier on frozen embeddings of `baseModel`. */
export type BuiltinModelKind = 'fasttext' | 'encoder-head';

export interface BuiltinModelOptions {
  model: BuiltinModelKind;
  /** fasttext: embedding size. */
  dim: number;
  buckets: number;
  wordNgrams: number;
  /** [shortest, longest] character n-gram; [0, 0] = none. */
  charNgrams: [number, number];
  /** encoder-head: units of one hidden ReLU layer; 0 or unset = a softmax (linear) head. */
  hiddenUnits?: number;
}

/** A train.json as written by the user (every optional field may be missing). */
export interface TrainSpec {
  $schema?: string;
  name?: string;
  task: 'text-classification';
  data: { train: string; validation?: string; textField?: string; labelField?: string; sensitiveFields?: string[] };
  baseModel?: string;
  runner?: RunnerKind;
  hyperparameters?: Partial<Hyperparameters>;
  output?: string;
  command?: string | string[];
  cwd?: string;
  env?: Record<string, string>;
  metrics?: { trainerState?: boolean; tensorboardDir?: string };
  slurm?: SlurmResources;
  builtin?: Partial<BuiltinModelOptions>;
}

/** A spec with defaults filled in and every path absolute; what runners receive. */
export interface ResolvedTrainSpec {
  name: string;
  task: 'text-classification';
  data: { train: string; validation?: string; textField: string; labelField: string; sensitiveFields: string[] };
  baseModel?: string;
  runner: RunnerKind;
  hyperparameters: Hyperparameters;
  /** Absolute; undefined means the run's artifacts/ folder. */
  output?: string;
  command?: string | string[];
  cwd: string;
  env: Record<string, string>;
  metrics: { trainerState: boolean; tensorboardDir?: string };
  slurm: SlurmResources;
  builtin: BuiltinModelOptions;
  /** The folder relative paths were resolved against (the spec file's). */
  baseDir: string;
}

export const DEFAULT_HYPERPARAMETERS: Hyperparameters = { epochs: 5, learningRate: 0.01, batchSize: 32, seed: 42, earlyStoppingPatience: 2 };
export const DEFAULT_BUILTIN: BuiltinModelOptions = { model: 'fasttext', dim: 32, buckets: 262_144, wordNgrams: 2, charNgrams: [3, 5] };

/** A spec that is valid JSON for the schema but cannot run as written (e.g. a process run without a command). */
export class TrainSpecError extends Error {}

/** True for a local path ("./m", "/abs", "C:\\m", "models/x" that exists is decided by the caller); hub ids look like "org/name". */
function looksLocal(model: string): boolean {
  return model.startsWith('.') || isAbsolute(model) || model.startsWith('~');
}

/** Applies defaults and resolves paths against `baseDir`; `runnerOverride` is `--runner`. */
export function resolveTrainSpec(spec: TrainSpec, baseDir: string, options: { specFile?: string; runnerOverride?: RunnerKind } = {}): ResolvedTrainSpec {
  const runner = options.runnerOverride ?? spec.runner ?? 'builtin';
  const abs = (p: string) => resolve(baseDir, p);
  if ((runner === 'process' || runner === 'slurm') && spec.command === undefined) {
    throw new TrainSpecError(`the ${runner} runner needs a "command" (e.g. "python train.py")`);
  }
  const name = spec.name ?? (options.specFile ? basename(options.specFile).replace(/(\.train)?\.json$/i, '').replace(/[^A-Za-z0-9._-]/g, '-') : 'run');
  // A builtin run with a base model and no builtin model named means a head on that encoder: the
  // fastText model trains from scratch and would silently ignore it.
  const model = spec.builtin?.model ?? (runner === 'builtin' && spec.baseModel !== undefined ? 'encoder-head' : DEFAULT_BUILTIN.model);
  const builtin = { ...DEFAULT_BUILTIN, ...spec.builtin, model };
  if (runner === 'builtin' && builtin.model === 'encoder-head' && spec.baseModel === undefined) {
    throw new TrainSpecError('builtin.model "encoder-head" needs a "baseModel": a local encoder folder (e.g. "pii-ner-encoder", shipped) or a hub id');
  }
  if (builtin.charNgrams[0] > builtin.charNgrams[1]) throw new TrainSpecError(`builtin.charNgrams: the shortest n-gram (${builtin.charNgrams[0]}) is longer than the longest (${builtin.charNgrams[1]})`);
  return {
    name: name || 'run',
    task: spec.task,
    data: {
      train: abs(spec.data.train),
      ...(spec.data.validation !== undefined ? { validation: abs(spec.data.validation) } : {}),
      textField: spec.data.textField ?? 'text',
      labelField: spec.data.labelField ?? 'label',
      sensitiveFields: [...(spec.data.sensitiveFields ?? [])],
    },
    ...(spec.baseModel !== undefined ? { baseModel: looksLocal(spec.baseModel) ? abs(spec.baseModel) : spec.baseModel } : {}),
    runner,
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, ...spec.hyperparameters },
    ...(spec.output !== undefined ? { output: abs(spec.output) } : {}),
    ...(spec.command !== undefined ? { command: spec.command } : {}),
    cwd: spec.cwd !== undefined ? abs(spec.cwd) : baseDir,
    env: { ...spec.env },
    metrics: { trainerState: spec.metrics?.trainerState ?? true, ...(spec.metrics?.tensorboardDir ? { tensorboardDir: abs(spec.metrics.tensorboardDir) } : {}) },
    slurm: { ...spec.slurm },
    builtin,
    baseDir,
  };
}
