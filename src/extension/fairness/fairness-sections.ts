// What the Fairness Report's exports (Markdown, HTML) say, as plain rows of text: the headline
// graded per analysis, the fairness metrics with their intervals, and each group's rates and
// confusion counts. Pure; both renderers format these same rows, so they never disagree.
import type { FairnessAnalysis, FairnessReport, GroupMetricName, GroupRow } from '../../core/fairness/fairness-types';
import type { FairnessContext } from '../../protocol/fairness-report-protocol';
import { fairnessCards, groupLabel, type FairnessCard } from './fairness-headline';

export const STATUS_WORD = { ok: 'pass', warn: 'warn', fail: 'fail', none: '' } as const;

/** "race,sex" → "race × sex". */
export function analysisTitle(key: string, analysis?: FairnessAnalysis): string {
  return (analysis?.sensitive_features ?? key.split(',')).join(' × ');
}

export function fmt(v: number | null | undefined, digits = 3): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—';
}

export function fmtCount(v: number): string {
  return v.toLocaleString('en-US');
}

/** One line saying where the numbers came from. */
export function provenance(report: FairnessReport, ctx: FairnessContext): string {
  const m = ctx.mapping;
  const parts = [`${fmtCount(report.rows)} rows`, `y_true \`${m.y_true}\``];
  if (m.y_pred && ctx.threshold === undefined) parts.push(`y_pred \`${m.y_pred}\``);
  if (m.score) parts.push(`score \`${m.score}\``);
  if (ctx.threshold !== undefined) parts.push(`predicted positive when \`${m.score}\` ≥ ${ctx.threshold}`);
  if (m.positive_label !== undefined) parts.push(`positive label \`${m.positive_label}\``);
  return parts.join(' · ');
}

export interface HeadlineRow {
  key: string;
  title: string;
  cards: FairnessCard[];
}

/** The headline of every analysis (attributes first, then intersections, as the report lists them). */
export function headlineRows(report: FairnessReport, ctx: FairnessContext): HeadlineRow[] {
  return Object.entries(report.analyses).map(([key, a]) => ({ key, title: analysisTitle(key, a), cards: fairnessCards(a, ctx.thresholds, ctx.smallGroup) }));
}

export function cardText(c: FairnessCard): string {
  if (c.value === null) return '—';
  if (c.key === 'smallest_group') return `n = ${fmtCount(c.value)}`;
  return `${fmt(c.value)}${c.ci ? ` [${fmt(c.ci[0])}, ${fmt(c.ci[1])}]` : ''}`;
}

/** The per-group columns the exports list, in order. */
export const GROUP_COLUMNS: Array<{ metric: GroupMetricName; label: string }> = [
  { metric: 'selection_rate', label: 'Selection rate' },
  { metric: 'true_positive_rate', label: 'TPR' },
  { metric: 'false_positive_rate', label: 'FPR' },
  { metric: 'false_negative_rate', label: 'FNR' },
  { metric: 'accuracy', label: 'Accuracy' },
  { metric: 'precision', label: 'Precision' },
  { metric: 'base_rate', label: 'Base rate' },
  { metric: 'roc_auc', label: 'ROC AUC' },
];

/** Group rows with their label, smallest groups marked; metrics present in the analysis only. */
export function groupTable(analysis: FairnessAnalysis, smallGroup: number): { head: string[]; rows: string[][]; numeric: number[] } {
  const metrics = GROUP_COLUMNS.filter((c) => analysis.by_group.some((g) => g[c.metric] !== undefined) || analysis.overall[c.metric] !== undefined);
  const head = ['Group', 'n', ...metrics.map((m) => m.label), 'TP', 'FP', 'TN', 'FN', 'Small'];
  const row = (label: string, g: Partial<GroupRow>, small: string) => [
    label,
    g.count !== undefined ? fmtCount(g.count) : '',
    ...metrics.map((m) => fmt(g[m.metric] as number | null | undefined)),
    ...(['tp', 'fp', 'tn', 'fn'] as const).map((k) => (g[k] !== undefined ? fmtCount(g[k]!) : '')),
    small,
  ];
  const rows = analysis.by_group.map((g) => row(groupLabel(g, analysis.sensitive_features), g, (g.small ?? g.count < smallGroup) ? `⚠ n < ${smallGroup}` : ''));
  rows.push(row('(overall)', analysis.overall as Partial<GroupRow>, ''));
  return { head, rows, numeric: head.map((_, i) => i).filter((i) => i > 0 && i < head.length - 1) };
}

/** The fairness metrics of an analysis with both aggregations and their intervals. */
export function fairnessMetricRows(analysis: FairnessAnalysis): string[][] {
  const names = Object.keys(analysis.fairness_metrics.between_groups) as Array<keyof FairnessAnalysis['fairness_metrics']['between_groups']>;
  return names.map((n) => {
    const ci = analysis.ci?.fairness_metrics.between_groups[n];
    return [n, fmt(analysis.fairness_metrics.between_groups[n]), ci ? `${fmt(ci[0])}–${fmt(ci[1])}` : '', fmt(analysis.fairness_metrics.to_overall[n])];
  });
}
