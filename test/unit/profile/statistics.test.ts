// Goldens for the reference statistics, each computed by hand in the comment and cross-checked
// at development time with SciPy 1.10 (Debian python3-scipy); the tests do not need Python.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { chiSquareGoodnessOfFit, chiSquareSurvival } from '../../../src/core/profile/chi-square';
import { jensenShannonDistance, klDivergence, totalVariationDistance } from '../../../src/core/profile/distribution-distances';

const close = (actual: number, expected: number, rel = 1e-12): void => {
  assert.ok(Math.abs(actual - expected) <= rel * Math.max(1e-300, Math.abs(expected)), `${actual} ≉ ${expected}`);
};

describe('chi-square goodness of fit', () => {
  it('[10, 20, 30] vs uniform: χ² = (100 + 0 + 100)/20 = 10, dof 2, p = e^-5', () => {
    // python3 -c "from scipy.stats import chisquare; print(chisquare([10,20,30]))"
    //   → statistic=10.0, pvalue=0.006737946999085468
    const r = chiSquareGoodnessOfFit([10, 20, 30], [1, 1, 1]);
    assert.equal(r.statistic, 10);
    assert.equal(r.dof, 2);
    close(r.p_value, Math.exp(-5)); // with 2 dof the survival function is exactly e^(-x/2)
    close(r.p_value, 0.006737946999085468);
  });

  it('[45, 55] vs [0.5, 0.5]: χ² = 25/50 + 25/50 = 1, dof 1', () => {
    // python3 -c "from scipy.stats import chisquare; print(chisquare([45,55]))" → pvalue=0.31731050786291115
    const r = chiSquareGoodnessOfFit([45, 55], [0.5, 0.5]);
    assert.equal(r.statistic, 1);
    assert.equal(r.dof, 1);
    close(r.p_value, 0.31731050786291115);
  });

  it('[120, 60, 15, 5] vs [0.5, 0.3, 0.15, 0.05]: expected [100, 60, 30, 10], χ² = 4 + 0 + 7.5 + 2.5 = 14', () => {
    // python3 -c "from scipy.stats import chisquare; print(chisquare([120,60,15,5], f_exp=[100,60,30,10]))"
    //   → statistic=14.0, pvalue=0.002905152774267437
    const r = chiSquareGoodnessOfFit([120, 60, 15, 5], [0.5, 0.3, 0.15, 0.05]);
    close(r.statistic, 14);
    assert.equal(r.dof, 3);
    close(r.p_value, 0.002905152774267437, 1e-10);
  });

  it('normalises shares that do not sum to 1 (percentages)', () => {
    const r = chiSquareGoodnessOfFit([120, 60, 15, 5], [50, 30, 15, 5]);
    close(r.statistic, 14);
  });

  it('keeps tiny p-values exact instead of rounding 1 − CDF to 0', () => {
    // python3 -c "from scipy.stats import chisquare; print(chisquare([1000,0]))" → pvalue=1.7958327848007363e-219
    const r = chiSquareGoodnessOfFit([1000, 0], [0.5, 0.5]);
    assert.equal(r.statistic, 1000);
    close(r.p_value, 1.7958327848007363e-219, 1e-9);
  });

  it('matches scipy.stats.chi2.sf on more points', () => {
    // python3 -c "from scipy.stats import chi2; print(chi2.sf(3.84,1), chi2.sf(50,30), chi2.sf(2000,6))"
    close(chiSquareSurvival(3.84, 1), 0.05004352124870519, 1e-10);
    close(chiSquareSurvival(50, 30), 0.01240206071890054, 1e-10);
    assert.equal(chiSquareSurvival(2000, 6), 0);
    assert.equal(chiSquareSurvival(0, 3), 1);
  });

  it('leaves categories with expected 0 out of the statistic and the degrees of freedom', () => {
    const r = chiSquareGoodnessOfFit([10, 20, 30, 0], [1, 1, 1, 0]);
    assert.equal(r.statistic, 10);
    assert.equal(r.dof, 2);
  });

  it('is infinite with p = 0 when rows fall where the reference has 0', () => {
    const r = chiSquareGoodnessOfFit([10, 20, 30, 1], [1, 1, 1, 0]);
    assert.equal(r.statistic, Infinity);
    assert.equal(r.p_value, 0);
  });

  it('has nothing to test with one category: dof 0, p 1', () => {
    assert.deepEqual(chiSquareGoodnessOfFit([42], [1]), { statistic: 0, dof: 0, p_value: 1 });
  });
});

