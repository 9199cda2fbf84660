// The report's title row, its toolbar and the headline cards of the selected analysis.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { FairnessReport } from '../../src/core/fairness/fairness-types';
import { fairnessCards, type FairnessCard } from '../../src/extension/fairness/fairness-headline';
import type { FairnessContext, FairnessExportFormat } from '../../src/protocol/fairness-report-protocol';
import { h } from '../shared/dom';
import { num } from '../shared/format';

export interface HeaderActions {
  rerun(): void;
  remap(): void;
  exportAs(format: FairnessExportFormat): void;
  addToModelCard(): void;
}

const STATUS_WORD = { ok: 'Pass', warn: 'Warning', fail: 'Fails limit', none: '' } as const;

function mappingLine(ctx: FairnessContext, threshold: number | undefined): string {
  const m = ctx.mapping;
  const parts = [`true label: ${m.y_true}`];
  if (threshold !== undefined && m.score) parts.push(`prediction: ${m.score} ≥ ${num(threshold, 4)}`);
  else if (m.y_pred) parts.push(`prediction: ${m.y_pred}`);
  if (m.score && threshold === undefined) parts.push(`score: ${m.score}`);
  if (m.positive_label !== undefined) parts.push(`positive: ${m.positive_label}`);
  parts.push(`sensitive: ${m.sensitive.join(', ')}`);
  return parts.join(' · ');
}

export function titleRow(report: FairnessReport, ctx: FairnessContext, threshold: number | undefined, actions: HeaderActions): HTMLElement {
  const when = new Date(ctx.generatedAt);
  return h(
    'header',
    { class: 'title-row' },
    h(
      'div',
      {},
      h('h1', {}, 'Fairness Report'),
      h(
        'p',
        { class: 'subtitle' },
        h('span', { class: 'file' }, ctx.file),
        ` · ${num(report.rows, 0)} rows · ${when.toLocaleString()} in ${num(ctx.durationMs / 1000, 1)} s`,
        ctx.configFile ? ` · mapping from ${ctx.configFile}` : ' · mapping not saved',
      ),
      h('p', { class: 'subtitle mapping' }, mappingLine(ctx, threshold)),
    ),
    h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Report actions' },
      h('vscode-button', { secondary: true, onclick: actions.rerun, title: 'Compute the report again from the file' }, 'Re-run'),
      h('vscode-button', { secondary: true, onclick: actions.remap, title: 'Choose y_true, y_pred, score and sensitive columns again' }, 'Change mapping…'),
      h('vscode-button', { secondary: true, onclick: () => actions.exportAs('markdown'), title: 'Save the report as Markdown tables' }, 'Markdown'),
      h('vscode-button', { secondary: true, onclick: () => actions.exportAs('html'), title: 'Save the report as a standalone HTML page' }, 'HTML'),
      h('vscode-button', { secondary: true, onclick: () => actions.exportAs('json'), title: 'Save the FairnessReport JSON (as rml fairness --format json prints it)' }, 'JSON'),
      h('vscode-button', { onclick: actions.addToModelCard, title: `Store the report for the model card in ${ctx.modelCardPath}` }, 'Add to model card'),
    ),
  );
}

function cardValue(c: FairnessCard): string {
  if (c.value === null) return '—';
  return c.key === 'smallest_group' ? `n = ${num(c.value, 0)}` : c.value.toFixed(3);
}

function card(c: FairnessCard): HTMLElement {
  return h(
    'div',
    {
      class: `card status-${c.status}`,
      role: 'listitem',
      'aria-label': `${c.label}: ${cardValue(c)}${c.status !== 'none' ? `, ${STATUS_WORD[c.status]}` : ''}`,
      'data-key': c.key,
      'data-value': c.value === null ? '' : String(c.value),
      'data-status': c.status,
      'data-ci': c.ci ? `${c.ci[0]},${c.ci[1]}` : undefined,
    },
    h('div', { class: 'card-label' }, c.label),
    h('div', { class: 'card-value' }, cardValue(c)),
    c.ci ? h('div', { class: 'card-ci' }, `interval ${c.ci[0].toFixed(3)}–${c.ci[1].toFixed(3)}`) : null,
    h('div', { class: 'card-detail' }, c.detail),
    c.status !== 'none' ? h('div', { class: 'card-status' }, STATUS_WORD[c.status]) : null,
  );
}

/** The headline cards of one analysis. */
export function headlineCards(analysis: FairnessReport['analyses'][string], ctx: FairnessContext): HTMLElement {
  return h('div', { class: 'cards', role: 'list', 'aria-label': 'Headline' }, ...fairnessCards(analysis, ctx.thresholds, ctx.smallGroup).map(card));
}
