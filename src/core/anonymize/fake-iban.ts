import { ibanCheckDigits } from './check-digits';
import type { SeededRandom } from './seeded-random';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/**
 * A fake IBAN: same country code, length, spacing and letter/digit positions, with the ISO 13616
 * check digits recomputed so it passes mod-97. National check digits inside some BBANs (France,
 * Belgium, …) are not recomputed.
 */
export function fakeIban(value: string, rng: SeededRandom): string {
  const alnum = value.replace(/[^0-9A-Za-z]/g, '');
  if (!/^[A-Za-z]{2}[0-9]{2}[0-9A-Za-z]+$/.test(alnum)) return fakeAlphanumeric(value, rng);

  const country = alnum.slice(0, 2);
  const bban = fakeAlphanumeric(alnum.slice(4), rng);
  const check = ibanCheckDigits(country, bban);
  const replacement = country + check + bban;
  let i = 0;
  return value.replace(/[0-9A-Za-z]/g, () => replacement[i++]);
}

/** Replaces each letter or digit with a random one of the same class and case. */
export function fakeAlphanumeric(value: string, rng: SeededRandom): string {
  return value.replace(/[0-9A-Za-z]/g, (c) => {
    if (c >= '0' && c <= '9') return rng.char(DIGITS);
    return rng.char(c >= 'a' ? LOWER : UPPER);
  });
}
