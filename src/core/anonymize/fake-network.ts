import { EXAMPLE_DOMAINS } from './fake-email';
import type { SeededRandom } from './seeded-random';

/** RFC 5737 documentation networks: never routed, safe to publish. */
const IPV4_TEST_NETS = ['192.0.2', '198.51.100', '203.0.113'] as const;
const PATH_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fake IP address of the same family: IPv4 from the RFC 5737 documentation ranges, IPv6 from
 * 2001:db8::/32 (RFC 3849). A `/prefix` suffix and upper-case hex are kept.
 */
export function fakeIpAddress(value: string, rng: SeededRandom): string {
  const slash = value.indexOf('/');
  const address = slash >= 0 ? value.slice(0, slash) : value;
  const suffix = slash >= 0 ? value.slice(slash) : '';
  if (!address.includes(':')) return `${rng.pick(IPV4_TEST_NETS)}.${rng.between(1, 254)}${suffix}`;
  const groups = ['2001', 'db8'];
  for (let i = 0; i < 6; i++) groups.push(rng.between(0, 0xffff).toString(16));
  const fake = groups.join(':');
  return (/[A-F]/.test(address) && !/[a-f]/.test(address) ? fake.toUpperCase() : fake) + suffix;
}

/**
 * A fake URL on an RFC 2606 example domain with a random path of as many segments as the
 * original (1–4). The scheme (http/https) or its absence, and a leading `www.`, are kept.
 */
export function fakeUrl(value: string, rng: SeededRandom): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  const rest = scheme ? value.slice(scheme[0].length) : value;
  const prefix = scheme ? (scheme[1].toLowerCase() === 'http' ? 'http://' : 'https://') : '';
  const www = /^www\./i.test(rest) ? 'www.' : '';
  const path = rest.replace(/[?#].*$/, '').split('/').slice(1).filter(Boolean);
  const segments: string[] = [];
  for (let i = 0; i < Math.min(Math.max(path.length, 1), 4); i++) {
    let segment = '';
    for (let j = rng.between(5, 10); j > 0; j--) segment += rng.char(PATH_ALPHABET);
    segments.push(segment);
  }
  return `${prefix}${www}${rng.pick(EXAMPLE_DOMAINS)}/${segments.join('/')}`;
}
