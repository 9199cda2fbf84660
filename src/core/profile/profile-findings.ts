/**
 * Dataset-level findings from a profile: reference-mismatch, under-represented-group,
 * small-group, group-imbalance and label-rate-gap. Each sits where the caller's `anchor` puts
 * the attribute's column (the CSV header cell, or line 1 of a JSONL file).
 */
import { DEFAULT_CONFIG, type DatasetSpec } from '../config/project-config';
import type { Finding, Severity, SourceRange } from '../lint/finding';
import { ruleById } from '../lint/rules';
import { labelRateGap, wilsonInterval } from './group-statistics';
import type { AttributeProfile, DatasetProfile, GroupProfile } from './profile-types';
import { isSpecialGroup } from './special-groups';

/** Where a finding about the attribute read from `column` is shown. */
export type AttributeAnchor = (column: string) => SourceRange;

/**
 * A group is called under-represented when its share is below this fraction of the reference
 * share (the "four-fifths" ratio of US disparate-impact practice) and the shortfall is clear.
 */
export const UNDER_REPRESENTATION_RATIO = 0.8;
/** Groups listed by name in one small-group message. */
const LISTED = 5;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const rows = (n: number): string => Math.round(n).toLocaleString('en-US');
const pValue = (p: number): string => (p === 0 ? 'p < 1e-300' : p < 1e-4 ? `p = ${p.toExponential(1)}` : `p = ${p.toFixed(4)}`);
const list = (groups: GroupProfile[]): string =>
  groups
    .slice(0, LISTED)
    .map((g) => `${g.value} (${rows(g.count)})`)
    .join(', ') + (groups.length > LISTED ? ` and ${groups.length - LISTED} more` : '');

function severityOf(ruleId: string): Severity {
  return ruleById(ruleId)?.defaultSeverity ?? 'warning';
}

/** Findings for one profile; `spec` supplies the thresholds (config defaults otherwise). */
export function profileFindings(profile: DatasetProfile, spec: Pick<DatasetSpec, 'thresholds'> | undefined, anchor: AttributeAnchor): Finding[] {
  const t = { ...DEFAULT_CONFIG.thresholds, ...Object.fromEntries(Object.entries(spec?.thresholds ?? {}).filter(([, v]) => v !== undefined)) };
  const confidence = profile.bootstrap?.confidence ?? DEFAULT_CONFIG.bootstrap.confidence;
  const out: Finding[] = [];
  const push = (ruleId: string, column: string, message: string, count?: number, severity = severityOf(ruleId)): void => {
    out.push({ ...anchor(column), ruleId, severity, score: 1, scope: 'dataset', message, field: column, ...(count !== undefined ? { count } : {}) });
  };

  for (const [name, attr] of Object.entries(profile.attributes)) {
    const ref = attr.reference;
    const source = ref?.source ? ` (${ref.source})` : '';
    if (ref && ref.chi2.p_value < t.pValue && ref.tvd >= t.tvd) {
      const worst = [...(ref.categories ?? [])].sort((a, b) => Math.abs(b.observed_share - b.expected_share) - Math.abs(a.observed_share - a.expected_share))[0];
      const gap = worst ? `; largest gap: ${worst.value} ${pct(worst.observed_share)} vs ${pct(worst.expected_share)}` : '';
      push(
        'reference-mismatch',
        attr.column,
        `${name}: group shares differ from the reference${source}: TVD ${ref.tvd.toFixed(3)}, χ² ${ref.chi2.statistic.toFixed(1)} (dof ${ref.chi2.dof}, ${pValue(ref.chi2.p_value)})${gap}`,
        ref.compared_rows,
      );
    }
    for (const c of ref?.categories ?? []) {
      const n = ref!.compared_rows ?? 0;
      if (n === 0 || c.observed_share >= UNDER_REPRESENTATION_RATIO * c.expected_share) continue;
      if (wilsonInterval(c.observed, n, confidence)[1] >= c.expected_share) continue;
      push(
        'under-represented-group',
        attr.column,
        `${name}: ${c.value} is ${pct(c.observed_share)} of rows vs ${pct(c.expected_share)} in the reference${source} — ${rows(c.expected - c.observed)} rows short (${rows(c.observed)} of ${rows(c.expected)} expected)`,
        c.observed,
      );
    }
    attributeBalance(name, attr, t, profile, push);
  }

  for (const cell of Object.values(profile.intersections)) {
    const small = cell.groups.filter((g) => g.small);
    if (small.length === 0) continue;
    const column = profile.attributes[cell.attributes[0]!]?.column ?? cell.attributes[0]!;
    push(
      'small-group',
      column,
      `${cell.attributes.join(' × ')}: ${small.length} of ${cell.groups.filter((g) => !isSpecialGroup(g.value, g.parts)).length} cells have fewer than ${t.smallCell} rows: ${list(small)}`,
      small.length,
    );
  }
  return out;
}

function attributeBalance(
  name: string,
  attr: AttributeProfile,
  t: typeof DEFAULT_CONFIG.thresholds,
  profile: DatasetProfile,
  push: (ruleId: string, column: string, message: string, count?: number, severity?: Severity) => void,
): void {
  const small = attr.groups.filter((g) => g.small);
  if (small.length > 0) {
    push('small-group', attr.column, `${name}: ${small.length === 1 ? '1 group has' : `${small.length} groups have`} fewer than ${t.smallCell} rows: ${list(small)} — their shares and label rates are unreliable`, small.length);
  }
  const present = attr.groups.filter((g) => g.count > 0 && !isSpecialGroup(g.value));
  if (present.length >= 2 && attr.imbalance_ratio >= t.imbalanceRatio) {
    const largest = present.reduce((a, b) => (b.count > a.count ? b : a));
    const smallest = present.reduce((a, b) => (b.count < a.count ? b : a));
    // With a reference, the comparison decides whether skew matters; imbalance is then context.
    const severity: Severity = attr.reference ? 'info' : severityOf('group-imbalance');
    push(
      'group-imbalance',
      attr.column,
      `${name}: the largest group (${largest.value}, ${rows(largest.count)} rows) has ${attr.imbalance_ratio.toFixed(1)}× the rows of the smallest (${smallest.value}, ${rows(smallest.count)})`,
      undefined,
      severity,
    );
  }
  if (attr.label_rate_gap !== undefined && attr.label_rate_gap >= t.labelRateGap) {
    const gap = labelRateGap(
      present.filter((g) => g.label_rate !== undefined).map((g) => ({ value: g.value, count: g.count, rate: g.label_rate! })),
      t.smallCell,
    );
    if (!gap) return;
    const what = profile.label ? `${profile.label} = ${profile.positive_label ?? 'positive'}` : 'positive label';
    push(
      'label-rate-gap',
      attr.column,
      `${name}: the rate of ${what} is ${pct(gap.high.rate)} for ${gap.high.value} vs ${pct(gap.low.rate)} for ${gap.low.value} — a ${(gap.gap * 100).toFixed(1)}-point gap (demographic parity difference)`,
    );
  }
}
