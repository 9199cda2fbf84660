// The header: per shown run its status, device, progress, elapsed time and ETA, and a Stop
// button that asks before it stops anything.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { estimateProgress } from '../../src/core/training/progress-estimate';
import { ENDED_STATUSES, type DashboardRun } from '../../src/protocol/training-dashboard-protocol';
import { h } from '../shared/dom';
import { num } from '../shared/format';
import { duration } from './time-format';

const isFinalStatus = (s: DashboardRun['status']) => ENDED_STATUSES.includes(s);

export type StopUi = { state: 'idle' } | { state: 'confirm' } | { state: 'sent'; message?: string; ok?: boolean };

export interface HeaderHandlers {
  askStop(run: string): void;
  confirmStop(run: string): void;
  cancelStop(run: string): void;
}

const STATUS_CLASS: Record<string, string> = {
  queued: 'status-info',
  running: 'status-ok',
  succeeded: 'status-ok',
  failed: 'status-fail',
  stopped: 'status-warn',
  interrupted: 'status-warn',
};

/** The progress line's figures for a run, with the newest epoch/step seen in its points. */
export function progressOf(run: DashboardRun, latest: { epoch?: number; step?: number }, now: number): { text: string; eta: string; fraction?: number } {
  const epoch = Math.max(run.epoch ?? -Infinity, latest.epoch ?? -Infinity);
  const step = Math.max(run.step ?? -Infinity, latest.step ?? -Infinity);
  const est = estimateProgress({
    running: run.status === 'running',
    ...(run.startedAt ? { startedAtMs: Date.parse(run.startedAt) } : {}),
    ...(run.endedAt ? { endedAtMs: Date.parse(run.endedAt) } : {}),
    nowMs: now,
    ...(Number.isFinite(epoch) ? { epoch } : {}),
    ...(run.totalEpochs !== undefined ? { totalEpochs: run.totalEpochs } : {}),
    ...(Number.isFinite(step) ? { step } : {}),
  });
  const parts: string[] = [];
  if (Number.isFinite(epoch)) parts.push(`epoch ${num(epoch, 2)}${run.totalEpochs ? ` of ${run.totalEpochs}` : ''}`);
  if (Number.isFinite(step)) parts.push(`step ${num(step, 0)}`);
  if (est.fraction !== undefined) parts.push(`${Math.round(est.fraction * 100)}%`);
  if (est.elapsedMs !== undefined) parts.push(`${isFinalStatus(run.status) ? 'took' : 'elapsed'} ${duration(est.elapsedMs)}`);
  const eta = est.etaMs !== undefined ? `about ${duration(est.etaMs)} left` : run.status === 'running' ? 'time left unknown yet' : '';
  return { text: parts.join(' · ') || 'no progress yet', eta, ...(est.fraction !== undefined ? { fraction: est.fraction } : {}) };
}

function stopControls(run: DashboardRun, ui: StopUi, handlers: HeaderHandlers): HTMLElement | null {
  if (isFinalStatus(run.status)) return null;
  const box = h('div', { class: 'stop-controls', 'data-run': run.id });
  if (run.stopRequested) {
    box.append(h('span', { class: 'status-text status-warn', role: 'status' }, 'Stop requested — waiting for the run to end'));
  } else if (ui.state === 'confirm') {
    box.append(
      h('span', { class: 'confirm-text' }, 'Stop this run?'),
      h('vscode-button', { class: 'confirm-stop', 'data-run': run.id, onclick: () => handlers.confirmStop(run.id) }, 'Stop run'),
      h('vscode-button', { secondary: true, class: 'cancel-stop', onclick: () => handlers.cancelStop(run.id) }, 'Keep running'),
    );
  } else if (ui.state === 'sent') {
    box.append(h('span', { class: `status-text ${ui.ok === false ? 'status-fail' : 'status-warn'}`, role: 'status' }, ui.message ?? 'Stopping…'));
  } else {
    box.append(h('vscode-button', { secondary: true, class: 'stop-button', 'data-run': run.id, onclick: () => handlers.askStop(run.id) }, 'Stop…'));
  }
  return box;
}

/** One run's header block. */
export function runHeader(run: DashboardRun, main: boolean, latest: { epoch?: number; step?: number }, ui: StopUi, handlers: HeaderHandlers, swatch?: string): HTMLElement {
  const p = progressOf(run, latest, Date.now());
  const bar = h('vscode-progress-bar', { 'aria-label': `Progress of ${run.name}` });
  if (p.fraction !== undefined) bar.setAttribute('value', String(Math.round(p.fraction * 1000) / 10)), bar.setAttribute('max', '100');
  else if (run.status === 'running') bar.setAttribute('indeterminate', '');
  else bar.setAttribute('value', '0'), bar.setAttribute('max', '100');
  const sw = swatch ? h('span', { class: 'swatch run-swatch', 'aria-hidden': 'true' }) : null;
  if (sw && swatch) sw.style.background = swatch; // CSSOM, which the page's CSP allows
  return h(
    'section',
    { class: `run-header${main ? ' main' : ''}`, 'data-run': run.id, 'data-status': run.status, 'aria-label': `Run ${run.name}` },
    h(
      'div',
      { class: 'run-title-row' },
      h(main ? 'h1' : 'h2', { class: 'run-name' }, sw, run.name),
      h('span', { class: `chip status-chip ${STATUS_CLASS[run.status] ?? 'status-info'}`, 'data-status': run.status }, run.status + (run.stopRequested && !isFinalStatus(run.status) ? ' · stop requested' : '')),
      stopControls(run, ui, handlers),
    ),
    h('div', { class: 'run-meta muted' }, h('span', { class: 'run-id file' }, run.id), ' · ', `${run.runner} runner`, ' · ', h('span', { class: 'device' }, run.device)),
    h('div', { class: 'progress-row' }, bar, h('span', { class: 'progress-text', 'data-run': run.id }, p.text), h('span', { class: 'eta', 'data-run': run.id }, p.eta)),
    run.error ? h('p', { class: `callout ${run.status === 'failed' ? 'fail' : 'warn'}` }, run.error) : null,
  );
}

/**
 * Refreshes progress, elapsed time and ETA in place (once a second, and after new points) without
 * rebuilding the header, so a focused Stop button keeps its focus.
 */
export function tickProgress(root: HTMLElement, runs: DashboardRun[], latest: (run: string) => { epoch?: number; step?: number }): void {
  for (const run of runs) {
    const block = root.querySelector<HTMLElement>(`.run-header[data-run="${CSS.escape(run.id)}"]`);
    if (!block) continue;
    const p = progressOf(run, latest(run.id), Date.now());
    const text = block.querySelector<HTMLElement>('.progress-text');
    const eta = block.querySelector<HTMLElement>('.eta');
    if (text && text.textContent !== p.text) text.textContent = p.text;
    if (eta && eta.textContent !== p.eta) eta.textContent = p.eta;
    const bar = block.querySelector('vscode-progress-bar');
    if (bar && p.fraction !== undefined) {
      bar.removeAttribute('indeterminate');
      bar.setAttribute('max', '100');
      bar.setAttribute('value', String(Math.round(p.fraction * 1000) / 10));
    }
  }
}
