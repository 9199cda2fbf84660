/**
 * Per-attribute summary statistics over the demographic groups (never "(missing)"):
 * imbalance ratio, label-rate gap, and the Wilson score interval used to call a shortfall clear.
 */

/** Largest share / smallest share among groups with at least one row; 1 with fewer than two such groups. */
export function imbalanceRatio(counts: readonly number[]): number {
  const present = counts.filter((c) => c > 0);
  if (present.length < 2) return 1;
  return Math.max(...present) / Math.min(...present);
}

/** A group's label rate with its size, for the gap. */
export interface RatedGroup {
  value: string;
  count: number;
  rate: number;
}

/**
 * Largest minus smallest label rate among groups with at least `minCount` rows (small groups'
 * rates are too noisy to call a gap); undefined when fewer than two groups qualify.
 */
export function labelRateGap(groups: readonly RatedGroup[], minCount: number): { gap: number; high: RatedGroup; low: RatedGroup } | undefined {
  const eligible = groups.filter((g) => g.count >= minCount && Number.isFinite(g.rate));
  if (eligible.length < 2) return undefined;
  let high = eligible[0]!;
  let low = eligible[0]!;
  for (const g of eligible) {
    if (g.rate > high.rate) high = g;
    if (g.rate < low.rate) low = g;
  }
  return { gap: high.rate - low.rate, high, low };
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lowTail = 0.02425;
  if (p < lowTail || p > 1 - lowTail) {
    const q = Math.sqrt(-2 * Math.log(p < lowTail ? p : 1 - p));
    const x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    return p < lowTail ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Wilson score interval of a proportion successes/n at two-sided `confidence`. */
export function wilsonInterval(successes: number, n: number, confidence: number): [number, number] {
  if (n <= 0) return [0, 1];
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
