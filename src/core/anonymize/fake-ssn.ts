import { randomDigits, spreadDigits } from './digit-shape';
import type { SeededRandom } from './seeded-random';

/**
 * A fake US SSN in the same format (dashes, spaces or none).
 *
 * Choice: area 900–999 with group 01–49. The SSA has never issued area 9xx, so the fake can never
 * be a real person's SSN; group 01–49 also lies outside every ITIN group range (50–65, 70–88,
 * 90–92, 94–99), so it is not a real taxpayer id either. A "valid-looking" fake in an issued
 * range would risk attaching someone's real number to the record. The cost: a strict SSN
 * validator (ours included) does not flag the fake, which is what a re-scan of anonymized data
 * should report anyway.
 */
export function fakeSsn(value: string, rng: SeededRandom): string {
  const digitCount = value.replace(/\D/g, '').length;
  if (digitCount !== 9) return spreadDigits(value, randomDigits(rng, digitCount));
  const area = String(rng.between(900, 999));
  const group = String(rng.between(1, 49)).padStart(2, '0');
  const serial = String(rng.between(1, 9999)).padStart(4, '0');
  return spreadDigits(value, area + group + serial);
}
