/** What a model does with text, named as on the Hugging Face Hub. */
export type InferenceTask = 'text-classification' | 'token-classification' | 'feature-extraction';

export const INFERENCE_TASKS: readonly InferenceTask[] = ['text-classification', 'token-classification', 'feature-extraction'];

/** The device setting (responsibleMl.inference.device, `--device`). */
export type DeviceSetting = 'auto' | 'cpu' | 'cuda';
/** The device a model actually runs on. */
export type Device = 'cpu' | 'cuda';

/** One label of a text-classification result. */
export interface ClassLabel {
  label: string;
  score: number;
}

/** Text classification: the best label, and every label's score. */
export interface TextClassification {
  label: string;
  score: number;
  scores: ClassLabel[];
}

/** An entity found by a token-classification model; offsets are UTF-16 indices into the input. */
export interface TokenEntity {
  /** The label without its B-/I- prefix (PER, LOC, ...). */
  entity: string;
  score: number;
  start: number;
  end: number;
}

/** Feature extraction: one pooled vector per input. */
export type Embedding = number[];

export type InferenceResult = TextClassification | TokenEntity[] | Embedding;

/** How token vectors become one vector per input. */
export type Pooling = 'mean' | 'cls' | 'none';

/** One inference request: a model (folder or hub id), a task and the texts. */
export interface InferenceRequest {
  /** An absolute folder, or a Hugging Face Hub id (`owner/name`). */
  model: string;
  task?: InferenceTask;
  inputs: readonly string[];
  /** Inputs per model call; default 16. */
  batchSize?: number;
  /** feature-extraction: pooling (default mean) and L2 normalisation (default true). */
  pooling?: Pooling;
  normalize?: boolean;
  /** token-classification: 'first' (default) labels whole words by their first piece; 'simple' groups pieces. */
  aggregation?: 'simple' | 'first';
}

/** Progress of a request: inputs done out of all. */
export interface InferenceProgress {
  done: number;
  total: number;
}

/** What the engine knows about a loaded model. */
export interface LoadedModelInfo {
  model: string;
  task: InferenceTask;
  device: Device;
  /** Callers currently using it. */
  users: number;
  loadedAt: number;
  lastUsed: number;
}

/** Thrown when a run is cancelled between batches. */
export class InferenceCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'InferenceCancelled';
  }
}
