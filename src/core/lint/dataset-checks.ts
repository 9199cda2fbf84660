import type { DatasetSpec, ProjectConfig } from '../config/project-config';
import type { Finding } from './finding';
import { checkIntegrity } from './integrity/check-integrity';
import { applyRuleSeverities } from './rule-severity';

/** What the editor asks for a dataset file that a `datasets[]` entry covers. */
export interface DatasetCheckRequest {
  file: string;
  spec: DatasetSpec;
  configDir: string;
  bootstrap?: ProjectConfig['bootstrap'];
  rules?: ProjectConfig['rules'];
  signal?: AbortSignal;
}

/**
 * Dataset-level findings of a file from disk: integrity (duplicates, conflicts, leakage, missing
 * fields, types) and, when sensitive attributes are configured, representativeness.
 */
export async function runDatasetChecks(req: DatasetCheckRequest): Promise<Finding[]> {
  const { findings } = await checkIntegrity(req.file, req.spec, { configDir: req.configDir, ...(req.signal ? { signal: req.signal } : {}) });
  const out = [...findings];
  if (req.spec.sensitive && req.spec.sensitive.length > 0) {
    // DuckDB loads only when a dataset has sensitive attributes to profile.
    const { profileFindingsForFile } = await import('../profile/profile-findings-for-file');
    out.push(...(await profileFindingsForFile(req)));
  }
  return applyRuleSeverities(out, req.rules);
}
