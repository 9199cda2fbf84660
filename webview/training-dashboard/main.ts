// The Training Dashboard webview: live charts of the runs the panel host sends
// (src/extension/training) and the user's actions back. Typed by
// src/protocol/training-dashboard-protocol.ts.
import '../shared/webview.css';
import './training-dashboard.css';
import type { DashboardRun, DashboardToHost, HostToDashboard, RenderedDashboard, RunChoice, XAxis } from '../../src/protocol/training-dashboard-protocol';
import { parseGroupMetricName } from '../../src/core/training/group-metric-name';
import { reportCspViolations } from '../shared/csp-reporter';
import { h } from '../shared/dom';
import { onThemeChange } from '../shared/theme-colors';
import { onWidthChange } from '../shared/width-change';
import { vscodeApi } from '../shared/vscode-api';
import { renderChartBlock } from './chart-block';
import { layoutCharts, SECTIONS, type ChartSpec } from './chart-layout';
import { compareList, controls, MAX_SMOOTHING, type ControlState } from './controls';
import { DashboardData } from './dashboard-data';
import { runHeader, tickProgress, type StopUi } from './header';
import { seriesPalette } from './series-colors';

/** What survives the panel being hidden and shown again (no retainContextWhenHidden). */
type SavedState = ControlState;

const vscode = vscodeApi<DashboardToHost, SavedState>();
const post = (m: DashboardToHost) => vscode.postMessage(m);
const saved = vscode.getState();
const state: SavedState = {
  smoothing: typeof saved?.smoothing === 'number' ? Math.max(0, Math.min(MAX_SMOOTHING, saved.smoothing)) : 0.6,
  xAxis: saved?.xAxis === 'epoch' || saved?.xAxis === 'relative' ? saved.xAxis : 'step',
  logScale: saved?.logScale === true,
};

const data = new DashboardData();
let shown: string[] = [];
const runInfo = new Map<string, DashboardRun>();
let choices: RunChoice[] = [];
const problems: string[] = [];
const stopUi = new Map<string, StopUi>();

const app = document.getElementById('app')!;
const headerEl = h('div', { class: 'runs' });
const controlsEl = h('div', { class: 'controls-row' });
const compareEl = h('div', { class: 'compare-row' });
const problemsEl = h('div', { class: 'problems' });
const emptyEl = h('p', { class: 'empty muted', role: 'status' }, 'No metrics yet. Points appear here as the run writes them to metrics.jsonl.');
const chartsEl = h('div', { class: 'charts' });
app.replaceChildren(headerEl, controlsEl, compareEl, problemsEl, emptyEl, chartsEl);
app.setAttribute('aria-busy', 'false');

const blocks = new Map<string, { el: HTMLElement; spec: ChartSpec; signature: string }>();
const dirty = new Set<string>();
let allDirty = true;
let headerDirty = true;
/** New points may have moved a run's progress (its newest epoch and step). */
let progressDirty = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let nextAllowed = 0;
let lastPassMs = 0;

function save(): void {
  vscode.setState({ ...state });
}

function chartWidth(): number {
  return Math.max(320, Math.min(1000, app.clientWidth - 8));
}

/** The chart a metric name is drawn on. */
function chartKeyOf(name: string): string {
  const g = parseGroupMetricName(name);
  return g ? `${g.split}/group/${g.attribute}/${g.metric}` : name;
}

/** Seconds since the Unix epoch that "time since start" counts from, per run. */
function originOf(run: string): number {
  const started = runInfo.get(run)?.startedAt;
  const t = started ? Date.parse(started) / 1000 : NaN;
  return Number.isFinite(t) ? t : data.firstWallTime(run) ?? 0;
}

/** Draws at most every 2× the last pass's time (and at most once a second apart), so a flood of points never stalls the page. */
function schedule(): void {
  if (timer) return;
  timer = setTimeout(pass, Math.max(0, nextAllowed - performance.now()));
}

