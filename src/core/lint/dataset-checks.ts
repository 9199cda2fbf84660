import type { DatasetSpec, ProjectConfig } from '../config/project-config';
import type { Finding } from './finding';
import { checkIntegrity } from './integrity/check-integrity';

/** What the editor asks for a dataset file that a `datasets[]` entry covers. */
export interface DatasetCheckRequest {
  file: string;
  spec: DatasetSpec;
  configDir: string;
  bootstrap?: ProjectConfig['bootstrap'];
  signal?: AbortSignal;
}

/**
 * Dataset-level findings of a file from disk: integrity (duplicates, conflicts, leakage, missing
 * fields, types).
 */
export async function runDatasetChecks(req: DatasetCheckRequest): Promise<Finding[]> {
  const { findings } = await checkIntegrity(req.file, req.spec, { configDir: req.configDir, ...(req.signal ? { signal: req.signal } : {}) });
  return findings;
}
