/**
 * `npm run bench:lint`: PII lint throughput, memory, accuracy and re-lint latency, ours beside two
 * JavaScript PII libraries. Writes bench-data/bench-lint.json; `--docs` also rewrites the generated
 * block of docs/benchmarks.md.
 *   npm run bench:lint -- [--mb 200] [--seed N] [--runs 3] [--peer-seconds 60] [--relint-lines 100000]
 *                         [--edits 200] [--dev-set FILE] [--skip-peers] [--skip-relint] [--build] [--docs]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DATA_DIR, ensureChatCorpus, REPO_ROOT, type CorpusInfo } from './bench-data';
import { renderMarkdown, renderText, updateDocs, type BenchLintResult, type Goal, type ThroughputRow } from './bench-report';
import { DEFAULT_SEED } from './chat-generator';
import { scoreDetector, type DetectorF1 } from './detector-f1';
import { COMPARED_ENTITIES, createDetector, type DetectorId } from './detectors';
import type { ThroughputResult } from './detector-throughput';
import type { RelintResult } from './relint-latency';
import { runMeasured, type MeasuredRun } from './run-measured';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const DEFAULT_DEV_SET = join(REPO_ROOT, '..', 'shared', 'datasets', 'pii', 'presidio_research_synth_v2.jsonl');
const GOAL_MB_S = 50;
const GOAL_RSS_MB = 300;
const GOAL_RELINT_P95_MS = 20;

const log = (s: string): void => {
  process.stderr.write(`[bench:lint] ${s}\n`);
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Checks the CLI bundle to measure. The build is run only when asked (`--build`): build.mjs
 * empties dist/ first, which others working in the same tree would not expect from a benchmark.
 */
function ensureCliBuilt(build: boolean): void {
  if (build) {
    log('running node scripts/build.mjs (--build)');
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error('the build failed; fix it or measure an existing dist/cli.js without --build');
  }
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (or pass --build)');
  if (statSync(CLI).mtimeMs < newestMtime(join(REPO_ROOT, 'src'))) {
    log('warning: dist/cli.js is older than src/ — measuring it anyway; `npm run build` (or --build) measures the current source');
  }
}

/**
 * Copies dist/cli.js and the bundles it picks from (dist/cli-*.js, with their maps) under
 * bench-data/, so every run and the profile measure the same bundles even if someone rebuilds
 * dist/ meanwhile. Modules they load lazily still resolve from the repository's node_modules, as
 * bench-data/ sits in the repository.
 */
function snapshotCli(): string {
  const dir = join(BENCH_DATA_DIR, 'cli-under-test');
  mkdirSync(dir, { recursive: true });
  const distDir = dirname(CLI);
  for (const name of readdirSync(distDir)) {
    if (/^cli(?:-[\w-]+)?\.js(?:\.map)?$/.test(name)) copyFileSync(join(distDir, name), join(dir, name));
  }
  return join(dir, 'cli.js');
}

function machine(loadAtStart: number[]): BenchLintResult['machine'] {
  const model = /model name\s*:\s*(.+)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return { nproc: cpus().length, cpuModel: model.trim(), node: process.version, memoryGB: Math.round(totalmem() / 2 ** 30), loadAverage: { start: loadAtStart, end: loadavg() } };
}

function git(): BenchLintResult['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_ROOT }).toString().trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

const toMB = (bytes: number | undefined): number | undefined => (bytes === undefined ? undefined : bytes / 1e6);

function comparedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(COMPARED_ENTITIES.filter((e) => counts[e] !== undefined).map((e) => [e, counts[e]!]));
}

