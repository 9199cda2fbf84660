import type { SeededRandom } from './seeded-random';

/**
 * Prefixes that say what kind of secret a value is (AWS key ids, Google API keys, JWTs). Other
 * vendor prefixes end in `_` or `-` (`ghp_`, `sk-`, `xoxb-`, `github_pat_`) and are found by
 * `SEPARATED_PREFIX`.
 */
const KNOWN_PREFIXES = ['AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'AIza', 'eyJ'];
const SEPARATED_PREFIX = /^(?:[A-Za-z]{2,10}[_-]){1,3}/;
const HEX_LOWER = '0123456789abcdef';
const HEX_UPPER = '0123456789ABCDEF';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
/** Long enough that overwriting four characters still leaves plenty of random ones. */
const MARKER_MIN_LENGTH = 12;

/**
 * A fake secret: same length, prefix kept, every letter/digit redrawn from the alphabet the
 * original body uses (hex stays hex), punctuation (`-`, `_`, `.`, `/`, `+`, `=`) kept in place.
 * When the alphabet allows it, the body starts with `FAKE`/`fake` so no one mistakes it for a
 * leaked credential; hex and digit-only secrets cannot carry the marker.
 */
export function fakeSecret(value: string, rng: SeededRandom): string {
  const prefix = secretPrefix(value);
  const body = value.slice(prefix.length);
  const alphabet = alphabetOf(body);
  if (alphabet === '') return value;

  const chars = Array.from(body, (c) => (/[0-9A-Za-z]/.test(c) ? rng.char(alphabet) : c));
  const marker = alphabet.includes('K') ? 'FAKE' : alphabet.includes('k') ? 'fake' : '';
  if (marker && body.length >= MARKER_MIN_LENGTH) {
    for (let i = 0, m = 0; i < chars.length && m < marker.length; i++) {
      if (/[0-9A-Za-z]/.test(chars[i])) chars[i] = marker[m++];
    }
  }
  return prefix + chars.join('');
}

/** The vendor prefix of a secret, or '' when it has none. */
export function secretPrefix(value: string): string {
  const known = KNOWN_PREFIXES.find((p) => value.startsWith(p));
  if (known) return known;
  const separated = SEPARATED_PREFIX.exec(value);
  // Only a short prefix counts: a long run of words is the body of the secret itself.
  return separated && separated[0].length <= 16 && separated[0].length < value.length / 2 ? separated[0] : '';
}

function alphabetOf(body: string): string {
  const alnum = body.replace(/[^0-9A-Za-z]/g, '');
  if (alnum === '') return '';
  if (/^[0-9a-f]+$/.test(alnum) && /[a-f]/.test(alnum)) return HEX_LOWER;
  if (/^[0-9A-F]+$/.test(alnum) && /[A-F]/.test(alnum)) return HEX_UPPER;
  return (/[A-Z]/.test(alnum) ? UPPER : '') + (/[a-z]/.test(alnum) ? LOWER : '') + (/[0-9]/.test(alnum) ? DIGITS : '');
}
