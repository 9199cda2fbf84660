// The toolbar: smoothing (TensorBoard's slider, 0–0.999), the x axis, a log-scale y, and the runs
// to compare with.
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { RunChoice, XAxis } from '../../src/protocol/training-dashboard-protocol';
import { h, uid } from '../shared/dom';

export interface ControlState {
  smoothing: number;
  xAxis: XAxis;
  logScale: boolean;
}

export interface ControlHandlers {
  smoothing(value: number): void;
  xAxis(axis: XAxis): void;
  logScale(on: boolean): void;
  compare(runs: string[]): void;
}

export const MAX_SMOOTHING = 0.999;

/** The smoothing, axis and scale controls. */
export function controls(state: ControlState, handlers: ControlHandlers): HTMLElement {
  const sliderId = uid('smoothing');
  const slider = h('input', { id: sliderId, type: 'range', min: 0, max: MAX_SMOOTHING, step: 0.001, value: state.smoothing, class: 'smoothing-slider' }) as HTMLInputElement;
  const box = h('input', { type: 'number', min: 0, max: MAX_SMOOTHING, step: 0.001, value: state.smoothing, class: 'smoothing-value', 'aria-label': 'Smoothing weight' }) as HTMLInputElement;
  const set = (raw: string, from: HTMLInputElement) => {
    const v = Math.max(0, Math.min(MAX_SMOOTHING, Number(raw)));
    if (!Number.isFinite(v)) return;
    if (from !== slider) slider.value = String(v);
    if (from !== box) box.value = String(v);
    handlers.smoothing(v);
  };
  slider.addEventListener('input', () => set(slider.value, slider));
  box.addEventListener('change', () => set(box.value, box));

  const axis = h('vscode-single-select', { class: 'x-axis', 'aria-label': 'Horizontal axis' });
  for (const [value, label] of [['step', 'Step'], ['epoch', 'Epoch'], ['relative', 'Time since start']] as const) {
    axis.append(h('vscode-option', { value, selected: value === state.xAxis }, label));
  }
  axis.addEventListener('change', () => handlers.xAxis((axis as HTMLElement & { value: string }).value as XAxis));

  const log = h('vscode-checkbox', { class: 'log-scale', checked: state.logScale, label: 'Log scale (y)' });
  log.addEventListener('change', () => handlers.logScale((log as HTMLElement & { checked: boolean }).checked));

  return h(
    'div',
    { class: 'toolbar controls', role: 'toolbar', 'aria-label': 'Chart options' },
    h('label', { for: sliderId, class: 'control-label' }, 'Smoothing'),
    slider,
    box,
    h('span', { class: 'control-label' }, 'X axis'),
    axis,
    log,
  );
}

/** Check boxes for the other runs of the workspace; ticking one overlays it on every chart. */
export function compareList(choices: RunChoice[], main: string, shown: string[], handlers: Pick<ControlHandlers, 'compare'>): HTMLElement | null {
  const others = choices.filter((c) => c.id !== main);
  if (others.length === 0) return null;
  const list = h('div', { class: 'compare-list', role: 'group', 'aria-label': 'Runs to compare' });
  for (const c of others) {
    const box = h('vscode-checkbox', { class: 'compare-run', 'data-run': c.id, checked: shown.includes(c.id), label: `${c.name} — ${c.status} · ${c.id}` });
    box.addEventListener('change', () => {
      const picked = [...list.querySelectorAll<HTMLElement & { checked: boolean }>('vscode-checkbox.compare-run')].filter((b) => b.checked).map((b) => b.dataset.run!);
      handlers.compare(picked);
    });
    list.append(box);
  }
  const compared = shown.filter((id) => id !== main).length;
  return h('vscode-collapsible', { class: 'compare', title: `Compare runs${compared > 0 ? ` (${compared} shown)` : ''}`, open: compared > 0 }, list);
}