/** The CLI end to end, `runs` times; the median wall time counts, the highest peak RSS is reported. */
async function measureCli(cliPath: string, corpus: CorpusInfo, runs: number): Promise<BenchLintResult['cli']> {
  const reportPath = join(BENCH_DATA_DIR, 'cli-report.json');
  const all: MeasuredRun[] = [];
  for (let i = 0; i < runs; i++) {
    log(`rml lint run ${i + 1}/${runs} on ${relative(REPO_ROOT, corpus.path)}`);
    // --no-ner: this measures the pattern recognizers; the NER model's cost is in docs/benchmarks.md's inference section.
    const run = await runMeasured([], [cliPath, 'lint', corpus.path, '--format', 'json', '--max-problems', '0', '--no-ner'], reportPath);
    // Exit 1 means findings at error severity: expected on this corpus.
    if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`rml lint exited ${run.exitCode}: ${run.stderr.slice(0, 2000)}`);
    all.push(run);
  }
  const sorted = [...all].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const summary = (JSON.parse(readFileSync(reportPath, 'utf8')) as { summary: { records: number; byEntity: Record<string, number> } }).summary;
  const peak = Math.max(...all.map((r) => r.peakRssBytes ?? r.polledHwmBytes ?? 0));
  return {
    detector: 'cli',
    name: 'responsible-ml',
    how: '`node dist/cli.js lint FILE --format json --max-problems 0 --no-ner` (a copy of the bundle taken at the start), a child process, stdout to a file; median of the runs',
    bytes: corpus.bytes,
    records: summary.records,
    seconds: median.wallSeconds,
    mbPerSecond: corpus.bytes / 1e6 / median.wallSeconds,
    recordsPerSecond: summary.records / median.wallSeconds,
    partial: false,
    peakRssMB: toMB(peak),
    cpuPerWall: median.cpuSeconds === undefined ? undefined : median.cpuSeconds / median.wallSeconds,
    counts: comparedCounts(summary.byEntity),
    runs: all.map((r) => ({ wallSeconds: r.wallSeconds, peakRssMB: toMB(r.peakRssBytes), cpuSeconds: r.cpuSeconds })),
  };
}

const HOW: Record<DetectorId, string> = {
  ours: 'library loop: JSON.parse each line, findPiiInValue() on every string value (same loop as the peers)',
  'redact-pii': 'library loop: JSON.parse each line, new SyncRedactor().redact() on every string value',
  openredaction: 'library loop: JSON.parse each line, await new OpenRedaction().detect() on every string value',
};

/** One detector in its own child process over the corpus, time-boxed. */
async function measureDetector(id: DetectorId, corpus: CorpusInfo, maxSeconds: number): Promise<ThroughputRow> {
  log(`${id}: library loop over the corpus (time box ${maxSeconds} s)`);
  const script = join(__dirname, 'detector-throughput.ts');
  const outPath = join(BENCH_DATA_DIR, `throughput-${id}.json`);
  const run = await runMeasured(['--import', 'tsx'], [script, '--detector', id, '--file', corpus.path, '--max-seconds', String(maxSeconds)], outPath);
  if (run.exitCode !== 0) throw new Error(`${id} throughput run exited ${run.exitCode}: ${run.stderr.slice(0, 2000)}`);
  const r = JSON.parse(readFileSync(outPath, 'utf8')) as ThroughputResult;
  return {
    detector: id,
    name: r.name,
    how: HOW[id],
    bytes: r.bytes,
    records: r.records,
    seconds: r.seconds,
    mbPerSecond: r.bytes / 1e6 / r.seconds,
    recordsPerSecond: r.records / r.seconds,
    partial: r.partial,
    peakRssMB: toMB(run.peakRssBytes),
    cpuPerWall: run.cpuSeconds === undefined ? undefined : run.cpuSeconds / run.wallSeconds,
    counts: comparedCounts(r.counts),
  };
}

async function measureRelintInChild(lines: number, edits: number, seed: number): Promise<RelintResult & { peakRssMB?: number }> {
  log(`re-lint latency: ${lines} lines, ${edits} edits`);
  const outPath = join(BENCH_DATA_DIR, 'relint.json');
  const run = await runMeasured(['--import', 'tsx'], [join(__dirname, 'relint-latency.ts'), '--lines', String(lines), '--edits', String(edits), '--seed', String(seed)], outPath);
  if (run.exitCode !== 0) throw new Error(`re-lint run exited ${run.exitCode}: ${run.stderr.slice(0, 2000)}`);
  return { ...(JSON.parse(readFileSync(outPath, 'utf8')) as RelintResult), peakRssMB: toMB(run.peakRssBytes) };
}

