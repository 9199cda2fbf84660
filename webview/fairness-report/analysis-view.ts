// The body of one analysis (an attribute or an intersection): bar charts of the rates behind
// the fairness metrics, the table behind them (exact numbers in data-* attributes), and the
// confusion matrix of every group.
import type { FairnessAnalysis, GroupMetricName, GroupRow, Interval } from '../../src/core/fairness/fairness-types';
import { groupLabel } from '../../src/extension/fairness/fairness-headline';
import { h } from '../shared/dom';
import { num, pct } from '../shared/format';
import { chartFigure } from '../shared/plot-figure';
import type { ChartColors } from '../shared/theme-colors';
import { htmlTable } from './html-table';
import { metricChart, type MetricBar } from './metric-chart';

export interface DrawOptions {
  width: number;
  colors: ChartColors;
  smallGroup: number;
  /** True while the numbers come from the score bins (no intervals until the slider rests). */
  live: boolean;
}

/** The rates charted, with what each says about the fairness metrics. */
export const CHARTED: Array<{ metric: GroupMetricName; label: string; why: string }> = [
  { metric: 'selection_rate', label: 'Selection rate', why: 'share predicted positive; its gap is the demographic parity difference' },
  { metric: 'true_positive_rate', label: 'True positive rate', why: 'share of actual positives found; its gap is the equal opportunity difference' },
  { metric: 'false_positive_rate', label: 'False positive rate', why: 'share of actual negatives flagged; with the TPR gap it makes the equalized odds difference' },
  { metric: 'accuracy', label: 'Accuracy', why: 'share predicted correctly' },
];

const TABLE_METRICS: Array<{ metric: GroupMetricName; label: string }> = [
  { metric: 'selection_rate', label: 'Selection' },
  { metric: 'true_positive_rate', label: 'TPR' },
  { metric: 'false_positive_rate', label: 'FPR' },
  { metric: 'accuracy', label: 'Accuracy' },
  { metric: 'precision', label: 'Precision' },
  { metric: 'base_rate', label: 'Base rate' },
  { metric: 'roc_auc', label: 'ROC AUC' },
];

/** Whether the notes are open survives redraws (the slider redraws on every move). */
let notesOpen = false;

export function isSmall(g: GroupRow, smallGroup: number): boolean {
  return g.small ?? g.count < smallGroup;
}

function rate(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? pct(v) : '—';
}

function ciOf(a: FairnessAnalysis, label: string, metric: GroupMetricName): Interval | undefined {
  return a.ci?.by_group[label]?.[metric];
}

/** The by-group table behind every chart: rates with intervals, n, small marks. */
function groupsTable(a: FairnessAnalysis, title: string, opts: DrawOptions) {
  const metrics = TABLE_METRICS.filter((m) => a.by_group.some((g) => g[m.metric] !== undefined && g[m.metric] !== null));
  const rateKey = (m: string) => `data-${m.replace(/_/g, '-')}`;
  const table = htmlTable(
    `${title}: metrics by group (data behind the charts)`,
    [
      { label: 'Group', cell: (g: GroupRow) => groupLabel(g, a.sensitive_features) },
      {
        label: 'n',
        cell: (g: GroupRow) => (isSmall(g, opts.smallGroup) ? h('span', { class: 'small-n', title: `fewer than ${opts.smallGroup} rows: unreliable` }, `⚠ ${num(g.count, 0)}`) : num(g.count, 0)),
        numeric: true,
      },
      ...metrics.map((m) => ({
        label: m.label,
        numeric: true,
        cell: (g: GroupRow) => {
          const ci = ciOf(a, groupLabel(g, a.sensitive_features), m.metric);
          return ci && !opts.live ? h('span', {}, rate(g[m.metric] as number | null), h('span', { class: 'ci' }, `${pct(ci[0])}–${pct(ci[1])}`)) : rate(g[m.metric] as number | null);
        },
      })),
    ],
    a.by_group,
    {
      // Exact numbers on each row, for the tests and anyone reading the DOM.
      rowAttrs: (g) => ({
        class: isSmall(g, opts.smallGroup) ? 'group-row small-row' : 'group-row',
        'data-group': groupLabel(g, a.sensitive_features),
        'data-count': String(g.count),
        'data-small': String(isSmall(g, opts.smallGroup)),
        ...Object.fromEntries((['selection_rate', 'true_positive_rate', 'false_positive_rate'] as const).map((m) => [rateKey(m), typeof g[m] === 'number' ? String(g[m]) : ''])),
      }),
    },
  );
  return table;
}

