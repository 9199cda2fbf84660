// The decision-threshold slider (with a number box beside it, both keyboard-operable) and the
// suggested per-group thresholds for a chosen goal with their trade-off — a suggestion only:
// nothing here changes the model or the report's predictions.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { FairnessContext } from '../../src/protocol/fairness-report-protocol';
import { h, uid } from '../shared/dom';
import { num } from '../shared/format';
import type { LiveThreshold, SuggestionGoal, SuggestionView } from './live-threshold';
import { pct1 as pctTick } from './metric-chart';

export interface ThresholdPanel {
  element: HTMLElement;
  /** Shows `threshold` (without firing) and the suggestions for analysis `key`. */
  update(threshold: number | undefined, key: string): void;
  /** Moves the slider as a person would: fires input and settle. */
  set(threshold: number): void;
  /** New bins and context for the same file, mapping and score range (a recomputed report). */
  setLive(live: LiveThreshold, ctx: FairnessContext): void;
}

const GOALS: Array<{ goal: SuggestionGoal; label: string }> = [
  { goal: 'demographic_parity', label: 'Equal selection rates' },
  { goal: 'equal_opportunity', label: 'Equal true positive rates' },
];

function fmtT(t: number, step: number): string {
  const digits = Math.max(0, Math.min(6, Math.ceil(-Math.log10(step)) + 1));
  return Number(t.toFixed(digits)).toString();
}

