import { isIP } from 'node:net';
import type { PiiMatch, Recognizer, RecognizerContext } from '../recognizer';
import { boosted, contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { valueHints, type ValueHints } from '../value-hints';

const CONTEXT = contextPattern(['ip', 'ips', 'ip address', 'ipv4', 'ipv6', 'address', 'addr', 'host', 'client', 'server', 'remote', 'source', 'src', 'dst', 'from', 'login', 'connect*', 'blocked', 'ban*']);

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Four octets, not part of a longer dotted run (`1.2.3.4.5`, `10.0.0.1.2`) or a decimal.
const IPV4 = new RegExp(`(?<![A-Za-z0-9_.])${OCTET}(?:\\.${OCTET}){3}(?![A-Za-z0-9_]|\\.\\d)`, 'g');
const MAYBE_V4 = /\d\.\d{1,3}\.\d/;
const VERSION_BEFORE = /(?:\bv|\bversion|\bver|\bbuild|\brelease|\brev|\bsdk|\bsection|\bsec|\bchapter|\bch|\bstep|\bclause|\bpart|§|#x?|@|==|>=|<=|~=|\^|~)\s?[.=:-]?\s?$/i;
const RESERVED_SCORE = 0.2;
const SMALL_OCTETS_SCORE = 0.35;

/** Addresses that point at no one: unspecified, loopback, broadcast, masks, documentation ranges. */
function ipv4Base(text: string): number {
  const [a, b, c] = text.split('.').map(Number);
  if (a === 0 || a === 127 || a >= 224 || (a === 169 && b === 254)) return RESERVED_SCORE;
  if (text.startsWith('255.') || text === '1.1.1.1' || text === '8.8.8.8' || text === '8.8.4.4') return RESERVED_SCORE;
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return RESERVED_SCORE;
  // `11.6.2.2`, `1.2.3.4`: four small numbers are section and version numbers as often as
  // addresses, so they need IP context (10.x.x.x is a common private range, kept as is).
  if (a !== 10 && text.split('.').every((o) => Number(o) < 20)) return SMALL_OCTETS_SCORE;
  return 0.7;
}

function ipv6Base(text: string): number {
  const lower = text.toLowerCase();
  if (lower === '::' || lower === '::1' || lower.startsWith('ff') || lower.startsWith('2001:db8:') || lower.startsWith('2001:0db8:')) return RESERVED_SCORE;
  // Fewer than three groups written (`a::b`) reads like code or a time as often as an address.
  const groups = lower.split(':').filter((g) => g.length > 0).length;
  return groups >= 3 ? 0.75 : 0.3;
}

function ipMatch(value: string, start: number, end: number, base: number, field: boolean): PiiMatch {
  // Reserved addresses stay low whatever the context: `ip 127.0.0.1` points at no one.
  const supported = base > RESERVED_SCORE && (field || hasContextNear(value, start, end, CONTEXT));
  return { entity: 'IP_ADDRESS', start, end, score: boosted(base, supported), recognizer: 'ip-address' };
}

function isV6Char(c: number): boolean {
  // 0-9 : . A-F a-f
  return (c >= 48 && c <= 58) || c === 46 || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * IPv6 candidates: maximal runs of hex digits, colons and dots around each colon, bounded by
 * non-word characters. Walking from colon to colon keeps text without colons free.
 */
function ipv6Candidates(value: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let from = 0;
  for (let colon = value.indexOf(':'); colon >= 0; colon = value.indexOf(':', from)) {
    let start = colon;
    while (start > 0 && isV6Char(value.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < value.length && isV6Char(value.charCodeAt(end))) end++;
    from = end;
    // A trailing sentence dot or colon is not part of the address.
    while (end > start && (value[end - 1] === '.' || (value[end - 1] === ':' && value[end - 2] !== ':'))) end--;
    if (start > 0 && isWordChar(value.charCodeAt(start - 1))) continue;
    if (end < value.length && isWordChar(value.charCodeAt(end))) continue;
    const text = value.slice(start, end);
    if (text.indexOf(':') !== text.lastIndexOf(':')) found.push([start, end]);
  }
  return found;
}

/** IPv4 and IPv6 addresses, not version strings or dotted numbers. */
export const ipAddressRecognizer: Recognizer = {
  id: 'ip-address',
  entity: 'IP_ADDRESS',
  mayMatch: (value, hints) => value.includes(':') || ((hints ?? valueHints(value)).digitRun >= 4 && MAYBE_V4.test(value)),
  recognize(value: string, ctx: RecognizerContext, hints?: ValueHints): PiiMatch[] {
    const matches: PiiMatch[] = [];
    const field = fieldSuggests(ctx, 'IP_ADDRESS');
    if ((hints ?? valueHints(value)).digitRun >= 4 && MAYBE_V4.test(value)) {
      for (const m of value.matchAll(IPV4)) {
        const start = m.index;
        if (VERSION_BEFORE.test(value.slice(Math.max(0, start - 10), start))) continue;
        matches.push(ipMatch(value, start, start + m[0].length, ipv4Base(m[0]), field));
      }
    }
    if (value.includes(':')) {
      for (const [start, end] of ipv6Candidates(value)) {
        const text = value.slice(start, end);
        if (isIP(text) === 6) matches.push(ipMatch(value, start, end, ipv6Base(text), field));
      }
    }
    return matches;
  },
};
