/** Finding the `datasets[]` entry of the project config that applies to a file. */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import type { DatasetSpec, ProjectConfig } from '../config/project-config';

/** True when `file` matches one of the spec's `files` globs (relative to `configDir`). */
export function datasetSpecMatches(spec: DatasetSpec, file: string, configDir: string): boolean {
  const abs = isAbsolute(file) ? file : resolve(configDir, file);
  const rel = relative(configDir, abs).split(sep).join('/');
  const globs = Array.isArray(spec.files) ? spec.files : [spec.files];
  // A glob without a slash matches the file name in any folder, as in .gitignore.
  return globs.some((g) => minimatch(rel, g.replace(/^\.\//, ''), { dot: true, matchBase: !g.includes('/') }));
}

/**
 * The first DatasetSpec whose `files` glob matches `file`; globs are relative to the config
 * file's folder. Undefined when none matches (or there is no config).
 */
export function resolveDatasetSpec(config: ProjectConfig | undefined, file: string, configDir: string): DatasetSpec | undefined {
  return config?.datasets?.find((d) => datasetSpecMatches(d, file, configDir));
}
