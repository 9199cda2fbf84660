// `npm run start:desktop`: opens samples/ in desktop VS Code with the extension under
// development, when a `code` command is installed on this machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
if (spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status !== 0) {
  console.error('[start:desktop] no `code` command on PATH. Install VS Code (and "Shell Command: Install \'code\' command in PATH"),');
  console.error('                or use `npm start` to run the extension in a browser-based VS Code (code-server).');
  process.exit(2);
}
for (const script of ['build', ...(existsSync(join(repoRoot, 'samples')) ? [] : ['samples'])]) {
  const r = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync('code', [`--extensionDevelopmentPath=${repoRoot}`, join(repoRoot, 'samples')], { stdio: 'inherit' });
process.exit(r.status ?? 1);
