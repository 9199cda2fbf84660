// Which charts the page shows for the metric names it has: one per metric, losses first, and one
// per split × attribute × measure for per-group metrics (src/core/training/group-metric-name.ts).
import { parseGroupMetricName } from '../../src/core/training/group-metric-name';

export type SectionId = 'loss' | 'train' | 'eval' | 'groups' | 'other';

export const SECTIONS: Array<{ id: SectionId; title: string }> = [
  { id: 'loss', title: 'Loss' },
  { id: 'train', title: 'Training' },
  { id: 'eval', title: 'Evaluation' },
  { id: 'groups', title: 'Per-group evaluation' },
  { id: 'other', title: 'Other' },
];

/** One line of a chart: a run's metric (for a per-group chart, one group's). */
export interface SeriesRef {
  run: string;
  name: string;
  /** The metric, or the group value in a per-group chart. */
  label: string;
}

export interface ChartSpec {
  key: string;
  title: string;
  section: SectionId;
  kind: 'metric' | 'group';
  /** Per-group charts: the attribute the groups belong to. */
  attribute?: string;
  series: SeriesRef[];
}

const EVAL_PREFIXES = ['eval/', 'test/', 'validation/', 'val/', 'predict/'];

function sectionOf(name: string): SectionId {
  const last = name.split('/').pop() ?? name;
  if (/loss/i.test(last)) return 'loss';
  if (name.startsWith('train/')) return 'train';
  if (EVAL_PREFIXES.some((p) => name.startsWith(p))) return 'eval';
  return 'other';
}

/** Loss charts: training loss first, then evaluation loss, then the rest by name. */
function lossRank(name: string): number {
  return name === 'train/loss' ? 0 : name === 'eval/loss' ? 1 : 2;
}

/** The charts for the metrics of the shown runs, in display order. */
export function layoutCharts(runs: readonly string[], metricsOf: (run: string) => Iterable<string>): ChartSpec[] {
  const charts = new Map<string, ChartSpec>();
  for (const run of runs) {
    for (const name of metricsOf(run)) {
      const group = parseGroupMetricName(name);
      if (group) {
        const key = `${group.split}/group/${group.attribute}/${group.metric}`;
        let c = charts.get(key);
        if (!c) charts.set(key, (c = { key, title: `${group.split}/${group.metric} by ${group.attribute}`, section: 'groups', kind: 'group', attribute: group.attribute, series: [] }));
        c.series.push({ run, name, label: group.group });
      } else {
        let c = charts.get(name);
        if (!c) charts.set(name, (c = { key: name, title: name, section: sectionOf(name), kind: 'metric', series: [] }));
        c.series.push({ run, name, label: name });
      }
    }
  }
  const order = new Map(SECTIONS.map((s, i) => [s.id, i]));
  const list = [...charts.values()];
  for (const c of list) if (c.kind === 'group') c.series.sort((a, b) => a.label.localeCompare(b.label) || runs.indexOf(a.run) - runs.indexOf(b.run));
  return list.sort(
    (a, b) =>
      order.get(a.section)! - order.get(b.section)! ||
      (a.section === 'loss' ? lossRank(a.key) - lossRank(b.key) : 0) ||
      a.title.localeCompare(b.title),
  );
}
