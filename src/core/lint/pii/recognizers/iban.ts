import { NO_MATCHES, type PiiMatch, type Recognizer, type RecognizerContext } from '../recognizer';
import { boosted, contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { valueHints, type ValueHints } from '../value-hints';

const CONTEXT = contextPattern(['iban', 'bank*', 'account*', 'acct', 'transfer*', 'wire', 'sepa', 'swift', 'bic', 'payee', 'beneficiary']);

/** IBAN length per country (ISO 13616 registry, plus the long-standing experimental ones). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
  // Used by banks in these countries though not (yet) in the official registry.
  AO: 25, BF: 28, BJ: 28, CI: 28, CM: 27, CV: 25, DZ: 26, GA: 27, IR: 26, MA: 28, MG: 27, ML: 28,
  MZ: 25, NE: 28, SN: 28, TD: 27, TG: 28,
};

// Country code, check digits, then the BBAN, either compact or in groups of four split by single
// spaces. The candidate may run long (`… 32 and`): the country's length decides where it ends.
// Sticky: it is tried only where two letters and two digits meet (`letterDigitPairs`).
const CANDIDATE = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,31}/uy;
/** Every country's BBAN has a cluster of at least 8 digits (NL: 10, GB: 14). */
const MIN_DIGITS = 8;

/** ISO 7064 MOD 97-10 over an IBAN without spaces: true when the check digits are right. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged.toUpperCase()) {
    const code = ch.charCodeAt(0);
    // Letters count as two digits: A = 10 … Z = 35. Fold digit by digit to stay in safe integers.
    const chunk = code >= 65 ? String(code - 55) : ch;
    for (const d of chunk) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/** Where an IBAN of `length` characters starting at `text[0]` ends in `text`, or -1 when its groups are not in fours. */
function endOfIban(text: string, length: number): number {
  let seen = 0;
  let sinceSpace = 0;
  let spaced = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ' ') {
      if (sinceSpace !== 4) return -1;
      spaced = true;
      sinceSpace = 0;
      continue;
    }
    seen++;
    sinceSpace++;
    if (seen === length) {
      // An IBAN ends at the end of a token: not in the middle of a longer alphanumeric run.
      const next = text[i + 1];
      if (next !== undefined && next !== ' ') return -1;
      if (spaced && sinceSpace > 4) return -1;
      return i + 1;
    }
  }
  return -1;
}

/** IBANs with a valid mod-97 checksum and the right length for their country, spaced or not. */
export const ibanRecognizer: Recognizer = {
  id: 'iban',
  entity: 'IBAN',
  mayMatch: (value, hints) => (hints ?? valueHints(value)).longRun >= MIN_DIGITS,
  recognize(value: string, ctx: RecognizerContext, hints?: ValueHints): PiiMatch[] {
    const { letterDigitPairs } = hints ?? valueHints(value);
    let matches: PiiMatch[] | undefined;
    // Every candidate starts at one of these pairs; trying them in order, and going on where a
    // global scan would, finds what a scan of the whole value finds.
    let resume = 0;
    for (const start of letterDigitPairs) {
      if (start < resume) continue;
      CANDIDATE.lastIndex = start;
      const m = CANDIDATE.exec(value);
      if (m === null) continue;
      const text = m[0];
      // The candidate may have run into the next token; resume right after its first character.
      resume = start + 1;
      const length = IBAN_LENGTHS[text.slice(0, 2).toUpperCase()];
      if (length === undefined) continue;
      const end = endOfIban(text, length);
      if (end < 0) continue;
      const compact = text.slice(0, end).replace(/ /g, '');
      if (!ibanChecksumValid(compact)) continue;
      // After the end only a non-alphanumeric character may follow in the value itself.
      if (/[\p{L}\p{N}_]/u.test(value.charAt(start + end))) continue;
      resume = start + end;
      // Mixed case is unusual for a real IBAN; an all-lowercase one still is one.
      const consistentCase = compact === compact.toUpperCase() || compact === compact.toLowerCase();
      const base = consistentCase ? 0.9 : 0.6;
      const supported = fieldSuggests(ctx, 'IBAN') || hasContextNear(value, start, start + end, CONTEXT);
      (matches ??= []).push({ entity: 'IBAN', start, end: start + end, score: boosted(base, supported), recognizer: 'iban' });
    }
    return matches ?? NO_MATCHES;
  },
};
