import type { PiiEntity } from '../../../src/core/lint/finding';
import type { RecognizerContext } from '../../../src/core/lint/pii/recognizer';
import { createDefaultRegistry, DEFAULT_MIN_SCORE, findPiiInValue } from '../../../src/core/lint/pii/registry';

export const registry = createDefaultRegistry();

/** `ENTITY:text` for each reported match, in order. */
export function found(value: string, ctx: RecognizerContext = {}, minScore = DEFAULT_MIN_SCORE): string[] {
  return findPiiInValue(value, ctx, registry, { minScore }).map((m) => `${m.entity}:${value.slice(m.start, m.end)}`);
}

/** The texts of reported matches of one entity. */
export function foundOf(entity: PiiEntity, value: string, ctx: RecognizerContext = {}, minScore = DEFAULT_MIN_SCORE): string[] {
  return findPiiInValue(value, ctx, registry, { minScore, entities: [entity] }).map((m) => value.slice(m.start, m.end));
}

/** Score of the single match of `entity` covering `text` in `value`, or undefined. */
export function scoreOf(entity: PiiEntity, value: string, text: string, ctx: RecognizerContext = {}): number | undefined {
  const start = value.indexOf(text);
  return findPiiInValue(value, ctx, registry, { minScore: 0, entities: [entity] }).find((m) => m.start === start && m.end === start + text.length)?.score;
}
