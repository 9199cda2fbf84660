// The Fairness Report webview: draws what the panel host sends (src/extension/fairness) and posts
// user actions back. Typed by src/protocol/fairness-report-protocol.ts. The threshold slider
// recomputes the report here, from the posted score bins, on every move; when it comes to rest
// the host computes the full report (with intervals) at that threshold and sends it.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '../shared/webview.css';
import './fairness-report.css';
import type { FairnessReport } from '../../src/core/fairness/fairness-types';
import type {
  FairnessCardKey,
  FairnessPayload,
  FairnessStatus,
  FairnessToHost,
  HostToFairness,
  RenderedFairnessCard,
  RenderedGroup,
} from '../../src/protocol/fairness-report-protocol';
import { reportCspViolations } from '../shared/csp-reporter';
import { h } from '../shared/dom';
import { chartColors, onThemeChange } from '../shared/theme-colors';
import { onWidthChange } from '../shared/width-change';
import { vscodeApi } from '../shared/vscode-api';
import { analysisView } from './analysis-view';
import { analysisPicker, analysisTitle, orderedKeys } from './analysis-picker';
import { headlineCards, titleRow } from './header';
import { intersectionsSection } from './intersections-table';
import { LiveThreshold } from './live-threshold';
import { thresholdPanel, type ThresholdPanel } from './threshold-panel';

/** What survives the panel being hidden and shown again (no retainContextWhenHidden). */
interface SavedState {
  analysis?: string;
  /** The slider's threshold for `file` (a different file starts at its own). */
  threshold?: number;
  file?: string;
}

const vscode = vscodeApi<FairnessToHost, SavedState>();
const post = (m: FairnessToHost) => vscode.postMessage(m);
let state: SavedState = { ...vscode.getState() };
const app = document.getElementById('app')!;

/** The host's payload, the report on screen (the payload's, or recomputed from bins), and the slider. */
let payload: FairnessPayload | undefined;
let shown: { report: FairnessReport; from: 'report' | 'bins'; threshold?: number } | undefined;
let live: LiveThreshold | undefined;
let slider: ThresholdPanel | undefined;
let sliderKey: string | undefined;
let status: { text: string; kind: 'info' | 'error' } | undefined;