function updateLayout(): void {
  const specs = layoutCharts(shown, (run) => data.runs.get(run)?.series.keys() ?? []);
  const keep = new Set(specs.map((s) => s.key));
  for (const [key, b] of blocks) if (!keep.has(key)) (b.el.remove(), blocks.delete(key));
  const sections = new Map<string, HTMLElement[]>();
  for (const spec of specs) {
    const signature = spec.series.map((s) => `${s.run}\u0000${s.name}`).join('\u0001');
    let b = blocks.get(spec.key);
    if (!b) blocks.set(spec.key, (b = { el: h('div', { class: 'chart-block', 'data-chart': spec.key }), spec, signature: '' }));
    if (b.signature !== signature) dirty.add(spec.key);
    b.spec = spec;
    b.signature = signature;
    const list = sections.get(spec.section) ?? [];
    list.push(b.el);
    sections.set(spec.section, list);
  }
  const children: HTMLElement[] = [];
  for (const s of SECTIONS) {
    const list = sections.get(s.id);
    if (!list) continue;
    children.push(h('h2', { class: 'section-title', 'data-section': s.id }, s.title), ...list);
  }
  // Re-append only when the order changed: moving a focused element would lose the focus.
  const current = [...chartsEl.children];
  if (current.length !== children.length || children.some((c, i) => c.className === 'chart-block' ? current[i] !== c : current[i]?.textContent !== c.textContent)) {
    chartsEl.replaceChildren(...children);
  }
  emptyEl.hidden = specs.length > 0;
}

function pass(): void {
  timer = undefined;
  const t0 = performance.now();
  if (headerDirty) renderHeader();
  else if (progressDirty) tickHeader();
  progressDirty = false;
  updateLayout();
  const palette = seriesPalette();
  const width = chartWidth();
  for (const [key, b] of blocks) {
    if (!allDirty && !dirty.has(key)) continue;
    renderChartBlock(b.el, b.spec, { data, shown, runInfo, state, palette, width, originOf });
  }
  dirty.clear();
  allDirty = false;
  lastPassMs = performance.now() - t0;
  nextAllowed = performance.now() + Math.min(1000, 2 * lastPassMs);
  void postRendered();
}

function renderHeader(): void {
  headerDirty = false;
  const palette = seriesPalette();
  const handlers = {
    askStop: (run: string) => setStopUi(run, { state: 'confirm' }),
    cancelStop: (run: string) => setStopUi(run, { state: 'idle' }),
    confirmStop: (run: string) => {
      setStopUi(run, { state: 'sent' });
      post({ type: 'stop', run });
    },
  };
  const blocksOut: HTMLElement[] = [];
  shown.forEach((id, i) => {
    const run = runInfo.get(id);
    if (run) blocksOut.push(runHeader(run, i === 0, data.latest(id), stopUi.get(id) ?? { state: 'idle' }, handlers, shown.length > 1 ? palette[i % palette.length] : undefined));
  });
  headerEl.replaceChildren(...blocksOut);
}

function setStopUi(run: string, ui: StopUi): void {
  stopUi.set(run, ui);
  renderHeader(); // at once: the next click (Stop run) needs its button now
  void postRendered();
}

function renderProblems(): void {
  if (problems.length === 0) return problemsEl.replaceChildren();
  const shownProblems = problems.slice(-20);
  problemsEl.replaceChildren(
    h(
      'div',
      { class: 'callout warn', role: 'status' },
      h('strong', {}, `Problems reading the run${problems.length > shownProblems.length ? ` (last ${shownProblems.length} of ${problems.length})` : ''}:`),
      h('ul', {}, ...shownProblems.map((p) => h('li', { class: 'file' }, p))),
    ),
  );
}

function renderCompare(): void {
  const list = shown.length > 0 ? compareList(choices, shown[0]!, shown, { compare: (runs) => post({ type: 'compare', runs }) }) : null;
  compareEl.replaceChildren(...(list ? [list] : []));
}

