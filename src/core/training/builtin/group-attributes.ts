import { dirname } from 'node:path';
import { findConfigFile, loadConfigFile } from '../../config/load-config';
import { resolveDatasetSpec } from '../../profile/resolve-dataset-spec';
import type { ResolvedTrainSpec } from '../train-spec';
import type { GroupAttribute } from './read-examples';

/**
 * The sensitive attributes to group validation metrics by: the spec's fields, with names and
 * bins from the responsible-ml.config.json entry that covers the training file (age → age bands).
 * Without spec fields, the config's; a config that cannot be read adds nothing.
 */
export function groupAttributes(spec: ResolvedTrainSpec): GroupAttribute[] {
  let configured: Array<string | { name?: string; column: string; bins?: number[] }> = [];
  try {
    const file = findConfigFile(spec.baseDir);
    if (file) configured = resolveDatasetSpec(loadConfigFile(file), spec.data.train, dirname(file))?.sensitive ?? [];
  } catch {
    // The gate reports a broken config; training goes on with the plain field names.
  }
  const asAttribute = (c: (typeof configured)[number]): GroupAttribute =>
    typeof c === 'string' ? { name: c, column: c } : { name: c.name ?? c.column, column: c.column, ...(c.bins ? { bins: c.bins } : {}) };
  if (spec.data.sensitiveFields.length === 0) return configured.map(asAttribute);
  return spec.data.sensitiveFields.map((field) => {
    const match = configured.find((c) => (typeof c === 'string' ? c : c.column) === field);
    return match ? asAttribute(match) : { name: field, column: field };
  });
}
