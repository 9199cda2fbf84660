import { forEachClusterMatch } from '../cluster-scan';
import { NO_MATCHES, type PiiMatch, type Recognizer, type RecognizerContext } from '../recognizer';
import { boosted, contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { valueHints, type ValueHints } from '../value-hints';

const CONTEXT = contextPattern([
  'card*', 'credit*', 'debit', 'visa', 'mastercard', 'amex', 'american express', 'discover', 'jcb',
  'diners', 'maestro', 'unionpay', 'cc', 'ccn', 'pan', 'payment*', 'pay', 'billing', 'charge*',
]);

// 12–19 digits, optionally split by single spaces or dashes. Not next to other digits, letters,
// dots or commas, so amounts, decimals and longer ids do not yield a card-length slice. Sticky:
// it is tried only inside digit clusters long enough to hold a card.
const CANDIDATE = /(?<![\p{L}\p{N}_.,\-\/+])\d(?:[ \-]?\d){11,18}(?![\p{L}\p{N}_]|[.,\-\/]\d)/uy;
const MIN_DIGITS = 12;
const longEnough = (digits: number): boolean => digits >= MIN_DIGITS;

/** A card scheme: which leading digits (IIN ranges, inclusive) and which lengths it issues. */
interface Scheme {
  name: string;
  ranges: ReadonlyArray<readonly [number, number]>;
  lengths: readonly number[];
}

const SCHEMES: readonly Scheme[] = [
  { name: 'visa', ranges: [[4, 4]], lengths: [13, 16, 19] },
  { name: 'mastercard', ranges: [[51, 55], [2221, 2720]], lengths: [16] },
  { name: 'amex', ranges: [[34, 34], [37, 37]], lengths: [15] },
  { name: 'discover', ranges: [[6011, 6011], [644, 649], [65, 65], [622126, 622925]], lengths: [16, 17, 18, 19] },
  // JCB issues from 3528–3589 inside the 35 block it holds; 1800 and 2131 are its original
  // 15-digit ranges. The whole 35 block is accepted: nothing else issues there.
  { name: 'jcb', ranges: [[35, 35]], lengths: [16, 17, 18, 19] },
  { name: 'jcb', ranges: [[1800, 1800], [2131, 2131]], lengths: [15] },
  { name: 'diners', ranges: [[300, 305], [3095, 3095], [36, 36], [38, 39]], lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'unionpay', ranges: [[62, 62]], lengths: [16, 17, 18, 19] },
  { name: 'maestro', ranges: [[50, 50], [56, 69]], lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

/** The scheme whose IIN ranges and lengths admit `digits`, if any. */
export function cardScheme(digits: string): string | undefined {
  for (const scheme of SCHEMES) {
    if (!scheme.lengths.includes(digits.length)) continue;
    for (const [low, high] of scheme.ranges) {
      const prefix = Number(digits.slice(0, String(low).length));
      if (prefix >= low && prefix <= high) return scheme.name;
    }
  }
  return undefined;
}

/** Luhn (mod 10) checksum over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Groupings cards are printed in: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4. */
function plausibleGrouping(groups: readonly string[]): boolean {
  const lengths = groups.map((g) => g.length).join(',');
  if (lengths === '4,6,5' || lengths === '4,6,4') return true;
  return groups.slice(0, -1).every((g) => g.length === 4) && groups[groups.length - 1].length <= 4;
}

/** Payment card numbers: Luhn-valid, a known issuer prefix and length, consistent separators. */
export const creditCardRecognizer: Recognizer = {
  id: 'credit-card',
  entity: 'CREDIT_CARD',
  mayMatch: (value, hints) => (hints ?? valueHints(value)).longRun >= MIN_DIGITS,
  recognize(value: string, ctx: RecognizerContext, hints?: ValueHints): PiiMatch[] {
    const { longRun, clusters } = hints ?? valueHints(value);
    if (longRun < MIN_DIGITS) return NO_MATCHES;
    let matches: PiiMatch[] | undefined;
    forEachClusterMatch(value, clusters, CANDIDATE, longEnough, (m, start) => {
      const text = m[0];
      const separators = new Set(text.replace(/\d/g, ''));
      if (separators.size > 1) return;
      const digits = text.replace(/\D/g, '');
      if (separators.size === 1 && !plausibleGrouping(text.split(/[ \-]/))) return;
      const scheme = luhnValid(digits) ? cardScheme(digits) : undefined;
      if (scheme === undefined) return;
      // One repeated digit (`4444 4444 4444 4448`-style fillers aside) is a placeholder, not a card.
      if (/^(\d)\1+$/.test(digits.slice(0, -1))) return;
      // Printed groups are a strong signal; a bare run could be any Luhn-passing id (1 in 10 do),
      // and Maestro's wide ranges and short lengths admit many of them, so those need context.
      const base = separators.size === 1 ? 0.85 : scheme === 'maestro' || digits.length < 14 ? 0.4 : 0.6;
      const supported = fieldSuggests(ctx, 'CREDIT_CARD') || hasContextNear(value, start, start + text.length, CONTEXT);
      (matches ??= []).push({ entity: 'CREDIT_CARD', start, end: start + text.length, score: boosted(base, supported), recognizer: 'credit-card' });
    });
    return matches ?? NO_MATCHES;
  },
};
