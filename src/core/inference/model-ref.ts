import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** A model reference resolved to a local folder, or to a hub id that may be downloaded. */
export type ResolvedModel = { kind: 'folder'; folder: string; key: string } | { kind: 'hub'; hubId: string; key: string } | { kind: 'onnx'; file: string; key: string };

export interface ResolveOptions {
  /** Relative paths resolve from here (the CLI's working directory). */
  cwd?: string;
  /** Folders whose subfolders are looked up by name (`pii-ner` → <models>/pii-ner). */
  searchPaths?: readonly string[];
  allowDownload: boolean;
  /** The hub download cache. */
  cacheDir?: string;
}

const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

function isModelFolder(dir: string): boolean {
  return existsSync(join(dir, 'config.json'));
}

/**
 * Where a model comes from, decided without the network: a path to a folder with config.json
 * (or to an .onnx file, for raw sessions), a name under the search paths, a hub id already in
 * the cache — or, only when downloads are allowed, a hub id to download.
 */
export function resolveModelRef(ref: string, options: ResolveOptions): ResolvedModel {
  const looksLikePath = isAbsolute(ref) || ref.startsWith('.') || ref.endsWith('.onnx');
  const asPath = resolve(options.cwd ?? process.cwd(), ref);
  if (looksLikePath || existsSync(asPath)) {
    if (!existsSync(asPath)) throw new Error(`Model not found: ${asPath} does not exist`);
    if (statSync(asPath).isFile()) {
      if (asPath.endsWith('.onnx')) return { kind: 'onnx', file: asPath, key: `onnx:${asPath}` };
      throw new Error(`Model not found: ${asPath} is a file; give the model's folder (with config.json) or an .onnx file`);
    }
    if (isModelFolder(asPath)) return { kind: 'folder', folder: asPath, key: asPath };
    if (existsSync(join(asPath, 'model.onnx'))) return { kind: 'onnx', file: join(asPath, 'model.onnx'), key: `onnx:${join(asPath, 'model.onnx')}` };
    throw new Error(`${asPath} is not a model folder: it has no config.json`);
  }
  for (const dir of options.searchPaths ?? []) {
    const candidate = join(dir, ref);
    if (isModelFolder(candidate)) return { kind: 'folder', folder: candidate, key: candidate };
  }
  if (HUB_ID.test(ref)) {
    const cached = options.cacheDir ? join(options.cacheDir, ref) : undefined;
    if (cached && isModelFolder(cached)) return { kind: 'folder', folder: cached, key: cached };
    if (options.allowDownload) return { kind: 'hub', hubId: ref, key: `hub:${ref}` };
    throw new Error(
      `Model '${ref}' is not a local folder and not in the download cache; downloading from the Hugging Face Hub is off ` +
        '(turn on responsibleMl.models.allowDownload, or pass --allow-download to rml infer)',
    );
  }
  throw new Error(`Model not found: '${ref}' is neither a folder nor a Hugging Face Hub id (owner/name)`);
}
