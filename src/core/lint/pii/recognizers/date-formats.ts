/** A calendar date found in text. */
export interface DateSpan {
  start: number;
  end: number;
  year: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6,
  june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORDINAL = '(?:st|nd|rd|th)?';

// Each pattern is bounded by non-digits so `2024-01-15` inside `12024-01-155` does not count.
const ISO = /(?<![\d.\/-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d]|[.\/-]\d)/g;
const NUMERIC = /(?<![\d.\/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[.\/-]\d)/g;
const DAY_MONTH_YEAR = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(\\d{4})(?!\\d)`, 'giu');
const MONTH_DAY_YEAR = new RegExp(`(?<![\\p{L}\\d])${MONTH}\\.?\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})(?!\\d)`, 'giu');

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, year);
}

/** Two-digit years read as the most recent past year (`85` → 1985, `07` → 2007). */
function fullYear(yearText: string, now: number): number {
  if (yearText.length === 4) return Number(yearText);
  const y = Number(yearText);
  return 2000 + y <= now ? 2000 + y : 1900 + y;
}

/**
 * Dates in ISO (`1985-03-12`), numeric day/month either way round (`3/12/1985`, `12.03.1985`,
 * `12-03-85`) and English month-name forms (`12 March 1985`, `March 12th, 1985`). Years from
 * 1900 to this year only, so the result can be a date of birth.
 */
export function findDates(value: string): DateSpan[] {
  const now = new Date().getUTCFullYear();
  const found: DateSpan[] = [];
  const plausibleYear = (y: number): boolean => y >= 1900 && y <= now;
  for (const m of value.matchAll(ISO)) {
    const year = Number(m[1]);
    if (plausibleYear(year) && validDate(year, Number(m[3]), Number(m[4]))) found.push({ start: m.index, end: m.index + m[0].length, year });
  }
  for (const m of value.matchAll(NUMERIC)) {
    const year = fullYear(m[4], now);
    const a = Number(m[1]);
    const b = Number(m[3]);
    // Either order: US month/day or day.month elsewhere.
    if (plausibleYear(year) && (validDate(year, a, b) || validDate(year, b, a))) found.push({ start: m.index, end: m.index + m[0].length, year });
  }
  for (const m of value.matchAll(DAY_MONTH_YEAR)) {
    const year = Number(m[3]);
    if (plausibleYear(year) && validDate(year, MONTHS[m[2].toLowerCase()], Number(m[1]))) found.push({ start: m.index, end: m.index + m[0].length, year });
  }
  for (const m of value.matchAll(MONTH_DAY_YEAR)) {
    const year = Number(m[3]);
    if (plausibleYear(year) && validDate(year, MONTHS[m[1].toLowerCase()], Number(m[2]))) found.push({ start: m.index, end: m.index + m[0].length, year });
  }
  return found;
}
