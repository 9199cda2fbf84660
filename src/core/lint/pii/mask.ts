import type { PiiEntity } from '../finding';

const STAR = '*';
/** Fixed run of stars for names and hosts, so the mask does not tell how long the value is. */
const RUN = '***';
const KEPT_DIGITS = 4;
const SECRET_SHOWN = 4;

/** Stars for every character (by code point) of a short value. */
function allStars(value: string): string {
  return STAR.repeat(Array.from(value).length);
}

/** First character of a word, then a fixed run: `John` → `J***`. */
function initial(word: string): string {
  const first = Array.from(word)[0] ?? '';
  return first + RUN;
}

/**
 * Stars every letter and digit but the last ones, keeping separators and length: `***-**-6789`.
 * Keeps at most 4 and never more than half, so a short number is not nearly shown in clear.
 */
export function keepLast(value: string, star: string = STAR): string {
  const chars = Array.from(value);
  const isSignificant = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);
  const total = chars.filter(isSignificant).length;
  const keep = Math.min(KEPT_DIGITS, Math.floor(total / 2));
  let seen = 0;
  return chars
    .map((c) => {
      if (!isSignificant(c)) return c;
      seen++;
      return seen > total - keep ? c : star;
    })
    .join('');
}

function maskEmail(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  const dot = value.lastIndexOf('.');
  if (at <= 0 || dot < at + 2 || dot === value.length - 1) return undefined;
  return `${initial(value.slice(0, at))}@${initial(value.slice(at + 1, dot))}${value.slice(dot)}`;
}

/** `j***.com`-style host: first character, a run, the top-level domain; IPs as IP_ADDRESS. */
function maskHost(host: string): string {
  const port = /:\d+$/.exec(host)?.[0] ?? '';
  const name = host.slice(0, host.length - port.length);
  if (/^\d+(?:\.\d+){3}$/.test(name) || name.startsWith('[')) return maskIp(name.replace(/^\[|\]$/g, '')) + port;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${initial(name)}${name.slice(dot)}${port}` : initial(name) + port;
}

function maskUrl(value: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/?#\s]*)(.*)$/i.exec(value);
  if (!m) return initial(value);
  const authority = m[2];
  // Credentials are dropped entirely; the path and query may carry identifiers, so they go too.
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return `${m[1] ?? ''}${maskHost(host)}${m[3].length > 0 ? `/${RUN}` : ''}`;
}

function maskIp(value: string): string {
  if (value.includes(':')) {
    const groups = value.split(':');
    return groups.map((g, i) => (i === 0 || g.length === 0 ? g : RUN)).join(':');
  }
  const parts = value.split('.');
  return parts.map((p, i) => (i === 0 ? p : RUN)).join('.');
}

function maskSecret(value: string): string {
  const chars = Array.from(value);
  // At most 4 characters, and at most a quarter of a short secret.
  const shown = Math.min(SECRET_SHOWN, Math.floor(chars.length / 4));
  return chars.slice(0, shown).join('') + STAR.repeat(Math.min(12, chars.length - shown));
}

function maskDate(value: string): string {
  return value.replace(/[\p{L}\p{N}]/gu, STAR);
}

/** Initials of each word, one space between them: a line break inside an address must not break a one-line message. */
function maskWords(value: string): string {
  return value
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map(initial)
    .join(' ');
}

/**
 * The value masked for display in findings; never the whole value. Emails `j***@e***.com`;
 * numbers keep their last 4 digits (`***-**-6789`); IPs their first octet; secrets at most 4
 * characters; URLs only the scheme and a masked host; names and places their initials
 * (`J*** D***`). A value of 4 characters or fewer is all stars.
 */
export function maskValue(entity: PiiEntity, value: string): string {
  if (Array.from(value).length <= 4) return allStars(value);
  switch (entity) {
    case 'EMAIL':
      return maskEmail(value) ?? maskSecret(value);
    case 'PHONE':
    case 'CREDIT_CARD':
    case 'IBAN':
    case 'US_SSN':
      return keepLast(value);
    case 'IP_ADDRESS':
      return maskIp(value);
    case 'URL':
      return maskUrl(value);
    case 'SECRET':
      return maskSecret(value);
    case 'DATE_OF_BIRTH':
      return maskDate(value);
    case 'PERSON':
    case 'LOCATION':
    case 'ORGANIZATION':
      return maskWords(value);
  }
}
