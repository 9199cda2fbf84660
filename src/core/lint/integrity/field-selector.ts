import { memberPath } from '../../dataset/json-path';
import { columnKey } from '../column-tally';

/**
 * Which fields of a record a configured path selects. A path selects the field with exactly
 * that path, every array element when written with `[]` (`messages[].content` selects
 * `messages[0].content`, `messages[1].content`…), and everything nested under it (`messages`
 * selects all strings inside the messages array). A top-level key that is not an identifier may
 * be written as is (`first name` for `["first name"]`). CSV columns match by exact name only.
 * Decisions are cached per path string, as records repeat the same paths.
 */
export class FieldSelector {
  private readonly wanted: Set<string>;
  private readonly prefixes: string[];
  private readonly cache = new Map<string, boolean>();

  constructor(
    paths: readonly string[],
    /** CSV/TSV/Parquet: exact column names only (a column may be called `a.b`). */
    private readonly exactOnly = false,
  ) {
    this.wanted = new Set();
    for (const p of paths) {
      this.wanted.add(p);
      if (!exactOnly) this.wanted.add(memberPath('', p));
    }
    this.prefixes = exactOnly ? [] : [...this.wanted].filter((p) => p !== '');
  }

  /** True when the field at `path` is selected. */
  matches(path: string): boolean {
    let hit = this.cache.get(path);
    if (hit === undefined) {
      hit = this.decide(path);
      if (this.cache.size < 50000) this.cache.set(path, hit);
    }
    return hit;
  }

  private decide(path: string): boolean {
    if (this.wanted.has(path)) return true;
    if (this.exactOnly) return false;
    const key = columnKey(path);
    if (this.wanted.has(key)) return true;
    for (const p of this.prefixes) {
      for (const candidate of key === path ? [path] : [path, key]) {
        if (candidate.length > p.length && candidate.startsWith(p)) {
          const next = candidate.charCodeAt(p.length);
          if (next === 46 /* . */ || next === 91 /* [ */) return true;
        }
      }
    }
    return false;
  }
}
