// Tab "Representation": per attribute, the dataset's group shares (with bootstrap CIs) against
// the reference population, the goodness-of-fit numbers, and the table behind the chart.
import type { AttributeProfile, GroupProfile } from '../../src/core/profile/profile-types';
import type { ReportContext } from '../../src/protocol/dataset-report-protocol';
import { gradeHigh, gradePValue } from '../../src/extension/report/report-headline';
import { dataTable } from '../shared/data-table';
import { h } from '../shared/dom';
import { num, pct, pctInterval, pValue } from '../shared/format';
import { chartFigure } from '../shared/plot-figure';
import type { ChartColors } from '../shared/theme-colors';
import { intervalChart } from './charts';

export interface DrawOptions {
  width: number;
  colors: ChartColors;
}

function statusChip(status: string, text: string): HTMLElement {
  return h('span', { class: `chip status-${status}` }, text);
}

function referenceLine(name: string, a: AttributeProfile, ctx: ReportContext): HTMLElement {
  const r = a.reference;
  if (!r) {
    return h('p', { class: 'muted' }, `No reference population is configured for ${name}; shares are shown on their own. Add one under "reference" in ${ctx.configFile ?? 'responsible-ml.config.json'} to test them.`);
  }
  const t = ctx.thresholds;
  return h(
    'p',
    { class: 'stats' },
    statusChip(gradePValue(r.chi2.p_value, t.pValue), `χ² = ${num(r.chi2.statistic, 2)}, dof ${r.chi2.dof}, p = ${pValue(r.chi2.p_value)}`),
    ' ',
    statusChip(gradeHigh(r.tvd, t.tvd), `TVD ${num(r.tvd, 3)}`),
    ' ',
    h('span', { class: 'chip' }, `KL ${num(r.kl, 3)}`),
    ' ',
    h('span', { class: 'chip' }, `JS distance ${num(r.js, 3)}`),
    ' ',
    statusChip(gradeHigh(a.imbalance_ratio, t.imbalanceRatio), `imbalance ${num(a.imbalance_ratio, 1)}×`),
    r.source ? h('span', { class: 'source' }, ` Reference: ${r.source}.`) : null,
  );
}

/** What the comparison left out or pooled, so the reference ticks are read correctly. */
function comparisonNotes(a: AttributeProfile, rows: number): HTMLElement | null {
  const r = a.reference;
  if (!r) return null;
  const notes: string[] = [];
  const pooled = (r.categories ?? []).filter((c) => c.pooled?.length);
  for (const c of pooled) notes.push(`${c.pooled!.join(', ')} pooled into the reference's "${c.value}"`);
  if (r.excluded?.length) notes.push(`left out (not in the reference): ${r.excluded.map((e) => `${e.value} (${num(e.count, 0)})`).join(', ')}`);
  if (r.compared_rows !== undefined && r.compared_rows < rows) notes.push(`the test compares ${num(r.compared_rows, 0)} of ${num(rows, 0)} rows`);
  return notes.length ? h('p', { class: 'muted' }, `Comparison: ${notes.join('; ')}.`) : null;
}

function underRepresented(a: AttributeProfile): HTMLElement | null {
  const u = a.reference?.under_represented ?? [];
  if (u.length === 0) return null;
  return h(
    'p',
    { class: 'callout warn' },
    'Under-represented: ',
    ...u.flatMap((g, i) => [
      i > 0 ? '; ' : '',
      h('strong', {}, g.value),
      ` ${num(g.observed, 0)} rows vs ${num(g.expected, 1)} expected (short by ${num(g.shortfall, 1)})`,
    ]),
  );
}

function sharesTable(name: string, groups: GroupProfile[], hasRef: boolean) {
  return dataTable(
    `${name}: group shares${hasRef ? ' and reference' : ''} (data behind the chart)`,
    [
      { label: 'Group', cell: (g) => g.value, width: '24%' },
      { label: 'Rows', cell: (g) => num(g.count, 0), numeric: true },
      { label: 'Share', cell: (g) => pct(g.share), numeric: true },
      { label: '95% CI', cell: (g) => pctInterval(g.share_ci), numeric: true },
      ...(hasRef
        ? [
            { label: 'Reference', cell: (g: GroupProfile) => pct(g.expected_share), numeric: true },
            { label: 'Expected rows', cell: (g: GroupProfile) => num(g.expected_count, 1), numeric: true },
          ]
        : []),
      { label: 'Small', cell: (g) => (g.small ? 'yes' : '') },
    ],
    groups,
  );
}

/** One section per attribute; charts are drawn at `opts.width`. */
export function representationTab(attributes: Record<string, AttributeProfile>, rows: number, ctx: ReportContext, opts: DrawOptions): HTMLElement {
  const panel = h('div', { class: 'tab-content' });
  const names = Object.keys(attributes);
  if (names.length === 0) {
    panel.append(h('p', { class: 'muted' }, 'No sensitive attributes were profiled.'));
    return panel;
  }
  for (const name of names) {
    const a = attributes[name]!;
    const hasRef = a.reference !== undefined;
    const table = sharesTable(name, a.groups, hasRef);
    const chart = intervalChart(
      a.groups.map((g) => ({ group: g.value, value: g.share, ci: g.share_ci, reference: g.expected_share, count: g.count, small: !!g.small })),
      { width: opts.width, colors: opts.colors, what: 'share of rows' },
    );
    panel.append(
      h(
        'section',
        { class: 'attribute', 'aria-labelledby': `attr-${cssId(name)}` },
        h('h3', { id: `attr-${cssId(name)}` }, name, a.column !== name ? h('span', { class: 'muted' }, ` (column ${a.column})`) : null),
        referenceLine(name, a, ctx),
        legend(hasRef),
        chartFigure(chart, `${name}: share of rows per group${hasRef ? ' vs reference' : ''}, with 95% bootstrap intervals`, table.id),
        underRepresented(a),
        comparisonNotes(a, rows),
        a.missing > 0 ? h('p', { class: 'muted' }, `${num(a.missing, 0)} rows have no ${name} value.`) : null,
        table.element,
      ),
    );
  }
  return panel;
}

/** A legend in HTML (Plot's own legends would bring inline styles the CSP blocks). */
export function legend(hasRef: boolean, observedLabel = 'dataset share, 95% CI'): HTMLElement {
  return h(
    'p',
    { class: 'legend', 'aria-hidden': 'true' },
    h('span', { class: 'swatch observed' }),
    ` ${observedLabel} `,
    hasRef ? h('span', { class: 'swatch reference' }) : null,
    hasRef ? ' reference share ' : null,
    h('span', { class: 'swatch small' }),
    ' small group (hollow)',
  );
}

/** An id-safe version of an attribute name. */
export function cssId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}
