import type { PiiEntity } from '../finding';
import type { RecognizerContext } from './recognizer';
import { entityForFieldName } from './column-names';

/** Added to a base score when a context word or a field hint supports the match (Presidio uses 0.35). */
export const CONTEXT_BOOST = 0.35;

/** How far before a match context words count, in UTF-16 units. */
const WINDOW_BEFORE = 48;
/** How far after a match they count: labels such as `555 0100 (office)` follow the value. */
const WINDOW_AFTER = 24;

/**
 * Builds a case-insensitive regex that finds any of `words` as whole words (a plural `s` allowed).
 * A trailing `*` makes a word a prefix (`phone*` also finds `phones`, `phonenumber`); a space
 * inside a word also matches `_` and `-`, so `date of birth` finds `date_of_birth`. Only for
 * `test`: the whole words share one end-of-word check, which makes the regex compile in a tenth
 * of the time (each `\p{L}` class of a case-insensitive Unicode regex is costly to build).
 */
export function contextPattern(words: readonly string[]): RegExp {
  const body = (w: string): string => w.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s_-]*');
  const whole = words.filter((w) => !w.endsWith('*')).map(body);
  const prefixes = words.filter((w) => w.endsWith('*')).map((w) => body(w.slice(0, -1)));
  const alternatives = [...(whole.length > 0 ? [`(?:${whole.join('|')})s?(?![\\p{L}\\p{N}])`] : []), ...prefixes];
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'iu');
}

/** Where the sentence holding `index` starts: after the last `. `, `! ` or `? ` before it. */
function sentenceStart(value: string, from: number, index: number): number {
  for (let i = index - 2; i >= from; i--) {
    const c = value.charCodeAt(i);
    // `.`, `!`, `?` followed by a space
    if ((c === 46 || c === 33 || c === 63) && value.charCodeAt(i + 1) === 32) return i + 1;
  }
  return from;
}

/**
 * True when a context word appears shortly before (or, if `after` > 0, shortly after) [start, end).
 * With `sameSentence` the words must be in the match's own sentence.
 */
export function hasContextNear(
  value: string,
  start: number,
  end: number,
  pattern: RegExp,
  before = WINDOW_BEFORE,
  after = WINDOW_AFTER,
  sameSentence = false,
): boolean {
  // Include one extra leading character so a word at the very start of the window still has
  // something to match the boundary against.
  let from = Math.max(0, start - before - 1);
  if (sameSentence) from = sentenceStart(value, from, start);
  if (pattern.test(value.slice(from, start))) return true;
  if (after <= 0) return false;
  let to = end + after;
  if (sameSentence) {
    const stop = value.slice(end, to).search(/[.!?](?:\s|$)/);
    if (stop >= 0) to = end + stop;
  }
  return pattern.test(value.slice(end, to));
}

/** True when the field name or the column-level verdict says this field holds `entity`. */
export function fieldSuggests(ctx: RecognizerContext, entity: PiiEntity): boolean {
  if (ctx.columnEntity === entity) return true;
  return ctx.field !== undefined && entityForFieldName(ctx.field) === entity;
}

/** Base score raised by context, capped at 1. */
export function boosted(base: number, supported: boolean): number {
  return supported ? Math.min(1, base + CONTEXT_BOOST) : base;
}
