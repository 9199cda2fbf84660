// Type-checks the Node side (extension, CLI, core, tests, scripts) and the webviews (DOM lib).
import { spawnSync } from 'node:child_process';

let failed = false;
for (const project of ['.', 'webview']) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
