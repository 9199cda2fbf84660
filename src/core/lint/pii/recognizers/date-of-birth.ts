import type { PiiMatch, Recognizer, RecognizerContext } from '../recognizer';
import { contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { findDates } from './date-formats';
import { MARK_BIRTH, valueHints, type ValueHints } from '../value-hints';

const CONTEXT = contextPattern([
  'birth*', 'born', 'dob', 'd.o.b', 'b-day', 'bday', 'birthday*', 'date of birth', 'geboren', 'geb.', 'née', 'né le',
]);
/** A quick look for any context word in the whole value, before any date parsing (MARK_BIRTH when hints are given). */
const ANY_CONTEXT = /b(?:irth|orn|-?day)|d(?:ob|\.o\.b)|geb|né(?:e| le)/i;

/** Dates next to birth/born/DOB words, or anywhere in a date-of-birth field; other dates are not PII here. */
export const dateOfBirthRecognizer: Recognizer = {
  id: 'date-of-birth',
  entity: 'DATE_OF_BIRTH',
  // Every date format has a year: four digits, or two plus day and month (`1/2/85`).
  mayMatch: (value, hints) => (hints ?? valueHints(value)).fourDigits,
  recognize(value: string, ctx: RecognizerContext, hints?: ValueHints): PiiMatch[] {
    const field = fieldSuggests(ctx, 'DATE_OF_BIRTH');
    // Without a cluster of four digits there is no date, and the hints look for no birth word.
    const birthWord = hints ? hints.fourDigits && (hints.marks & MARK_BIRTH) !== 0 : ANY_CONTEXT.test(value);
    if (!field && !birthWord) return [];
    const matches: PiiMatch[] = [];
    for (const date of findDates(value)) {
      // Dates are everywhere; only a birth word in the same sentence makes one a birth date.
      if (!field && !hasContextNear(value, date.start, date.end, CONTEXT, 48, 24, true)) continue;
      matches.push({ entity: 'DATE_OF_BIRTH', start: date.start, end: date.end, score: 0.85, recognizer: 'date-of-birth' });
    }
    return matches;
  },
};
