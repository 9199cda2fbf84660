// Tab "Intersections": one heatmap per configured pair of attributes (share of rows per cell,
// the count or share printed, small cells outlined), with its table.
import type { DatasetProfile, GroupProfile } from '../../src/core/profile/profile-types';
import type { ReportContext } from '../../src/protocol/dataset-report-protocol';
import { dataTable } from '../shared/data-table';
import { h } from '../shared/dom';
import { num, pct, pctInterval } from '../shared/format';
import { chartFigure } from '../shared/plot-figure';
import { heatmap, type HeatCell } from './charts';
import type { DrawOptions } from './representation-tab';

export type HeatMetric = 'share' | 'count';

/** The per-attribute values of an intersection cell: `parts`, or its value split at the engine's ' × '. */
export function cellParts(g: GroupProfile, n: number): string[] | undefined {
  if (g.parts?.length === n) return g.parts;
  const split = g.value.split(' × ');
  return split.length === n ? split : undefined;
}

/** Values in the order the attribute's own profile lists them (largest first), then the rest. */
function order(values: string[], profileOrder: string[] | undefined): string[] {
  const set = new Set(values);
  const ordered = (profileOrder ?? []).filter((v) => set.has(v));
  return [...ordered, ...values.filter((v) => !ordered.includes(v))];
}

export function intersectionsTab(
  profile: DatasetProfile,
  ctx: ReportContext,
  opts: DrawOptions & { metric: HeatMetric; onMetric: (m: HeatMetric) => void },
): HTMLElement {
  const panel = h('div', { class: 'tab-content' });
  const keys = Object.keys(profile.intersections);
  if (keys.length === 0) {
    panel.append(h('p', { class: 'muted' }, `No intersections are configured. List pairs of attributes under "intersections" in ${ctx.configFile ?? 'responsible-ml.config.json'} (for example [["gender", "race"]]) to see every combination's share.`));
    return panel;
  }
  panel.append(
    h(
      'div',
      { class: 'toolbar', role: 'group', 'aria-label': 'Number shown in each cell' },
      h('span', { class: 'muted' }, 'Cells show: '),
      metricButton('share', 'Share of rows', opts),
      metricButton('count', 'Row count', opts),
    ),
  );
  for (const key of keys) {
    const inter = profile.intersections[key]!;
    const attrs = inter.attributes;
    const title = attrs.join(' × ');
    const table = dataTable(
      `${title}: rows per combination (data behind the heatmap)`,
      [
        ...attrs.map((a, i) => ({ label: a, cell: (g: GroupProfile) => cellParts(g, attrs.length)?.[i] ?? g.value })),
        { label: 'Rows', cell: (g: GroupProfile) => num(g.count, 0), numeric: true },
        { label: 'Share', cell: (g: GroupProfile) => pct(g.share), numeric: true },
        { label: '95% CI', cell: (g: GroupProfile) => pctInterval(g.share_ci), numeric: true },
        ...(inter.groups.some((g) => g.label_rate !== undefined) ? [{ label: 'Label rate', cell: (g: GroupProfile) => pct(g.label_rate), numeric: true }] : []),
        { label: `Small (n < ${ctx.thresholds.smallCell})`, cell: (g: GroupProfile) => (g.small ? 'yes' : '') },
      ],
      inter.groups,
    );
    const small = inter.groups.filter((g) => g.small).length;
    const section = h('section', { class: 'attribute' }, h('h3', {}, title));
    if (small > 0) section.append(h('p', { class: 'callout warn' }, `${small} of ${inter.groups.length} combinations have fewer than ${ctx.thresholds.smallCell} rows (outlined, marked ⚠): estimates for them are unreliable.`));
    const cells: HeatCell[] = [];
    if (attrs.length === 2) {
      for (const g of inter.groups) {
        const parts = cellParts(g, 2);
        if (parts) cells.push({ row: parts[0]!, col: parts[1]!, count: g.count, share: g.share, small: !!g.small });
      }
    }
    if (cells.length === inter.groups.length && cells.length > 0) {
      const rows = order([...new Set(cells.map((c) => c.row))], profile.attributes[attrs[0]!]?.groups.map((g) => g.value));
      const cols = order([...new Set(cells.map((c) => c.col))], profile.attributes[attrs[1]!]?.groups.map((g) => g.value));
      const chart = heatmap(cells, { width: opts.width, colors: opts.colors, rowLabel: attrs[0]!, colLabel: attrs[1]!, metric: opts.metric, rows, cols });
      section.append(chartFigure(chart, `${title}: share of rows in each combination (darker is more); ${opts.metric === 'share' ? 'shares' : 'row counts'} printed in the cells`, table.id));
    } else if (attrs.length !== 2) {
      section.append(h('p', { class: 'muted' }, `A heatmap needs exactly two attributes; ${title} is shown as a table.`));
    }
    section.append(table.element);
    panel.append(section);
  }
  return panel;
}

function metricButton(metric: HeatMetric, label: string, opts: { metric: HeatMetric; onMetric: (m: HeatMetric) => void }): HTMLElement {
  const pressed = opts.metric === metric;
  return h(
    'vscode-button',
    { secondary: !pressed, 'aria-pressed': String(pressed), class: 'toggle', onclick: () => opts.onMetric(metric) },
    label,
  );
}
