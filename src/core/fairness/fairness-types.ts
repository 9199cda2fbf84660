/**
 * The fairness report: Fairlearn MetricFrame-shaped results per sensitive attribute (and their
 * intersection). `rml fairness --format json` prints a FairnessReport; the Fairness Report
 * webview and the model card consume the same object. Keys are snake_case and spelled exactly as
 * Fairlearn spells its metrics, so a Fairlearn user recognises every number.
 */

/** [low, high] of a seeded percentile bootstrap interval. */
export type Interval = [number, number];

/** Per-group and overall metrics, in the order reports list them. */
export const GROUP_METRICS = [
  'accuracy',
  'balanced_accuracy',
  'selection_rate',
  'base_rate',
  'true_positive_rate',
  'false_positive_rate',
  'false_negative_rate',
  'true_negative_rate',
  'precision',
  'roc_auc',
] as const;
export type GroupMetricName = (typeof GROUP_METRICS)[number];

/** Fairness metrics (Fairlearn names), computed for both aggregation methods. */
export const FAIRNESS_METRICS = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equalized_odds_difference',
  'equalized_odds_ratio',
  'equalized_odds_difference_agg_mean',
  'equalized_odds_ratio_agg_mean',
  'equal_opportunity_difference',
  'equal_opportunity_ratio',
] as const;
export type FairnessMetricName = (typeof FAIRNESS_METRICS)[number];

export type AggregationMethod = 'between_groups' | 'to_overall';

/** metric name → value. `roc_auc` is present only when scores are given (null where undefined). */
export type MetricValues = Partial<Record<GroupMetricName, number | null>> & { count?: number };

/** Weighted confusion counts (unweighted counts when no weights are given). */
export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** One by_group row, flat as in the JSON contract: group, count, the metrics, tp/fp/tn/fn. */
export type GroupRow = ConfusionCounts &
  MetricValues & {
    /** attribute → value; "(missing)" for a missing or empty sensitive value. */
    group: Record<string, string>;
    /** Rows in the group (unweighted). */
    count: number;
    /** True when count < the small-group threshold (default 30). */
    small?: boolean;
  };

export interface FairnessAnalysis {
  sensitive_features: string[];
  overall: MetricValues;
  by_group: GroupRow[];
  group_min: MetricValues;
  group_max: MetricValues;
  difference: Record<AggregationMethod, MetricValues>;
  ratio: Record<AggregationMethod, MetricValues>;
  /** null where Fairlearn's value is NaN (a ratio of 0 / 0: every group's rate is 0). */
  fairness_metrics: Record<AggregationMethod, Partial<Record<FairnessMetricName, number | null>>>;
  /** Small groups and the four-fifths rule, for badges next to the numbers (also in `warnings`). */
  checks?: AnalysisChecks;
  /** Bootstrap intervals (with --bootstrap): same paths as the values they bound. */
  ci?: AnalysisIntervals;
  warnings: string[];
}

export interface AnalysisIntervals {
  n_boot: number;
  seed: number;
  quantiles: [number, number];
  overall: Partial<Record<GroupMetricName, Interval>>;
  /** Keyed by the group's label (values joined with ", " in sensitive_features order). */
  by_group: Record<string, Partial<Record<GroupMetricName, Interval>>>;
  group_min: Partial<Record<GroupMetricName, Interval>>;
  group_max: Partial<Record<GroupMetricName, Interval>>;
  difference: Record<AggregationMethod, Partial<Record<GroupMetricName, Interval>>>;
  ratio: Record<AggregationMethod, Partial<Record<GroupMetricName, Interval>>>;
  fairness_metrics: Record<AggregationMethod, Partial<Record<FairnessMetricName, Interval>>>;
}

/** The four-fifths (80%) rule on selection rate: lowest group rate ÷ highest group rate. */
export interface FourFifthsCheck {
  /** demographic_parity_ratio (between_groups); null when every selection rate is 0. */
  ratio: number | null;
  passed: boolean | null;
  /** Labels (values joined with ", ") of the groups with the lowest and highest selection rate. */
  lowest: string;
  highest: string;
  /** The same ratio over the groups that are not small, when a small group is the lowest or highest. */
  ratio_without_small_groups?: number | null;
}

export interface AnalysisChecks {
  /** The small-group threshold used (rows). */
  small_group_n: number;
  /** Labels of the groups with fewer rows than that. */
  small_groups: string[];
  four_fifths?: FourFifthsCheck;
}

/** The whole report: one analysis per attribute, plus "<a>,<b>" intersections with --intersect. */
export interface FairnessReport {
  rows: number;
  /** Source file and the column mapping used, so a report can be reproduced. */
  source?: { file: string; y_true: string; y_pred?: string; score?: string; threshold?: number; positive_label?: string; weight?: string; sensitive?: string[] };
  /** The label classes: [negative, positive] for a binary report, every class for one-vs-rest. */
  classes?: string[];
  /** The threshold predictions were made at (score ≥ threshold), when made from scores. */
  threshold?: number;
  analyses: Record<string, FairnessAnalysis>;
  /** Multiclass labels: one-vs-rest analyses per class, keyed by class then attribute. */
  one_vs_rest?: Record<string, Record<string, FairnessAnalysis>>;
  /** Report-level warnings: dropped rows with their file and line, coerced labels, … */
  warnings: string[];
}
