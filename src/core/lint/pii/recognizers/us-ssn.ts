import { forEachClusterMatch } from '../cluster-scan';
import { NO_MATCHES, type PiiMatch, type Recognizer, type RecognizerContext } from '../recognizer';
import { boosted, contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { valueHints, type ValueHints } from '../value-hints';

const CONTEXT = contextPattern(['ssn', 'ssns', 'social security', 'security number', 'ss#', 'ss #', 'ssa', 'taxpayer', 'itin']);

// AAA-GG-SSSS with one consistent separator (dash, space or dot), or nine bare digits. Sticky:
// it is tried only inside digit clusters of nine digits or more.
const CANDIDATE = /(?<![\p{L}\p{N}_.\-\/+#$])(\d{3})([\- .]?)(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|[.\-\/]\d)/uy;
const MIN_DIGITS = 9;
const longEnough = (digits: number): boolean => digits >= MIN_DIGITS;

/** Numbers the SSA never issues or that are famous fakes (the Woolworth wallet card, ads, docs). */
const KNOWN_FAKES = new Set(['123456789', '078051120', '219099999', '457555462', '987654320']);

/** True when area, group and serial are in ranges the SSA issues. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  const digits = area + group + serial;
  if (/^(\d)\1{8}$/.test(digits)) return false;
  return !KNOWN_FAKES.has(digits);
}

/** US Social Security numbers; bare nine-digit runs only next to SSN context. */
export const usSsnRecognizer: Recognizer = {
  id: 'us-ssn',
  entity: 'US_SSN',
  mayMatch: (value, hints) => (hints ?? valueHints(value)).longRun >= MIN_DIGITS,
  recognize(value: string, ctx: RecognizerContext, hints?: ValueHints): PiiMatch[] {
    const { longRun, clusters } = hints ?? valueHints(value);
    if (longRun < MIN_DIGITS) return NO_MATCHES;
    let matches: PiiMatch[] | undefined;
    forEachClusterMatch(value, clusters, CANDIDATE, longEnough, (m, start) => {
      if (!ssnValid(m[1], m[3], m[4])) return;
      const end = start + m[0].length;
      const separator = m[2];
      // Dashes are how SSNs are written; spaces and dots are ambiguous; bare digits are any id.
      const base = separator === '-' ? 0.6 : separator === '' ? 0.15 : 0.35;
      const supported = fieldSuggests(ctx, 'US_SSN') || hasContextNear(value, start, end, CONTEXT);
      (matches ??= []).push({ entity: 'US_SSN', start, end, score: boosted(base, supported), recognizer: 'us-ssn' });
    });
    return matches ?? NO_MATCHES;
  },
};
