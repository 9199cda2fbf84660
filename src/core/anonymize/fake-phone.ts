import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';
import { randomDigits, spreadDigits } from './digit-shape';
import type { SeededRandom } from './seeded-random';

let callingCodes: ReadonlySet<string> | undefined;

/** Country calling codes are prefix-free, so the first 1–3 digits that match one is the code. */
function countryCodeLength(digits: string): number {
  callingCodes ??= new Set(getCountries().map((c) => String(getCountryCallingCode(c))));
  for (let len = 1; len <= 3 && len <= digits.length; len++) {
    if (callingCodes.has(digits.slice(0, len))) return len;
  }
  return 1;
}

/**
 * A fake phone number of the same shape: every separator, bracket and `+` stays where it was,
 * the digit count is kept, and the country code (after `+` or `00`) is kept. Numbers that fit
 * the North American plan get the fictional 555-01XX range reserved for films and examples.
 */
export function fakePhone(value: string, rng: SeededRandom): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length === 0) return value;

  let kept = '';
  if (/^\s*\+/.test(value)) {
    kept = digits.slice(0, countryCodeLength(digits));
  } else if (digits.startsWith('00') && digits.length > 4) {
    kept = '00' + digits.slice(2, 2 + countryCodeLength(digits.slice(2)));
  }
  const national = digits.slice(kept.length);
  const hasCountry = kept.length > 0;
  const callingCode = kept.replace(/^00/, '');

  let fake: string;
  if ((callingCode === '1' || !hasCountry) && national.length === 10 && /^[2-9]/.test(national)) {
    fake = fictionalNanp(rng);
  } else if (!hasCountry && national.length === 11 && /^1[2-9]/.test(national)) {
    fake = '1' + fictionalNanp(rng); // leading 1 is the NANP trunk prefix
  } else if (!hasCountry && national.length === 7 && /^[2-9]/.test(national)) {
    fake = '55501' + randomDigits(rng, 2);
  } else {
    // Keep a trunk `0` so the number still dials like a domestic one; never start with 0 otherwise.
    const trunk = !hasCountry && national.startsWith('0') ? '0' : '';
    const rest = national.length - trunk.length;
    fake = rest > 0 ? trunk + String(rng.between(1, 9)) + randomDigits(rng, rest - 1) : trunk;
  }
  return spreadDigits(value, kept + fake);
}

/** NPA (area code, no N11 service codes) + 555 + 01XX. */
function fictionalNanp(rng: SeededRandom): string {
  let npa: string;
  do {
    npa = `${rng.between(2, 9)}${rng.between(0, 8)}${rng.between(0, 9)}`;
  } while (npa[1] === '1' && npa[2] === '1');
  return `${npa}55501${randomDigits(rng, 2)}`;
}
