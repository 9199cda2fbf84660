/**
 * Turns the raw counts DuckDB returns into group tallies: values trimmed, null/blank as
 * "(missing)", bin indexes as bin labels, and raw spellings that normalise alike merged.
 */
import { binLabels } from './bin-labels';
import { BIN_MISSING, BIN_NOT_A_NUMBER, type CountedSet } from './group-counts-query';
import { MISSING_GROUP, NOT_A_NUMBER_GROUP } from './special-groups';

/** Rows of one group (or intersection cell) with their label values. */
export interface GroupTally {
  value: string;
  /** Intersection cells: the value of each attribute. */
  parts?: string[];
  count: number;
  /** Rows per non-missing label value. */
  labels: Map<string, number>;
  /** Rows whose label is missing or blank. */
  missingLabel: number;
}

/** Separator of the attribute values in an intersection cell's `value`. */
export const INTERSECTION_SEPARATOR = ' × ';

/** A raw attribute value as the group it belongs to. */
export function groupValue(raw: string | null, bins?: readonly number[]): string {
  if (bins) {
    const index = raw === null ? BIN_MISSING : Number(raw);
    if (index === BIN_MISSING) return MISSING_GROUP;
    if (index === BIN_NOT_A_NUMBER || !Number.isInteger(index)) return NOT_A_NUMBER_GROUP;
    return binLabels(bins)[index] ?? NOT_A_NUMBER_GROUP;
  }
  const v = raw?.trim() ?? '';
  return v === '' ? MISSING_GROUP : v;
}

/** A raw label value, trimmed; null when missing or blank. */
export function labelValue(raw: string | null): string | null {
  const v = raw?.trim() ?? '';
  return v === '' ? null : v;
}

/** Tallies one counted set; `bins[i]` are the edges of the set's i-th attribute, if binned. */
export function tallySet(set: CountedSet, bins: ReadonlyArray<readonly number[] | undefined>): Map<string, GroupTally> {
  const out = new Map<string, GroupTally>();
  for (const row of set.rows) {
    const parts = row.keys.map((k, i) => groupValue(k, bins[i]));
    const value = parts.join(INTERSECTION_SEPARATOR);
    let t = out.get(value);
    if (!t) {
      t = { value, count: 0, labels: new Map(), missingLabel: 0 };
      if (parts.length > 1) t.parts = parts;
      out.set(value, t);
    }
    t.count += row.count;
    const label = labelValue(row.label);
    if (label === null) t.missingLabel += row.count;
    else t.labels.set(label, (t.labels.get(label) ?? 0) + row.count);
  }
  return out;
}

/** Rows per normalised label value over the whole file. */
export function tallyLabels(raw: Map<string | null, number>): { labels: Map<string, number>; missing: number } {
  const labels = new Map<string, number>();
  let missing = 0;
  for (const [k, n] of raw) {
    const v = labelValue(k);
    if (v === null) missing += n;
    else labels.set(v, (labels.get(v) ?? 0) + n);
  }
  return { labels, missing };
}