export function thresholdPanel(firstLive: LiveThreshold, firstCtx: FairnessContext, on: { onInput(t: number): void; onSettle(t: number): void; onReset(): void }): ThresholdPanel {
  let live = firstLive;
  let ctx = firstCtx;
  const { min, max, step } = live.domain;
  const sliderId = uid('threshold');
  const helpId = uid('threshold-help');
  let goal: SuggestionGoal = 'demographic_parity';
  let key = '';
  const score = ctx.mapping.score ?? 'score';
  const range = h('input', { type: 'range', id: sliderId, min, max, step, 'aria-describedby': helpId, class: 'threshold-range' }) as HTMLInputElement;
  const box = h('input', { type: 'number', min, max, step, 'aria-label': `Threshold on ${score}`, class: 'threshold-number' }) as HTMLInputElement;
  const original = ctx.mapping.y_pred ? undefined : ctx.mapping.threshold ?? 0.5;
  const reset = h(
    'vscode-button',
    { secondary: true, title: 'Back to the predictions the report started from', onclick: () => on.onReset() },
    original === undefined ? `Back to ${ctx.mapping.y_pred}` : `Back to ${fmtT(original, step)}`,
  );
  const suggestions = h('div', { class: 'suggestions-region' });
  // Says what the numbers on the page are predictions of; updated with the slider.
  const mode = h('p', { id: helpId, class: 'muted' });
  const describe = (threshold: number | undefined) => {
    const how = `Every number on the page follows the slider (recomputed here from score histograms${live.exact ? ', exact at every score' : ''}); intervals are recomputed when it comes to rest.`;
    if (threshold !== undefined) mode.textContent = `Predicted positive: ${score} ≥ ${fmtT(threshold, step)}. ${how}`;
    else if (ctx.impliedThreshold !== undefined) mode.textContent = `Showing ${ctx.mapping.y_pred}, which is ${score} ≥ ${fmtT(ctx.impliedThreshold, step)} on every row. Move the slider to try other thresholds. ${how}`;
    else mode.textContent = `Showing ${ctx.mapping.y_pred} as given (it is not ${score} ≥ t for any single t). Move the slider to predict from ${score} instead. ${how}`;
  };

  const fire = (t: number, settled: boolean) => {
    const snapped = live.snap(t);
    range.value = String(snapped);
    box.value = fmtT(snapped, step);
    range.setAttribute('aria-valuetext', `${score} at least ${fmtT(snapped, step)}`);
    on.onInput(snapped);
    if (settled) on.onSettle(snapped);
  };
  // input: live while dragging or holding an arrow key; change: the slider came to rest.
  range.addEventListener('input', () => fire(Number(range.value), false));
  range.addEventListener('change', () => fire(Number(range.value), true));
  box.addEventListener('change', () => {
    const t = Number(box.value);
    if (Number.isFinite(t)) fire(Math.min(max, Math.max(min, t)), true);
  });
  function set(t: number): void {
    fire(Math.min(max, Math.max(min, t)), true);
  }

  const goalButtons = h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Goal of the suggested thresholds' });
  const drawGoals = () =>
    goalButtons.replaceChildren(
      h('span', { class: 'muted' }, 'Suggest per-group thresholds for:'),
      ...GOALS.map((g) =>
        h(
          'vscode-button',
          { class: 'toggle', secondary: g.goal !== goal, 'aria-pressed': String(g.goal === goal), onclick: () => ((goal = g.goal), drawGoals(), drawSuggestions()) },
          g.label,
        ),
      ),
    );

  function drawSuggestions(): void {
    const view: SuggestionView | undefined = key ? live.suggestionsFor(key, goal) : undefined;
    if (!view) {
      suggestions.replaceChildren(h('p', { class: 'muted' }, 'No suggestion for this analysis.'));
      return;
    }
    const metric = view.metric === 'true_positive_rate' ? 'TPR' : 'Selection';
    const features = Object.keys(view.groups[0]?.group ?? {});
    const rate = (v: number | null) => (v === null ? '—' : pctTick(v));
    const t = h('table', { class: 'suggestions' });
    t.append(
      h('caption', {}, `Suggested thresholds per group for ${view.analysis.split(',').join(' × ')} (not applied; "now" is one threshold of ${fmtT(view.threshold_before, step)} for everyone)`),
      h(
        'thead',
        {},
        h('tr', {}, ...['Group', 'n', `${score} ≥`, `${metric} now`, `${metric} suggested`, 'Accuracy now', 'Accuracy suggested'].map((c, i) => h('th', { scope: 'col', class: i > 0 ? 'numeric' : undefined }, c))),
      ),
      h(
        'tbody',
        {},
        ...view.groups.map((g) => {
          const small = g.count < ctx.smallGroup;
          return h(
            'tr',
            { class: small ? 'small-row' : undefined },
            h('th', { scope: 'row' }, features.map((f) => g.group[f]).join(', '), g.constrained ? '' : h('span', { class: 'muted' }, ' (small: not counted in the spread)')),
            h('td', { class: 'numeric' }, small ? h('span', { class: 'small-n' }, `⚠ ${num(g.count, 0)}`) : num(g.count, 0)),
            h('td', { class: 'numeric' }, g.threshold === null ? 'nobody' : fmtT(g.threshold, step)),
            h('td', { class: 'numeric' }, pctTick(g.metric_before)),
            h('td', { class: 'numeric' }, pctTick(g.metric_after)),
            h('td', { class: 'numeric' }, rate(g.accuracy_before)),
            h('td', { class: 'numeric' }, rate(g.accuracy_after)),
          );
        }),
      ),
    );
    const acc = view.accuracy_before !== null && view.accuracy_after !== null ? `overall accuracy ${pctTick(view.accuracy_before)} → ${pctTick(view.accuracy_after)}; ` : '';
    suggestions.replaceChildren(
      t,
      h('p', { class: 'tradeoff' }, h('strong', {}, 'Trade-off: '), `${acc}largest ${metric === 'TPR' ? 'TPR' : 'selection-rate'} gap ${pctTick(view.disparity_before)} → ${pctTick(view.disparity_after)} (common rate ${pctTick(view.target)}).`),
      view.target <= 0 || view.target >= 1
        ? h(
            'p',
            { class: 'callout warn' },
            `Only predicting ${view.target <= 0 ? 'nobody' : 'everybody'} positive brings these rates within ${pctTick(view.tolerance)} of each other: small groups have coarse rates (a group of 2 can only be at 0%, 50% or 100%). Look at the single attributes, or at groups large enough to trust.`,
          )
        : '',
      ...view.notes.map((n) => h('p', { class: 'muted' }, n)),
    );
  }

  drawGoals();
  const element = h(
    'section',
    { class: 'threshold', 'aria-labelledby': `${sliderId}-title` },
    h('h2', { id: `${sliderId}-title` }, 'Decision threshold'),
    mode,
    h('div', { class: 'threshold-row' }, h('label', { for: sliderId }, `${score} ≥`), range, box, reset),
    h('details', { class: 'suggest' }, h('summary', {}, 'Suggested per-group thresholds'), goalButtons, suggestions),
  );
  return {
    element,
    update(threshold, k) {
      const at = threshold ?? live.start;
      if (document.activeElement !== range && document.activeElement !== box) {
        range.value = String(at);
        box.value = fmtT(at, step);
        range.setAttribute('aria-valuetext', `${score} at least ${fmtT(at, step)}`);
      }
      describe(threshold);
      key = k;
      drawSuggestions();
    },
    set,
    setLive(l, c) {
      live = l;
      ctx = c;
    },
  };
}
