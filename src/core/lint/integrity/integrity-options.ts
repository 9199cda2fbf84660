import type { Severity } from '../finding';

/** The rules this folder reports, with their default severities (docs/rules/<id>.md). */
export const INTEGRITY_RULE_SEVERITY = {
  'duplicate-text': 'warning',
  'conflicting-labels': 'warning',
  'split-leakage': 'error',
  'missing-required-field': 'warning',
  'mixed-types': 'info',
  'constant-column': 'info',
} as const satisfies Record<string, Severity>;

export type IntegrityRuleId = keyof typeof INTEGRITY_RULE_SEVERITY;

/** Caps that keep reports and the Problems panel readable; counts always cover every record. */
export const INTEGRITY_LIMITS = {
  /** Example lines per group (duplicates, conflicts, missing fields) in the report. */
  linesPerGroup: 20,
  /** Groups listed in the report; the largest first. */
  groups: 100,
  /** Leakage pairs listed in the report. */
  leakagePairs: 100,
  /** Records remembered per duplicate group, for conflicting-label findings on each of them. */
  membersPerGroup: 200,
  /** Places listed in one finding's `related`. */
  related: 10,
  /** Distinct label values tracked; beyond, the label is taken as continuous (a regression target). */
  labels: 10000,
  /** Columns (CSV columns or JSON paths) whose types are tallied. */
  columns: 10000,
};

/** Options of the integrity checks shared by the file and the in-memory entry points. */
export interface IntegrityCheckOptions {
  /** Most findings per rule (default 1000; 0 keeps all); the report still counts every record. */
  maxFindingsPerRule?: number;
  /** Per-rule severity overrides; 'off' drops the rule's findings (its counts stay in the report). */
  severity?: Partial<Record<IntegrityRuleId, Severity | 'off'>>;
}

export const DEFAULT_MAX_FINDINGS_PER_RULE = 1000;

/** The severity a rule's findings get, or 'off'. */
export function ruleSeverity(options: IntegrityCheckOptions, rule: IntegrityRuleId): Severity | 'off' {
  return options.severity?.[rule] ?? INTEGRITY_RULE_SEVERITY[rule];
}
