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
  /** Intersection cells: the value of each attribute, in the order of the intersection's `attributes`. */
  parts?: string[];
  /** Share of the rows compared with the reference (missing values and unmatched groups left out). */
  compared_share?: number;
}

/** One category of the reference comparison: a reference value with the rows counted towards it. */
export interface ComparedCategory {
  value: string;
  observed: number;
  expected: number;
  observed_share: number;
  expected_share: number;
  /** Data groups absent from the reference that were pooled into this "other" category. */
  pooled?: string[];
}

export interface ReferenceComparison {
  /** Pearson chi-square goodness of fit of the observed counts against the reference shares. */
  chi2: { statistic: number; dof: number; p_value: number };
  /** Total variation distance: half the L1 distance between the share vectors. */
  tvd: number;
  /**
   * KL divergence dataset ‖ reference, natural log. Infinity (null in JSON) when the data has
   * rows in a group whose reference share is 0; groups with no rows contribute 0.
   */
  kl: number;
  /** Jensen–Shannon distance (square root of the JS divergence, natural log). */
  js: number;
  /** Where the reference came from (config `source` note or file). */
  source?: string;
  /** Groups with fewer rows than the reference implies, largest shortfall first. */
  under_represented: Array<{ value: string; observed: number; expected: number; shortfall: number }>;
  /** Rows in the comparison: rows with a value matched to the reference (or pooled into its "other"). */
  compared_rows?: number;
  /** The comparison table, in reference order. */
  categories?: ComparedCategory[];
  /** Data groups left out because the reference has neither them nor an "other" value. */
  excluded?: Array<{ value: string; count: number }>;
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
  /** Bin edges, when the attribute is a binned number. */
  bins?: number[];
}

export interface IntegrityDuplicateGroup {
  /** 1-based lines (or rows for Parquet) of the records sharing one normalised text. */
  lines: number[];
  count: number;
  /** exact: identical text; normalised: equal after case, whitespace and punctuation folding. */
  kind: 'exact' | 'normalised';
}

export interface IntegrityReport {
  /**
   * exact: records repeating an earlier record's text; normalised: records equal to an earlier
   * one only after normalisation. groups_total: all duplicate groups (`groups` lists the largest).
   */
  duplicates: { exact: number; normalised: number; groups: IntegrityDuplicateGroup[]; groups_total?: number };
  /** count: texts carrying more than one label; records: the labelled records of those texts. */
  conflicting_labels: { count: number; groups: Array<{ lines: number[]; labels: string[] }>; records?: number };
  /**
   * count: records of this file whose normalised text is in another split; split: this file's
   * split; by_split: that count per other split.
   */
  leakage: {
    count: number;
    pairs: Array<{ split: string; other_split: string; other_file: string; line: number; other_line: number }>;
    split?: string;
    by_split?: Record<string, number>;
  };
  /** count: records where the field is missing or empty; empty: those where it is present but blank or null. */
  missing_required: Array<{ field: string; count: number; lines: number[]; empty?: number }>;
  mixed_types: Array<{ field: string; types: Record<string, number> }>;
  constant_columns: string[];
  /** Records checked. */
  rows?: number;
  /** Limits that were hit and checks that were skipped, in words. */
  notes?: string[];
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
  /** How the file was read: csv, tsv, jsonl or parquet. */
  format?: string;
  /** Rows whose label is missing or blank (when a label is set). */
  label_missing?: number;
  /** Rows per label value over the whole file (when a label is set). */
  label_counts?: Record<string, number>;
}
