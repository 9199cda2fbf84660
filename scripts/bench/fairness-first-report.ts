/**
 * Child of `npm run bench:fairness`: one read + report (no bootstrap) in a fresh Node process,
 * timed inside the process like the pandas script (so Node's start and the module imports are
 * not counted; loading DuckDB's native library, starting its instance and V8 compiling the hot
 * loops are, since our code does them on first use). With `--warm-on OTHER`, the process first
 * makes a whole report on another file, untimed: what the extension's long-lived fairness
 * worker sees on its second report. With `--reader duckdb`, a plain CSV goes through DuckDB as
 * before the plain-CSV reader (the peer of the cold rows). Prints one JSON object on stdout.
 *   tsx scripts/bench/fairness-first-report.ts --file F [--warm-on OTHER] [--reader duckdb]
 */
import { parseArgs } from 'node:util';
import { computeFairnessReport } from '../../src/core/fairness/fairness-report';
import { loadPredictions } from '../../src/core/fairness/load-predictions';

const ATTRS = ['race', 'sex', 'age_group'];
const mapping = { yTrue: 'y_true', yPred: 'y_pred', score: 'score', sensitive: ATTRS };

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, 'warm-on': { type: 'string' }, reader: { type: 'string' } } });
  const options = values.reader === 'duckdb' ? { reader: 'duckdb' as const } : {};
  if (!values.file) throw new Error('--file is required');
  if (values['warm-on']) computeFairnessReport(await loadPredictions(values['warm-on'], mapping, options), { intersect: true });
  const c0 = cpuNow();
  const t0 = performance.now();
  const table = await loadPredictions(values.file, mapping, options);
  const c1 = cpuNow();
  const t1 = performance.now();
  const report = computeFairnessReport(table, { intersect: true });
  const c2 = cpuNow();
  const t2 = performance.now();
  process.stdout.write(
    `${JSON.stringify({ rows: report.rows, read: (t1 - t0) / 1000, readCpu: c1 - c0, report: (t2 - t1) / 1000, reportCpu: c2 - c1 })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
