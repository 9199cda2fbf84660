import type { PiiMatch, Recognizer, RecognizerContext } from '../recognizer';
import { boosted, contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { valueHints } from '../value-hints';

const CONTEXT = contextPattern(['ssn', 'ssns', 'social security', 'security number', 'ss#', 'ss #', 'ssa', 'taxpayer', 'itin']);

// AAA-GG-SSSS with one consistent separator (dash, space or dot), or nine bare digits.
const CANDIDATE = /(?<![\p{L}\p{N}_.\-\/+#$])(\d{3})([\- .]?)(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|[.\-\/]\d)/gu;

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
  mayMatch: (value, hints) => (hints ?? valueHints(value)).digitRun >= 9,
  recognize(value: string, ctx: RecognizerContext): PiiMatch[] {
    const matches: PiiMatch[] = [];
    const field = fieldSuggests(ctx, 'US_SSN');
    for (const m of value.matchAll(CANDIDATE)) {
      if (!ssnValid(m[1], m[3], m[4])) continue;
      const start = m.index;
      const end = start + m[0].length;
      const separator = m[2];
      // Dashes are how SSNs are written; spaces and dots are ambiguous; bare digits are any id.
      const base = separator === '-' ? 0.6 : separator === '' ? 0.15 : 0.35;
      const supported = field || hasContextNear(value, start, end, CONTEXT);
      const score = boosted(base, supported);
      matches.push({ entity: 'US_SSN', start, end, score, recognizer: 'us-ssn' });
    }
    return matches;
  },
};
