import { luhnCheckDigit } from './check-digits';
import { randomDigits, spreadDigits } from './digit-shape';
import type { SeededRandom } from './seeded-random';

/**
 * How many leading digits name the card brand. Keeping them keeps the fake a "Visa" or an
 * "Amex"; the issuer digits after them are not kept.
 */
function brandPrefixLength(digits: string): number {
  if (digits.startsWith('4')) return 1;
  const four = Number(digits.slice(0, 4));
  if (four >= 2221 && four <= 2720) return 4; // Mastercard 2-series
  if (four === 6011) return 4; // Discover
  return 2; // 34/37 Amex, 51–55 Mastercard, 35 JCB, 36/38 Diners, 62 UnionPay, 65 Discover
}

/** A fake card number: same length and separators, same brand prefix, valid Luhn check digit. */
export function fakeCard(value: string, rng: SeededRandom): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 2) return spreadDigits(value, randomDigits(rng, digits.length));
  const prefix = digits.slice(0, Math.min(brandPrefixLength(digits), digits.length - 1));
  const payload = prefix + randomDigits(rng, digits.length - 1 - prefix.length);
  return spreadDigits(value, payload + String(luhnCheckDigit(payload)));
}
