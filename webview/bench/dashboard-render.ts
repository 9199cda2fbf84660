// Render-time harness for scripts/bench/bench-dashboard.ts (bundled by the benchmark, never
// shipped): draws one chart of an n-point series the way the dashboard does — with per-pixel
// downsampling, or (the peer) handing every point to Observable Plot — and times each stage in
// the browser. The data is made here, in the page, from a fixed seed.
import '../shared/webview.css';
import { DashboardData } from '../training-dashboard/dashboard-data';
import { lineChart, MARGIN_LEFT, MARGIN_RIGHT, type ChartLine } from '../training-dashboard/line-chart';
import { drawnPoints } from '../training-dashboard/series-view';
import { chartColors } from '../shared/theme-colors';
import type { RunChunk } from '../../src/protocol/training-dashboard-protocol';

/** A noisy decaying loss curve of n points (a fixed LCG seed, so every run draws the same). */
export function lossChunk(n: number, run = 'r1', name = 'train/loss'): RunChunk {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
  const step = new Float64Array(n);
  const epoch = new Float64Array(n);
  const wallTime = new Float64Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    step[i] = i + 1;
    epoch[i] = (i + 1) / (n / 10);
    wallTime[i] = 1.7e9 + i * 0.05;
    value[i] = 2 * Math.exp(-i / (n / 5)) + 0.25 * rand() + (i % 997 === 0 ? 1 : 0);
  }
  return { run, name, step, epoch, wallTime, value };
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

export interface RenderTiming {
  /** Picking the points to draw (x column, smoothing, downsampling). */
  prepareMs: number;
  /** Observable Plot building the SVG. */
  plotMs: number;
  /** Into the document, laid out and painted (to the next frame). */
  paintMs: number;
  totalMs: number;
  drawn: number;
}

let data: DashboardData | undefined;

/** Loads an n-point series (not timed). */
function load(n: number): void {
  data = new DashboardData();
  data.apply([lossChunk(n)]);
}

/** Draws the chart once; `downsample: false` is the peer. */
async function render(downsample: boolean, smoothing: number, width = 900): Promise<RenderTiming> {
  const s = data!.series('r1', 'train/loss')!;
  const host = document.getElementById('app')!;
  host.replaceChildren();
  await frame();
  const t0 = performance.now();
  const domain = { x0: 1, x1: s.length };
  const opts = { axis: 'step' as const, origin: 0, ...domain, buckets: width - MARGIN_LEFT - MARGIN_RIGHT, logScale: false, downsample };
  const raw = drawnPoints(s, s.value, opts);
  const smoothedValues = smoothing > 0 ? data!.smoothed('r1', 'train/loss', smoothing) : undefined;
  const smoothed = smoothedValues ? drawnPoints(s, smoothedValues, opts) : undefined;
  const lines: ChartLine[] = [{ raw, ...(smoothed ? { smoothed } : {}), color: '#3794ff', dots: false }];
  const t1 = performance.now();
  const chart = lineChart(lines, { width, height: 220, colors: chartColors(), axis: 'step', xDomain: [domain.x0, domain.x1], logScale: false });
  const t2 = performance.now();
  host.append(chart);
  chart.getBoundingClientRect();
  await frame();
  const t3 = performance.now();
  return { prepareMs: t1 - t0, plotMs: t2 - t1, paintMs: t3 - t2, totalMs: t3 - t0, drawn: raw.x.length + (smoothed?.x.length ?? 0) };
}

(window as unknown as { rmlBench: unknown }).rmlBench = { load, render, lossChunk };
