/**
 * Continuous variates the binomial sampler builds on: standard normal (Marsaglia polar method),
 * gamma (Marsaglia–Tsang 2000) and beta (as a ratio of gammas). Exact methods, no approximations.
 */
import type { SeededRandom } from './seeded-random';

/** A standard normal variate. */
export function sampleNormal(rng: SeededRandom): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** A Gamma(shape, 1) variate, shape > 0. */
export function sampleGamma(rng: SeededRandom, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0 (got ${shape})`);
  if (shape < 1) {
    // Boost to shape + 1 and scale back: Gamma(a) = Gamma(a + 1) · U^(1/a).
    const u = rng.next();
    return sampleGamma(rng, shape + 1) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    const x2 = x * x;
    // The cheap squeeze accepts ~98% of draws without a logarithm.
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) variate, a, b > 0. */
export function sampleBeta(rng: SeededRandom, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  return x / (x + y);
}
