import type { DatasetFormat } from '../core/dataset/format';
import type { DatasetSpec, ProjectConfig } from '../core/config/project-config';
import type { LintEdit } from '../core/lint/lint-session';
import type { Finding } from '../core/lint/finding';
import type { LintOptions } from '../core/lint/lint-options';
import type { FileFormat } from '../core/dataset/file-format';
import type { Device, DeviceSetting } from '../core/inference/inference-types';

/** The NER model the lint worker runs for PERSON/LOCATION/ORGANIZATION (trusted workspaces only). */
export interface NerLintOptions {
  /** The model folder (the extension's models/pii-ner). */
  model: string;
  device: DeviceSetting;
  gpuRoot?: string;
  batchSize?: number;
}

/** Lint options that can cross a thread boundary (the suppression check becomes data). */
export interface WorkerLintOptions extends Omit<LintOptions, 'isSuppressed'> {
  /** Baseline fingerprints and the salt they were made with. */
  baseline?: { salt: string; hashes: string[] };
  /** Run the NER model too (absent in Restricted Mode or when turned off). */
  ner?: NerLintOptions;
}

/** Main thread → lint worker. */
export type LintWorkerRequest =
  | { type: 'open'; uri: string; version: number; format: DatasetFormat; text: string; options: WorkerLintOptions }
  | { type: 'edit'; uri: string; version: number; edits: LintEdit[]; text?: string }
  | { type: 'close'; uri: string }
  | { type: 'lintFile'; id: number; path: string; format: FileFormat; options: WorkerLintOptions }
  | { type: 'cancel'; id: number }
  /** Stop runs, release the NER model, then answer shutdownDone (terminating during a model run aborts the process). */
  | { type: 'shutdown' }
  | { type: 'datasetChecks'; id: number; file: string; spec: DatasetSpec; configDir: string; bootstrap?: ProjectConfig['bootstrap']; rules?: ProjectConfig['rules'] };

/** Lint worker → main thread. */
export type LintWorkerResponse =
  | { type: 'documentResult'; uri: string; version: number; findings: Finding[]; total: number; records: number; ms: number; models?: boolean }
  | { type: 'fileProgress'; id: number; bytesRead: number; totalBytes: number }
  | { type: 'fileResult'; id: number; findings: Finding[]; total: number; records: number }
  | { type: 'datasetChecksResult'; id: number; findings: Finding[] }
  | { type: 'error'; uri?: string; id?: number; message: string }
  /** The device the NER model runs on, or a message for the user (the CUDA fallback). */
  | { type: 'modelStatus'; device?: Device; message?: string }
  | { type: 'shutdownDone' };
