// Tab "Label rates": the positive-label rate per group with CIs, against the overall rate — an
// early demographic-parity check (the gap between the highest and lowest rate).
import type { AttributeProfile, DatasetProfile, GroupProfile } from '../../src/core/profile/profile-types';
import type { ReportContext } from '../../src/protocol/dataset-report-protocol';
import { gradeHigh } from '../../src/extension/report/report-headline';
import { dataTable } from '../shared/data-table';
import { h } from '../shared/dom';
import { num, pct, pctInterval } from '../shared/format';
import { chartFigure } from '../shared/plot-figure';
import { intervalChart } from './charts';
import { cssId, legend, type DrawOptions } from './representation-tab';

function overallRate(a: AttributeProfile): number | undefined {
  const rated = a.groups.filter((g) => g.label_rate !== undefined);
  const n = rated.reduce((s, g) => s + g.count, 0);
  return n > 0 ? rated.reduce((s, g) => s + g.label_rate! * g.count, 0) / n : undefined;
}

export function labelRatesTab(profile: DatasetProfile, ctx: ReportContext, opts: DrawOptions): HTMLElement {
  const panel = h('div', { class: 'tab-content' });
  const names = Object.keys(profile.attributes).filter((n) => profile.attributes[n]!.groups.some((g) => g.label_rate !== undefined));
  if (!profile.label) {
    panel.append(h('p', { class: 'muted' }, `No label field is configured, so label rates are not computed. Set "labelField" for this dataset in ${ctx.configFile ?? 'responsible-ml.config.json'}.`));
    return panel;
  }
  if (names.length === 0) {
    panel.append(h('p', { class: 'muted' }, `The label ${profile.label} is not binary, so there is no positive rate per group.`));
    return panel;
  }
  const positive = profile.positive_label !== undefined ? ` = ${profile.positive_label}` : '';
  panel.append(h('p', { class: 'muted' }, `Share of rows with ${profile.label}${positive} in each group. A large gap between groups is an early demographic-parity warning.`));
  for (const name of names) {
    const a = profile.attributes[name]!;
    const rated = a.groups.filter((g) => g.label_rate !== undefined);
    const overall = overallRate(a);
    const table = dataTable(
      `${name}: positive label rate per group (data behind the chart)`,
      [
        { label: 'Group', cell: (g: GroupProfile) => g.value, width: '30%' },
        { label: 'Rows', cell: (g) => num(g.count, 0), numeric: true },
        { label: 'Label rate', cell: (g) => pct(g.label_rate), numeric: true },
        { label: '95% CI', cell: (g) => pctInterval(g.label_rate_ci), numeric: true },
        { label: 'Missing label', cell: (g) => pct(g.missing_rate), numeric: true },
      ],
      rated,
    );
    const chart = intervalChart(
      rated.map((g) => ({ group: g.value, value: g.label_rate!, ci: g.label_rate_ci, count: g.count, small: !!g.small })),
      { width: opts.width, colors: opts.colors, what: 'positive label rate', overall, overallLabel: overall !== undefined ? `all rows ${pct(overall)}` : '' },
    );
    const gap = a.label_rate_gap;
    panel.append(
      h(
        'section',
        { class: 'attribute', 'aria-labelledby': `rate-${cssId(name)}` },
        h('h3', { id: `rate-${cssId(name)}` }, name),
        gap !== undefined
          ? h('p', { class: 'stats' }, h('span', { class: `chip status-${gradeHigh(gap, ctx.thresholds.labelRateGap)}` }, `gap ${num(gap * 100, 1)} points`), ` (largest minus smallest rate; fails at ${num(ctx.thresholds.labelRateGap * 100, 1)} points)`)
          : null,
        legend(false, 'label rate, 95% CI; dashed line: all rows'),
        chartFigure(chart, `${name}: positive label rate per group with 95% bootstrap intervals`, table.id),
        table.element,
      ),
    );
  }
  return panel;
}
