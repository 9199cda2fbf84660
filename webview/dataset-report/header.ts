// The top of the report: title, toolbar (re-run, exports), the "not configured" notice, the
// engine's warnings, and the headline cards graded against the thresholds.
import type { DatasetProfile } from '../../src/core/profile/profile-types';
import type { ReportContext } from '../../src/protocol/dataset-report-protocol';
import { headlineCards, type HeadlineCard } from '../../src/extension/report/report-headline';
import { h } from '../shared/dom';
import { num, pValue } from '../shared/format';

export interface HeaderActions {
  rerun(): void;
  exportAs(format: 'markdown' | 'json'): void;
  configure(): void;
}

function cardText(card: HeadlineCard): string {
  if (card.value === null) return '—';
  switch (card.key) {
    case 'rows':
    case 'leakage':
      return num(card.value, 0);
    case 'p_value':
      return pValue(card.value);
    case 'tvd':
      return num(card.value, 3);
    case 'imbalance_ratio':
      return `${num(card.value, 1)}×`;
  }
}

const STATUS_WORD = { ok: 'OK', warn: 'Warning', fail: 'Fails threshold', none: '' } as const;

function card(c: HeadlineCard): HTMLElement {
  return h(
    'div',
    {
      class: `card status-${c.status}`,
      role: 'group',
      'aria-label': c.label,
      'data-key': c.key,
      'data-value': c.value === null ? '' : String(c.value),
      'data-status': c.status,
      'data-attribute': c.attribute,
    },
    h('div', { class: 'card-label' }, c.label),
    h('div', { class: 'card-value' }, cardText(c)),
    h('div', { class: 'card-detail' }, c.detail),
    c.status !== 'none' ? h('div', { class: 'card-status' }, STATUS_WORD[c.status]) : null,
  );
}

export function header(profile: DatasetProfile, ctx: ReportContext, actions: HeaderActions): HTMLElement {
  const root = h('header', { class: 'report-header' });
  const when = new Date(ctx.generatedAt);
  root.append(
    h(
      'div',
      { class: 'title-row' },
      h('div', {}, h('h1', {}, 'Dataset Report'), h('p', { class: 'subtitle' }, h('span', { class: 'file' }, ctx.file), ` · profiled ${when.toLocaleString()} in ${num(ctx.durationMs / 1000, 1)} s`, ctx.configFile ? ` · settings from ${ctx.configFile}` : ' · no project configuration')),
      h(
        'div',
        { class: 'toolbar', role: 'toolbar', 'aria-label': 'Report actions' },
        h('vscode-button', { secondary: true, onclick: actions.rerun, title: 'Profile the dataset again' }, 'Re-run'),
        h('vscode-button', { secondary: true, onclick: () => actions.exportAs('markdown'), title: 'Save the report as Markdown tables' }, 'Export Markdown'),
        h('vscode-button', { secondary: true, onclick: () => actions.exportAs('json'), title: 'Save the dataset profile as JSON' }, 'Export JSON'),
      ),
    ),
  );
  if (ctx.sensitive.length === 0) {
    root.append(
      h(
        'div',
        { class: 'notice', role: 'status', id: 'not-configured' },
        h(
          'p',
          {},
          h('strong', {}, 'No sensitive attributes are configured for this dataset. '),
          'Representativeness, intersections and label rates need to know which columns hold attributes such as gender, race or age; nothing is guessed. Integrity checks ran as usual.',
        ),
        h('vscode-button', { onclick: actions.configure }, 'Configure Dataset…'),
      ),
    );
  }
  if (profile.warnings.length > 0) {
    root.append(h('ul', { class: 'warnings', 'aria-label': 'Warnings' }, ...profile.warnings.map((w) => h('li', {}, w))));
  }
  root.append(h('div', { class: 'cards', role: 'list', 'aria-label': 'Headline' }, ...headlineCards(profile, ctx.thresholds).map((c) => {
    const el = card(c);
    el.setAttribute('role', 'listitem');
    return el;
  })));
  return root;
}
