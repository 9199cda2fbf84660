/**
 * Pearson's chi-square goodness-of-fit test of observed counts against reference shares.
 * The p-value is the regularised upper incomplete gamma Q(dof/2, x/2) from
 * @stdlib/math-base-special-gammainc (a port of Boost.Math's gamma_q): computing the upper tail
 * directly keeps p-values far below 1e-16 exact instead of rounding 1 − CDF to 0.
 */
import gammainc from '@stdlib/math-base-special-gammainc';

export interface ChiSquareResult {
  statistic: number;
  dof: number;
  p_value: number;
}

/** P(X ≥ x) for X ~ χ²(dof). */
export function chiSquareSurvival(x: number, dof: number): number {
  if (!(dof > 0)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammainc(x / 2, dof / 2, true, true);
}

/**
 * Goodness of fit of `observed` counts to `shares` (normalised here). Categories with an
 * expected count of 0 are left out of the statistic and the degrees of freedom (dof = k − 1 over
 * the rest), unless something was observed there: then the statistic is Infinity and p is 0,
 * because the reference says that group cannot occur. Fewer than two usable categories: dof 0,
 * statistic 0, p 1 (nothing to test).
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], shares: readonly number[]): ChiSquareResult {
  if (observed.length !== shares.length) throw new RangeError('observed and shares differ in length');
  const n = observed.reduce((a, b) => a + b, 0);
  const mass = shares.reduce((a, b) => a + b, 0);
  let statistic = 0;
  let k = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = mass > 0 ? (shares[i]! / mass) * n : 0;
    if (expected > 0) {
      statistic += (observed[i]! - expected) ** 2 / expected;
      k++;
    } else if (observed[i]! > 0) {
      statistic = Infinity;
    }
  }
  const dof = Math.max(0, k - 1);
  if (statistic === Infinity) return { statistic, dof, p_value: 0 };
  if (dof === 0) return { statistic: 0, dof: 0, p_value: 1 };
  return { statistic, dof, p_value: chiSquareSurvival(statistic, dof) };
}
