import type { Replacement } from './apply-replacements';
import type { RewritePlan } from './rewrite-file';

/** A rewrite plan over replacements found beforehand, plus a check that all were used. */
export interface ListedReplacementPlan extends Pick<RewritePlan, 'findReplacements'> {
  /** Replacements not handed out yet; non-zero after a rewrite means offsets past the file's end. */
  unused(): number;
}

/**
 * Turns replacements collected in a first pass (e.g. from `streamRecords` findings, as source
 * offsets) into the rewriter's `findReplacements`, handing each chunk the ones inside it. Memory
 * is one small object per finding, never the file.
 */
export function planFromReplacements(replacements: readonly Replacement[]): ListedReplacementPlan {
  const sorted = [...replacements].sort((a, b) => a.start - b.start || a.end - b.end);
  let next = 0;
  return {
    findReplacements(chunkText, chunkStart) {
      const chunkEnd = chunkStart + chunkText.length;
      const first = next;
      // A replacement starting inside the chunk belongs to it; one that runs past its end is
      // reported by the rewriter as crossing a record boundary.
      while (next < sorted.length && sorted[next].start < chunkEnd) next++;
      return sorted.slice(first, next);
    },
    unused: () => sorted.length - next,
  };
}
