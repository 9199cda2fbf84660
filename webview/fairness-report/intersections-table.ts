// Every intersection's groups in one table each, smallest groups marked and never left out:
// COMPAS has race × sex cells of two people, and their rates must read as what they are.
import type { FairnessReport, GroupRow } from '../../src/core/fairness/fairness-types';
import { h } from '../shared/dom';
import { num } from '../shared/format';
import { isSmall } from './analysis-view';
import { htmlTable } from './html-table';
import { pct1 as pctTick } from './metric-chart';

const rate = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? pctTick(v) : '—');

/** The Intersections section, or null when the report has none. */
export function intersectionsSection(report: FairnessReport, smallGroup: number, onSelect: (key: string) => void): HTMLElement | null {
  const keys = Object.keys(report.analyses).filter((k) => report.analyses[k]!.sensitive_features.length > 1);
  if (keys.length === 0) return null;
  const section = h('section', { class: 'intersections', 'aria-labelledby': 'intersections-title' }, h('h2', { id: 'intersections-title' }, 'Intersections'));
  for (const key of keys) {
    const a = report.analyses[key]!;
    const title = a.sensitive_features.join(' × ');
    const small = a.by_group.filter((g) => isSmall(g, smallGroup)).length;
    const table = htmlTable(
      `${title}: every combination, with its size`,
      [
        ...a.sensitive_features.map((f) => ({ label: f, cell: (g: GroupRow) => g.group[f] ?? '(missing)' })),
        {
          label: 'n',
          numeric: true,
          cell: (g: GroupRow) => (isSmall(g, smallGroup) ? h('span', { class: 'small-n' }, `⚠ ${num(g.count, 0)}`) : num(g.count, 0)),
        },
        { label: 'Selection', numeric: true, cell: (g: GroupRow) => rate(g.selection_rate) },
        { label: 'TPR', numeric: true, cell: (g: GroupRow) => rate(g.true_positive_rate) },
        { label: 'FPR', numeric: true, cell: (g: GroupRow) => rate(g.false_positive_rate) },
        { label: 'Reliable?', cell: (g: GroupRow) => (isSmall(g, smallGroup) ? h('span', { class: 'small-n' }, `no: n < ${smallGroup}`) : 'yes') },
      ],
      a.by_group,
      { rowAttrs: (g) => ({ 'data-count': String(g.count), ...(isSmall(g, smallGroup) ? { class: 'small-row' } : {}) }) },
    );
    section.append(
      h(
        'div',
        { class: 'intersection', 'data-key': key },
        h(
          'p',
          {},
          h('strong', {}, title),
          ` — ${a.by_group.length} combinations, `,
          small > 0 ? h('span', { class: 'small-n' }, `${small} with n < ${smallGroup}`) : `all with n ≥ ${smallGroup}`,
          ' ',
          h('vscode-button', { secondary: true, class: 'inline-button', onclick: () => onSelect(key), title: `Show ${title} in the charts above` }, 'Chart it'),
        ),
        table.element,
      ),
    );
  }
  return section;
}
