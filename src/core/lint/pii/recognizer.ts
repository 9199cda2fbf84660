import type { PiiEntity } from '../finding';
import type { ValueHints } from './value-hints';

/** A PII value found inside one decoded string. Offsets are UTF-16 indices into that string. */
export interface PiiMatch {
  entity: PiiEntity;
  start: number;
  end: number;
  /** Confidence 0–1 after validation and context. */
  score: number;
  /** Id of the recognizer that found it, e.g. `email`. */
  recognizer: string;
}

/**
 * The result of a scan that found nothing, shared so the common case allocates nothing. Frozen:
 * a caller that pushes into a result must copy it first.
 */
export const NO_MATCHES: PiiMatch[] = Object.freeze([]) as unknown as PiiMatch[];

/** What a recognizer knows about where a value sits. */
export interface RecognizerContext {
  /** Field path (`messages[2].content`) or CSV column name. */
  field?: string;
  /** Entity a column-level check attributed to this field, which raises value scores in it. */
  columnEntity?: PiiEntity;
  /** Regions for phone number parsing (ISO 3166 alpha-2), e.g. ['US', 'GB']. */
  phoneRegions?: string[];
}

/**
 * Presidio's shape: a pattern finds candidates, validation rejects false ones, context words
 * near the match raise the score.
 */
export interface Recognizer {
  id: string;
  entity: PiiEntity | readonly PiiEntity[];
  /**
   * Cheap test on the whole value; when false the recognizer is skipped (keeps the scan fast).
   * `hints` is the registry's one shared pass over the value, computed once for all recognizers.
   */
  mayMatch?(value: string, hints?: ValueHints): boolean;
  /** Matches in `value`; `hints` as for mayMatch (recognizers compute them when absent). */
  recognize(value: string, ctx: RecognizerContext, hints?: ValueHints): PiiMatch[];
}