function save(patch: Partial<SavedState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

function chartWidth(): number {
  return Math.max(340, Math.min(1000, app.clientWidth - 8));
}

function selectedKey(report: FairnessReport): string {
  const keys = orderedKeys(report);
  return state.analysis && report.analyses[state.analysis] ? state.analysis : keys[0]!;
}

/** The threshold the slider shows: the saved one for this file, else the report's own. */
function sliderThreshold(p: FairnessPayload): number | undefined {
  if (!p.bins) return p.context.threshold;
  if (state.file === p.context.file && state.threshold !== undefined) return state.threshold;
  return p.context.threshold;
}

/** Regions the page keeps between renders, so the slider never loses focus while it moves. */
const regions = {
  title: h('div'),
  status: h('div', { class: 'status-line', role: 'status', 'aria-live': 'polite' }),
  cards: h('div'),
  picker: h('div'),
  threshold: h('div'),
  body: h('div'),
  intersections: h('div'),
};

function layout(): void {
  app.replaceChildren(regions.title, regions.status, regions.picker, regions.cards, regions.threshold, regions.body, regions.intersections);
}

function select(key: string): void {
  if (!payload || !shown?.report.analyses[key]) return;
  save({ analysis: key });
  renderContent();
}

/** Redraws the parts that depend on the report on screen (not the slider itself). */
function renderContent(): void {
  if (!payload || !shown) return;
  const { context } = payload;
  const report = shown.report;
  const key = selectedKey(report);
  const analysis = report.analyses[key]!;
  const scroll = window.scrollY;
  const started = performance.now();
  regions.title.replaceChildren(
    titleRow(report, context, shown.threshold, {
      rerun: () => post({ type: 'rerun' }),
      remap: () => post({ type: 'remap' }),
      exportAs: (format) => post({ type: 'export', format, ...(shown?.threshold !== undefined ? { threshold: shown.threshold } : {}) }),
      addToModelCard: () => post({ type: 'addToModelCard', ...(shown?.threshold !== undefined ? { threshold: shown.threshold } : {}) }),
    }),
    ...(report.warnings.length ? [h('ul', { class: 'warnings', 'aria-label': 'Warnings' }, ...report.warnings.map((w) => h('li', {}, w)))] : []),
  );
  regions.picker.replaceChildren(analysisPicker(report, key, select));
  regions.cards.replaceChildren(h('h2', { class: 'analysis-title' }, analysisTitle(key, analysis)), headlineCards(analysis, context));
  regions.body.replaceChildren(
    analysisView(analysis, analysisTitle(key, analysis), { width: chartWidth(), colors: chartColors(), smallGroup: context.smallGroup, live: shown.from === 'bins' }),
  );
  regions.intersections.replaceChildren(intersectionsSection(report, context.smallGroup, select) ?? '');
  slider?.update(shown.threshold, key);
  renderStatus();
  app.setAttribute('aria-busy', 'false');
  // How long a redraw takes (what a slider move costs), for whoever reads the DOM.
  app.dataset.renderMs = (performance.now() - started).toFixed(1);
  window.scrollTo(0, scroll);
  void postRendered();
}

function renderStatus(): void {
  regions.status.replaceChildren(status ? h('p', { class: status.kind === 'error' ? 'callout fail' : 'callout' }, status.text) : '');
}

/** Labels with more than two classes: the page is binary, so it says how to choose the positive one. */
function showMulticlass(p: FairnessPayload): void {
  payload = undefined;
  shown = undefined;
  slider = undefined;
  sliderKey = undefined;
  const classes = p.report.classes ?? Object.keys(p.report.one_vs_rest ?? {});
  app.setAttribute('aria-busy', 'false');
  app.replaceChildren(
    h(
      'div',
      { class: 'status-page' },
      h('h1', {}, 'Fairness Report'),
      h('p', { class: 'file' }, p.context.file),
      h(
        'p',
        { class: 'callout warn', role: 'status', id: 'multiclass' },
        `${p.context.mapping.y_true} has ${classes.length} classes (${classes.slice(0, 8).join(', ')}${classes.length > 8 ? ', …' : ''}). `,
        'This page shows binary reports: choose the positive (favourable) value with "Change mapping…". The JSON and Markdown exports hold the one-vs-rest analyses of every class.',
      ),
      h(
        'div',
        { class: 'toolbar' },
        h('vscode-button', { onclick: () => post({ type: 'remap' }) }, 'Change mapping…'),
        h('vscode-button', { secondary: true, onclick: () => post({ type: 'export', format: 'markdown' }) }, 'Markdown'),
        h('vscode-button', { secondary: true, onclick: () => post({ type: 'export', format: 'json' }) }, 'JSON'),
      ),
    ),
  );
}

/** A new payload from the host: rebuild everything, keeping the slider if the file is the same. */
function showPayload(p: FairnessPayload): void {
  if (Object.keys(p.report.analyses).length === 0) {
    showMulticlass(p);
    return;
  }
  const sameFile = payload?.context.file === p.context.file;
  payload = p;
  live = p.bins ? new LiveThreshold(p.bins, p.report, p.context) : undefined;
  const t = sliderThreshold(p);
  // The slider's position differs from the report's own threshold (a saved position after a
  // reload): recompute from the bins, and ask the host for the full report there.
  if (live && t !== undefined && t !== p.context.threshold) {
    shown = { report: live.reportAt(t), from: 'bins', threshold: t };
    post({ type: 'thresholdSettled', threshold: t });
  } else shown = { report: p.report, from: 'report', ...(p.context.threshold !== undefined ? { threshold: p.context.threshold } : {}) };
  save({ file: p.context.file, ...(shown.threshold !== undefined ? { threshold: shown.threshold } : {}) });
  if (!sameFile || !app.contains(regions.title)) layout();
  if (live) {
    // The same slider stays (a recomputed report must not take the keyboard focus from it).
    const key = JSON.stringify([p.context.file, p.context.mapping, live.domain]);
    if (slider && sliderKey === key) slider.setLive(live, p.context);
    else {
      slider = thresholdPanel(live, p.context, {
        onInput: (threshold) => moveTo(threshold, false),
        onSettle: (threshold) => moveTo(threshold, true),
        onReset: resetThreshold,
      });
      sliderKey = key;
      regions.threshold.replaceChildren(slider.element);
    }
  } else {
    sliderKey = undefined;
    slider = undefined;
    regions.threshold.replaceChildren(
      p.context.mapping.score ? '' : h('p', { class: 'muted threshold-none' }, 'No score column is mapped, so there is no threshold to move. Map a score with "Change mapping…" to try thresholds.'),
    );
  }
  renderContent();
}

let frame = 0;
let settleTimer: ReturnType<typeof setTimeout> | undefined;
/** How long the slider must rest before the host computes the full report (with intervals) there. */
const SETTLE_MS = 400;
/** The slider moved: recompute from the bins (on the next frame, at most once per frame). */
function moveTo(threshold: number, settled: boolean): void {
  if (!live || !payload) return;
  save({ threshold });
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(() => {
    if (!live) return;
    shown = threshold === payload?.context.threshold ? { report: payload.report, from: 'report', threshold } : { report: live.reportAt(threshold), from: 'bins', threshold };
    renderContent();
  });
  // Arrow keys fire 'change' on every press: ask for the full report once the slider stays put.
  clearTimeout(settleTimer);
  if (settled && threshold !== payload.context.threshold) settleTimer = setTimeout(() => post({ type: 'thresholdSettled', threshold }), SETTLE_MS);
}

/** Back to the file's own predictions (y_pred), or the mapping's threshold. */
function resetThreshold(): void {
  if (!payload) return;
  const m = payload.context.mapping;
  const original = m.y_pred ? undefined : m.threshold ?? 0.5;
  save({ threshold: original });
  if (payload.context.threshold === original) {
    shown = { report: payload.report, from: 'report', ...(original !== undefined ? { threshold: original } : {}) };
    renderContent();
  } else post({ type: 'resetThreshold' });
}

/** Reads the page back from its DOM and tells the host (the integration tests' view of the page). */
async function postRendered(): Promise<void> {
  if (!payload || !shown) return;
  const cards: RenderedFairnessCard[] = [...regions.cards.querySelectorAll<HTMLElement>('.card')].map((el) => {
    const ci = el.dataset.ci?.split(',').map(Number);
    return {
      key: el.dataset.key as FairnessCardKey,
      value: el.dataset.value ? Number(el.dataset.value) : null,
      text: el.querySelector('.card-value')?.textContent ?? '',
      status: el.dataset.status as FairnessStatus,
      ...(ci && ci.length === 2 ? { ci: [ci[0]!, ci[1]!] as [number, number] } : {}),
    };
  });
  const numberOr = (s: string | undefined) => (s ? Number(s) : null);
  const groups: RenderedGroup[] = [...regions.body.querySelectorAll<HTMLElement>('.group-row')].map((el) => ({
    group: el.dataset.group ?? '',
    count: Number(el.dataset.count),
    small: el.dataset.small === 'true',
    selection_rate: numberOr(el.dataset.selectionRate),
    true_positive_rate: numberOr(el.dataset.truePositiveRate),
    false_positive_rate: numberOr(el.dataset.falsePositiveRate),
  }));
  post({
    type: 'rendered',
    summary: {
      file: payload.context.file,
      analysis: selectedKey(shown.report),
      ...(shown.threshold !== undefined ? { threshold: shown.threshold } : {}),
      computedFrom: shown.from,
      cards,
      groups,
      smallGroups: groups.filter((g) => g.small).length,
      charts: app.querySelectorAll('svg.rml-plot').length,
      tables: app.querySelectorAll('table').length,
      suggestions: app.querySelectorAll('.suggestions tbody tr').length,
    },
  });
}

function showProgress(file: string, message: string, fraction?: number): void {
  const bar = h('vscode-progress-bar', { 'aria-label': 'Progress' });
  if (fraction !== undefined) bar.setAttribute('value', String(Math.round(fraction * 100))), bar.setAttribute('max', '100');
  else bar.setAttribute('indeterminate', '');
  if (payload) {
    // A re-run (or intervals at a new threshold) keeps the report on screen, with a line above it.
    regions.status.replaceChildren(h('div', { class: 'rerun-status' }, h('span', { class: 'muted' }, message), bar));
    return;
  }
  app.setAttribute('aria-busy', 'true');
  app.replaceChildren(h('div', { class: 'status-page' }, h('h1', {}, 'Fairness Report'), h('p', { class: 'file' }, file), bar, h('p', { role: 'status' }, message)));
}

function showFailure(file: string, message: string, cancelled: boolean): void {
  if (payload) {
    status = cancelled ? undefined : { text: `Could not recompute: ${message}`, kind: 'error' };
    renderStatus();
    return;
  }
  app.setAttribute('aria-busy', 'false');
  app.replaceChildren(
    h(
      'div',
      { class: 'status-page' },
      h('h1', {}, 'Fairness Report'),
      h('p', { class: 'file' }, file),
      h('p', { class: cancelled ? 'callout' : 'callout fail', role: 'alert' }, cancelled ? 'The report was cancelled.' : `The report failed: ${message}`),
      h('div', { class: 'toolbar' }, h('vscode-button', { onclick: () => post({ type: 'rerun' }) }, cancelled ? 'Run again' : 'Try again'), h('vscode-button', { secondary: true, onclick: () => post({ type: 'remap' }) }, 'Change mapping…')),
    ),
  );
}

const SAVED_WHAT = { markdown: 'Markdown report', html: 'HTML report', json: 'FairnessReport JSON', 'model-card': 'Stored for the model card' } as const;

window.addEventListener('message', (event: MessageEvent<HostToFairness>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'progress':
      showProgress(msg.file, msg.message, msg.fraction);
      break;
    case 'report':
      status = undefined;
      showPayload({ report: msg.report, context: msg.context, ...(msg.bins !== undefined ? { bins: msg.bins } : {}) });
      break;
    case 'failed':
      showFailure(msg.file, msg.message, msg.cancelled);
      break;
    case 'saved':
      status = { text: `${SAVED_WHAT[msg.what]}${msg.what === 'model-card' ? ' in' : ' saved to'} ${msg.path}.`, kind: 'info' };
      renderStatus();
      break;
    case 'setThreshold':
      slider?.set(msg.threshold);
      break;
    case 'selectAnalysis':
      select(msg.key);
      break;
  }
});

reportCspViolations((directive, blocked) => post({ type: 'cspViolation', directive, blocked }));
onThemeChange(renderContent);
onWidthChange(app, renderContent);
post({ type: 'ready' });
