/**
 * `npm run bench:dashboard`: the Training Dashboard's two promises, measured.
 *
 * 1. A point written to metrics.jsonl is in the page's data within a second: the real run feed
 *    worker (dist/workers/run-feed.worker.js) and client follow a run folder while this script
 *    appends lines at random gaps, and a DashboardData (the webview's own data module) takes the
 *    points in — the host side plus a simulated webview. With file-system events, and polling
 *    only (the fallback on file systems without them). The figure from inside the real VS Code
 *    host comes from the integration test (test-results/integration-measures.json) and is
 *    printed when present.
 * 2. A million points stay interactive: the worker's first read of a 1M-line metrics.jsonl, the
 *    page's smoothing and per-pixel downsampling (Node), and in Chromium the render of one chart
 *    with downsampling against the peer — the same chart with every point handed to Observable
 *    Plot — plus the whole dashboard page (dist/webview/training-dashboard.js) taking 1M points,
 *    then one more point, then a smoothing change.
 *
 *   npm run build && npm run bench:dashboard -- [--points 1000000] [--samples 40] [--runs 5] [--skip-browser]
 *
 * Figures go to bench-data/bench-dashboard.json (git-ignored).
 */
import { appendFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { downsampleM4 } from '../../src/core/training/downsample';
import type { RunRecord } from '../../src/core/training/run-record';
import { RunStore } from '../../src/core/training/run-store';
import { EmaSmoother } from '../../src/core/training/smoothing';
import { resolveTrainSpec, type TrainSpec } from '../../src/core/training/train-spec';
import { RunFeedClient } from '../../src/extension/training/run-feed-client';
import { DashboardData } from '../../webview/training-dashboard/dashboard-data';
import { BENCH_DATA_DIR, REPO_ROOT } from './bench-data';

const { values: args } = parseArgs({
  options: {
    points: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '40' },
    runs: { type: 'string', default: '5' },
    'skip-browser': { type: 'boolean', default: false },
  },
});
const POINTS = Number(args.points);
const SAMPLES = Number(args.samples);
const RUNS = Number(args.runs);
const WORKER = join(REPO_ROOT, 'dist', 'workers', 'run-feed.worker.js');
const PAGE_BUNDLE = join(REPO_ROOT, 'dist', 'webview', 'training-dashboard.js');
const OUT_DIR = join(BENCH_DATA_DIR, 'dashboard');
const CHROMIUM = '/usr/bin/chromium';
const WIDTH = 900;

interface Timing {
  prepareMs: number;
  plotMs: number;
  paintMs: number;
  totalMs: number;
  drawn: number;
}

