import { dirname, relative, resolve } from 'node:path';
import { findConfigFile, loadConfigFile } from '../../core/config/load-config';
import type { ProjectConfig, SensitiveAttributeSpec } from '../../core/config/project-config';
import { SEVERITY_RANK } from '../../core/lint/finding';
import { attributeAnchors } from '../../core/profile/attribute-anchors';
import { checkBinEdges } from '../../core/profile/bin-labels';
import { profileFormatOf } from '../../core/profile/dataset-source';
import { profileDataset, ProfileInputError } from '../../core/profile/profile-dataset';
import { checkIntegrity } from '../../core/lint/integrity/check-integrity';
import { applyRuleSeverities } from '../../core/lint/rule-severity';
import { profileFindings } from '../../core/profile/profile-findings';
import { renderProfileMarkdown } from '../../core/profile/profile-markdown';
import { ProfileSpecError, type ProfileOverrides } from '../../core/profile/profile-spec';
import { loadReferenceJson } from '../../core/profile/reference-population';
import { resolveDatasetSpec } from '../../core/profile/resolve-dataset-spec';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Subcommand } from '../cli-types';
import { parseFormat, writeOutput } from '../output';

function parseInteger(value: unknown, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min} (got '${String(value)}')`);
  return n;
}

/** `--sensitive age:18,30,45,65` → a binned attribute; `--sensitive race` → a plain one. */
function parseSensitive(arg: string): SensitiveAttributeSpec {
  const m = /^(.+):(-?[\d.]+(?:,-?[\d.]+)*)$/.exec(arg);
  if (!m) return arg;
  const bins = m[2]!.split(',').map(Number);
  const problem = checkBinEdges(bins);
  if (problem) throw new UsageError(`--sensitive ${arg}: ${problem}`);
  return { column: m[1]!, bins };
}

/** `rml profile <file>`: group shares per sensitive attribute against a reference population. */
export const profileCommand: Subcommand = {
  name: 'profile',
  summary: 'Profile who is in a dataset: group shares, intersections and label rates against a reference population',
  usage: 'rml profile <file> [--config f] [--sensitive col …] [--label col] [--reference ref.json] [--bootstrap N] [--seed s] [--format json|md]',
  options: {
    'no-integrity': { type: 'boolean' },
    config: { type: 'string', short: 'c' },
    sensitive: { type: 'string', short: 's', multiple: true },
    intersect: { type: 'string', multiple: true },
    label: { type: 'string', short: 'l' },
    'positive-label': { type: 'string' },
    reference: { type: 'string', short: 'r' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
  },
  optionHelp: {
    config: 'responsible-ml.config.json to use (default: nearest one from the current folder up); its datasets[] entry matching the file gives attributes, label, references and thresholds',
    sensitive: 'a sensitive column or JSON path (meta.gender); bin numbers with col:18,30,45,65; repeatable; adds to the config',
    intersect: 'attributes to cross, comma-separated (race,sex); repeatable (default: every pair)',
    label: 'the label column (label rates per group)',
    'positive-label': 'the positive label value (default: 1/true/yes, else the rarer of two values)',
    reference: 'JSON mapping attribute → {value: proportion} (or → {source, proportions}); overrides the config',
    bootstrap: 'bootstrap resamples for the intervals (default from config or 1000; 0 = none)',
    seed: 'bootstrap seed (default from config or 42)',
    format: 'json (default; the DatasetProfile) or md (readable tables)',
    'no-integrity': 'skip the integrity checks (duplicates, conflicting labels, leakage, missing fields, column types)',
    'fail-on': 'exit 1 when a finding at or above this severity exists: error (default from config), warning, info, hint',
  },
  details:
    'Formats: .csv, .tsv, .jsonl/.ndjson, .parquet (read with DuckDB).\n' +
    'Profile findings (reference-mismatch, under-represented-group, small-group, group-imbalance, label-rate-gap)\n' +
    'are warnings or info, so the exit code is 0 unless --fail-on warning (or the config\'s failOn) says otherwise.',
  async run({ values, positionals, io }) {
    const format = parseFormat(values.format, ['json', 'md'] as const);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give one dataset file to profile' : `give one file (got ${positionals.length})`);
    const display = positionals[0]!;
    const file = resolve(io.cwd, display);
    const fileFormat = profileFormatOf(file);
    if (!fileFormat) throw new UsageError(`${display}: cannot profile this file type (use .csv, .tsv, .jsonl, .ndjson or .parquet)`);
    const failOnArg = values['fail-on'] === undefined ? undefined : parseFormat(values['fail-on'], ['error', 'warning', 'info', 'hint'] as const);

    const configPath = values.config ? resolve(io.cwd, String(values.config)) : findConfigFile(io.cwd);
    const config: ProjectConfig | undefined = configPath ? loadConfigFile(configPath) : undefined;
    const configDir = configPath ? dirname(configPath) : io.cwd;
    const dataset = resolveDatasetSpec(config, file, configDir);

    const resamples = parseInteger(values.bootstrap, 'bootstrap', 0);
    const seed = parseInteger(values.seed, 'seed', 0);
    const overrides: ProfileOverrides = {
      sensitive: ((values.sensitive as string[] | undefined) ?? []).map(parseSensitive),
      ...(values.label !== undefined ? { label: String(values.label) } : {}),
      ...(values['positive-label'] !== undefined ? { positiveLabel: String(values['positive-label']) } : {}),
      ...(values.intersect ? { intersections: (values.intersect as string[]).map((s) => s.split(',').map((x) => x.trim())) } : {}),
      bootstrap: { ...(resamples !== undefined ? { resamples } : {}), ...(seed !== undefined ? { seed } : {}) },
    };
    try {
      if (values.reference !== undefined) overrides.reference = loadReferenceJson(resolve(io.cwd, String(values.reference)));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const hasAttributes = (dataset?.sensitive?.length ?? 0) > 0 || overrides.sensitive!.length > 0 || Object.keys(dataset?.reference ?? {}).length > 0 || Object.keys(overrides.reference ?? {}).length > 0;
    if (!hasAttributes) {
      throw new UsageError(
        `${display}: no sensitive attributes to profile; pass --sensitive <column> (or --reference ref.json), or list them in datasets[].sensitive of ${configPath ?? 'responsible-ml.config.json'}`,
      );
    }

    let profile;
    try {
      profile = await profileDataset(file, dataset, { configDir, ...(config?.bootstrap ? { bootstrap: config.bootstrap } : {}), overrides });
    } catch (err) {
      if (err instanceof ProfileInputError || err instanceof ProfileSpecError) throw new UsageError(err.message.replace(file, display));
      throw err;
    }
    profile.file = display;
    const findings = profileFindings(profile, dataset, await attributeAnchors(file, fileFormat));
    if (!values['no-integrity']) {
      // Duplicates, conflicting labels, leakage into other splits, missing fields, column types.
      const spec = { ...(dataset ?? { files: display }), ...(overrides.label ? { labelField: overrides.label } : {}) };
      const integrity = await checkIntegrity(file, spec, { configDir });
      profile.integrity = integrity.report;
      findings.push(...integrity.findings.map((f) => ({ ...f, related: f.related?.map((r) => ({ ...r, path: relative(io.cwd, r.path) || r.path })) })));
    }

    const shown = applyRuleSeverities(findings, config?.rules);
    if (format === 'json') {
      // JSON has no Infinity: an infinite KL or χ² (a group the reference gives 0%) prints as null.
      writeOutput(io, JSON.stringify(profile, null, 2));
      for (const f of shown) io.stderr(`${profile.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.message}`);
    } else {
      writeOutput(io, renderProfileMarkdown(profile, shown));
    }
    const threshold = SEVERITY_RANK[failOnArg ?? config?.failOn ?? 'error'];
    return shown.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
  },
};
