/**
 * Group metrics from weighted confusion counts, with Fairlearn's and scikit-learn's conventions:
 * a rate whose denominator is 0 is 0 (Fairlearn's rates read sklearn's confusion_matrix with
 * normalize="true", which turns 0/0 into 0); precision uses zero_division = 0; balanced accuracy
 * is sklearn's balanced_accuracy_score: the mean recall over the classes present in y_true
 * (a group with only positives scores its TPR). Undefined values (no rows, or total weight 0)
 * are NaN here and null in JSON.
 */
import type { GroupMetricName } from './fairness-types';

/** The metrics computed from confusion counts (everything but roc_auc), in report order. */
export const COUNT_METRICS = [
  'accuracy',
  'balanced_accuracy',
  'selection_rate',
  'base_rate',
  'true_positive_rate',
  'false_positive_rate',
  'false_negative_rate',
  'true_negative_rate',
  'precision',
] as const satisfies readonly GroupMetricName[];
export type CountMetricName = (typeof COUNT_METRICS)[number];
export const COUNT_METRIC_COUNT = COUNT_METRICS.length;

/** Index of each count metric in a metrics vector. */
export const M = {
  accuracy: 0,
  balanced_accuracy: 1,
  selection_rate: 2,
  base_rate: 3,
  true_positive_rate: 4,
  false_positive_rate: 5,
  false_negative_rate: 6,
  true_negative_rate: 7,
  precision: 8,
} as const satisfies Record<CountMetricName, number>;

/** A rate with the 0/0 = 0 convention. */
function rate(num: number, den: number): number {
  return den > 0 ? num / den : 0;
}

/**
 * Writes the count metrics of one group (weighted tp, fp, tn, fn) into `out` at `offset`.
 * Accuracy, selection and base rate are NaN when the group's total weight is 0, as sklearn's
 * weighted averages are undefined there.
 */
export function fillCountMetrics(tp: number, fp: number, tn: number, fn: number, out: Float64Array, offset = 0): void {
  const pos = tp + fn;
  const neg = tn + fp;
  const total = pos + neg;
  out[offset + M.accuracy] = total > 0 ? (tp + tn) / total : Number.NaN;
  // sklearn drops classes whose row of the confusion matrix sums to 0 (absent from y_true).
  out[offset + M.balanced_accuracy] = pos > 0 && neg > 0 ? (tp / pos + tn / neg) / 2 : pos > 0 ? tp / pos : neg > 0 ? tn / neg : Number.NaN;
  out[offset + M.selection_rate] = total > 0 ? (tp + fp) / total : Number.NaN;
  out[offset + M.base_rate] = total > 0 ? pos / total : Number.NaN;
  out[offset + M.true_positive_rate] = rate(tp, pos);
  out[offset + M.false_positive_rate] = rate(fp, neg);
  out[offset + M.false_negative_rate] = rate(fn, pos);
  out[offset + M.true_negative_rate] = rate(tn, neg);
  out[offset + M.precision] = rate(tp, tp + fp);
}

/** Count metrics of every group of a cells array (4 per group) as a groups × metrics matrix. */
export function countMetricMatrix(cells: Float64Array, groups: number, out = new Float64Array(groups * COUNT_METRIC_COUNT)): Float64Array {
  for (let g = 0; g < groups; g++) fillCountMetrics(cells[4 * g]!, cells[4 * g + 1]!, cells[4 * g + 2]!, cells[4 * g + 3]!, out, g * COUNT_METRIC_COUNT);
  return out;
}