const log = (s: string): void => void process.stderr.write(`[bench:dashboard] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const f1 = (x: number) => x.toFixed(1);
const stats = (xs: number[]) => ({ median: median(xs), p90: pct(xs, 0.9), max: Math.max(...xs), n: xs.length });
const fmt = (s: { median: number; p90: number; max: number }) => `median ${f1(s.median)}, p90 ${f1(s.p90)}, max ${f1(s.max)}`;

function record(id: string, dir: string): RunRecord {
  const spec: TrainSpec = { task: 'text-classification', data: { train: 'train.jsonl' }, name: 'bench', runner: 'builtin' };
  return {
    version: 1,
    id,
    name: 'bench',
    runner: 'builtin',
    status: 'running',
    spec,
    resolved: resolveTrainSpec(spec, dir),
    datasets: [],
    device: { hostname: 'bench', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 2 ** 32, node: process.version },
    timings: { createdAt: new Date().toISOString(), startedAt: new Date().toISOString() },
    outputDir: join(dir, 'out'),
    artifacts: [],
  };
}

/** Line written → point in the simulated page's data, through the real worker. */
async function latency(watch: boolean, samples: number): Promise<number[]> {
  const root = mkdtempSync(join(tmpdir(), 'rml-bench-dash-'));
  const store = new RunStore(root);
  const id = 'bench-run';
  const paths = await store.create(record(id, root));
  const client = new RunFeedClient(WORKER, { pollMs: 500, watch });
  const page = new DashboardData();
  let waiting: (() => void) | undefined;
  let target = 0;
  client.follow(id, paths.dir, (m) => {
    if (m.type !== 'points') return;
    page.apply(m.chunks.map((c) => ({ ...c, run: id })), m.reset ? [id] : []);
    if (waiting && (page.series(id, 'train/loss')?.length ?? 0) >= target) waiting();
  });
  await sleep(300);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    await sleep(30 + Math.floor(Math.random() * 400)); // uncorrelated with the 500 ms poll
    target = i + 1;
    const arrived = new Promise<void>((r) => (waiting = r));
    const t0 = performance.now();
    appendFileSync(paths.metrics, `${JSON.stringify({ step: i, name: 'train/loss', value: 1 / (i + 1), wallTime: Date.now() / 1000 })}\n`);
    await arrived;
    out.push(performance.now() - t0);
    waiting = undefined;
  }
  client.dispose();
  rmSync(root, { recursive: true, force: true });
  return out;
}

/** A run folder whose metrics.jsonl holds n lines (kept under bench-data/ for the next run). */
async function bigRun(n: number): Promise<{ dir: string; id: string; bytes: number }> {
  const root = join(OUT_DIR, 'runs');
  const id = `bench-${n}`;
  const store = new RunStore(root);
  const paths = store.paths(id);
  const marker = join(paths.dir, 'complete');
  if (!existsSync(marker)) {
    rmSync(paths.dir, { recursive: true, force: true });
    await store.create(record(id, root));
    log(`writing ${n.toLocaleString('en-US')} metric lines to ${paths.metrics}`);
    const out = createWriteStream(paths.metrics);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    let buf = '';
    for (let i = 1; i <= n; i++) {
      buf += `{"step":${i},"epoch":${(i / (n / 10)).toFixed(6)},"name":"train/loss","value":${(2 * Math.exp(-i / (n / 5)) + 0.25 * rand()).toFixed(6)},"wallTime":${(1.7e9 + i * 0.05).toFixed(3)}}\n`;
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await once(out, 'drain');
        buf = '';
      }
    }
    out.end(buf);
    await once(out, 'finish');
    writeFileSync(marker, '');
  }
  return { dir: paths.dir, id, bytes: statSync(paths.metrics).size };
}

/** The worker's first read of the big file: follow → every point on the main thread. */
async function firstRead(n: number, dir: string, id: string): Promise<number> {
  const client = new RunFeedClient(WORKER, { pollMs: 500 });
  const t0 = performance.now();
  let got = 0;
  await new Promise<void>((resolve) =>
    client.follow(id, dir, (m) => {
      if (m.type !== 'points') return;
      for (const c of m.chunks) got += c.value.length;
      if (got >= n) resolve();
    }),
  );
  const ms = performance.now() - t0;
  client.dispose();
  return ms;
}

function timeIt(fn: () => void, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

/** Smoothing and downsampling of an n-point series in Node (the same modules the page runs). */
function nodeFigures(n: number) {
  const x = Float64Array.from({ length: n }, (_, i) => i + 1);
  let seed = 3;
  const y = Float64Array.from({ length: n }, (_, i) => 2 * Math.exp(-i / (n / 5)) + ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31));
  const buckets = WIDTH - 72;
  let kept = 0;
  const downsampleMs = timeIt(() => void (kept = downsampleM4(x, y, { buckets, x0: 1, x1: n }).length), 15);
  const smoothMs = timeIt(() => new EmaSmoother(0.6).extend(y), 9);
  const s = new EmaSmoother(0.6);
  s.extend(y.subarray(0, n - 1));
  const t0 = performance.now();
  s.extend(y, n - 1);
  const appendUs = (performance.now() - t0) * 1000;
  return { buckets, kept, downsampleMs, smoothMs, appendUs };
}

/** Chromium: one chart downsampled vs every point (peer), and the whole page at n points. */
async function browserFigures(n: number) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt-get install -y chromium), or pass --skip-browser`);
  const dir = join(OUT_DIR, 'page');
  mkdirSync(dir, { recursive: true });
  await esbuild.build({
    entryPoints: { harness: join(REPO_ROOT, 'webview', 'bench', 'dashboard-render.ts'), driver: join(REPO_ROOT, 'webview', 'bench', 'dashboard-page.ts') },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outdir: dir,
    loader: { '.css': 'css' },
    logLevel: 'warning',
  });
  copyFileSync(PAGE_BUNDLE, join(dir, 'training-dashboard.js'));
  copyFileSync(PAGE_BUNDLE.replace(/\.js$/, '.css'), join(dir, 'training-dashboard.css'));
  const body = `<body class="vscode-dark"><main id="app"></main>`;
  writeFileSync(join(dir, 'harness.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="harness.css"></head>${body}<script src="harness.js"></script></html>`);
  writeFileSync(join(dir, 'page.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="training-dashboard.css"></head>${body}<script src="training-dashboard.js"></script><script src="driver.js"></script></html>`);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--js-flags=--max-old-space-size=4096'] });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH + 60, height: 900 } });
    await page.goto(`file://${join(dir, 'harness.html')}`);
    // Expressions as strings: this file is type-checked without the DOM library.
    await page.evaluate(`window.rmlBench.load(${n})`);
    const chart: Record<string, Timing[]> = { downsampled: [], 'downsampled, smoothed': [], 'every point (peer)': [], 'every point, smoothed (peer)': [] };
    for (let r = 0; r < RUNS + 1; r++) {
      // The first round warms up (JIT, the smoothing cache) and is not counted.
      const round = {
        downsampled: (await page.evaluate('window.rmlBench.render(true, 0)')) as Timing,
        'downsampled, smoothed': (await page.evaluate('window.rmlBench.render(true, 0.6)')) as Timing,
        'every point (peer)': (await page.evaluate('window.rmlBench.render(false, 0)')) as Timing,
        'every point, smoothed (peer)': (await page.evaluate('window.rmlBench.render(false, 0.6)')) as Timing,
      };
      if (r > 0) for (const [k, v] of Object.entries(round)) chart[k]!.push(v);
      log(`chart round ${r}: ${Object.entries(round).map(([k, v]) => `${k} ${f1(v.totalMs)} ms`).join(', ')}`);
    }
    const summary = Object.fromEntries(
      Object.entries(chart).map(([k, v]) => [k, { totalMs: median(v.map((x) => x.totalMs)), prepareMs: median(v.map((x) => x.prepareMs)), plotMs: median(v.map((x) => x.plotMs)), paintMs: median(v.map((x) => x.paintMs)), drawn: v[0]!.drawn }]),
    );

    // The whole page, as the panel host drives it: n points at once, then live appends.
    const p2 = await browser.newPage({ viewport: { width: WIDTH + 60, height: 900 } });
    await p2.addInitScript(
      'window.__sent = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__sent.push(m), getState: () => undefined, setState: () => undefined });',
    );
    await p2.goto(`file://${join(dir, 'page.html')}`);
    await p2.waitForFunction('window.__sent.some((m) => m.type === "ready")');
    const pageFigures = (await p2.evaluate(`window.rmlPageBench.run(${n}, 15)`)) as { initialMs: number; appendMs: number[]; smoothingMs: number; points: number; drawn: number; renderMs: number };
    return { chart: summary, page: { ...pageFigures, append: stats(pageFigures.appendMs) } };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(WORKER) || !existsSync(PAGE_BUNDLE)) throw new Error('dist/ is missing: run `npm run build` first');
  mkdirSync(OUT_DIR, { recursive: true });
  const load0 = loadavg();
  log(`latency: ${SAMPLES} lines with file-system events, then ${SAMPLES} polling only`);
  const watched = stats(await latency(true, SAMPLES));
  const polled = stats(await latency(false, SAMPLES));
  const big = await bigRun(POINTS);
  log(`first read of ${(big.bytes / 1e6).toFixed(0)} MB`);
  const readMs = median([await firstRead(POINTS, big.dir, big.id), await firstRead(POINTS, big.dir, big.id), await firstRead(POINTS, big.dir, big.id)]);
  const node = nodeFigures(POINTS);
  const browser = args['skip-browser'] ? undefined : await browserFigures(POINTS);
  const measuresFile = join(REPO_ROOT, 'test-results', 'integration-measures.json');
  const measures = existsSync(measuresFile) ? JSON.parse(readFileSync(measuresFile, 'utf8')) : {};
  const host = { data: measures['trainingDashboard.lineToWebviewDataMs'], table: measures['trainingDashboard.lineToTableMs'], at: existsSync(measuresFile) ? statSync(measuresFile).mtime.toISOString() : undefined };
  const load1 = loadavg();
  const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, memGB: Math.round(totalmem() / 2 ** 30), node: process.version, load: [load0, load1] }, points: POINTS, latency: { watched, polled }, host, firstRead: { ms: readMs, bytes: big.bytes }, node, browser };
  writeFileSync(join(BENCH_DATA_DIR, 'bench-dashboard.json'), JSON.stringify(results, null, 2));

  const k = (POINTS / 1e6).toLocaleString('en-US');
  console.log(`Training Dashboard — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, load ${load0.map(f1).join('/')} → ${load1.map(f1).join('/')}`);
  console.log('\nLine written to metrics.jsonl → point in the page\'s data (ms):');
  console.log(`  worker + simulated page, file-system events + 500 ms poll  ${fmt(watched)}  (${watched.n} lines)`);
  console.log(`  worker + simulated page, 500 ms poll only (peer)           ${fmt(polled)}  (${polled.n} lines)`);
  if (host.data) console.log(`  real VS Code host (integration test, ${host.at}): data ${fmt({ ...host.data, p90: pct(host.data.samples, 0.9) })}; table in the DOM ${fmt({ ...host.table, p90: pct(host.table.samples, 0.9) })}  (${host.data.samples.length} lines)`);
  console.log(`\n${k}M points:`);
  console.log(`  worker's first read of metrics.jsonl (${(big.bytes / 1e6).toFixed(0)} MB): ${f1(readMs)} ms (${((big.bytes / 1e6) / (readMs / 1000)).toFixed(0)} MB/s)`);
  console.log(`  downsampling (M4, ${node.buckets} px): ${f1(node.downsampleMs)} ms → ${node.kept.toLocaleString('en-US')} points; smoothing the whole series: ${f1(node.smoothMs)} ms; one appended point: ${node.appendUs.toFixed(1)} µs`);
  if (browser) {
    console.log('  one chart in Chromium (ms, median; prepare = x/smoothing/downsampling, plot = Observable Plot, paint = to the next frame):');
    for (const [name, v] of Object.entries(browser.chart)) console.log(`    ${name.padEnd(30)} total ${f1(v.totalMs).padStart(8)}  prepare ${f1(v.prepareMs).padStart(7)}  plot ${f1(v.plotMs).padStart(8)}  paint ${f1(v.paintMs).padStart(8)}  drawn ${v.drawn.toLocaleString('en-US')}`);
    const ratio = browser.chart['every point (peer)']!.totalMs / browser.chart.downsampled!.totalMs;
    const ratioS = browser.chart['every point, smoothed (peer)']!.totalMs / browser.chart['downsampled, smoothed']!.totalMs;
    console.log(`    peer ÷ downsampled: ${ratio.toFixed(0)}× (raw), ${ratioS.toFixed(0)}× (smoothed)`);
    const p = browser.page;
    console.log(`  the dashboard page (dist/webview/training-dashboard.js): ${k}M points in → drawn and tabled ${f1(p.initialMs)} ms; one more point → redrawn ${fmt(p.append)} ms; smoothing 0.6 → 0.9: ${f1(p.smoothingMs)} ms (render pass ${f1(p.renderMs)} ms, ${p.drawn} points drawn)`);
  }
}

// The run feed worker is unref'd (it must never keep an editor alive): keep this process up.
const keepAlive = setInterval(() => undefined, 1000);
main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => clearInterval(keepAlive));
