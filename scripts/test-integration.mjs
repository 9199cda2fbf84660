// `npm run test:integration`: runs test/integration (a mocha suite) inside a real VS Code —
// a fresh code-server with the extension under development, driven by headless Chromium.
// The suite writes its results JSON to the per-run path in $RML_INTEGRATION_RESULTS (set on
// the server, inherited by the extension host); this script reports from it and keeps a copy
// in test-results/integration-results.json.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { copyWorkspace, openBrowser, repoRoot, runCleanups, startServer } from './vscode-host/server.mjs';

const TIMEOUT_MS = 5 * 60_000;
const resultsDir = join(repoRoot, 'test-results');
const stableResults = join(resultsDir, 'integration-results.json'); // a copy of the last run's
let resultsFile = stableResults;
const consoleLog = join(resultsDir, 'integration-console.log');
const suiteIndex = join(repoRoot, 'dist', 'test', 'integration', 'index'); // no .js: VS Code adds it

const t0 = Date.now();
const secs = (t) => ((Date.now() - t) / 1000).toFixed(1);

function report(passed, failed, failures = []) {
  for (const f of failures) console.log(`\n  FAIL ${f.title}\n    ${String(f.error).split('\n').join('\n    ')}`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

async function main() {
  if (!existsSync(`${suiteIndex}.js`) || !existsSync(join(repoRoot, 'dist', 'extension.js'))) {
    console.log('[integration] dist/ is missing; running npm run build');
    const b = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (b.status !== 0) return report(0, 1, [{ title: 'build', error: 'npm run build failed' }]);
  }

  // The suite runs in a throw-away copy of samples/ (the demo workspace): what the tests write
  // never lands in samples/, and parallel runs in one checkout do not share files.
  const copy = copyWorkspace(join(repoRoot, 'samples'));
  const workspace = copy.dir;

  mkdirSync(resultsDir, { recursive: true });
  rmSync(stableResults, { force: true });
  const consoleOut = createWriteStream(consoleLog);

  let server;
  let browser;
  let ordered = Promise.resolve(); // console formatting is async; keep lines in arrival order
  try {
    const tServer = Date.now();
    // Each run gets its own results file, passed through the server's environment (which the
    // extension host inherits), so concurrent runs in one checkout cannot read each other's.
    const runResults = join(tmpdir(), `rml-integration-results-${process.pid}-${Date.now()}.json`);
    resultsFile = runResults;
    server = await startServer({ workspace, extensionDevelopmentPath: repoRoot, env: { RML_INTEGRATION_RESULTS: runResults } });
    console.log(`[integration] code-server pid ${server.pid} ready on ${server.url} in ${secs(tServer)} s (workspace ${workspace})`);

    browser = await openBrowser();
    const { page } = browser;
    // Mocha's report reaches the browser console through the extension host; the suite
    // brackets it with markers so it can be shown live without the workbench's noise.
    let inReport = false;
    page.on('console', (msg) => {
      const formatted = formatConsole(msg);
      ordered = ordered.then(async () => {
        const text = await formatted;
        consoleOut.write(`[${msg.type()}] ${text}\n`);
        // A suite asks for a screenshot of the workbench (helpers.ts screenshot()); it waits for the file.
        const shot = /\[rml-screenshot\] ([\w.-]+)/.exec(text);
        if (shot) await page.screenshot({ path: join(resultsDir, `integration-${shot[1]}.png`) }).catch(() => undefined);
        if (text.includes('[rml-integration] begin')) inReport = true;
        else if (text.includes('[rml-integration] end')) inReport = false;
        else if (inReport) console.log(`  | ${text}`);
      });
    });
    page.on('pageerror', (err) => consoleOut.write(`[pageerror] ${err.stack ?? err}\n`));

    // The workbench calls this with the test run's exit code once the suite finishes.
    const exited = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code, logs) => {
        saveLogs(logs);
        resolve(code);
      });
    });
    const tRun = Date.now();
    await page.goto(server.workbenchUrl({ extensionTestsPath: suiteIndex }));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS).unref());
    const code = await Promise.race([exited, timeout]);
    // Let the last console lines (mocha's summary) arrive and print before the verdict.
    await new Promise((r) => setTimeout(r, 300));
    await Promise.race([ordered, new Promise((r) => setTimeout(r, 5000))]);
    console.log(`[integration] suite finished in ${secs(tRun)} s (exit code ${code}); total ${secs(t0)} s`);

    if (code === 'timeout') {
      return report(0, 1, [{ title: 'integration run', error: `no result within ${TIMEOUT_MS / 1000} s; see ${consoleLog}` }]);
    }
    if (!existsSync(resultsFile)) {
      return report(0, 1, [{ title: 'integration run', error: `the suite wrote no ${resultsFile} (exit code ${code}); see ${consoleLog}` }]);
    }
    const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
    writeFileSync(stableResults, JSON.stringify(r, null, 2));
    // A non-zero exit with no failing test (e.g. the suite failed to load) still fails the run.
    if (code !== 0 && r.failed === 0) r.failures.push({ title: 'integration run', error: `exit code ${code}; see ${consoleLog}` }), (r.failed = 1);
    return report(r.passed, r.failed, r.failures);
  } catch (e) {
    return report(0, 1, [{ title: 'integration run', error: e.stack ?? String(e) }]);
  } finally {
    await browser?.close();
    await server?.stop();
    await runCleanups();
    consoleOut.end();
    copy.remove();
    if (resultsFile !== stableResults) rmSync(resultsFile, { force: true });
  }
}

/** Applies the printf-style arguments of a console message ('%c INFO', css, '%s…', …). */
async function formatConsole(msg) {
  try {
    const args = await Promise.all(msg.args().map((a) => a.jsonValue()));
    if (args.length === 0) return msg.text(); // e.g. 'Failed to load resource: …'
    // VS Code's console logger prefixes '%c LEVEL' + a CSS argument before the real message.
    if (typeof args[0] === 'string' && args[0].startsWith('%c') && args.length >= 3) {
      return format(...args.slice(2)).replace(/^\n/, '');
    }
    return format(...args);
  } catch {
    return msg.text(); // the page navigated or closed while reading the arguments
  }
}

/** Keeps the workbench's logs (extension host, renderer) from the run for later reading. */
function saveLogs(logs) {
  if (!Array.isArray(logs)) return;
  const dir = join(resultsDir, 'integration-logs');
  rmSync(dir, { recursive: true, force: true });
  for (const l of logs) {
    if (!l?.relativePath || l.relativePath.includes('..')) continue;
    const file = join(dir, l.relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, l.contents ?? '');
  }
}

process.exitCode = await main();
