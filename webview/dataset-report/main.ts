// The Dataset Report webview: draws what the panel host sends (src/extension/report) and posts
// user actions back. Typed by src/protocol/dataset-report-protocol.ts.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '../shared/webview.css';
import './dataset-report.css';
import type { DatasetProfile } from '../../src/core/profile/profile-types';
import type { HeadlineKey, HeadlineStatus, HostToReport, RenderedCard, ReportContext, ReportTab, ReportToHost } from '../../src/protocol/dataset-report-protocol';
import { reportCspViolations } from '../shared/csp-reporter';
import { h } from '../shared/dom';
import { chartColors, onThemeChange } from '../shared/theme-colors';
import { onWidthChange } from '../shared/width-change';
import { vscodeApi } from '../shared/vscode-api';
import { header } from './header';
import { integrityTab } from './integrity-tab';
import { intersectionsTab, type HeatMetric } from './intersections-tab';
import { labelRatesTab } from './label-rates-tab';
import { representationTab } from './representation-tab';

/** What survives the panel being hidden and shown again (no retainContextWhenHidden). */
interface SavedState {
  tab: ReportTab;
  metric: HeatMetric;
}

const TABS: Array<{ id: ReportTab; title: string }> = [
  { id: 'representation', title: 'Representation' },
  { id: 'intersections', title: 'Intersections' },
  { id: 'label-rates', title: 'Label rates' },
  { id: 'integrity', title: 'Integrity' },
];

const vscode = vscodeApi<ReportToHost, SavedState>();
const post = (m: ReportToHost) => vscode.postMessage(m);
let state: SavedState = { tab: 'representation', metric: 'share', ...vscode.getState() };
let current: { profile: DatasetProfile; context: ReportContext } | undefined;
const app = document.getElementById('app')!;

function save(patch: Partial<SavedState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

function chartWidth(): number {
  return Math.max(320, Math.min(1000, app.clientWidth - 8));
}

function render(): void {
  if (!current) return;
  const { profile, context } = current;
  const scroll = window.scrollY;
  const opts = { width: chartWidth(), colors: chartColors() };
  const reveal = (file: string, line: number) => post({ type: 'revealLine', file, line });
  const panels: Record<ReportTab, () => HTMLElement> = {
    representation: () => representationTab(profile.attributes, profile.rows, context, opts),
    intersections: () =>
      intersectionsTab(profile, context, {
        ...opts,
        metric: state.metric,
        onMetric: (metric) => {
          save({ metric });
          render();
        },
      }),
    'label-rates': () => labelRatesTab(profile, context, opts),
    integrity: () => integrityTab(profile, context, reveal),
  };
  const selected = Math.max(0, TABS.findIndex((t) => t.id === state.tab));
  const tabs = h('vscode-tabs', { 'selected-index': selected, 'aria-label': 'Report sections' });
  for (const t of TABS) {
    tabs.append(h('vscode-tab-header', { slot: 'header', 'data-tab': t.id }, t.title));
    tabs.append(h('vscode-tab-panel', { 'data-tab': t.id }, panels[t.id]()));
  }
  tabs.addEventListener('vsc-tabs-select', (e) => {
    const tab = TABS[(e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex]?.id;
    if (!tab || tab === state.tab) return;
    save({ tab });
    void postRendered();
  });
  app.replaceChildren(
    header(profile, context, {
      rerun: () => post({ type: 'rerun' }),
      exportAs: (format) => post({ type: 'export', format }),
      configure: () => post({ type: 'configure' }),
    }),
    tabs,
  );
  app.setAttribute('aria-busy', 'false');
  window.scrollTo(0, scroll);
  void postRendered();
}

/** Reads the headline back from the DOM and tells the host (the integration tests' view of the page). */
async function postRendered(): Promise<void> {
  if (!current) return;
  // The tables' ARIA roles are set when their elements first update (asynchronously).
  await Promise.all([...app.querySelectorAll('vscode-table')].map((t) => (t as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  if (!current) return;
  const cards: RenderedCard[] = [...app.querySelectorAll<HTMLElement>('.card')].map((el) => ({
    key: el.dataset.key as HeadlineKey,
    value: el.dataset.value ? Number(el.dataset.value) : null,
    text: el.querySelector('.card-value')?.textContent ?? '',
    status: el.dataset.status as HeadlineStatus,
    ...(el.dataset.attribute ? { attribute: el.dataset.attribute } : {}),
  }));
  const notice = app.querySelector('#not-configured p')?.textContent ?? undefined;
  post({
    type: 'rendered',
    summary: {
      file: current.context.file,
      cards,
      tab: state.tab,
      charts: app.querySelectorAll('svg.rml-plot').length,
      tables: app.querySelectorAll('[role="table"]').length,
      ...(notice ? { notice } : {}),
    },
  });
}

function showProgress(file: string, message: string, fraction?: number): void {
  app.setAttribute('aria-busy', 'true');
  const bar = h('vscode-progress-bar', { 'aria-label': 'Profiling progress' });
  if (fraction !== undefined) bar.setAttribute('value', String(Math.round(fraction * 100))), bar.setAttribute('max', '100');
  else bar.setAttribute('indeterminate', '');
  app.replaceChildren(h('div', { class: 'status-page' }, h('h1', {}, 'Dataset Report'), h('p', { class: 'file' }, file), bar, h('p', { role: 'status' }, message)));
}

/** A re-run keeps the old report on screen, with a progress line above it. */
function showRerunProgress(message: string, fraction?: number): void {
  let status = app.querySelector<HTMLElement>('.rerun-status');
  if (!status) {
    status = h('div', { class: 'rerun-status', role: 'status' });
    app.prepend(status);
  }
  const bar = h('vscode-progress-bar', { 'aria-label': 'Profiling progress' });
  if (fraction !== undefined) bar.setAttribute('value', String(Math.round(fraction * 100))), bar.setAttribute('max', '100');
  else bar.setAttribute('indeterminate', '');
  status.replaceChildren(h('span', { class: 'muted' }, `Profiling again: ${message}`), bar);
}

function showFailure(file: string, message: string, cancelled: boolean): void {
  app.setAttribute('aria-busy', 'false');
  app.replaceChildren(
    h(
      'div',
      { class: 'status-page' },
      h('h1', {}, 'Dataset Report'),
      h('p', { class: 'file' }, file),
      h('p', { class: cancelled ? 'callout' : 'callout fail', role: 'alert' }, cancelled ? 'Profiling was cancelled.' : `Profiling failed: ${message}`),
      h('vscode-button', { onclick: () => post({ type: 'rerun' }) }, cancelled ? 'Run again' : 'Try again'),
    ),
  );
}

window.addEventListener('message', (event: MessageEvent<HostToReport>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'progress':
      if (current) showRerunProgress(msg.message, msg.fraction);
      else showProgress(msg.file, msg.message, msg.fraction);
      break;
    case 'profile':
      current = { profile: msg.profile, context: msg.context };
      render();
      break;
    case 'failed':
      if (current && msg.cancelled) app.querySelector('.rerun-status')?.remove();
      else {
        current = undefined;
        showFailure(msg.file, msg.message, msg.cancelled);
      }
      break;
    case 'exported':
      break;
  }
});

reportCspViolations((directive, blocked) => post({ type: 'cspViolation', directive, blocked }));
onThemeChange(render);
onWidthChange(app, render);
post({ type: 'ready' });