function goals(res: Omit<BenchLintResult, 'goals'>): Goal[] {
  const out: Goal[] = [
    { goal: `CLI ≥ ${GOAL_MB_S} MB/s per core`, value: `${res.cli.mbPerSecond.toFixed(1)} MB/s`, met: res.cli.mbPerSecond >= GOAL_MB_S },
  ];
  for (const p of res.peers.filter((x) => x.detector !== 'ours')) {
    out.push({ goal: `CLI faster than ${p.name}`, value: `${(res.cli.mbPerSecond / p.mbPerSecond).toFixed(1)}× (${res.cli.mbPerSecond.toFixed(1)} vs ${p.mbPerSecond.toFixed(2)} MB/s)`, met: res.cli.mbPerSecond > p.mbPerSecond });
  }
  out.push({ goal: `CLI peak RSS < ${GOAL_RSS_MB} MB`, value: `${(res.cli.peakRssMB ?? NaN).toFixed(0)} MB`, met: (res.cli.peakRssMB ?? Infinity) < GOAL_RSS_MB });
  if (res.relint) {
    // The editor's path (applyEdits + firstFindings) decides; the full findings() figure stands beside it.
    const r = res.relint;
    out.push({
      goal: `one-line re-lint p95 < ${GOAL_RELINT_P95_MS} ms`,
      value: `${r.editMs.p95.toFixed(1)} ms with firstFindings(${r.shownLimit}), ${r.editFullMs.p95.toFixed(1)} ms with findings() (${r.lines.toLocaleString('en-US')}-line document)`,
      met: r.editMs.p95 < GOAL_RELINT_P95_MS,
    });
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mb: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'peer-seconds': { type: 'string' },
      'relint-lines': { type: 'string' },
      edits: { type: 'string' },
      'dev-set': { type: 'string' },
      'skip-peers': { type: 'boolean' },
      'skip-relint': { type: 'boolean' },
      build: { type: 'boolean' },
      docs: { type: 'boolean' },
    },
  });
  const mbSize = Number(values.mb ?? 200);
  const seed = Number(values.seed ?? DEFAULT_SEED);
  const runs = Number(values.runs ?? 3);
  const peerSeconds = Number(values['peer-seconds'] ?? 60);
  const relintLines = Number(values['relint-lines'] ?? 100_000);
  const edits = Number(values.edits ?? 200);
  for (const [name, v] of Object.entries({ mb: mbSize, seed, runs, 'peer-seconds': peerSeconds, 'relint-lines': relintLines, edits })) {
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  }
  const devSet = values['dev-set'] ?? process.env.RML_PII_DEV_SET ?? DEFAULT_DEV_SET;

  const loadAtStart = loadavg();
  const gitAtStart = git();
  ensureCliBuilt(Boolean(values.build));
  const cliPath = snapshotCli();
  const corpus = ensureChatCorpus(mbSize, seed, log);
  log(`corpus ${relative(REPO_ROOT, corpus.path)}: ${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.records} records${corpus.reused ? ' (reused)' : ''}`);

  const cli = await measureCli(cliPath, corpus, runs);
  const peers: ThroughputRow[] = [];
  if (!values['skip-peers']) {
    for (const id of ['ours', 'redact-pii', 'openredaction'] as const) peers.push(await measureDetector(id, corpus, peerSeconds));
  }

  let f1: DetectorF1[] | undefined;
  let f1Skipped: string | undefined;
  if (!existsSync(devSet)) f1Skipped = `no dev set at ${devSet}; pass --dev-set or RML_PII_DEV_SET`;
  else {
    f1 = [];
    const ids: DetectorId[] = values['skip-peers'] ? ['ours'] : ['ours', 'redact-pii', 'openredaction'];
    for (const id of ids) {
      log(`${id}: scoring on ${devSet}`);
      f1.push(await scoreDetector(createDetector(id), devSet));
    }
  }

  const relint = values['skip-relint'] ? undefined : await measureRelintInChild(relintLines, edits, seed);
  const argv = process.argv.slice(2).join(' ');
  const partial: Omit<BenchLintResult, 'goals'> = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `npm run bench:lint${argv ? ` -- ${argv}` : ''}`,
    machine: machine(loadAtStart),
    git: gitAtStart,
    corpus: { file: relative(REPO_ROOT, corpus.path), bytes: corpus.bytes, records: corpus.records, seed, planted: corpus.planted as Record<string, number>, reused: Boolean(corpus.reused) },
    cli,
    peers,
    ...(f1 ? { f1, devSet: relative(REPO_ROOT, devSet) } : { f1Skipped }),
    ...(relint ? { relint } : {}),
  };
  const result: BenchLintResult = { ...partial, goals: goals(partial) };
  writeFileSync(join(BENCH_DATA_DIR, 'bench-lint.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${renderText(result)}\n\nwrote ${relative(REPO_ROOT, join(BENCH_DATA_DIR, 'bench-lint.json'))}\n`);
  if (values.docs) {
    const docs = join(REPO_ROOT, 'docs', 'benchmarks.md');
    updateDocs(docs, renderMarkdown(result), 'How fast and how accurately `rml lint` finds PII, beside two JavaScript PII libraries.');
    process.stdout.write(`updated ${relative(REPO_ROOT, docs)}\n`);
  }
  if (!result.goals[0]!.met) {
    process.stdout.write(`\nThe throughput goal is missed: \`npx tsx scripts/bench/profile-lint.ts --mb 20\` lists the hot spots.\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:lint: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
