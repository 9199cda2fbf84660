import { applyEdits, modify, parse } from 'jsonc-parser';
import type { DatasetSpec, FairnessReportSpec, ProjectConfig } from './project-config';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/**
 * Adds or replaces the `datasets[]` entry for `spec.files` in config text, keeping comments and
 * the rest of the formatting as they were.
 */
export function upsertDatasetSpec(configText: string, spec: DatasetSpec): string {
  const text = configText.trim() === '' ? '{}\n' : configText;
  const config = (parse(text, [], { allowTrailingComma: true }) ?? {}) as ProjectConfig;
  const datasets = config.datasets ?? [];
  const key = JSON.stringify(spec.files);
  const index = datasets.findIndex((d) => JSON.stringify(d.files) === key);
  const path = index >= 0 ? ['datasets', index] : ['datasets', datasets.length];
  const edits = datasets.length === 0 && !config.datasets ? modify(text, ['datasets'], [spec], FORMAT) : modify(text, path, spec, { ...FORMAT, isArrayInsertion: index < 0 });
  return applyEdits(text, edits);
}

/**
 * Adds or replaces the `fairness.reports[]` entry for `spec.file` in config text, keeping
 * comments and the rest of the formatting as they were.
 */
export function upsertFairnessReportSpec(configText: string, spec: FairnessReportSpec): string {
  const text = configText.trim() === '' ? '{}\n' : configText;
  const config = (parse(text, [], { allowTrailingComma: true }) ?? {}) as ProjectConfig;
  const reports = config.fairness?.reports;
  if (!config.fairness) return applyEdits(text, modify(text, ['fairness'], { reports: [spec] }, FORMAT));
  if (!reports) return applyEdits(text, modify(text, ['fairness', 'reports'], [spec], FORMAT));
  const index = reports.findIndex((r) => r.file === spec.file);
  const path = ['fairness', 'reports', index >= 0 ? index : reports.length];
  return applyEdits(text, modify(text, path, spec, { ...FORMAT, isArrayInsertion: index < 0 }));
}
