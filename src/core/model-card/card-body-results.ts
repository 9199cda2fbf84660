// Sections about results: Factors, Metrics, Quantitative Analyses (overall, unitary and
// intersectional tables, fairness metrics) and the fairness findings of Ethical Considerations.
import { FAIRNESS_METRICS, GROUP_METRICS, type FairnessAnalysis, type GroupMetricName, type Interval } from '../fairness/fairness-types';
import { PLACEHOLDER } from './card-sections';
import { formatCount, formatNumber, groupLabel, markdownTable, metricName } from './card-format';
import { runMetrics } from './card-model-index';
import type { CardInputs, FairnessThresholds } from './card-types';
import { beyondThreshold, fairnessGaps, lowerIsWorse, type FairnessGap } from './fairness-gaps';

/** Per-group columns of the unitary and intersectional tables. */
const TABLE_METRICS: GroupMetricName[] = ['accuracy', 'selection_rate', 'true_positive_rate', 'false_positive_rate', 'precision'];

const SHORT: Partial<Record<GroupMetricName, string>> = { selection_rate: 'Selection rate', true_positive_rate: 'TPR', false_positive_rate: 'FPR' };

function withInterval(v: number | null | undefined, ci: Interval | undefined): string {
  const value = formatNumber(v);
  return ci ? `${value} [${formatNumber(ci[0])}, ${formatNumber(ci[1])}]` : value;
}

/** Sensitive attributes the card reports on, with where each came from. */
export function factorsBody(inputs: CardInputs): string {
  // One row per attribute and side (evaluation, training): their groups may differ.
  const rows = new Map<string, { attr: string; groups: Set<string>; sources: Set<string> }>();
  const add = (attr: string, side: 'evaluation' | 'training', groups: string[], source: string) => {
    const key = `${attr}\0${side}`;
    const r = rows.get(key) ?? { attr, groups: new Set(), sources: new Set() };
    groups.forEach((g) => r.groups.add(g));
    r.sources.add(source);
    rows.set(key, r);
  };
  for (const analysis of Object.values(inputs.fairness?.analyses ?? {})) {
    if (analysis.sensitive_features.length !== 1) continue;
    const attr = analysis.sensitive_features[0]!;
    add(attr, 'evaluation', analysis.by_group.map((g) => g.group[attr] ?? ''), 'evaluation (fairness report)');
  }
  for (const [attr, p] of Object.entries(inputs.profile?.attributes ?? {})) add(attr, 'training', p.groups.map((g) => g.value), 'training data (profile)');
  for (const f of inputs.run?.spec.train.sensitive_fields ?? []) add(f, 'training', [], 'run spec');
  if (rows.size === 0) return `${PLACEHOLDER}\n`;
  const intersections = Object.values(inputs.fairness?.analyses ?? {}).filter((a) => a.sensitive_features.length > 1);
  const lines = [
    `Performance is reported for the groups of these sensitive attributes${intersections.length ? ' and for their intersections' : ''}:`,
    '',
    markdownTable(
      ['Attribute', 'Groups', 'Source'],
      [...rows.values()].map((r) => [`\`${r.attr}\``, [...r.groups].join(', ') || '—', [...r.sources].join('; ')]),
    ),
    '',
  ];
  if (intersections.length) lines.push(`Intersections: ${intersections.map((a) => a.sensitive_features.map((f) => `\`${f}\``).join(' × ')).join(', ')}.`, '');
  lines.push('Groups with fewer than 30 rows are marked *small*: their metrics are unreliable.');
  return lines.join('\n') + '\n';
}

/** Which metrics the card reports, the decision threshold, the uncertainty and the thresholds used. */
export function metricsBody(inputs: CardInputs, thresholds: FairnessThresholds): string {
  const report = inputs.fairness;
  const lines: string[] = [];
  const run = runMetrics(inputs.run?.metrics);
  if (run.length) lines.push(`- **Validation (from the training run):** ${run.map((m) => m.type.replace(/_/g, ' ')).join(', ')}.`);
  if (report) {
    const first = Object.values(report.analyses)[0];
    const present = GROUP_METRICS.filter((m) => first && typeof first.overall[m] === 'number');
    lines.push(
      `- **Overall and per group:** ${present.map((m) => metricName(m).toLowerCase()).join(', ')}; per group (unitary) and per intersection of groups (intersectional).`,
      '- **Fairness (Fairlearn definitions):** demographic parity, equalized odds and equal opportunity, as differences between the best and the worst group (0 is parity) and as ratios of the worst to the best (1 is parity).',
    );
    const src = report.source;
    if (src?.score && src.threshold !== undefined) lines.push(`- **Decision threshold:** ${src.threshold} on the score \`${src.score}\`.`);
    else if (src?.y_pred) lines.push(`- **Decisions:** the predictions in \`${src.y_pred}\`.`);
    const ci = first?.ci;
    lines.push(
      ci
        ? `- **Uncertainty:** ${Math.round((ci.quantiles[1] - ci.quantiles[0]) * 100)}% percentile bootstrap intervals from ${formatCount(ci.n_boot)} resamples (seed ${ci.seed}), shown in brackets.`
        : '- **Uncertainty:** no confidence intervals were computed for this card.',
    );
    lines.push('', 'This card is checked against these fairness thresholds (`modelCard.fairnessThresholds` in `responsible-ml.config.json`):', '');
    lines.push(markdownTable(['Metric', 'Threshold', 'Beyond when'], FAIRNESS_METRICS.filter((m) => thresholds[m] !== undefined).map((m) => [`\`${m}\``, formatNumber(thresholds[m]), lowerIsWorse(m) ? 'below' : 'above'])));
  }
  if (lines.length === 0) lines.push(PLACEHOLDER);
  return lines.join('\n') + '\n';
}

