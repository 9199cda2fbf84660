/**
 * A small seeded pseudo-random generator, so bootstrap intervals (and generated benchmark data)
 * are the same on every machine and every run. sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator: 128-bit state, passes PractRand) seeded through splitmix32 so that nearby seeds give
 * unrelated streams. Not for cryptography.
 */

import { sfc32 } from '../random/sfc32';

/** A stream of uniform numbers in [0, 1). */
export interface SeededRandom {
  /**
   * Uniform double in (0, 1) on a grid of 2^-32: plenty for simulation, and twice as fast as
   * 53 bits (the bootstrap draws millions). Never exactly 0, so log(u) is always finite.
   */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from an integer seed (any JS number; the low 32 bits and the high bits are mixed). */
export function createSeededRandom(seed: number): SeededRandom {
  // Fold seeds beyond 32 bits in rather than silently dropping their high part.
  const high = Math.floor(Math.abs(seed) / 2 ** 32) >>> 0;
  const init = splitmix32((seed >>> 0) ^ Math.imul(high, 0x27d4eb2d));
  const nextUint32 = sfc32(init(), init(), init(), init());
  return {
    nextUint32,
    next: () => (nextUint32() + 0.5) / 4294967296,
  };
}
