// `npm run test:electron`: the same integration suite in desktop VS Code, through
// @vscode/test-electron — for machines that can download VS Code (or that point
// VSCODE_EXECUTABLE at an installed one). Where the download site is unreachable it fails
// fast with a message instead of hanging; `npm run test:integration` is the offline route.
//
// Env: VSCODE_VERSION (default "stable"), VSCODE_EXECUTABLE (skip the download).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const suiteIndex = join(repoRoot, 'dist', 'test', 'integration', 'index.js');

const version = process.env.VSCODE_VERSION || 'stable';

function fail(message, code = 2) {
  console.error(`[electron] ${message}`);
  console.log('electron: 0 passed, 1 failed');
  process.exit(code);
}

// Desktop VS Code needs a display; re-run under a virtual one when there is none.
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !process.env.RML_UNDER_XVFB) {
  if (spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0) {
    const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, RML_UNDER_XVFB: '1' },
    });
    process.exit(r.status ?? 1);
  }
  console.warn('[electron] no $DISPLAY and no xvfb-run: VS Code may fail to start (apt-get install xvfb)');
}

if (!existsSync(suiteIndex)) {
  const b = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (b.status !== 0) fail('npm run build failed', 1);
}

const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');

/** Resolves within `ms` or rejects — the download helpers retry/stall when offline. */
function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms); }),
  ]);
}

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
if (!vscodeExecutablePath) {
  // Probe the download host first: offline, DNS fails at once and we can say why plainly.
  try {
    await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    const cached = existsSync(join(repoRoot, '.vscode-test'))
      ? readdirSync(join(repoRoot, '.vscode-test')).filter((d) => d.startsWith('vscode-'))
      : [];
    if (cached.length === 0) {
      fail(
        `cannot reach update.code.visualstudio.com to download VS Code (${e.cause?.code ?? e.message}).\n` +
          '  This machine cannot run desktop VS Code tests. Use `npm run test:integration` (code-server, offline),\n' +
          '  or set VSCODE_EXECUTABLE=/path/to/code to test against an installed VS Code.',
      );
    }
    console.warn(`[electron] download site unreachable; trying the cached ${cached.join(', ')}`);
  }
  try {
    // Idle timeout 30 s; the whole download (~150 MB) gets 10 minutes.
    vscodeExecutablePath = await within(600_000, downloadAndUnzipVSCode({ version, timeout: 30_000, cachePath: join(repoRoot, '.vscode-test') }), 'downloading VS Code');
  } catch (e) {
    fail(`could not get VS Code ${version}: ${e.message}`);
  }
}

const workspace = existsSync(join(repoRoot, 'samples')) ? join(repoRoot, 'samples') : mkdtempSync(join(tmpdir(), 'rml-workspace-'));
const scratch = mkdtempSync(join(tmpdir(), 'rml-electron-'));
const resultsFile = join(scratch, 'integration-results.json'); // this run's, whatever else runs
let exitCode;
try {
  exitCode = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suiteIndex,
    extensionTestsEnv: { RML_INTEGRATION_RESULTS: resultsFile },
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under test
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', join(scratch, 'user-data'),
      '--extensions-dir', join(scratch, 'extensions'),
    ],
  });
} catch (e) {
  exitCode = e.code ?? 1;
  console.error(`[electron] ${e.message}`);
}
const r = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 1, failures: [{ title: 'electron run', error: 'the suite wrote no results' }] };
rmSync(scratch, { recursive: true, force: true });
if (exitCode !== 0 && r.failed === 0) r.failed = 1;
for (const f of r.failures) console.log(`\n  FAIL ${f.title}\n    ${f.error}`);
console.log(`electron: ${r.passed} passed, ${r.failed} failed`);
process.exitCode = r.failed > 0 ? 1 : 0;
