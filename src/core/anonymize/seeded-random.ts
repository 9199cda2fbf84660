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

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): tiny, fast, good statistical
 * quality. Cryptographic strength comes from the HMAC seed, not from this generator.
 */
export function createSfc32(seed: readonly number[]): SeededRandom {
  let a = seed[0] >>> 0;
  let b = seed[1] >>> 0;
  let c = seed[2] >>> 0;
  let d = seed[3] >>> 0 || 1;
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Mix the seed in before the first output is used.
  for (let i = 0; i < 12; i++) next();

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
