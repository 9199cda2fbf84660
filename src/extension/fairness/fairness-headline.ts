// The Fairness Report's headline: four Fairlearn fairness metrics of one analysis graded against
// the limits, plus the smallest group. Pure (no vscode, no DOM): the webview draws the cards from
// it and the Markdown and HTML exports write the same grades, so they never disagree.
import type { FairnessThresholds } from '../../core/config/project-config';
import type { FairnessAnalysis, GroupMetricName, GroupRow, Interval } from '../../core/fairness/fairness-types';
import type { FairnessCardKey, FairnessStatus } from '../../protocol/fairness-report-protocol';

export interface FairnessCard {
  key: FairnessCardKey;
  label: string;
  /** The number graded; null when it is undefined (e.g. a group without positives). */
  value: number | null;
  ci?: Interval;
  status: FairnessStatus;
  /** What the value is measured against, in one line. */
  detail: string;
  /** The limit it is graded against, and which way. */
  limit?: { kind: 'max' | 'min'; value: number };
}

/** Without an interval, a value within this share of the limit warns. */
const NEAR = 0.2;

/** Grades a value where bigger is worse (a difference) against `max`. */
export function gradeMax(value: number, max: number, ci?: Interval): FairnessStatus {
  if (value > max) return 'fail';
  if (ci) return ci[1] > max ? 'warn' : 'ok';
  return value > max * (1 - NEAR) ? 'warn' : 'ok';
}

/** Grades a value where smaller is worse (a ratio) against `min`. */
export function gradeMin(value: number, min: number, ci?: Interval): FairnessStatus {
  if (value < min) return 'fail';
  if (ci) return ci[0] < min ? 'warn' : 'ok';
  return value < min + (1 - min) * NEAR ? 'warn' : 'ok';
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** A group's label: its values joined with ", " in sensitive_features order (the CI key). */
export function groupLabel(row: Pick<GroupRow, 'group'>, features: readonly string[]): string {
  return features.map((f) => row.group[f] ?? '(missing)').join(', ');
}

/** The smallest group of an analysis. */
export function smallestGroup(analysis: FairnessAnalysis): GroupRow | undefined {
  let min: GroupRow | undefined;
  for (const g of analysis.by_group) if (!min || g.count < min.count) min = g;
  return min;
}

/**
 * Small groups at the extremes of the rates a metric compares (the lowest or highest selection
 * rate, TPR, FPR): a gap they set rests on a handful of people, and the card says so.
 */
export function smallExtremes(analysis: FairnessAnalysis, metrics: readonly GroupMetricName[], smallGroup: number): string {
  const found = new Map<string, number>();
  for (const m of metrics) {
    const rated = analysis.by_group.filter((g) => typeof g[m] === 'number' && Number.isFinite(g[m]));
    if (rated.length < 2) continue;
    const values = rated.map((g) => g[m] as number);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    for (const g of rated) if ((g[m] === lo || g[m] === hi) && (g.small ?? g.count < smallGroup)) found.set(groupLabel(g, analysis.sensitive_features), g.count);
  }
  if (found.size === 0) return '';
  const list = [...found].sort((a, b) => a[1] - b[1]);
  return ` · set by small group${list.length > 1 ? 's' : ''}: ${list.slice(0, 3).map(([label, n]) => `${label} (n = ${n})`).join(', ')}${list.length > 3 ? ', …' : ''}`;
}

/** The headline cards of one analysis (between-groups aggregation, as Fairlearn's defaults). */
export function fairnessCards(analysis: FairnessAnalysis, limits: Required<FairnessThresholds>, smallGroup: number): FairnessCard[] {
  const fm = analysis.fairness_metrics.between_groups;
  const cis = analysis.ci?.fairness_metrics.between_groups;
  const max = (key: FairnessCardKey & keyof typeof fm, label: string, limit: number, what: string, rates: GroupMetricName[]): FairnessCard => {
    const value = fm[key];
    const ci = cis?.[key];
    return finite(value)
      ? { key, label, value, ...(ci ? { ci } : {}), status: gradeMax(value, limit, ci), detail: `${what}; fails above ${limit}${smallExtremes(analysis, rates, smallGroup)}`, limit: { kind: 'max', value: limit } }
      : { key, label, value: null, status: 'none', detail: `undefined: ${what} needs every group to have ${key === 'demographic_parity_difference' ? 'rows' : 'both labels'}`, limit: { kind: 'max', value: limit } };
  };
  const ratio = fm.demographic_parity_ratio;
  const ratioCi = cis?.demographic_parity_ratio;
  const smallest = smallestGroup(analysis);
  const small = analysis.by_group.filter((g) => g.small ?? g.count < smallGroup).length;
  return [
    max('demographic_parity_difference', 'Demographic parity difference', limits.dp_difference_max, 'largest gap in selection rate between groups', ['selection_rate']),
    finite(ratio)
      ? {
          key: 'demographic_parity_ratio',
          label: 'Demographic parity ratio',
          value: ratio,
          ...(ratioCi ? { ci: ratioCi } : {}),
          status: gradeMin(ratio, limits.dp_ratio_min, ratioCi),
          detail: `smallest / largest selection rate; fails below ${limits.dp_ratio_min}${smallExtremes(analysis, ['selection_rate'], smallGroup)}`,
          limit: { kind: 'min', value: limits.dp_ratio_min },
        }
      : { key: 'demographic_parity_ratio', label: 'Demographic parity ratio', value: null, status: 'none', detail: 'undefined: no group is ever selected', limit: { kind: 'min', value: limits.dp_ratio_min } },
    max('equalized_odds_difference', 'Equalized odds difference', limits.eo_difference_max, 'larger of the TPR and FPR gaps', ['true_positive_rate', 'false_positive_rate']),
    max('equal_opportunity_difference', 'Equal opportunity difference', limits.eopp_difference_max, 'largest gap in true positive rate', ['true_positive_rate']),
    smallest
      ? {
          key: 'smallest_group',
          label: 'Smallest group',
          value: smallest.count,
          status: small > 0 ? 'warn' : 'ok',
          detail: `${groupLabel(smallest, analysis.sensitive_features)}${small > 0 ? ` · ${small} of ${analysis.by_group.length} groups have n < ${smallGroup}: their rates are unreliable` : ` · every group has n ≥ ${smallGroup}`}`,
        }
      : { key: 'smallest_group', label: 'Smallest group', value: null, status: 'none', detail: 'no groups' },
  ];
}
