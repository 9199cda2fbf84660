/**
 * Fairlearn MetricFrame aggregates of one metric over groups, and the named fairness metrics.
 * Undefined group values (NaN) are skipped, as pandas' min/max skip NaN.
 *   group_min, group_max;
 *   difference between_groups = max − min; to_overall = max over groups of |group − overall|;
 *   ratio between_groups = min / max (0 / 0 is NaN, as in Fairlearn);
 *   ratio to_overall = min over groups of group / overall, a ratio above 1 inverted (a group
 *   of 0 against an overall of 0 is NaN and skipped; a positive group against an overall of 0
 *   is ∞, inverted to 0).
 * Named metrics (fairlearn.metrics): demographic parity on selection_rate, equal opportunity on
 * true_positive_rate, equalized odds on both true and false positive rates: worst case =
 * Python's max(tpr, fpr) of the differences and min(tpr, fpr) of the ratios (a NaN first
 * operand wins, a NaN second one loses, exactly as the builtins do over Fairlearn's Series),
 * agg="mean" = pandas' NaN-skipping mean of the two.
 */
import type { FairnessMetricName } from './fairness-types';

/** The six aggregates of one metric, in this order. */
export interface Aggregates {
  min: number;
  max: number;
  differenceBetween: number;
  differenceToOverall: number;
  ratioBetween: number;
  ratioToOverall: number;
}

/**
 * Aggregates of one metric. `values` holds it for `groups` groups at `offset + g * stride`;
 * `overall` is the metric over all rows.
 */
export function aggregate(values: ArrayLike<number>, groups: number, overall: number, stride = 1, offset = 0): Aggregates {
  let min = Number.NaN;
  let max = Number.NaN;
  let diffOverall = Number.NaN;
  let ratioOverall = Number.NaN;
  for (let g = 0; g < groups; g++) {
    const v = values[offset + g * stride]!;
    if (Number.isNaN(v)) continue;
    if (!(v >= min)) min = v;
    if (!(v <= max)) max = v;
    const d = Math.abs(v - overall);
    if (!Number.isNaN(d) && !(d <= diffOverall)) diffOverall = d;
    let r = v / overall;
    if (r > 1) r = 1 / r;
    if (!Number.isNaN(r) && !(r >= ratioOverall)) ratioOverall = r;
  }
  return { min, max, differenceBetween: max - min, differenceToOverall: diffOverall, ratioBetween: min / max, ratioToOverall: ratioOverall };
}

/** Python's builtin max(a, b) (a NaN first operand is kept, a NaN second one ignored). */
function pyMax(a: number, b: number): number {
  return b > a ? b : a;
}

/** Python's builtin min(a, b). */
function pyMin(a: number, b: number): number {
  return b < a ? b : a;
}

/** pandas' Series.mean(): the mean of the non-NaN values, NaN when there are none. */
function nanMean(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return (a + b) / 2;
}

/** The difference and ratio (for one method) of the three rates the named metrics use. */
export interface RateDisparities {
  selectionRate: { difference: number; ratio: number };
  truePositiveRate: { difference: number; ratio: number };
  falsePositiveRate: { difference: number; ratio: number };
}

/** Fairlearn's named fairness metrics for one aggregation method. */
export function fairnessMetrics(d: RateDisparities): Record<FairnessMetricName, number> {
  const tpr = d.truePositiveRate;
  const fpr = d.falsePositiveRate;
  return {
    demographic_parity_difference: d.selectionRate.difference,
    demographic_parity_ratio: d.selectionRate.ratio,
    equalized_odds_difference: pyMax(tpr.difference, fpr.difference),
    equalized_odds_ratio: pyMin(tpr.ratio, fpr.ratio),
    equalized_odds_difference_agg_mean: nanMean(tpr.difference, fpr.difference),
    equalized_odds_ratio_agg_mean: nanMean(tpr.ratio, fpr.ratio),
    equal_opportunity_difference: tpr.difference,
    equal_opportunity_ratio: tpr.ratio,
  };
}
