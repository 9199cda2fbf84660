/**
 * The responsible gate before a training run: PII lint of the train and validation files,
 * integrity checks (duplicates, conflicting labels, train/validation leakage, missing fields)
 * and the representativeness profile of the training split against the configured reference.
 * Findings at severity `error` (after the config's `rules`) block the run unless the user gives
 * a justification, which is stored in the run record and printed in the model card.
 */
import { relative } from 'node:path';
import type { DatasetSpec, ProjectConfig, SensitiveAttributeSpec } from '../config/project-config';
import { fileFormatFromPath } from '../dataset/file-format';
import { formatFromPath } from '../dataset/format';
import type { Finding } from '../lint/finding';
import { checkIntegrity } from '../lint/integrity/check-integrity';
import { lintFile } from '../lint/lint-file';
import { resolveLintOptions } from '../lint/lint-options';
import { createDefaultRegistry } from '../lint/pii/registry';
import { applyRuleSeverities } from '../lint/rule-severity';
import { attributeAnchors } from '../profile/attribute-anchors';
import { profileFormatOf } from '../profile/dataset-source';
import { profileDataset } from '../profile/profile-dataset';
import { profileFindings } from '../profile/profile-findings';
import { resolveDatasetSpec } from '../profile/resolve-dataset-spec';
import type { GateIssue, GateResult } from './run-record';
import type { ResolvedTrainSpec } from './train-spec';

export interface GateOptions {
  config?: ProjectConfig;
  /** Folder of responsible-ml.config.json (references and globs are relative to it); default: the spec's folder. */
  configDir?: string;
  /** File names in issues are shown relative to this folder (default: configDir). */
  displayDir?: string;
  signal?: AbortSignal;
  /** Called before each check with a short description, for progress. */
  onProgress?: (message: string) => void;
}

/** Config sensitive entries for the spec's fields (bins and display names kept), else the config's own list. */
function sensitiveAttributes(spec: ResolvedTrainSpec, dataset: DatasetSpec | undefined): SensitiveAttributeSpec[] {
  const configured = dataset?.sensitive ?? [];
  if (spec.data.sensitiveFields.length === 0) return configured;
  return spec.data.sensitiveFields.map((field) => configured.find((c) => (typeof c === 'string' ? c : c.column) === field) ?? field);
}

/** One issue per rule and file for PII (a file with 500 emails is one line, with the count); each other finding on its own. */
function summarise(findings: Finding[], file: string, check: GateIssue['check']): GateIssue[] {
  const groups = new Map<string, GateIssue>();
  const out: GateIssue[] = [];
  for (const f of findings) {
    if (f.ruleId === 'too-many-problems') continue;
    const issue: GateIssue = { severity: f.severity, ruleId: f.ruleId, check, file, line: f.line, column: f.column, message: f.message, count: f.count ?? 1 };
    if (check !== 'pii') {
      out.push(issue);
      continue;
    }
    const key = `${f.ruleId}:${f.severity}`;
    const first = groups.get(key);
    if (first) first.count += f.count ?? 1;
    else {
      groups.set(key, issue);
      out.push(issue);
    }
  }
  for (const issue of groups.values()) if (issue.count > 1) issue.message = `${issue.message} (${issue.count} values in this file; first shown)`;
  return out;
}

