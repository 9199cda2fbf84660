import type { PiiEntity } from '../lint/finding';
import { keepLast } from '../lint/pii/mask';
import type { AnonymizeOptions } from './operator';

/** Entities whose trailing digits are conventionally shown (receipts, bank statements). */
const KEEP_LAST_DIGITS: ReadonlySet<PiiEntity> = new Set(['PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN']);
/** Fixed run for emails so the mask does not reveal how long the name or domain is. */
const EMAIL_RUN = 3;

/**
 * Masks a value for display: the last 4 digits of numbers (separators and length kept,
 * `***-**-6789`), `j***@e***.com` for emails, the first character of anything else.
 */
export function mask(entity: PiiEntity, value: string, options: AnonymizeOptions = {}): string {
  const char = maskCharOf(options);
  if (KEEP_LAST_DIGITS.has(entity)) return keepLast(value, char);
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
