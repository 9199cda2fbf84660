/**
 * Exact binomial and multinomial sampling for the count bootstrap. Large draws use Knuth's
 * order-statistic splitting (TAOCP vol. 2, §3.4.1): the a-th smallest of n uniforms is
 * Beta(a, n + 1 − a), and the uniforms on either side of it are uniform on their side, so the
 * draw becomes a smaller binomial. Knuth splits at the median (log n steps); we split at a ≈ n·p,
 * which leaves a remainder of about √(n·p) (log log n steps). Once n·p is small the draw
 * finishes by inversion (sequential search). Exact, with no normal approximation.
 * We write our own because a library sampler we measured (@stdlib/random-base-binomial 0.2.2)
 * was biased for n·p ≈ 10–300 (mean of Binomial(50, 0.2) came out 10.5).
 */
import { sampleBeta } from './random-variates';
import type { SeededRandom } from './seeded-random';

// Inversion costs about n·p steps; below this it beats two gamma draws per halving.
const INVERSION_MEAN_LIMIT = 16;

function binomialByInversion(rng: SeededRandom, n: number, p: number): number {
  if (p > 0.5) return n - binomialByInversion(rng, n, 1 - p);
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = Math.pow(q, n);
  let u = rng.next();
  let x = 0;
  while (u > r && x < n) {
    u -= r;
    x++;
    r *= a / x - s;
  }
  return x;
}

/** One Binomial(n, p) draw; n a non-negative integer, p in [0, 1]. */
export function sampleBinomial(rng: SeededRandom, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial n must be a non-negative integer (got ${n})`);
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  let k = 0;
  while (n * Math.min(p, 1 - p) > INVERSION_MEAN_LIMIT) {
    const a = Math.min(n, Math.max(1, Math.round(n * p)));
    const x = sampleBeta(rng, a, n + 1 - a);
    if (x >= p) {
      // The a − 1 uniforms below x are uniform on [0, x): those below p are the successes.
      n = a - 1;
      p = p / x;
    } else {
      // All a up to x are successes; the n − a above x are uniform on (x, 1].
      k += a;
      n = n - a;
      p = (p - x) / (1 - x);
    }
  }
  return k + binomialByInversion(rng, n, p);
}

/**
 * One Multinomial(n, probs) draw by conditional binomials. `probs` need not sum to exactly 1:
 * the last category takes whatever remains.
 */
export function sampleMultinomial(rng: SeededRandom, n: number, probs: ArrayLike<number>, out = new Float64Array(probs.length)): Float64Array {
  let remaining = n;
  let mass = 0;
  for (let i = 0; i < probs.length; i++) mass += probs[i]!;
  for (let i = 0; i < probs.length; i++) {
    if (i === probs.length - 1 || remaining === 0) {
      out[i] = i === probs.length - 1 ? remaining : 0;
      continue;
    }
    const pi = probs[i]!;
    const x = mass > 0 ? sampleBinomial(rng, remaining, Math.min(1, Math.max(0, pi / mass))) : 0;
    out[i] = x;
    remaining -= x;
    mass -= pi;
  }
  return out;
}
