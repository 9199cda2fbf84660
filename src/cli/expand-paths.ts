import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { glob, hasMagic } from 'glob';
import type { ProjectConfig } from '../core/config/project-config';
import { DEFAULT_CONFIG } from '../core/config/project-config';
import { formatFromPath } from '../core/dataset/format';
import { fileFormatFromPath, type FileFormat } from '../core/dataset/file-format';

export interface DatasetPath {
  path: string;
  /** The path as shown to the user: relative to the working folder when inside it. */
  display: string;
  format: FileFormat;
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/.vscode-test/**'];

/** Expands files, folders and globs into dataset files; unreadable or unknown inputs become errors. */
export async function expandDatasetPaths(
  inputs: string[],
  cwd: string,
  config: ProjectConfig | undefined,
): Promise<{ files: DatasetPath[]; errors: string[] }> {
  const globs = config?.datasetGlobs ?? DEFAULT_CONFIG.datasetGlobs;
  const ignore = [...ALWAYS_IGNORED, ...(config?.exclude ?? [])];
  const errors: string[] = [];
  const found = new Set<string>();
  const add = (p: string) => found.add(resolve(cwd, p));

  const patterns = inputs.length > 0 ? inputs : globs;
  for (const input of patterns) {
    if (hasMagic(input)) {
      const matches = await glob(input, { cwd, ignore, nodir: true, absolute: true });
      if (matches.length === 0 && inputs.length > 0) errors.push(`${input}: no files match`);
      matches.forEach(add);
      continue;
    }
    const full = isAbsolute(input) ? input : resolve(cwd, input);
    try {
      const s = await stat(full);
      if (s.isDirectory()) {
        for (const g of globs) (await glob(g, { cwd: full, ignore, nodir: true, absolute: true })).forEach(add);
      } else add(full);
    } catch {
      errors.push(`${input}: no such file or folder`);
    }
  }

  const files: DatasetPath[] = [];
  for (const path of [...found].sort()) {
    const format = fileFormatFromPath(path, formatFromPath(path));
    const rel = relative(cwd, path);
    const display = rel.startsWith('..') ? path : rel;
    if (!format) {
      errors.push(`${display}: unsupported file type (supported: .jsonl, .ndjson, .csv, .tsv, .parquet, .txt, .md)`);
      continue;
    }
    files.push({ path, display, format });
  }
  return { files, errors };
}
