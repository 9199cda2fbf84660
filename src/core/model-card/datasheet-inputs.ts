import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { ProjectConfig } from '../config/project-config';
import { formatFromPath } from '../dataset/format';
import { fileFormatFromPath } from '../dataset/file-format';
import { checkIntegrity } from '../lint/integrity/check-integrity';
import { lintFile } from '../lint/lint-file';
import { resolveLintOptions } from '../lint/lint-options';
import { createDefaultRegistry } from '../lint/pii/registry';
import { buildLintReport } from '../lint/report/lint-report';
import { profileDataset } from '../profile/profile-dataset';
import { resolveDatasetSpec } from '../profile/resolve-dataset-spec';
import type { DatasheetInputs } from './datasheet';

/** sha256 hex of a file's bytes, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Gathers what a datasheet is prefilled from, for one dataset file: its hash and size, the
 * profile (when the config names sensitive attributes for it) or else the integrity checks, and
 * a PII scan. `given` carries what the caller already has (a profile or lint report from JSON);
 * those steps are skipped. `version` is written into the lint report.
 */
export async function collectDatasheetInputs(
  file: string,
  display: string,
  opts: { config?: ProjectConfig; configDir: string; version: string; given?: Pick<DatasheetInputs, 'profile' | 'lintReport'>; signal?: AbortSignal },
): Promise<DatasheetInputs> {
  const inputs: DatasheetInputs = { file: display, bytes: statSync(file).size, sha256: await sha256File(file), ...(opts.given ?? {}) };
  const spec = resolveDatasetSpec(opts.config, file, opts.configDir);
  if (!inputs.profile) {
    if (spec?.sensitive?.length) {
      const profile = await profileDataset(file, spec, { configDir: opts.configDir, ...(opts.config?.bootstrap ? { bootstrap: opts.config.bootstrap } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
      profile.file = display;
      profile.integrity = (await checkIntegrity(file, spec, { configDir: opts.configDir })).report;
      inputs.profile = profile;
    } else {
      inputs.integrity = (await checkIntegrity(file, spec ?? { files: display }, { configDir: opts.configDir })).report;
    }
  }
  if (!inputs.lintReport) {
    const format = fileFormatFromPath(file, formatFromPath(file));
    if (format) {
      const options = resolveLintOptions(opts.config, {});
      const result = await lintFile(file, format, options, createDefaultRegistry({ phoneRegions: options.phoneRegions }), opts.signal ? { signal: opts.signal } : {});
      inputs.lintReport = buildLintReport([{ ...result, path: display }], opts.version);
    }
  }
  return inputs;
}
