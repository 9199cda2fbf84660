import type { IntegrityDuplicateGroup, IntegrityReport } from '../../profile/profile-types';
import { HashSlots } from './hash-slots';
import { INTEGRITY_LIMITS } from './integrity-options';
import type { TextHashes } from './text-hash';

/** Where a record's text sits (start and end), as remembered for findings and related information. */
export interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Label id (see LabelDictionary), NO_LABEL or OTHER_LABEL. */
  label: number;
}

/** The earlier record a duplicate repeats. */
export interface Twin extends Place {
  /** exact: the same text; normalised: the same after case, punctuation and whitespace folding. */
  kind: 'exact' | 'normalised';
}

/** Records sharing one normalised text; created when the second one is seen. */
export interface DuplicateGroup {
  count: number;
  /** Distinct exact texts as [hi, lo, member index] triples, capped. */
  variants: number[];
  /** The first records, capped at INTEGRITY_LIMITS.membersPerGroup. */
  members: Place[];
  /** Records per label id. */
  labels: Map<number, number>;
  /** Some record differs from the first one before normalisation. */
  normalised: boolean;
}

/** The record has no label (missing, empty or null). */
export const NO_LABEL = -1;
/** A label beyond the dictionary's cap: known to exist, not compared. */
export const OTHER_LABEL = -2;
const MAX_VARIANTS = 32;

function twinOf(p: Place, kind: Twin['kind']): Twin {
  return { line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, label: p.label, kind };
}

/** Numbers label values so records keep an int instead of the string. */
export class LabelDictionary {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  overflowed = false;

  /** Id of `value` (NO_LABEL for undefined, OTHER_LABEL past the cap). */
  idOf(value: string | undefined): number {
    if (value === undefined) return NO_LABEL;
    let id = this.ids.get(value);
    if (id === undefined) {
      if (this.values.length >= INTEGRITY_LIMITS.labels) {
        this.overflowed = true;
        return OTHER_LABEL;
      }
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The label value of an id. */
  labelOf(id: number): string {
    return id >= 0 ? this.values[id] : id === NO_LABEL ? '(none)' : '(other)';
  }
}

/**
 * Finds exact and normalised duplicate texts and conflicting labels in one file. Per distinct
 * normalised text it keeps the fingerprints and first place in typed arrays (about 50 bytes);
 * only texts seen twice get a group object.
 */
export class DuplicateTracker {
  readonly labels = new LabelDictionary();
  /** Per distinct normalised text: line, column, endLine, endColumn, exactHi, exactLo, label, group + 1. */
  private readonly slots = new HashSlots(8);
  readonly groups: DuplicateGroup[] = [];
  exact = 0;
  normalised = 0;

  /** Adds a record's text at the given range; returns the earlier record it duplicates, if any. */
  add(hashes: TextHashes, line: number, column: number, endLine: number, endColumn: number, label: number): Twin | undefined {
    const slot = this.slots.add(hashes.normHi, hashes.normLo);
    if (slot < 0) {
      const d = this.slots.data;
      const k = ~slot * 8;
      d[k] = line;
      d[k + 1] = column;
      d[k + 2] = endLine;
      d[k + 3] = endColumn;
      d[k + 4] = hashes.exactHi;
      d[k + 5] = hashes.exactLo;
      d[k + 6] = label;
      return undefined;
    }
    const d = this.slots.data;
    const k = slot * 8;
    let g = d[k + 7] - 1;
    if (g < 0) {
      const first: Place = { line: d[k], column: d[k + 1], endLine: d[k + 2], endColumn: d[k + 3], label: d[k + 6] };
      g = this.groups.length;
      this.groups.push({ count: 1, variants: [d[k + 4], d[k + 5], 0], members: [first], labels: new Map([[first.label, 1]]), normalised: false });
      d[k + 7] = g + 1;
    }
    const group = this.groups[g];
    const twin = this.twinIn(group, hashes.exactHi | 0, hashes.exactLo | 0);
    if (twin.kind === 'exact') this.exact++;
    else {
      this.normalised++;
      group.normalised = true;
    }
    group.count++;
    group.labels.set(label, (group.labels.get(label) ?? 0) + 1);
    if (group.members.length < INTEGRITY_LIMITS.membersPerGroup) group.members.push({ line, column, endLine, endColumn, label });
    return twin;
  }

  /** The first record with the same exact text, else the group's first record (registering the new variant). */
  private twinIn(group: DuplicateGroup, hi: number, lo: number): Twin {
    const v = group.variants;
    for (let k = 0; k < v.length; k += 3) {
      if (v[k] === hi && v[k + 1] === lo) return twinOf(group.members[v[k + 2]], 'exact');
    }
    // A variant is only worth remembering while its first record is remembered too.
    if (v.length < 3 * MAX_VARIANTS && group.members.length < INTEGRITY_LIMITS.membersPerGroup) v.push(hi, lo, group.members.length);
    return twinOf(group.members[0], 'normalised');
  }

  /** Groups whose records carry more than one label (records without a label aside). */
  conflictingGroups(): DuplicateGroup[] {
    return this.groups.filter((g) => {
      let n = 0;
      for (const id of g.labels.keys()) if (id >= 0) n++;
      return n > 1;
    });
  }

  /** The duplicate and conflicting-label parts of the report, largest groups first. */
  report(): Pick<IntegrityReport, 'duplicates' | 'conflicting_labels'> {
    const { groups: maxGroups, linesPerGroup } = INTEGRITY_LIMITS;
    const largest = (gs: DuplicateGroup[]) =>
      [...gs].sort((a, b) => b.count - a.count || a.members[0].line - b.members[0].line).slice(0, maxGroups);
    const lines = (g: DuplicateGroup) => g.members.slice(0, linesPerGroup).map((m) => m.line);
    const duplicateGroups: IntegrityDuplicateGroup[] = largest(this.groups).map((g) => ({
      lines: lines(g),
      count: g.count,
      kind: g.normalised ? 'normalised' : 'exact',
    }));
    const conflicting = this.conflictingGroups();
    return {
      duplicates: { exact: this.exact, normalised: this.normalised, groups: duplicateGroups, groups_total: this.groups.length },
      conflicting_labels: {
        count: conflicting.length,
        records: conflicting.reduce((n, g) => n + g.count - (g.labels.get(NO_LABEL) ?? 0), 0),
        groups: largest(conflicting).map((g) => ({
          lines: lines(g),
          labels: [...g.labels.keys()].filter((id) => id >= 0).map((id) => this.labels.labelOf(id)),
        })),
      },
    };
  }
}
