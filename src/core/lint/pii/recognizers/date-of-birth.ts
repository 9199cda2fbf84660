import type { PiiMatch, Recognizer, RecognizerContext } from '../recognizer';
import { contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { findDates } from './date-formats';
import { valueHints } from '../value-hints';

const CONTEXT = contextPattern([
  'birth*', 'born', 'dob', 'd.o.b', 'b-day', 'bday', 'birthday*', 'date of birth', 'geboren', 'geb.', 'née', 'né le',
]);
/** A quick look for any context word in the whole value, before any date parsing. */
const ANY_CONTEXT = /b(?:irth|orn|-?day)|d(?:ob|\.o\.b)|geb|né(?:e| le)/i;

/** Dates next to birth/born/DOB words, or anywhere in a date-of-birth field; other dates are not PII here. */
export const dateOfBirthRecognizer: Recognizer = {
  id: 'date-of-birth',
  entity: 'DATE_OF_BIRTH',
  // Every date format has a year: four digits, or two plus day and month (`1/2/85`).
  mayMatch: (value, hints) => (hints ?? valueHints(value)).fourDigits,
  recognize(value: string, ctx: RecognizerContext): PiiMatch[] {
    const field = fieldSuggests(ctx, 'DATE_OF_BIRTH');
    if (!field && !ANY_CONTEXT.test(value)) return [];
    const matches: PiiMatch[] = [];
    for (const date of findDates(value)) {
      // Dates are everywhere; only a birth word in the same sentence makes one a birth date.
      if (!field && !hasContextNear(value, date.start, date.end, CONTEXT, 48, 24, true)) continue;
      matches.push({ entity: 'DATE_OF_BIRTH', start: date.start, end: date.end, score: 0.85, recognizer: 'date-of-birth' });
    }
    return matches;
  },
};
