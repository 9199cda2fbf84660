import type { PiiEntity } from './finding';
import { classifyColumnName } from './pii/column-names';

/** Counts behind one column (CSV column or JSON key path with array indices dropped). */
export interface ColumnCounts {
  nonEmpty: number;
  hits: Partial<Record<PiiEntity, number>>;
}

/** Share of a column's non-empty values that must hold one entity for a value-based column finding. */
const COLUMN_VALUE_SHARE = 0.6;
const COLUMN_MIN_VALUES = 5;

/** Turns a field path into its column key: `messages[2].content` → `messages[].content`. */
export function columnKey(path: string): string {
  return path.indexOf('[') === -1 ? path : path.replace(/\[\d+\]/g, '[]');
}

/** What a column holds and why, when it holds PII. */
export interface ColumnVerdict {
  entity: PiiEntity;
  reason: string;
  /** Confidence 0–1. */
  score: number;
  byName: boolean;
}

/**
 * Per-column counts that can be added and subtracted, so the editor can update them line by
 * line while the CLI adds batch after batch.
 */
export class ColumnTally {
  readonly columns = new Map<string, ColumnCounts>();

  /** Counts one field value and the entities found in it. */
  count(key: string, nonEmpty: boolean, entities: Iterable<PiiEntity>): void {
    ColumnTally.add(this.touch(key), nonEmpty, entities);
  }

  /** `count` on a column's counts already looked up (the linter keeps them per field path). */
  static add(c: ColumnCounts, nonEmpty: boolean, entities: Iterable<PiiEntity>): void {
    if (nonEmpty) c.nonEmpty++;
    for (const e of entities) c.hits[e] = (c.hits[e] ?? 0) + 1;
  }

  /** Registers a column without values (a CSV header cell, a JSON key). */
  touch(key: string): ColumnCounts {
    let c = this.columns.get(key);
    if (!c) {
      c = { nonEmpty: 0, hits: {} };
      this.columns.set(key, c);
    }
    return c;
  }

  /** Adds (sign 1) or removes (sign -1) another tally's counts. */
  merge(other: ColumnTally, sign: 1 | -1): void {
    for (const [key, o] of other.columns) {
      const c = this.touch(key);
      c.nonEmpty += sign * o.nonEmpty;
      for (const [e, n] of Object.entries(o.hits) as [PiiEntity, number][]) c.hits[e] = (c.hits[e] ?? 0) + sign * n;
    }
  }

  /** The entity a column holds, by its name first, else by the share of its values. */
  verdict(key: string): ColumnVerdict | undefined {
    const c = this.columns.get(key);
    if (!c || c.nonEmpty <= 0) return undefined;
    const byName = classifyColumnName(key);
    if (byName) return { entity: byName.entity, reason: `its name says ${byName.matched}`, score: 0.8, byName: true };
    if (c.nonEmpty < COLUMN_MIN_VALUES) return undefined;
    for (const [e, hits] of Object.entries(c.hits) as [PiiEntity, number][]) {
      const share = hits / c.nonEmpty;
      if (share >= COLUMN_VALUE_SHARE) {
        return { entity: e, reason: `${Math.round(100 * share)}% of its values are ${e}`, score: Math.min(0.99, 0.5 + share / 2), byName: false };
      }
    }
    return undefined;
  }
}
