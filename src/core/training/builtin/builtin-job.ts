/** What the builtin trainers (fastText-style, encoder head) receive, how they report, and how they end. */
import type { MetricPoint } from '../metric-point';
import type { BaseEncoderInfo } from './base-encoder';
import type { BuiltinModelOptions, Hyperparameters } from '../train-spec';
import type { GroupAttribute } from './read-examples';

/** Where the encoder head's inference engine looks for models (plain data: it crosses into the worker). */
export interface TrainerEngineOptions {
  /** Hub ids may be downloaded (responsibleMl.models.allowDownload); off: local folders and the cache only. */
  allowDownload?: boolean;
  cacheDir?: string;
  /** Folders whose subfolders are models by name (the shipped models/). */
  searchPaths?: string[];
  device?: 'auto' | 'cpu' | 'cuda';
  gpuRoot?: string;
  /** ONNX Runtime threads; unset = its own choice. */
  threads?: number;
}

export interface BuiltinTrainJob {
  runId: string;
  train: string;
  validation?: string;
  textField: string;
  labelField: string;
  groups: GroupAttribute[];
  hyperparameters: Hyperparameters;
  model: BuiltinModelOptions;
  outputDir: string;
  producerVersion: string;
  /** The encoder of the encoder head: a model folder, a shipped model name, or a hub id. */
  baseModel?: string;
  /** The spec's folder: a relative baseModel resolves from here. */
  baseDir?: string;
  engine?: TrainerEngineOptions;
  /** The encoder as the runner resolved and hashed it (saves the trainer doing it again). */
  base?: BaseEncoderInfo;
}

/** How the trainer reports and is stopped. */
export interface TrainerHooks {
  log(line: string): void;
  metrics(points: MetricPoint[]): void;
  artifact(path: string, kind: string): void;
  shouldStop(): boolean;
}

export interface TrainOutcome {
  status: 'succeeded' | 'stopped';
  detail?: string;
  bestEpoch?: number;
  /** Examples per second of the training steps (embedding excluded). */
  examplesPerSecond?: number;
  /** Encoder head: seconds spent embedding the texts. */
  embeddingSeconds?: number;
}
