/**
 * One FairnessAnalysis (a Fairlearn MetricFrame for one attribute or intersection) from the
 * count cube: by_group rows, overall, group_min/max, difference and ratio by both methods, the
 * named fairness metrics, and the checks a reader needs next to them (small groups, the
 * four-fifths rule, rates that are 0 by convention rather than measured).
 */
import { aggregate, fairnessMetrics, type Aggregates } from './disparities';
import type { AnalysisChecks, FairnessAnalysis, GroupRow, MetricValues } from './fairness-types';
import { groupLabel, groupRecord, sumCells, sumPerGroup, type CountCube, type Marginal } from './group-cube';
import { COUNT_METRICS, COUNT_METRIC_COUNT, countMetricMatrix, fillCountMetrics, M } from './group-metrics';

/** Options shared by every analysis of a report. */
export interface AnalysisOptions {
  /** Groups with fewer rows are flagged small (default 30). */
  smallGroupN: number;
  /** Check the four-fifths rule on selection rate (default true). */
  fourFifths: boolean;
}

/** ROC AUC of each analysis group and overall (NaN where undefined). */
export interface AucValues {
  groups: Float64Array;
  overall: number;
}

/** Most groups named in one warning before "and N more". */
const LISTED = 8;

/** NaN (undefined) → null, for JSON. */
export function nullable(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

function listGroups(labels: string[]): string {
  return labels.length <= LISTED ? labels.join('; ') : `${labels.slice(0, LISTED).join('; ')}; and ${labels.length - LISTED} more`;
}

function put(target: Record<'group_min' | 'group_max', MetricValues>, diff: Record<string, MetricValues>, ratio: Record<string, MetricValues>, name: string, a: Aggregates): void {
  const k = name as keyof MetricValues;
  (target.group_min as Record<string, number | null>)[k] = nullable(a.min);
  (target.group_max as Record<string, number | null>)[k] = nullable(a.max);
  (diff.between_groups as Record<string, number | null>)[k] = nullable(a.differenceBetween);
  (diff.to_overall as Record<string, number | null>)[k] = nullable(a.differenceToOverall);
  (ratio.between_groups as Record<string, number | null>)[k] = nullable(a.ratioBetween);
  (ratio.to_overall as Record<string, number | null>)[k] = nullable(a.ratioToOverall);
}

/** Builds the analysis of the attributes of `m` from the cube (and AUCs when scores were given). */
export function buildAnalysis(cube: CountCube, m: Marginal, auc: AucValues | undefined, options: AnalysisOptions): FairnessAnalysis {
  const G = m.groups;
  const attributes = m.attributes.map((a) => cube.attributes[a]!);
  const cells = sumCells(m, cube.cells);
  const counts = sumPerGroup(m, cube.count);
  const metrics = countMetricMatrix(cells, G);
  let otp = 0;
  let ofp = 0;
  let otn = 0;
  let ofn = 0;
  let rows = 0;
  for (let g = 0; g < G; g++) {
    otp += cells[4 * g]!;
    ofp += cells[4 * g + 1]!;
    otn += cells[4 * g + 2]!;
    ofn += cells[4 * g + 3]!;
    rows += counts[g]!;
  }
  const overallVec = new Float64Array(COUNT_METRIC_COUNT);
  fillCountMetrics(otp, ofp, otn, ofn, overallVec);

  const overall: MetricValues = { count: rows };
  COUNT_METRICS.forEach((name, i) => (overall[name] = nullable(overallVec[i]!)));
  if (auc) overall.roc_auc = nullable(auc.overall);

  const groups = Array.from({ length: G }, (_, g) => groupRecord(cube, m, g));
  const labels = groups.map((g) => groupLabel(g, attributes));
  const by_group: GroupRow[] = groups.map((group, g) => {
    // Keys in contract order: group, count, the metrics, then the raw cells.
    const row = { group, count: counts[g]! } as GroupRow;
    COUNT_METRICS.forEach((name, i) => (row[name] = nullable(metrics[g * COUNT_METRIC_COUNT + i]!)));
    if (auc) row.roc_auc = nullable(auc.groups[g]!);
    row.tp = cells[4 * g]!;
    row.fp = cells[4 * g + 1]!;
    row.tn = cells[4 * g + 2]!;
    row.fn = cells[4 * g + 3]!;
    if (counts[g]! < options.smallGroupN) row.small = true;
    return row;
  });

  const agg = { group_min: {} as MetricValues, group_max: {} as MetricValues };
  const difference = { between_groups: {} as MetricValues, to_overall: {} as MetricValues };
  const ratio = { between_groups: {} as MetricValues, to_overall: {} as MetricValues };
  put(agg, difference, ratio, 'count', aggregate(counts, G, rows));
  const byMetric: Aggregates[] = COUNT_METRICS.map((name, i) => {
    const a = aggregate(metrics, G, overallVec[i]!, COUNT_METRIC_COUNT, i);
    put(agg, difference, ratio, name, a);
    return a;
  });
  if (auc) put(agg, difference, ratio, 'roc_auc', aggregate(auc.groups, G, auc.overall));

  const method = (key: 'between' | 'overall') => {
    const pick = (a: Aggregates) => ({ difference: key === 'between' ? a.differenceBetween : a.differenceToOverall, ratio: key === 'between' ? a.ratioBetween : a.ratioToOverall });
    const fm = fairnessMetrics({ selectionRate: pick(byMetric[M.selection_rate]!), truePositiveRate: pick(byMetric[M.true_positive_rate]!), falsePositiveRate: pick(byMetric[M.false_positive_rate]!) });
    return Object.fromEntries(Object.entries(fm).map(([k, v]) => [k, nullable(v)])) as FairnessAnalysis['fairness_metrics']['between_groups'];
  };

  const warnings: string[] = [];
  const what = attributes.join(' × ');
  const small = labels.filter((_, g) => counts[g]! < options.smallGroupN);
  const checks: AnalysisChecks = { small_group_n: options.smallGroupN, small_groups: small };
  if (small.length > 0) {
    warnings.push(
      `${what}: ${small.length === 1 ? '1 group has' : `${small.length} groups have`} fewer than ${options.smallGroupN} rows: ` +
        `${listGroups(small.map((l) => `${l} (n=${counts[labels.indexOf(l)]})`))}; their metrics, and the aggregates they set, rest on very few people`,
    );
  }
  const noPositives = labels.filter((_, g) => cells[4 * g]! + cells[4 * g + 3]! === 0 && counts[g]! > 0);
  if (noPositives.length > 0) {
    warnings.push(`${what}: no positive labels in ${listGroups(noPositives)}: true_positive_rate and false_negative_rate are 0 there by convention (as in Fairlearn), not measured`);
  }
  const noNegatives = labels.filter((_, g) => cells[4 * g + 1]! + cells[4 * g + 2]! === 0 && counts[g]! > 0);
  if (noNegatives.length > 0) {
    warnings.push(`${what}: no negative labels in ${listGroups(noNegatives)}: false_positive_rate and true_negative_rate are 0 there by convention (as in Fairlearn), not measured`);
  }
  if (auc) {
    const undefinedAuc = labels.filter((_, g) => Number.isNaN(auc.groups[g]!));
    if (undefinedAuc.length > 0) warnings.push(`${what}: roc_auc is undefined (null) for ${listGroups(undefinedAuc)}: one class only`);
  }
  const sel = byMetric[M.selection_rate]!;
  if (options.fourFifths && G > 1) {
    const lowest = labels[argExtreme(metrics, G, M.selection_rate, 'min')]!;
    const highest = labels[argExtreme(metrics, G, M.selection_rate, 'max')]!;
    const r = nullable(sel.ratioBetween);
    checks.four_fifths = { ratio: r, passed: r === null ? null : r >= 0.8, lowest, highest };
    // When a small group sets the ratio, say what the other groups alone give.
    let withoutSmall = '';
    if (small.includes(lowest) || small.includes(highest)) {
      const rates: number[] = [];
      for (let g = 0; g < G; g++) if (counts[g]! >= options.smallGroupN) rates.push(metrics[g * COUNT_METRIC_COUNT + M.selection_rate]!);
      const ok = rates.filter((x) => !Number.isNaN(x));
      if (ok.length > 1) {
        const ratioLarge = nullable(Math.min(...ok) / Math.max(...ok));
        checks.four_fifths.ratio_without_small_groups = ratioLarge;
        withoutSmall = ` — a small group sets it; without the small groups the ratio is ${ratioLarge === null ? 'undefined' : pct(ratioLarge)}`;
      } else withoutSmall = ' — a small group sets it';
    }
    if (r !== null && r < 0.8) {
      warnings.push(`${what}: four-fifths rule not met: the lowest selection rate (${lowest}: ${pct(sel.min)}) is ${pct(r)} of the highest (${highest}: ${pct(sel.max)})${withoutSmall}`);
    }
  }
  if (Number.isNaN(sel.ratioBetween) && G > 1) warnings.push(`${what}: demographic_parity_ratio is null: every group's selection rate is 0 (0/0, NaN in Fairlearn)`);

  return {
    sensitive_features: attributes,
    overall,
    by_group,
    group_min: agg.group_min,
    group_max: agg.group_max,
    difference,
    ratio,
    fairness_metrics: { between_groups: method('between'), to_overall: method('overall') },
    checks,
    warnings,
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Index of the group with the smallest (or largest) value of metric `k`; the first on ties. */
function argExtreme(metrics: Float64Array, G: number, k: number, which: 'min' | 'max'): number {
  let best = -1;
  for (let g = 0; g < G; g++) {
    const v = metrics[g * COUNT_METRIC_COUNT + k]!;
    if (Number.isNaN(v)) continue;
    if (best < 0 || (which === 'min' ? v < metrics[best * COUNT_METRIC_COUNT + k]! : v > metrics[best * COUNT_METRIC_COUNT + k]!)) best = g;
  }
  return Math.max(0, best);
}