describe('distances between share vectors', () => {
  it('TVD is half the L1 distance: ½(0.25 + 0.05 + 0.3) = 0.3', () => {
    close(totalVariationDistance([0.5, 0.3, 0.2], [0.25, 0.25, 0.5]), 0.3);
    assert.equal(totalVariationDistance([0.2, 0.8], [0.2, 0.8]), 0);
  });

  it('KL(p‖q) in nats: ½ln2 + ½ln(2/3) = ½ln(4/3)', () => {
    // python3 -c "from scipy.stats import entropy; print(entropy([0.5,0.5],[0.25,0.75]), entropy([0.6,0.3,0.1],[0.5,0.3,0.2]))"
    //   → 0.14384103622589042 0.040078216020378435
    close(klDivergence([0.5, 0.5], [0.25, 0.75]), 0.5 * Math.log(4 / 3));
    close(klDivergence([0.5, 0.5], [0.25, 0.75]), 0.14384103622589042);
    close(klDivergence([0.6, 0.3, 0.1], [0.5, 0.3, 0.2]), 0.040078216020378435);
  });

  it('KL: observed 0 terms contribute 0; reference 0 with observed > 0 is Infinity', () => {
    // python3 -c "from scipy.stats import entropy; print(entropy([0.7,0.3,0],[0.5,0.25,0.25]))" → 0.2902270326730354
    close(klDivergence([0.7, 0.3, 0], [0.5, 0.25, 0.25]), 0.7 * Math.log(0.7 / 0.5) + 0.3 * Math.log(0.3 / 0.25));
    close(klDivergence([0.7, 0.3, 0], [0.5, 0.25, 0.25]), 0.2902270326730354);
    assert.equal(klDivergence([0.5, 0.5], [1, 0]), Infinity);
    assert.equal(klDivergence([0.3, 0.7], [0.3, 0.7]), 0);
  });

  it('Jensen–Shannon distance equals scipy.spatial.distance.jensenshannon (natural log)', () => {
    // python3 -c "from scipy.spatial.distance import jensenshannon as js;
    //   print(js([0.5,0.5],[0.25,0.75]), js([1,0],[0,1]), js([0.6,0.3,0.1],[0.5,0.3,0.2]), js([0.7,0.3,0],[0.5,0.25,0.25]))"
    //   → 0.1839077909404743 0.8325546111576977 0.1037825610860398 0.310086569176978
    close(jensenShannonDistance([0.5, 0.5], [0.25, 0.75]), 0.1839077909404743, 1e-10);
    close(jensenShannonDistance([1, 0], [0, 1]), Math.sqrt(Math.log(2))); // disjoint supports: the maximum √ln2
    close(jensenShannonDistance([0.6, 0.3, 0.1], [0.5, 0.3, 0.2]), 0.1037825610860398, 1e-10);
    close(jensenShannonDistance([0.7, 0.3, 0], [0.5, 0.25, 0.25]), 0.310086569176978, 1e-10);
    assert.equal(jensenShannonDistance([0.4, 0.6], [0.4, 0.6]), 0);
  });

  it('by hand: JS of [1, 0] and [0.5, 0.5]', () => {
    // m = [0.75, 0.25]; KL(p‖m) = ln(4/3); KL(q‖m) = ½ln(2/3) + ½ln 2; JSD = average.
    const jsd = 0.5 * Math.log(4 / 3) + 0.5 * (0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25));
    close(jensenShannonDistance([1, 0], [0.5, 0.5]), Math.sqrt(jsd));
  });
});
