import { isIP } from 'node:net';
import { forEachClusterMatch } from '../cluster-scan';
import { NO_MATCHES, type PiiMatch, type Recognizer, type RecognizerContext } from '../recognizer';
import { boosted, contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { MARK_COLON, valueHints, type ValueHints } from '../value-hints';

const CONTEXT = contextPattern(['ip', 'ips', 'ip address', 'ipv4', 'ipv6', 'address', 'addr', 'host', 'client', 'server', 'remote', 'source', 'src', 'dst', 'from', 'login', 'connect*', 'blocked', 'ban*']);

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Four octets, not part of a longer dotted run (`1.2.3.4.5`, `10.0.0.1.2`) or a decimal. Sticky:
// it is tried only inside digit clusters with three single dots.
const IPV4 = new RegExp(`(?<![A-Za-z0-9_.])${OCTET}(?:\\.${OCTET}){3}(?![A-Za-z0-9_]|\\.\\d)`, 'y');
const threeDots = (_digits: number, dots: number): boolean => dots >= 3;
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
 * Calls `visit` with each IPv6 candidate: a maximal run of hex digits, colons and dots around a
 * colon, bounded by non-word characters, that could be an address (`::`, or six colons or more:
 * eight groups, or six and an IPv4 tail). Walking from colon to colon keeps text without colons free.
 */
function forEachIpv6Candidate(value: string, visit: (start: number, end: number) => void): void {
  let from = 0;
  for (let colon = value.indexOf(':'); colon >= 0; colon = value.indexOf(':', from)) {
    let start = colon;
    while (start > 0 && isV6Char(value.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < value.length && isV6Char(value.charCodeAt(end))) end++;
    from = end;
    // A trailing sentence dot or colon is not part of the address.
    while (end > start && (value.charCodeAt(end - 1) === 46 || (value.charCodeAt(end - 1) === 58 && value.charCodeAt(end - 2) !== 58))) end--;
    if (start > 0 && isWordChar(value.charCodeAt(start - 1))) continue;
    if (end < value.length && isWordChar(value.charCodeAt(end))) continue;
    let colons = 0;
    let double = false;
    for (let i = start; i < end; i++) {
      if (value.charCodeAt(i) !== 58) continue;
      colons++;
      if (i > start && value.charCodeAt(i - 1) === 58) double = true;
    }
    if (colons >= 6 || (double && colons >= 2)) visit(start, end);
  }
}

/** IPv4 and IPv6 addresses, not version strings or dotted numbers. */
export const ipAddressRecognizer: Recognizer = {
  id: 'ip-address',
  entity: 'IP_ADDRESS',
  mayMatch: (value, hints) => {
    const { marks, dotRun } = hints ?? valueHints(value);
    return (marks & MARK_COLON) !== 0 || dotRun >= 3;
  },
  recognize(value: string, ctx: RecognizerContext, hints?: ValueHints): PiiMatch[] {
    let matches: PiiMatch[] | undefined;
    const { dotRun, clusters, marks } = hints ?? valueHints(value);
    if (dotRun >= 3) {
      forEachClusterMatch(value, clusters, IPV4, threeDots, (m, start) => {
        if (VERSION_BEFORE.test(value.slice(Math.max(0, start - 10), start))) return;
        (matches ??= []).push(ipMatch(value, start, start + m[0].length, ipv4Base(m[0]), fieldSuggests(ctx, 'IP_ADDRESS')));
      });
    }
    if ((marks & MARK_COLON) !== 0) {
      forEachIpv6Candidate(value, (start, end) => {
        const text = value.slice(start, end);
        if (isIP(text) === 6) (matches ??= []).push(ipMatch(value, start, end, ipv6Base(text), fieldSuggests(ctx, 'IP_ADDRESS')));
      });
    }
    return matches ?? NO_MATCHES;
  },
};
