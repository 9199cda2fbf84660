import { sfc32 } from '../random/sfc32';
import { keyedDigest, type Salt } from './keyed-digest';

/** A deterministic pseudo-random source; the same seed always yields the same sequence. */
export interface SeededRandom {
  /** A uniform 32-bit unsigned integer. */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** A uniform integer in [min, max] (both inclusive). */
  between(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One character of a non-empty alphabet. */
  char(alphabet: string): string;
  /** Four 32-bit words, for seeding another generator (faker). */
  seedWords(): number[];
}

/**
 * The PRNG behind pseudonyms, seeded from HMAC(salt, purpose, entity, value). Keying with the
 * workspace salt keeps pseudonyms consistent inside one workspace while someone without the salt
 * cannot confirm a guessed original by recomputing its pseudonym.
 */
export function seededRandomFor(salt: Salt, parts: readonly string[]): SeededRandom {
  const digest = keyedDigest(salt, parts);
  return createSfc32([0, 4, 8, 12].map((i) => digest.readUInt32LE(i)));
}

/** The SeededRandom interface over sfc32 (src/core/random/sfc32.ts). */
export function createSfc32(seed: readonly number[]): SeededRandom {
  const next = sfc32(seed[0]!, seed[1]!, seed[2]!, seed[3]! >>> 0 || 1);
  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`int(${n}) needs 1..2^32`);
    // Rejection sampling keeps small ranges unbiased.
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = next();
    while (x >= limit) x = next();
    return x % n;
  };
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    pick: (items) => items[int(items.length)],
    char: (alphabet) => alphabet[int(alphabet.length)],
    seedWords: () => [next(), next(), next(), next()],
  };
}
