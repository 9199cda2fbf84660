/**
 * Seeded percentile-bootstrap intervals for group shares and label rates, without touching
 * rows. Resampling N rows with replacement gives group counts ~ Multinomial(N, observed shares);
 * within a group of n* resampled rows, the labelled ones ~ Binomial(n*, labelled share) and the
 * positives among them ~ Binomial(labelled*, observed rate). That is exactly the distribution
 * of the row bootstrap, at a cost independent of N (1000 resamples of 100 groups: ~0.2 s).
 */
import { sampleBinomial, sampleMultinomial } from './binomial-sampler';
import { createSeededRandom } from './seeded-random';
import type { Interval } from './profile-types';

/** Observed counts of one group for the bootstrap. */
export interface GroupSample {
  count: number;
  /** Rows with a label (the label-rate denominator); omit for no label rate. */
  labelled?: number;
  positives?: number;
}

export interface BootstrapResult {
  share: Interval[];
  /** Undefined for groups without a label rate (or never labelled in any resample). */
  rate: Array<Interval | undefined>;
}

/**
 * The percentile interval of `values` at `confidence` (linear interpolation between order
 * statistics, NumPy's default). Sorts `values` in place.
 */
export function percentileInterval(values: Float64Array, confidence: number): Interval {
  values.sort();
  const q = (p: number): number => {
    const h = (values.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(values.length - 1, lo + 1);
    return values[lo]! + (h - lo) * (values[hi]! - values[lo]!);
  };
  const alpha = (1 - confidence) / 2;
  return [q(alpha), q(1 - alpha)];
}

/** A 32-bit hash of a string (FNV-1a), to give each attribute its own stream from one seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Bootstrap intervals for the groups of one attribute (or intersection). `stream` names the
 * attribute so its intervals do not change when other attributes are added.
 */
export function bootstrapGroups(groups: readonly GroupSample[], settings: { resamples: number; seed: number; confidence: number }, stream: string): BootstrapResult {
  const k = groups.length;
  const total = groups.reduce((a, g) => a + g.count, 0);
  const R = Math.floor(settings.resamples);
  if (R <= 0 || total === 0) return { share: groups.map((g) => [g.count / (total || 1), g.count / (total || 1)]), rate: groups.map(() => undefined) };
  const rng = createSeededRandom((settings.seed ^ hashString(stream)) >>> 0);
  const probs = groups.map((g) => g.count / total);
  const shares = groups.map(() => new Float64Array(R));
  const rates = groups.map((g) => (g.labelled !== undefined && g.positives !== undefined && g.labelled > 0 ? new Float64Array(R) : undefined));
  const rateCount = new Int32Array(k);
  const counts = new Float64Array(k);
  for (let r = 0; r < R; r++) {
    sampleMultinomial(rng, total, probs, counts);
    for (let i = 0; i < k; i++) {
      const n = counts[i]!;
      shares[i]![r] = n / total;
      const g = groups[i]!;
      const rr = rates[i];
      if (!rr || n === 0) continue;
      const labelled = g.labelled === g.count ? n : sampleBinomial(rng, n, g.labelled! / g.count);
      if (labelled === 0) continue;
      rr[rateCount[i]!++] = sampleBinomial(rng, labelled, g.positives! / g.labelled!) / labelled;
    }
  }
  return {
    share: shares.map((s) => percentileInterval(s, settings.confidence)),
    // A rate is undefined in a resample that drew no labelled row of the group; the interval
    // uses the resamples where it is defined (a small group's interval is then honest but wide).
    rate: rates.map((rr, i) => (rr && rateCount[i]! > 0 ? percentileInterval(rr.subarray(0, rateCount[i]), settings.confidence) : undefined)),
  };
}
