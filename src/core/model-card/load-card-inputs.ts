import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { ProjectConfig } from '../config/project-config';
import type { FairnessReport } from '../fairness/fairness-types';
import type { LintReport } from '../lint/report/lint-report';
import type { DatasetProfile } from '../profile/profile-types';
import { readRunRecord, runRecordPath } from './card-run-record';
import type { CardInputPaths } from './card-input-paths';
import type { CardInputs } from './card-types';

export type { CardInputPaths } from './card-input-paths';

/** An input file that cannot be used: the message names the file. */
export class CardInputError extends Error {}


/** Reads a JSON input; a clear CardInputError names the file when it is unreadable or of the wrong kind. */
export function readInputJson<T>(file: string, what: string, check: (v: Record<string, unknown>) => boolean): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CardInputError(`${file}: cannot read the ${what} (${(err as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CardInputError(`${file}: the ${what} is not valid JSON (${(err as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !check(value as Record<string, unknown>)) {
    throw new CardInputError(`${file}: does not look like a ${what}`);
  }
  return value as T;
}

/**
 * Reads every input the user named for a model card. `root` is where `.responsible-ml/runs`
 * lives (the project root); `outDir` is the folder the card goes to (How to Use paths are
 * relative to it). Run-record fields the reader had to skip come back as warnings.
 */
export function loadCardInputs(paths: CardInputPaths, opts: { cwd: string; root: string; outDir: string; config?: ProjectConfig }): { inputs: CardInputs; warnings: string[] } {
  const warnings: string[] = [];
  const inputs: CardInputs = {};
  if (paths.run) {
    const asFile = resolve(opts.cwd, paths.run);
    const file = paths.run.endsWith('.json') && existsSync(asFile) ? asFile : runRecordPath(opts.root, paths.run);
    if (!existsSync(file)) throw new CardInputError(`no run record for '${paths.run}' (looked for ${file})`);
    try {
      const read = readRunRecord(file, paths.run, { root: opts.root });
      inputs.run = read.record;
      warnings.push(...read.warnings.map((w) => `${file}: ${w}`));
    } catch (err) {
      throw new CardInputError((err as Error).message);
    }
  }
  if (paths.model) {
    const dir = resolve(opts.cwd, paths.model);
    try {
      inputs.modelFiles = readdirSync(dir);
    } catch (err) {
      throw new CardInputError(`${dir}: cannot list the model folder (${(err as Error).message})`);
    }
    inputs.modelDir = relative(opts.outDir, dir).split('\\').join('/') || '.';
  } else if (inputs.run?.spec.output_dir) {
    const dir = resolve(opts.root, inputs.run.spec.output_dir);
    inputs.modelDir = relative(opts.outDir, dir).split('\\').join('/') || '.';
    if (existsSync(dir)) inputs.modelFiles = readdirSync(dir);
  }
  if (paths.fairness) {
    inputs.fairness = readInputJson<FairnessReport>(resolve(opts.cwd, paths.fairness), 'fairness report', (v) => typeof v.analyses === 'object' && typeof v.rows === 'number');
  }
  if (paths.profile) {
    inputs.profile = readInputJson<DatasetProfile>(resolve(opts.cwd, paths.profile), 'dataset profile (rml profile --format json)', (v) => typeof v.attributes === 'object' && typeof v.rows === 'number');
  }
  if (paths.lintReport) {
    inputs.lintReport = readInputJson<LintReport>(resolve(opts.cwd, paths.lintReport), 'lint report (rml lint --format json)', (v) => Array.isArray(v.files) && typeof v.summary === 'object');
  }
  if (paths.name) inputs.modelName = paths.name;
  if (paths.license) inputs.license = paths.license;
  if (paths.language?.length) inputs.language = paths.language;
  const thresholds = opts.config?.modelCard?.fairnessThresholds;
  if (thresholds) inputs.thresholds = thresholds;
  return { inputs, warnings };
}
