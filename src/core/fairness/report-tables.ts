/**
 * The report as titled tables of formatted cells, shared by the Markdown and HTML renderers (and
 * usable by a webview's "table behind the chart"). Values print with 3 decimals, intervals as
 * "0.576 (0.551–0.602)", small groups as "n=2 (small)" so a reader cannot miss them.
 */
import type { AnalysisIntervals, FairnessAnalysis, FairnessReport, GroupMetricName, Interval } from './fairness-types';
import { FAIRNESS_METRICS, GROUP_METRICS } from './fairness-types';
import { groupLabel } from './group-cube';

export interface ReportTable {
  title: string;
  head: string[];
  rows: string[][];
  /** Columns from this index on are numbers (right-aligned). */
  numericFrom: number;
}

export interface ReportSection {
  /** The analysis' key in the report: "race", "race,sex", or "class cat vs rest: race" for one-vs-rest. */
  title: string;
  /** The same for readers: "race × sex", "class cat vs rest: race". */
  heading: string;
  tables: ReportTable[];
  warnings: string[];
}

/** Short column titles for the metrics. */
export const METRIC_TITLES: Record<GroupMetricName, string> = {
  accuracy: 'accuracy',
  balanced_accuracy: 'balanced accuracy',
  selection_rate: 'selection rate',
  base_rate: 'base rate',
  true_positive_rate: 'TPR',
  false_positive_rate: 'FPR',
  false_negative_rate: 'FNR',
  true_negative_rate: 'TNR',
  precision: 'precision',
  roc_auc: 'ROC AUC',
};

/** A metric value with 3 decimals; "—" for null/undefined. */
export function formatValue(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3);
}

/** A value with its interval when there is one. */
export function formatWithInterval(x: number | null | undefined, iv: Interval | undefined): string {
  const v = formatValue(x);
  return iv && v !== '—' ? `${v} (${iv[0].toFixed(3)}–${iv[1].toFixed(3)})` : v;
}

/** A row count; "n=2 (small)" below the small-group threshold. */
export function formatCount(n: number, small: boolean | undefined): string {
  const s = Math.round(n).toLocaleString('en-US');
  return small ? `n=${s} (small)` : s;
}

/** A weighted cell count: integers as integers, weights with 2 decimals. */
function formatCell(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(2);
}

function metricsOf(a: FairnessAnalysis): GroupMetricName[] {
  return GROUP_METRICS.filter((m) => m !== 'roc_auc' || a.overall.roc_auc !== undefined);
}

/** The tables of one analysis: fairness metrics, by group (with overall), aggregates. */
export function analysisTables(a: FairnessAnalysis): ReportTable[] {
  const ci: AnalysisIntervals | undefined = a.ci;
  const metrics = metricsOf(a);
  const fm: ReportTable = {
    title: 'Fairness metrics',
    head: ['metric', 'between groups', 'to overall'],
    rows: FAIRNESS_METRICS.map((m) => [
      m,
      formatWithInterval(a.fairness_metrics.between_groups[m], ci?.fairness_metrics.between_groups[m]),
      formatWithInterval(a.fairness_metrics.to_overall[m], ci?.fairness_metrics.to_overall[m]),
    ]),
    numericFrom: 1,
  };
  const attrs = a.sensitive_features;
  const byGroup: ReportTable = {
    title: 'By group',
    head: [attrs.join(' × '), 'n', ...metrics.map((m) => METRIC_TITLES[m]), 'tp', 'fp', 'tn', 'fn'],
    rows: [
      ...a.by_group.map((g) => {
        const iv = ci?.by_group[groupLabel(g.group, attrs)];
        return [groupLabel(g.group, attrs), formatCount(g.count, g.small), ...metrics.map((m) => formatWithInterval(g[m], iv?.[m])), formatCell(g.tp), formatCell(g.fp), formatCell(g.tn), formatCell(g.fn)];
      }),
      ['overall', formatCount(a.overall.count ?? 0, false), ...metrics.map((m) => formatWithInterval(a.overall[m], ci?.overall[m])), ...overallCells(a)],
    ],
    numericFrom: 1,
  };
  const aggregates: ReportTable = {
    title: 'Aggregates over groups',
    head: ['metric', 'group min', 'group max', 'difference (between groups)', 'difference (to overall)', 'ratio (between groups)', 'ratio (to overall)'],
    rows: metrics.map((m) => [
      METRIC_TITLES[m],
      formatWithInterval(a.group_min[m], ci?.group_min[m]),
      formatWithInterval(a.group_max[m], ci?.group_max[m]),
      formatWithInterval(a.difference.between_groups[m], ci?.difference.between_groups[m]),
      formatWithInterval(a.difference.to_overall[m], ci?.difference.to_overall[m]),
      formatWithInterval(a.ratio.between_groups[m], ci?.ratio.between_groups[m]),
      formatWithInterval(a.ratio.to_overall[m], ci?.ratio.to_overall[m]),
    ]),
    numericFrom: 1,
  };
  return [fm, byGroup, aggregates];
}

function overallCells(a: FairnessAnalysis): string[] {
  const sum = (k: 'tp' | 'fp' | 'tn' | 'fn') => formatCell(a.by_group.reduce((s, g) => s + g[k], 0));
  return [sum('tp'), sum('fp'), sum('tn'), sum('fn')];
}

/** Every analysis of the report as a section (one-vs-rest analyses titled by class). */
export function reportSections(report: FairnessReport): ReportSection[] {
  const pretty = (a: FairnessAnalysis): string => a.sensitive_features.join(' × ');
  const sections: ReportSection[] = Object.entries(report.analyses).map(([key, a]) => ({ title: key, heading: pretty(a), tables: analysisTables(a), warnings: a.warnings }));
  for (const [cls, analyses] of Object.entries(report.one_vs_rest ?? {})) {
    for (const [key, a] of Object.entries(analyses)) {
      sections.push({ title: `class ${cls} vs rest: ${key}`, heading: `class ${cls} vs rest: ${pretty(a)}`, tables: analysisTables(a), warnings: a.warnings });
    }
  }
  return sections;
}

/** One line describing the inputs: rows, columns, positive label, threshold, bootstrap. */
export function reportSummary(report: FairnessReport): string {
  const s = report.source;
  const parts = [`${report.rows.toLocaleString('en-US')} rows`];
  if (s) {
    parts.push(`y_true \`${s.y_true}\``);
    if (s.y_pred) parts.push(`y_pred \`${s.y_pred}\``);
    if (s.score) parts.push(`score \`${s.score}\``);
    if (s.weight) parts.push(`weights \`${s.weight}\``);
  }
  if (report.threshold !== undefined) parts.push(`predictions: score ≥ ${report.threshold}`);
  if (report.classes && report.classes.length === 2) parts.push(`positive label ${JSON.stringify(report.classes[1])}`);
  else if (report.classes) parts.push(`classes ${report.classes.map((c) => JSON.stringify(c)).join(', ')} (one-vs-rest)`);
  const ci = Object.values(report.analyses)[0]?.ci ?? Object.values(Object.values(report.one_vs_rest ?? {})[0] ?? {})[0]?.ci;
  if (ci) parts.push(`bootstrap ${ci.n_boot.toLocaleString('en-US')} resamples, seed ${ci.seed}, intervals ${ci.quantiles[0]}–${ci.quantiles[1]} quantiles`);
  return parts.join(' · ');
}
