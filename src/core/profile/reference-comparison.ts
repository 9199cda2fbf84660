/**
 * Compares an attribute's observed groups with a reference population.
 *
 * Alignment rules (documented in docs/rules/reference-mismatch.md):
 * - "(missing)" and "(not a number)" rows are left out: a reference describes people, not gaps.
 * - Data values match reference values exactly, else after trimming, lower-casing and unifying
 *   dashes (- – —) and ≥/>=, ≤/<=.
 * - A reference value absent from the data counts as observed 0.
 * - Data groups absent from the reference are pooled into the reference's "other" value when it
 *   has one; otherwise they are left out of the comparison, with a warning naming them.
 * - Reference proportions are normalised to sum to 1 (percentages work as they are).
 */
import { chiSquareGoodnessOfFit } from './chi-square';
import { jensenShannonDistance, klDivergence, totalVariationDistance } from './distribution-distances';
import type { ReferencePopulation } from './profile-spec';
import type { ComparedCategory, ReferenceComparison } from './profile-types';
import { isSpecialGroup } from './special-groups';

/** A group as counted in the data. */
export interface ObservedGroup {
  value: string;
  count: number;
}

export interface ReferenceOutcome {
  /** Undefined when no data group matched any reference value. */
  comparison?: ReferenceComparison;
  /** Data group value → the reference value it was matched to directly (not pooled). */
  matched: Map<string, string>;
  /** Reference values that no data group matched. */
  absent: string[];
  warnings: string[];
}

/** The spelling-insensitive key of a group value. */
export function matchKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/>=/g, '≥')
    .replace(/<=/g, '≤');
}

const list = (xs: string[], max = 5): string => (xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`);

/** Aligns `groups` with `reference` and computes χ², TVD, KL, JS and the under-represented groups. */
export function compareWithReference(attribute: string, groups: readonly ObservedGroup[], reference: ReferencePopulation): ReferenceOutcome {
  const warnings: string[] = [];
  const refValues = Object.keys(reference.proportions);
  const mass = refValues.reduce((a, v) => a + reference.proportions[v]!, 0);
  if (Math.abs(mass - 1) > 0.01 && Math.abs(mass - 100) > 1) {
    warnings.push(`${attribute}: reference proportions sum to ${+mass.toFixed(4)}, not 1; they were normalised`);
  }
  const byKey = new Map<string, string>();
  for (const v of refValues) if (!byKey.has(matchKey(v))) byKey.set(matchKey(v), v);
  const otherValue = byKey.get('other');

  const observed = new Map<string, number>(refValues.map((v) => [v, 0]));
  const pooled: string[] = [];
  const excluded: Array<{ value: string; count: number }> = [];
  const matched = new Map<string, string>();
  for (const g of groups) {
    if (isSpecialGroup(g.value) || g.count === 0) continue;
    const ref = reference.proportions[g.value] !== undefined ? g.value : byKey.get(matchKey(g.value));
    if (ref !== undefined) {
      matched.set(g.value, ref);
      observed.set(ref, observed.get(ref)! + g.count);
    } else if (otherValue !== undefined) {
      pooled.push(g.value);
      observed.set(otherValue, observed.get(otherValue)! + g.count);
    } else {
      excluded.push({ value: g.value, count: g.count });
    }
  }
  if (excluded.length > 0) {
    const rows = excluded.reduce((a, e) => a + e.count, 0);
    warnings.push(`${attribute}: ${rows} rows in groups the reference does not list (${list(excluded.map((e) => e.value))}) were left out of the comparison; add them or an "other" value to the reference`);
  }
  const absent = refValues.filter((v) => ![...matched.values()].includes(v) && !(v === otherValue && pooled.length > 0));

  const n = [...observed.values()].reduce((a, b) => a + b, 0);
  if (n === 0) {
    warnings.push(`${attribute}: no value in the data matches the reference values (${list(refValues)})`);
    return { matched, absent, warnings };
  }
  const counts = refValues.map((v) => observed.get(v)!);
  const expectedShares = refValues.map((v) => reference.proportions[v]! / mass);
  const observedShares = counts.map((c) => c / n);
  const categories: ComparedCategory[] = refValues.map((v, i) => ({
    value: v,
    observed: counts[i]!,
    expected: expectedShares[i]! * n,
    observed_share: observedShares[i]!,
    expected_share: expectedShares[i]!,
    ...(v === otherValue && pooled.length > 0 ? { pooled } : {}),
  }));
  const under = categories
    .filter((c) => c.observed < c.expected)
    .map((c) => ({ value: c.value, observed: c.observed, expected: c.expected, shortfall: c.expected - c.observed }))
    .sort((a, b) => b.shortfall - a.shortfall || a.value.localeCompare(b.value));

  const comparison: ReferenceComparison = {
    chi2: chiSquareGoodnessOfFit(counts, expectedShares),
    tvd: totalVariationDistance(observedShares, expectedShares),
    kl: klDivergence(observedShares, expectedShares),
    js: jensenShannonDistance(observedShares, expectedShares),
    ...(reference.source !== undefined ? { source: reference.source } : {}),
    under_represented: under,
    compared_rows: n,
    categories,
    ...(excluded.length > 0 ? { excluded } : {}),
  };
  return { comparison, matched, absent, warnings };
}
