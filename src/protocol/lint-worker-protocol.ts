import type { DatasetFormat } from '../core/dataset/format';
import type { DatasetSpec, ProjectConfig } from '../core/config/project-config';
import type { LintEdit } from '../core/lint/lint-session';
import type { Finding } from '../core/lint/finding';
import type { LintOptions } from '../core/lint/lint-options';
import type { FileFormat } from '../core/dataset/file-format';

/** Lint options that can cross a thread boundary (the suppression check becomes data). */
export interface WorkerLintOptions extends Omit<LintOptions, 'isSuppressed'> {
  /** Baseline fingerprints and the salt they were made with. */
  baseline?: { salt: string; hashes: string[] };
}

/** Main thread → lint worker. */
export type LintWorkerRequest =
  | { type: 'open'; uri: string; version: number; format: DatasetFormat; text: string; options: WorkerLintOptions }
  | { type: 'edit'; uri: string; version: number; edits: LintEdit[]; text?: string }
  | { type: 'close'; uri: string }
  | { type: 'lintFile'; id: number; path: string; format: FileFormat; options: WorkerLintOptions }
  | { type: 'cancel'; id: number }
  | { type: 'datasetChecks'; id: number; file: string; spec: DatasetSpec; configDir: string; bootstrap?: ProjectConfig['bootstrap']; rules?: ProjectConfig['rules'] };

/** Lint worker → main thread. */
export type LintWorkerResponse =
  | { type: 'documentResult'; uri: string; version: number; findings: Finding[]; total: number; records: number; ms: number }
  | { type: 'fileProgress'; id: number; bytesRead: number; totalBytes: number }
  | { type: 'fileResult'; id: number; findings: Finding[]; total: number; records: number }
  | { type: 'datasetChecksResult'; id: number; findings: Finding[] }
  | { type: 'error'; uri?: string; id?: number; message: string };
