// `npm test`: build, then unit, integration (real VS Code host) and UI tests, in that order.
// Every phase runs even when an earlier one failed, so all counts show; the last line is the
// total, exactly `N passed, N failed`, and the exit code is 1 when anything failed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
// The UI phase also packs the VSIX and checks it installed in a fresh host (~35 s), since
// only that catches files .vscodeignore drops; RML_TEST_VSIX=0 or --no-vsix skips it.
const withVsix = !process.argv.includes('--no-vsix') && process.env.RML_TEST_VSIX !== '0';

const phases = [
  { name: 'build', args: ['scripts/build.mjs'] },
  // esbuild strips types without checking them; TypeScript strict is checked here.
  { name: 'typecheck', args: ['scripts/typecheck.mjs'] },
  { name: 'unit', args: ['scripts/test-unit.mjs'] },
  { name: 'integration', args: ['scripts/test-integration.mjs'], needsBuild: true },
  { name: 'ui', args: ['scripts/test-ui.mjs', ...(withVsix ? ['--vsix'] : [])], needsBuild: true },
];

let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    // Each phase stops its own servers and browsers on this signal.
    current?.kill(sig);
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

/** Runs one phase, echoing its output, and returns {code, output}. */
function runPhase(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let output = '';
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('error', (e) => { output += String(e); });
    child.on('close', (code, signal) => { current = null; resolve({ code: code ?? (signal ? 1 : 0), output }); });
  });
}

const summary = [];
let buildOk = true;
for (const phase of phases) {
  const started = Date.now();
  console.log(`\n=== ${phase.name} ===`);
  let passed = 0;
  let failed = 0;
  let note = '';
  if (phase.needsBuild && !buildOk) {
    failed = 1;
    note = ' (not run: the build failed)';
  } else {
    const { code, output } = await runPhase(phase.args);
    if (phase.name === 'typecheck') {
      failed = code === 0 ? 0 : 1;
      note = code === 0 ? ' (ok)' : ` (exit code ${code})`;
    } else if (phase.name === 'build') {
      buildOk = code === 0;
      // A good build is not a test of its own; a broken one counts as one failure.
      failed = buildOk ? 0 : 1;
      note = buildOk ? ' (ok)' : ` (exit code ${code})`;
    } else {
      const m = [...output.matchAll(new RegExp(`^${phase.name}: (\\d+) passed, (\\d+) failed$`, 'gm'))].pop();
      if (m) {
        passed = Number(m[1]);
        failed = Number(m[2]);
      }
      // A crash before the summary line, or a non-zero exit with no failure counted, fails the phase.
      if (!m || (code !== 0 && failed === 0)) {
        failed += 1;
        note = ` (exit code ${code}${m ? '' : ', no summary line'})`;
      }
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  summary.push({ name: phase.name, passed, failed, line: `${phase.name}: ${passed} passed, ${failed} failed${note} [${secs} s]` });
}

console.log('\n=== summary ===');
for (const s of summary) console.log(s.line);
const passed = summary.reduce((n, s) => n + s.passed, 0);
const failed = summary.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
