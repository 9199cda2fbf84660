import type { PiiEntity } from '../finding';
import { classifyColumnName } from './column-names';
import { createDefaultRegistry, DEFAULT_MIN_SCORE, findPiiInValue, type PiiRegistry } from './registry';

/** A column-level verdict: the column as a whole holds this entity. */
export interface ColumnPii {
  entity: PiiEntity;
  score: number;
  /** Why, in words a user can check: the header, the share of sampled values, or both. */
  reason: string;
}

export interface ColumnPiiOptions {
  registry?: PiiRegistry;
  minScore?: number;
}

/** Share of non-empty sampled values that must be the entity for the values alone to decide. */
export const VALUE_SHARE = 0.6;
/** Fewer non-empty samples than this are too few to decide anything from values alone. */
const MIN_SAMPLES = 3;
/** A header verdict is dropped when this many samples exist and almost none fit it. */
const CONTRADICTING_SAMPLES = 5;
const CONTRADICTING_SHARE = 0.2;
/** A match must cover this share of a trimmed value for the value to *be* the entity. */
const COVERAGE = 0.8;

let defaultRegistry: PiiRegistry | undefined;

/** Entities a pattern recognizer can check in values; the others (names, places) rest on the header. */
const CHECKABLE: readonly PiiEntity[] = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IP_ADDRESS', 'URL', 'DATE_OF_BIRTH', 'SECRET'];

/** For each entity, how many of `values` are wholly that entity. */
function countWholeMatches(columnName: string, values: readonly string[], registry: PiiRegistry, minScore: number): Map<PiiEntity, number> {
  const counts = new Map<PiiEntity, number>();
  for (const raw of values) {
    const value = raw.trim();
    const seen = new Set<PiiEntity>();
    for (const m of findPiiInValue(value, { field: columnName }, registry, { minScore })) {
      if (m.end - m.start >= COVERAGE * value.length) seen.add(m.entity);
    }
    for (const e of seen) counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  return counts;
}

/**
 * Whether a column holds PII, from its header name and a sample of its values: the header
 * (`email`, `dob`, `first_name`; see `classifyColumnName` for what counts) or ≥ 60% of non-empty
 * sampled values being one entity decides. A header the values clearly contradict (an `email`
 * column of `true`/`false`) is dropped.
 */
export function detectColumnPii(columnName: string, sampleValues: readonly string[], options: ColumnPiiOptions = {}): ColumnPii | undefined {
  const registry = options.registry ?? (defaultRegistry ??= createDefaultRegistry());
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const values = sampleValues.filter((v) => v.trim().length > 0);
  const byName = classifyColumnName(columnName);
  const counts = countWholeMatches(columnName, values, registry, minScore);

  if (byName) {
    const header = `header "${columnName}" names ${describe(byName.entity)}`;
    if (!CHECKABLE.includes(byName.entity) || values.length === 0) {
      return { entity: byName.entity, score: 0.7, reason: header };
    }
    const hits = counts.get(byName.entity) ?? 0;
    const share = hits / values.length;
    if (share >= VALUE_SHARE) {
      return { entity: byName.entity, score: 0.95, reason: `${header}; ${hits} of ${values.length} sampled values match` };
    }
    if (values.length < CONTRADICTING_SAMPLES || share >= CONTRADICTING_SHARE) {
      return { entity: byName.entity, score: 0.7, reason: `${header}; ${hits} of ${values.length} sampled values match` };
    }
    // The values say otherwise; fall through and let them speak.
  }

  if (values.length < MIN_SAMPLES) return undefined;
  let best: { entity: PiiEntity; hits: number } | undefined;
  for (const [entity, hits] of counts) {
    if (!best || hits > best.hits) best = { entity, hits };
  }
  if (!best || best.hits / values.length < VALUE_SHARE) return undefined;
  return {
    entity: best.entity,
    score: Math.min(0.95, 0.5 + 0.5 * (best.hits / values.length)),
    reason: `${best.hits} of ${values.length} sampled values are ${describe(best.entity)}`,
  };
}

function describe(entity: PiiEntity): string {
  const words: Record<PiiEntity, string> = {
    EMAIL: 'email addresses',
    PHONE: 'phone numbers',
    CREDIT_CARD: 'payment card numbers',
    IBAN: 'IBANs',
    US_SSN: 'US Social Security numbers',
    IP_ADDRESS: 'IP addresses',
    URL: 'URLs',
    DATE_OF_BIRTH: 'dates of birth',
    SECRET: 'secrets',
    PERSON: "people's names",
    LOCATION: 'locations or addresses',
    ORGANIZATION: 'organizations',
  };
  return words[entity];
}
