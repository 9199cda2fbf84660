import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { compareWithReference, matchKey } from '../../../src/core/profile/reference-comparison';

describe('reference comparison', () => {
  it('computes shares, expected counts and the shortfall, largest first', () => {
    // 604 of 1000 rows male: expected female 0.505 × 1000 = 505, observed 396 → 109 short.
    const { comparison, warnings } = compareWithReference('gender', [{ value: 'male', count: 604 }, { value: 'female', count: 396 }], {
      source: 'US Census 2020',
      proportions: { female: 0.505, male: 0.495 },
    });
    assert.deepEqual(warnings, []);
    assert.equal(comparison!.compared_rows, 1000);
    assert.equal(comparison!.source, 'US Census 2020');
    assert.ok(Math.abs(comparison!.tvd - 0.109) < 1e-12);
    assert.equal(comparison!.under_represented.length, 1);
    const u = comparison!.under_represented[0]!;
    assert.equal(u.value, 'female');
    assert.equal(u.observed, 396);
    assert.ok(Math.abs(u.expected - 505) < 1e-9 && Math.abs(u.shortfall - 109) < 1e-9);
    // χ² by hand: 109²/505 + 109²/495.
    assert.ok(Math.abs(comparison!.chi2.statistic - (109 ** 2 / 505 + 109 ** 2 / 495)) < 1e-9);
  });

  it('leaves (missing) out and counts reference values absent from the data as 0', () => {
    const { comparison, absent } = compareWithReference('race', [{ value: 'A', count: 90 }, { value: '(missing)', count: 50 }, { value: 'B', count: 10 }], {
      proportions: { A: 0.6, B: 0.3, C: 0.1 },
    });
    assert.equal(comparison!.compared_rows, 100);
    assert.deepEqual(absent, ['C']);
    const c = comparison!.categories!.find((x) => x.value === 'C')!;
    assert.equal(c.observed, 0);
    assert.ok(Math.abs(c.expected - 10) < 1e-9);
    assert.deepEqual(comparison!.under_represented.map((x) => x.value), ['B', 'C']);
  });

  it('pools groups the reference lacks into its "other" value', () => {
    const { comparison, warnings } = compareWithReference('race', [{ value: 'A', count: 70 }, { value: 'X', count: 20 }, { value: 'Y', count: 10 }], {
      proportions: { A: 0.7, Other: 0.3 },
    });
    assert.deepEqual(warnings, []);
    const other = comparison!.categories!.find((c) => c.value === 'Other')!;
    assert.equal(other.observed, 30);
    assert.deepEqual(other.pooled, ['X', 'Y']);
    assert.equal(comparison!.tvd, 0);
  });

  it('without an "other" value, leaves unknown groups out with a warning naming them', () => {
    const { comparison, warnings } = compareWithReference('race', [{ value: 'A', count: 70 }, { value: 'X', count: 30 }], { proportions: { A: 0.5, B: 0.5 } });
    assert.equal(comparison!.compared_rows, 70);
    assert.deepEqual(comparison!.excluded, [{ value: 'X', count: 30 }]);
    assert.match(warnings[0]!, /30 rows in groups the reference does not list \(X\)/);
  });

  it('matches spellings leniently and normalises proportions (percent works)', () => {
    assert.equal(matchKey(' Female '), 'female');
    assert.equal(matchKey('18-29'), matchKey('18–29'));
    assert.equal(matchKey('>=65'), matchKey('≥65'));
    const { comparison, warnings } = compareWithReference('sex', [{ value: 'FEMALE', count: 50 }, { value: 'male', count: 50 }], { proportions: { Female: 50, Male: 50 } });
    assert.deepEqual(warnings, []);
    assert.equal(comparison!.tvd, 0);
    assert.equal(comparison!.chi2.statistic, 0);
  });

  it('warns when proportions neither sum to 1 nor to 100', () => {
    const { warnings } = compareWithReference('sex', [{ value: 'f', count: 5 }], { proportions: { f: 0.3, m: 0.3 } });
    assert.match(warnings[0]!, /sum to 0.6/);
  });

  it('gives no comparison when nothing matches', () => {
    const { comparison, warnings } = compareWithReference('sex', [{ value: 'x', count: 5 }], { proportions: { f: 0.5, m: 0.5 } });
    assert.equal(comparison, undefined);
    assert.ok(warnings.some((w) => /no value in the data matches/.test(w)));
  });

  it('KL is Infinity when the data has rows where the reference has 0', () => {
    const { comparison } = compareWithReference('sex', [{ value: 'f', count: 5 }, { value: 'm', count: 5 }], { proportions: { f: 1, m: 0 } });
    assert.equal(comparison!.kl, Infinity);
    assert.equal(comparison!.chi2.p_value, 0);
    assert.ok(Number.isFinite(comparison!.js));
  });
});