/** Runs the gate's checks on the spec's data; never throws for findings, only for unusable input. */
export async function runGate(spec: ResolvedTrainSpec, options: GateOptions = {}): Promise<GateResult> {
  const configDir = options.configDir ?? spec.baseDir;
  const shown = (p: string) => relative(options.displayDir ?? configDir, p) || p;
  const config = options.config;
  const issues: GateIssue[] = [];
  const notes: string[] = [];
  const files = [spec.data.train, ...(spec.data.validation ? [spec.data.validation] : [])];

  // PII: every field of both files (PII in any field is in the training data), masked messages only.
  const lintOptions = resolveLintOptions(config);
  const registry = createDefaultRegistry({ phoneRegions: lintOptions.phoneRegions });
  for (const file of files) {
    const format = fileFormatFromPath(file, formatFromPath(file));
    if (!format) throw new Error(`${file}: unsupported data file type (use .jsonl, .csv or .tsv)`);
    options.onProgress?.(`PII scan of ${shown(file)}`);
    const result = await lintFile(file, format, lintOptions, registry, options.signal ? { signal: options.signal } : {});
    issues.push(...summarise(result.findings, shown(file), 'pii'));
  }

  // Integrity, with the validation file as the other split so train/validation leakage is found.
  const dataset = resolveDatasetSpec(config, spec.data.train, configDir);
  const integritySpec: DatasetSpec = {
    ...dataset,
    files: spec.data.train,
    textFields: [spec.data.textField],
    labelField: spec.data.labelField,
    requiredFields: dataset?.requiredFields ?? [spec.data.textField, spec.data.labelField],
    ...(spec.data.validation ? { splits: { train: spec.data.train, validation: spec.data.validation } } : { splits: {} }),
  };
  for (const file of files) {
    options.onProgress?.(`integrity checks of ${shown(file)}`);
    const r = await checkIntegrity(file, integritySpec, { configDir, listFiles: async (p) => [p], ...(options.signal ? { signal: options.signal } : {}) });
    // Leakage is reported once, from the training side.
    const findings = file === spec.data.train ? r.findings : r.findings.filter((f) => f.ruleId !== 'split-leakage');
    issues.push(...summarise(applyRuleSeverities(findings, config?.rules), shown(file), 'integrity'));
  }

  // Representativeness of the training split.
  const sensitive = sensitiveAttributes(spec, dataset);
  const format = profileFormatOf(spec.data.train);
  if (sensitive.length === 0) {
    notes.push('No sensitive fields in the spec (data.sensitiveFields) or the config: representativeness was not checked.');
  } else if (!format) {
    notes.push(`${shown(spec.data.train)}: this file type cannot be profiled; representativeness was not checked.`);
  } else {
    options.onProgress?.(`representativeness profile of ${shown(spec.data.train)}`);
    const profileSpec: DatasetSpec = { ...dataset, files: spec.data.train, sensitive, labelField: spec.data.labelField };
    const profile = await profileDataset(spec.data.train, profileSpec, { configDir, ...(config?.bootstrap ? { bootstrap: config.bootstrap } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    const findings = profileFindings(profile, profileSpec, await attributeAnchors(spec.data.train, format));
    issues.push(...summarise(applyRuleSeverities(findings, config?.rules), shown(spec.data.train), 'representativeness'));
    const unreferenced = Object.entries(profile.attributes)
      .filter(([, a]) => !a.reference)
      .map(([name]) => name);
    if (unreferenced.length > 0) notes.push(`No reference population configured for ${unreferenced.join(', ')}: shares were checked for small groups and imbalance only.`);
  }

  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of issues) if (i.severity === 'error' || i.severity === 'warning' || i.severity === 'info') counts[i.severity] += 1;
  const rank = { error: 0, warning: 1, info: 2, hint: 3 };
  issues.sort((a, b) => rank[a.severity] - rank[b.severity]);
  return { checkedAt: new Date().toISOString(), blocked: counts.error > 0, counts, issues, notes };
}

/** The gate result with the user's justification; throws when errors block and no reason is given. */
export function decideGate(result: GateResult, justification: string | undefined): GateResult {
  const reason = justification?.trim();
  if (result.blocked && !reason) throw new GateBlockedError(result);
  return reason ? { ...result, justification: reason } : result;
}

/** Errors were found and no justification was given. */
export class GateBlockedError extends Error {
  constructor(readonly result: GateResult) {
    super(`the responsible gate found ${result.counts.error} error${result.counts.error === 1 ? '' : 's'} in the training data; fix them or give a justification (rml train --allow-risks "<reason>")`);
  }
}
