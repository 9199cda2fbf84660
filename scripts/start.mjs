// `npm start`: builds, then serves a real VS Code (code-server) on 127.0.0.1 with the extension
// under development loaded and samples/ open. Open the printed URL in a browser; Ctrl-C stops
// the server and everything it started. After a rebuild (`npm run watch` in another terminal),
// run "Developer: Reload Window" in the browser.
//
// Env: PORT (default 8080; a free port is picked when it is taken).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureHostInstalled } from './vscode-host/install.mjs';
import { freePort, isPortTaken, repoRoot, startServer } from './vscode-host/server.mjs';

function npm(script) {
  const r = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] npm run ${script} failed`);
    process.exit(1);
  }
}

npm('build');
const samples = join(repoRoot, 'samples');
if (!existsSync(samples) || readdirSync(samples).length === 0) npm('samples');
try {
  ensureHostInstalled();
} catch (e) {
  console.error(`[start] ${e.message}`);
  process.exit(1);
}

let port = Number(process.env.PORT) || 8080;
if (await isPortTaken(port)) {
  const taken = port;
  port = await freePort();
  console.log(`[start] port ${taken} is taken; using ${port}`);
}

const server = await startServer({ workspace: samples, extensionDevelopmentPath: repoRoot, port });
console.log(`
Responsible ML is running in VS Code ${'(code-server, pid ' + server.pid + ')'} — open:

  ${server.workbenchUrl()}

Server log: ${server.logFile}
Press Ctrl-C to stop.
`);

// SIGINT/SIGTERM are handled by server.mjs (kills the process group, removes temp dirs).
const { code, signal } = await server.exited;
console.error(`[start] code-server exited (${signal ?? `code ${code}`})`);
await server.stop();
process.exit(code ?? 1);
