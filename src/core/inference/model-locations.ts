import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The extension's (or the CLI's) root: the nearest folder up from here whose package.json is ours. */
export function packageRoot(from = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'responsible-ml') return dir;
      } catch {
        // not ours
      }
    }
    if (dir === dirname(dir)) return undefined;
  }
}

/** models/ shipped with the extension and the CLI (dist/cli.js → ../models). */
export function shippedModelsDir(): string | undefined {
  const root = packageRoot();
  return root ? join(root, 'models') : undefined;
}

/** The shipped NER model that finds PERSON, LOCATION and ORGANIZATION. */
export const PII_NER_MODEL = 'pii-ner';

/** The shipped NER model's folder, when it is there. */
export function shippedNerModel(): string | undefined {
  const dir = shippedModelsDir();
  const folder = dir ? join(dir, PII_NER_MODEL) : undefined;
  return folder && existsSync(join(folder, 'config.json')) ? folder : undefined;
}

/** The CLI's caches: RML_CACHE_DIR, else $XDG_CACHE_HOME/responsible-ml, else ~/.cache/responsible-ml. */
export function cliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.RML_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'responsible-ml');
}