function confusionMatrix(g: GroupRow, label: string, small: boolean, smallGroup: number): HTMLElement {
  const total = g.tp + g.fp + g.tn + g.fn || 1;
  const cellOf = (value: number, kind: string) => {
    const td = h('td', { class: `cm-cell cm-${kind}` }, num(value, 0));
    // CSSOM, not a style attribute: the page's CSP allows it (see report-html.ts).
    td.style.setProperty('--share', String(value / total));
    return td;
  };
  return h(
    'table',
    { class: `confusion${small ? ' small' : ''}`, 'data-group': label },
    h('caption', {}, h('span', { class: 'cm-group' }, label), ` n = ${num(g.count, 0)}`, small ? h('span', { class: 'small-n' }, ` ⚠ n < ${smallGroup}`) : null),
    h('thead', {}, h('tr', {}, h('td', {}), h('th', { scope: 'col' }, 'Pred. +'), h('th', { scope: 'col' }, 'Pred. −'))),
    h(
      'tbody',
      {},
      h('tr', {}, h('th', { scope: 'row' }, 'Actual +'), cellOf(g.tp, 'tp'), cellOf(g.fn, 'fn')),
      h('tr', {}, h('th', { scope: 'row' }, 'Actual −'), cellOf(g.fp, 'fp'), cellOf(g.tn, 'tn')),
    ),
  );
}

/** Charts, table and confusion matrices of one analysis. */
export function analysisView(a: FairnessAnalysis, title: string, opts: DrawOptions): HTMLElement {
  const root = h('div', { class: 'analysis' });
  const small = a.by_group.filter((g) => isSmall(g, opts.smallGroup));
  if (small.length > 0) {
    const names = small
      .slice()
      .sort((x, y) => x.count - y.count)
      .slice(0, 6)
      .map((g) => `${groupLabel(g, a.sensitive_features)} (n = ${num(g.count, 0)})`);
    root.append(
      h(
        'p',
        { class: 'callout warn', role: 'note' },
        h('strong', {}, `${small.length} of ${a.by_group.length} groups have fewer than ${opts.smallGroup} rows`),
        `: ${names.join(', ')}${small.length > names.length ? ', …' : ''}. Their rates swing with a single person; they are drawn hollow with a dashed outline and marked ⚠.`,
      ),
    );
  }
  if (a.warnings.length) {
    const notes = h('details', { class: 'notes', open: notesOpen }, h('summary', {}, `Notes on these numbers (${a.warnings.length})`), h('ul', {}, ...a.warnings.map((w) => h('li', {}, w))));
    notes.addEventListener('toggle', () => (notesOpen = (notes as HTMLDetailsElement).open));
    root.append(notes);
  }
  const table = groupsTable(a, title, opts);
  // Two charts side by side when there is room for both.
  const columns = opts.width >= 860 ? 2 : 1;
  const width = columns === 2 ? Math.floor((opts.width - 24) / 2) : opts.width;
  const charts = h('div', { class: `charts columns-${columns}` });
  for (const c of CHARTED) {
    if (!a.by_group.some((g) => g[c.metric] !== undefined)) continue;
    const bars: MetricBar[] = a.by_group.map((g) => {
      const label = groupLabel(g, a.sensitive_features);
      const ci = opts.live ? undefined : ciOf(a, label, c.metric);
      const v = g[c.metric];
      return { group: label, value: typeof v === 'number' ? v : null, ...(ci ? { ci } : {}), count: g.count, small: isSmall(g, opts.smallGroup) };
    });
    const chart = metricChart(bars, { width, colors: opts.colors, label: c.label, overall: a.overall[c.metric] ?? null });
    const figure = chartFigure(chart, `${title}: ${c.label.toLowerCase()} by group — ${c.why}${a.ci && !opts.live ? '; whiskers are bootstrap intervals' : ''}`, table.id);
    figure.dataset.metric = c.metric;
    charts.append(figure);
  }
  root.append(
    charts,
    table.element,
    h('h3', {}, 'Confusion matrix per group'),
    h('p', { class: 'muted' }, 'Counts of true and false positives and negatives; darker cells hold more of the group.'),
    h('div', { class: 'confusions' }, ...a.by_group.map((g) => confusionMatrix(g, groupLabel(g, a.sensitive_features), isSmall(g, opts.smallGroup), opts.smallGroup))),
  );
  return root;
}
