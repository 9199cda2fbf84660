import { applyEdits, modify, parse } from 'jsonc-parser';
import type { DatasetSpec, ProjectConfig } from './project-config';

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
