/**
 * The dataset profile: group shares per sensitive attribute and intersection, their comparison
 * with a reference population, and integrity counts. `rml profile --format json` prints it and
 * the Dataset Report and the model card consume it. Keys are snake_case as in the CLI contract.
 */

/** [low, high] of a seeded percentile bootstrap interval. */
export type Interval = [number, number];

export interface GroupProfile {
  /** The group's value (after binning), or "(missing)". */
  value: string;
  count: number;
  /** count / rows. */
  share: number;
  share_ci?: Interval;
  /** Share of positive labels in the group (binary labels only). */
  label_rate?: number;
  label_rate_ci?: Interval;
  /** Counts per label value (any label). */
  label_counts?: Record<string, number>;
  /** Share of rows in the group whose label is missing. */
  missing_rate?: number;
  /** Reference share and expected count, when a reference is given. */
  expected_share?: number;
  expected_count?: number;
  /** True when count < the small-cell threshold. */
  small?: boolean;
}

export interface ReferenceComparison {
  /** Pearson chi-square goodness of fit of the observed counts against the reference shares. */
  chi2: { statistic: number; dof: number; p_value: number };
  /** Total variation distance: half the L1 distance between the share vectors. */
  tvd: number;
  /** KL divergence dataset ‖ reference, natural log. */
  kl: number;
  /** Jensen–Shannon distance (square root of the JS divergence, natural log). */
  js: number;
  /** Where the reference came from (config `source` note or file). */
  source?: string;
  /** Groups with fewer rows than the reference implies, largest shortfall first. */
  under_represented: Array<{ value: string; observed: number; expected: number; shortfall: number }>;
}

export interface AttributeProfile {
  /** Column or JSON path the attribute is read from. */
  column: string;
  groups: GroupProfile[];
  reference?: ReferenceComparison;
  /** Largest share / smallest share among groups with at least one row. */
  imbalance_ratio: number;
  /** Rows whose value of the attribute is missing. */
  missing: number;
  /** Largest minus smallest label rate (binary labels): an early demographic-parity gap. */
  label_rate_gap?: number;
}

export interface IntegrityDuplicateGroup {
  /** 1-based lines (or rows for Parquet) of the records sharing one normalised text. */
  lines: number[];
  count: number;
  /** exact: identical text; normalised: equal after case, whitespace and punctuation folding. */
  kind: 'exact' | 'normalised';
}

export interface IntegrityReport {
  duplicates: { exact: number; normalised: number; groups: IntegrityDuplicateGroup[] };
  conflicting_labels: { count: number; groups: Array<{ lines: number[]; labels: string[] }> };
  leakage: { count: number; pairs: Array<{ split: string; other_split: string; other_file: string; line: number; other_line: number }> };
  missing_required: Array<{ field: string; count: number; lines: number[] }>;
  mixed_types: Array<{ field: string; types: Record<string, number> }>;
  constant_columns: string[];
}

export interface DatasetProfile {
  file: string;
  rows: number;
  label?: string;
  /** The positive label when the label is binary. */
  positive_label?: string;
  attributes: Record<string, AttributeProfile>;
  /** Keyed "a,b" for the intersection of attributes a and b. */
  intersections: Record<string, { attributes: string[]; groups: GroupProfile[] }>;
  integrity?: IntegrityReport;
  warnings: string[];
  /** Bootstrap settings used for the intervals. */
  bootstrap?: { resamples: number; seed: number; confidence: number };
}
