// Drives the real dashboard page (dist/webview/training-dashboard.js, loaded beside this file
// with a stand-in acquireVsCodeApi) the way the panel host does, for
// scripts/bench/bench-dashboard.ts: n points at once, then one point at a time, then a smoothing
// change, timing each until the page says it rendered. Bundled by the benchmark, never shipped.
import { lossChunk } from './dashboard-render';

interface Sent {
  type: string;
  summary?: { points: number; renderMs: number; charts: Array<{ series: Array<{ drawn: number }> }> };
}

const w = window as unknown as { __sent: Sent[]; rmlPageBench: unknown };

function renderedAfter(mark: number): Promise<number> {
  return new Promise((resolve) => {
    const poll = () => (w.__sent.slice(mark).some((m) => m.type === 'rendered') ? resolve(performance.now()) : setTimeout(poll, 1));
    poll();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(n: number, appends: number) {
  const now = Date.now();
  window.postMessage({
    type: 'runs',
    shown: ['r1'],
    runs: [{ id: 'r1', name: 'bench', status: 'running', runner: 'builtin', createdAt: new Date(now).toISOString(), startedAt: new Date(now).toISOString(), device: 'CPU', stopRequested: false }],
    choices: [],
  });
  await sleep(300);
  const all = lossChunk(n + appends);
  const slice = (from: number, to: number) => ({
    ...all,
    step: all.step.slice(from, to),
    epoch: all.epoch.slice(from, to),
    wallTime: all.wallTime.slice(from, to),
    value: all.value.slice(from, to),
  });
  let mark = w.__sent.length;
  let t0 = performance.now();
  window.postMessage({ type: 'points', seq: 1, chunks: [slice(0, n)], reset: ['r1'] });
  const initialMs = (await renderedAfter(mark)) - t0;
  const appendMs: number[] = [];
  for (let i = 0; i < appends; i++) {
    await sleep(1100); // past the page's adaptive render throttle
    mark = w.__sent.length;
    t0 = performance.now();
    window.postMessage({ type: 'points', seq: 2 + i, chunks: [slice(n + i, n + i + 1)] });
    appendMs.push((await renderedAfter(mark)) - t0);
  }
  await sleep(1100);
  const slider = document.querySelector<HTMLInputElement>('.smoothing-slider')!;
  mark = w.__sent.length;
  t0 = performance.now();
  slider.value = '0.9';
  slider.dispatchEvent(new Event('input'));
  const smoothingMs = (await renderedAfter(mark)) - t0;
  const last = w.__sent.filter((m) => m.type === 'rendered').pop()!.summary!;
  return { initialMs, appendMs, smoothingMs, points: last.points, drawn: last.charts[0]?.series[0]?.drawn ?? 0, renderMs: last.renderMs };
}

w.rmlPageBench = { run };
