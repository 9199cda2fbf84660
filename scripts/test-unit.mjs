// `npm run test:unit`: Node's test runner over test/unit/**/*.test.ts, TypeScript through tsx.
// Node 20 does not expand globs in `--test` arguments, so the files are listed here.
// Readable `spec` output goes to the terminal; a TAP copy is written for counting.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const unitDir = join(repoRoot, 'test', 'unit');
const tapFile = join(repoRoot, 'test-results', 'unit.tap');

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(relative(repoRoot, full));
  }
  return out.sort();
}

// Optional arguments narrow the run to files whose path contains one of them.
const filters = process.argv.slice(2);
const files = findTests(unitDir).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.log('unit: 0 passed, 0 failed (no test/unit/**/*.test.ts files)');
  process.exit(0);
}

mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
rmSync(tapFile, { force: true });
const started = Date.now();
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...files],
  { cwd: repoRoot, stdio: 'inherit' },
);
// Forward Ctrl-C / TERM to the runner rather than leaving it behind.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));

// The TAP summary's "# pass N" / "# fail N" lines are the counts of the whole run.
const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
let passed = count('pass');
let failed = count('fail') + (Number.isNaN(count('cancelled')) ? 0 : count('cancelled'));
if (Number.isNaN(passed) || Number.isNaN(failed)) {
  // The runner died before summarising (e.g. a crash in tsx): count the whole run as failed.
  passed = 0;
  failed = 1;
}
// A non-zero exit with no failing test (e.g. a file that failed to load) is still a failure.
if (code !== 0 && failed === 0) failed = 1;
console.log(`[unit] ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`unit: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
