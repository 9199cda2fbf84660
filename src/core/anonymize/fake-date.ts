import { randomDigits, spreadDigits } from './digit-shape';
import type { SeededRandom } from './seeded-random';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_MS = 86_400_000;
const MAX_SHIFT_DAYS = 365;

type Role = 'year' | 'month' | 'day' | 'monthName' | 'weekday' | 'ordinal';
interface Token {
  text: string;
  role?: Role;
}
interface ParsedDate {
  tokens: Token[];
  year: number;
  month: number;
  day: number;
  /** Both 01/02/1990 readings are possible, so the fake must be valid under both. */
  ambiguous: boolean;
}

/**
 * A fake date in exactly the original format (separators, zero padding, 2- or 4-digit year,
 * month names and their case, weekday, ordinal suffix), shifted by a random 1–365 days either
 * way. A value that does not parse as a date gets random digits in place of its digits.
 */
export function fakeDate(value: string, rng: SeededRandom): string {
  const parsed = parseDate(value);
  if (!parsed) return spreadDigits(value, randomDigits(rng, value.replace(/\D/g, '').length));
  const original = utcDate(parsed.year, parsed.month, parsed.day).getTime();
  let shifted = new Date(original);
  for (let attempt = 0; attempt < 64; attempt++) {
    const days = rng.between(1, MAX_SHIFT_DAYS) * (rng.int(2) === 0 ? -1 : 1);
    shifted = new Date(original + days * DAY_MS);
    // For 03/04/1990 the reader may mean either order; a day up to 12 is a valid month as well.
    if (!parsed.ambiguous || shifted.getUTCDate() <= 12) break;
  }
  return render(parsed, shifted);
}

/** Splits a date into tokens and works out which is the year, month and day. */
function parseDate(value: string): ParsedDate | undefined {
  const tokens: Token[] = (value.match(/\d+|[A-Za-z]+|[^\dA-Za-z]+/g) ?? []).map((text) => ({ text }));
  splitCompactDate(tokens);
  const numbers: Token[] = [];
  let monthName: Token | undefined;
  let previous: Token | undefined;
  for (const token of tokens) {
    if (/^\d+$/.test(token.text)) numbers.push(token);
    else if (/^[A-Za-z]+$/.test(token.text)) {
      if (monthIndex(token.text) >= 0 && !monthName) monthName = token;
      else if (weekdayIndex(token.text) >= 0) token.role = 'weekday';
      else if (/^(st|nd|rd|th)$/i.test(token.text) && previous && /^\d{1,2}$/.test(previous.text)) token.role = 'ordinal';
    }
    previous = token;
  }
  if (monthName) monthName.role = 'monthName';

  let ambiguous = false;
  if (monthName) {
    if (numbers.length !== 2) return undefined;
    const yearFirst = numbers[0].text.length === 4 || (numbers[1].text.length !== 4 && Number(numbers[0].text) > 31);
    const [year, day] = yearFirst ? numbers : [numbers[1], numbers[0]];
    year.role = 'year';
    day.role = 'day';
  } else {
    if (numbers.length !== 3) return undefined;
    const [a, b, c] = numbers;
    if (a.text.length === 4) {
      a.role = 'year';
      [b.role, c.role] = Number(b.text) > 12 ? ['day', 'month'] : ['month', 'day'];
    } else if (c.text.length === 4 || c.text.length === 2) {
      c.role = 'year';
      const dotted = tokens.some((t) => t.text.includes('.'));
      const dayFirst = Number(a.text) > 12 || (Number(b.text) <= 12 && dotted);
      [a.role, b.role] = dayFirst ? ['day', 'month'] : ['month', 'day'];
      ambiguous = Number(a.text) <= 12 && Number(b.text) <= 12;
    } else return undefined;
  }

  const find = (role: Role): Token => tokens.find((t) => t.role === role)!;
  const yearToken = find('year');
  const year = expandYear(yearToken.text);
  const month = monthName ? monthIndex(monthName.text) + 1 : Number(find('month').text);
  const day = Number(find('day').text);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { tokens, year, month, day, ambiguous };
}

/** `19840305` → `1984`, `03`, `05` when it reads as a valid year-month-day. */
function splitCompactDate(tokens: Token[]): void {
  const numeric = tokens.filter((t) => /^\d+$/.test(t.text));
  if (numeric.length !== 1 || numeric[0].text.length !== 8) return;
  const text = numeric[0].text;
  const at = tokens.indexOf(numeric[0]);
  tokens.splice(at, 1, { text: text.slice(0, 4) }, { text: text.slice(4, 6) }, { text: text.slice(6) });
}

function render(parsed: ParsedDate, date: Date): string {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  return parsed.tokens
    .map(({ text, role }) => {
      switch (role) {
        case 'year':
          return text.length === 2 ? String(year % 100).padStart(2, '0') : String(year).padStart(text.length, '0');
        case 'month':
          return String(month).padStart(text.length, '0');
        case 'day':
          return String(day).padStart(text.length, '0');
        case 'monthName':
          return styleLike(text, MONTHS[month - 1]);
        case 'weekday':
          return styleLike(text, WEEKDAYS[date.getUTCDay()]);
        case 'ordinal':
          return matchCase(text, ordinalSuffix(day));
        default:
          return text;
      }
    })
    .join('');
}

/** Full or 3-letter name, in the case of the original word. */
function styleLike(original: string, name: string): string {
  const full = original.length > 4 || original.toLowerCase() === name;
  return matchCase(original, full ? name : name.slice(0, 3));
}

function matchCase(original: string, word: string): string {
  if (original === original.toUpperCase()) return word.toUpperCase();
  if (original[0] === original[0].toUpperCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  return w.length < 3 ? -1 : MONTHS.findIndex((m) => m === w || (w.length <= 4 && m.startsWith(w)));
}

function weekdayIndex(word: string): number {
  const w = word.toLowerCase();
  return w.length < 3 ? -1 : WEEKDAYS.findIndex((d) => d === w || (w.length <= 5 && d.startsWith(w)));
}

function ordinalSuffix(day: number): string {
  if (day >= 11 && day <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/** Two-digit years up to this year's are read as 20xx, the rest as 19xx (birth dates). */
function expandYear(text: string): number {
  const n = Number(text);
  if (text.length !== 2) return n;
  return n <= new Date().getUTCFullYear() % 100 ? 2000 + n : 1900 + n;
}

function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0–99 as 19xx
  return date;
}

function daysInMonth(year: number, month: number): number {
  return utcDate(year, month + 1, 0).getUTCDate();
}
