import { join } from 'node:path';
import type * as Heavy from './heavy';

let loaded: typeof Heavy | undefined;

/** The heavy half of the extension (dist/extension-heavy.js), required on first use. */
export function heavy(): typeof Heavy {
  // A computed path keeps esbuild from inlining it into dist/extension.js.
  loaded ??= require(join(__dirname, 'extension-heavy.js')) as typeof Heavy;
  return loaded;
}