/** Reads what is on screen back from the DOM and tells the host (the integration tests' view of the page). */
async function postRendered(): Promise<void> {
  await Promise.all([...app.querySelectorAll('vscode-table')].map((t) => (t as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  const numOrNull = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
  const summary: RenderedDashboard = {
    runs: [...headerEl.querySelectorAll<HTMLElement>('.run-header')].map((el) => ({
      id: el.dataset.run!,
      status: el.dataset.status!,
      stopEnabled: !!el.querySelector('.stop-button'),
      stopRequested: runInfo.get(el.dataset.run!)?.stopRequested ?? false,
      progress: el.querySelector('.progress-text')?.textContent ?? '',
      eta: el.querySelector('.eta')?.textContent ?? '',
    })),
    charts: [...blocks.values()].map((b) => ({
      key: b.spec.key,
      title: b.spec.title,
      section: b.spec.section,
      series: [...b.el.querySelectorAll<HTMLElement>('.series-key')].map((s) => ({
        run: s.dataset.run!,
        series: s.dataset.series!,
        points: Number(s.dataset.points),
        drawn: Number(s.dataset.drawn),
        lastStep: numOrNull(s.dataset.lastStep),
        lastValue: numOrNull(s.dataset.lastValue),
        smoothed: numOrNull(s.dataset.smoothed),
      })),
    })),
    svgs: app.querySelectorAll('svg.rml-plot').length,
    tables: app.querySelectorAll('[role="table"]').length,
    xAxis: state.xAxis,
    smoothing: state.smoothing,
    logScale: state.logScale,
    points: data.points,
    renderMs: lastPassMs,
  };
  post({ type: 'rendered', summary });
}

function redrawAll(): void {
  allDirty = true;
  schedule();
}

controlsEl.replaceChildren(
  controls(state, {
    smoothing: (v) => {
      state.smoothing = v;
      save();
      redrawAll();
    },
    xAxis: (axis: XAxis) => {
      state.xAxis = axis;
      save();
      redrawAll();
    },
    logScale: (on) => {
      state.logScale = on;
      save();
      redrawAll();
    },
    compare: () => undefined,
  }),
);

window.addEventListener('message', (event: MessageEvent<HostToDashboard>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'runs':
      shown = msg.shown;
      runInfo.clear();
      for (const r of msg.runs) runInfo.set(r.id, r);
      choices = msg.choices;
      data.keepOnly(shown);
      renderCompare();
      headerDirty = true;
      redrawAll();
      break;
    case 'run':
      runInfo.set(msg.run.id, msg.run);
      if (msg.run.stopRequested) stopUi.delete(msg.run.id);
      headerDirty = true;
      allDirty ||= msg.run.startedAt !== undefined && state.xAxis === 'relative';
      schedule();
      break;
    case 'points': {
      const changed = data.apply(msg.chunks, msg.reset);
      post({ type: 'applied', seq: msg.seq, points: data.points });
      for (const names of changed.values()) for (const name of names) dirty.add(chartKeyOf(name));
      progressDirty = true;
      schedule();
      break;
    }
    case 'problem':
      if (!problems.includes(msg.message)) problems.push(msg.message), renderProblems();
      break;
    case 'stopResult':
      setStopUi(msg.run, { state: 'sent', ok: msg.ok, message: msg.message });
      break;
    case 'press': {
      if (headerDirty) renderHeader();
      const selector = msg.control === 'stop' ? '.stop-button' : '.confirm-stop';
      headerEl.querySelector<HTMLElement>(`${selector}[data-run="${CSS.escape(msg.run)}"]`)?.click();
      break;
    }
  }
});

reportCspViolations((directive, blocked) => post({ type: 'cspViolation', directive, blocked }));
onThemeChange(() => {
  headerDirty = true;
  redrawAll();
});
onWidthChange(app, redrawAll);
function tickHeader(): void {
  tickProgress(headerEl, shown.map((id) => runInfo.get(id)).filter((r): r is DashboardRun => !!r), (id) => data.latest(id));
}
setInterval(tickHeader, 1000);
post({ type: 'ready' });
