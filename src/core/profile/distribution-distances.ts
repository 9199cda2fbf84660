/**
 * Distances between two discrete distributions over the same categories (share vectors that
 * each sum to 1). Natural logarithms throughout, matching SciPy's defaults.
 */

/** Total variation distance: half the L1 distance, in [0, 1]. */
export function totalVariationDistance(p: readonly number[], q: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i]! - (q[i] ?? 0));
  return sum / 2;
}

/**
 * Kullback–Leibler divergence KL(p ‖ q) = Σ p·ln(p/q). Terms with p = 0 contribute 0 (the limit
 * of x·ln x); a term with p > 0 and q = 0 makes it Infinity (p puts mass where q has none).
 */
export function klDivergence(p: readonly number[], q: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const qi = q[i] ?? 0;
    if (pi <= 0) continue;
    if (qi <= 0) return Infinity;
    sum += pi * Math.log(pi / qi);
  }
  // Rounding can leave a tiny negative sum for identical vectors; the divergence is never negative.
  return Math.max(0, sum);
}

/**
 * Jensen–Shannon distance: √JSD with JSD = ½KL(p‖m) + ½KL(q‖m), m = (p + q)/2. Always finite,
 * symmetric, in [0, √ln 2]; equals scipy.spatial.distance.jensenshannon(p, q).
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  const m = p.map((pi, i) => (pi + (q[i] ?? 0)) / 2);
  const jsd = 0.5 * klDivergence(p, m) + 0.5 * klDivergence(q, m);
  return Math.sqrt(Math.max(0, jsd));
}
