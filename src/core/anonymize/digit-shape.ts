import type { SeededRandom } from './seeded-random';

/** `count` uniformly random decimal digits. */
export function randomDigits(rng: SeededRandom, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(10));
  return out;
}

/** Writes `digits` into the digit positions of `template`, leaving everything else in place. */
export function spreadDigits(template: string, digits: string): string {
  let i = 0;
  return template.replace(/\d/g, () => digits[i++]);
}