function groupTable(analysis: FairnessAnalysis): string {
  const present = TABLE_METRICS.filter((m) => analysis.by_group.some((g) => typeof g[m] === 'number'));
  const ci = analysis.ci?.by_group;
  return markdownTable(
    ['Group', 'Rows', ...present.map((m) => SHORT[m] ?? metricName(m))],
    analysis.by_group.map((g) => {
      const values = analysis.sensitive_features.map((f) => g.group[f] ?? '');
      const key = values.join(', ');
      return [`${values.length ? values.join(' × ') : groupLabel(g.group)}${g.small ? ' (small)' : ''}`, formatCount(g.count), ...present.map((m) => withInterval(g[m], ci?.[key]?.[m]))];
    }),
    ['l', 'r', ...present.map(() => 'r' as const)],
  );
}

/** Overall, unitary and intersectional tables and the fairness metrics table. */
export function quantitativeBody(inputs: CardInputs, thresholds: FairnessThresholds, depth: number): string {
  const report = inputs.fairness;
  const sub = '#'.repeat(depth + 1);
  const lines: string[] = [];
  const run = runMetrics(inputs.run?.metrics);
  if (run.length) {
    lines.push(`${sub} Validation metrics`, '', markdownTable(['Metric', 'Value'], run.map((m) => [metricName(m.type), formatNumber(m.value as number, 4)]), ['l', 'r']), '');
  }
  if (!report) {
    lines.push(`${sub} Unitary and intersectional results`, '', `${PLACEHOLDER} No fairness report was given: results per group are needed to judge the model.`, '');
    return lines.join('\n');
  }
  const analyses = Object.entries(report.analyses);
  const first = analyses[0]?.[1];
  if (first) {
    const present = GROUP_METRICS.filter((m) => typeof first.overall[m] === 'number');
    lines.push(
      `${sub} Overall`,
      '',
      `${formatCount(report.rows)} rows.`,
      '',
      markdownTable(['Metric', 'Value'], present.map((m) => [metricName(m), withInterval(first.overall[m], first.ci?.overall[m])]), ['l', 'r']),
      '',
    );
  }
  const unitary = analyses.filter(([, a]) => a.sensitive_features.length === 1);
  const crossed = analyses.filter(([, a]) => a.sensitive_features.length > 1);
  if (unitary.length) {
    lines.push(`${sub} Unitary results`, '');
    for (const [key, a] of unitary) lines.push(`**\`${key}\`**`, '', groupTable(a), '');
  }
  if (crossed.length) {
    lines.push(`${sub} Intersectional results`, '');
    for (const [, a] of crossed) lines.push(`**${a.sensitive_features.map((f) => `\`${f}\``).join(' × ')}**`, '', groupTable(a), '');
  }
  const rows: string[][] = [];
  for (const [key, a] of analyses) {
    for (const m of FAIRNESS_METRICS) {
      const v = a.fairness_metrics.between_groups?.[m];
      if (typeof v !== 'number') continue;
      const t = thresholds[m];
      const status = t === undefined ? '' : beyondThreshold(m, v, t) ? `beyond (${lowerIsWorse(m) ? '<' : '>'} ${formatNumber(t)})` : 'within';
      rows.push([`\`${key}\``, metricName(m), withInterval(v, a.ci?.fairness_metrics.between_groups?.[m]), status]);
    }
  }
  if (rows.length) lines.push(`${sub} Fairness metrics`, '', markdownTable(['Attribute', 'Metric', 'Value', 'Threshold'], rows, ['l', 'l', 'r', 'l']), '');
  return lines.join('\n');
}

/** The fairness gaps, one line per attribute, each with a placeholder for the person who must explain them. */
export function fairnessFindings(inputs: CardInputs, thresholds: FairnessThresholds): string[] {
  if (!inputs.fairness) return ['No fairness report was given, so no fairness metric could be checked against its threshold.'];
  const gaps = fairnessGaps(inputs.fairness, thresholds);
  if (gaps.length === 0) return ['No fairness metric is beyond its threshold (thresholds under Metrics).'];
  const byAttribute = new Map<string, FairnessGap[]>();
  for (const g of gaps) byAttribute.set(g.attribute, [...(byAttribute.get(g.attribute) ?? []), g]);
  return [
    'These fairness metrics are beyond their thresholds. For each attribute, replace the placeholder with the likely cause, who is harmed, and what was done about it:',
    '',
    ...[...byAttribute.entries()].map(
      ([attribute, list]) =>
        `- \`${attribute}\`: ${list.map((g) => `${metricName(g.metric).toLowerCase()} ${formatNumber(g.value)} (${lowerIsWorse(g.metric) ? '<' : '>'} ${formatNumber(g.threshold)})`).join(', ')}. ${PLACEHOLDER}`,
    ),
  ];
}
