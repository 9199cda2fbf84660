import type { PiiEntity } from '../lint/finding';
import type { AnonymizeOptions } from './operator';

/** Entities whose trailing digits are conventionally shown (receipts, bank statements). */
const KEEP_LAST_DIGITS: ReadonlySet<PiiEntity> = new Set(['PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN']);
const KEPT_DIGITS = 4;
/** Fixed run for emails so the mask does not reveal how long the name or domain is. */
const EMAIL_RUN = 3;

/**
 * Masks a value for display: the last 4 digits of numbers (separators and length kept,
 * `***-**-6789`), `j***@e***.com` for emails, the first character of anything else.
 */
export function mask(entity: PiiEntity, value: string, options: AnonymizeOptions = {}): string {
  const char = maskCharOf(options);
  if (KEEP_LAST_DIGITS.has(entity)) return maskAllButLast(value, char);
  if (entity === 'EMAIL') {
    const masked = maskEmail(value, char);
    if (masked !== undefined) return masked;
  }
  const chars = Array.from(value);
  return chars.length === 0 ? '' : chars[0] + char.repeat(chars.length - 1);
}

function maskCharOf(options: AnonymizeOptions): string {
  const char = options.maskChar ?? '*';
  if (Array.from(char).length !== 1) throw new RangeError(`maskChar must be one character, got ${JSON.stringify(char)}.`);
  return char;
}

/**
 * Hides every letter and digit except the last 4; never shows more than half of them, so a
 * short value is not shown almost in clear.
 */
function maskAllButLast(value: string, char: string): string {
  const isSignificant = (c: string): boolean => /[0-9A-Za-z]/.test(c);
  const chars = Array.from(value);
  const total = chars.filter(isSignificant).length;
  const keep = Math.min(KEPT_DIGITS, Math.floor(total / 2));
  let seen = 0;
  return chars
    .map((c) => {
      if (!isSignificant(c)) return c;
      seen++;
      return seen > total - keep ? c : char;
    })
    .join('');
}

function maskEmail(value: string, char: string): string | undefined {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return undefined;
  const local = Array.from(value.slice(0, at));
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const run = char.repeat(EMAIL_RUN);
  return `${local[0]}${run}@${Array.from(host)[0]}${run}${tld}`;
}
