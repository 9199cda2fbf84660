// Entry of the integration suite: the mocha `run()` module that VS Code loads through
// --extensionTestsPath (desktop, @vscode/test-electron) or the `extensionTestsPath` URL payload
// (code-server in a browser, scripts/test-integration.mjs). One suite serves both hosts.
//
// esbuild bundles this file with every suite into dist/test/integration/index.js, so suites
// are listed here explicitly instead of being globbed at run time. They are loaded only after
// mocha has installed its `describe`/`it` globals.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

const suites: Array<() => Promise<unknown>> = [
  () => import('./activation.test'),
  () => import('./pii-lint.test'),
  () => import('./dataset-checks.test'),
  () => import('./dataset-report.test'),
  () => import('./inference.test'),
  () => import('./model-card.test'),
  () => import('./fairness-report.test'),
  () => import('./training-dashboard.test'),
  () => import('./training.test'),
];

/** Where the runner scripts read the outcome: <repo>/test-results/integration-results.json. */
export function resultsPath(): string {
  // dist/test/integration/index.js → repo root; env override for hosts that pass variables through.
  return process.env.RML_INTEGRATION_RESULTS ?? path.resolve(__dirname, '..', '..', '..', 'test-results', 'integration-results.json');
}

const MARKER = '[rml-integration]';

interface Results {
  passed: number;
  failed: number;
  failures: Array<{ title: string; error: string }>;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'integration-bundle', mocha);
  for (const load of suites) await load();

  const results: Results = { passed: 0, failed: 0, failures: [] };
  const write = () => {
    fs.mkdirSync(path.dirname(resultsPath()), { recursive: true });
    fs.writeFileSync(resultsPath(), JSON.stringify(results, null, 2));
  };
  // A stale file from an earlier run must never be read as this run's outcome.
  fs.rmSync(resultsPath(), { force: true });

  // Markers let the runner scripts pick mocha's report out of the workbench's console.
  console.log(`${MARKER} begin`);
  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        write();
        console.log(`${MARKER} end`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => results.passed++);
      runner.on('fail', (test, err: Error) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), error: err?.stack ?? String(err) });
      });
    } catch (err) {
      results.failed++;
      results.failures.push({ title: 'mocha run', error: String(err) });
      write();
      reject(err);
    }
  });
}
