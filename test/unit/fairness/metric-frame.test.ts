import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { computeFairnessReport } from '../../../src/core/fairness/fairness-report';
import { tableFromColumns } from '../../../src/core/fairness/prediction-table';

// Three groups worked by hand:
//   A: y 1 1 0 0, ŷ 1 0 1 0            → tp 1, fn 1, fp 1, tn 1
//   B: y 1 1 1 0 0 0, ŷ 1 1 1 0 0 1    → tp 3, fn 0, fp 1, tn 2
//   C: y 1, ŷ 0                        → tp 0, fn 1 (no negatives)
// overall: tp 4, fp 2, tn 3, fn 2, 11 rows.
const table = () =>
  tableFromColumns({
    yTrue: [1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1],
    yPred: [1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0],
    scores: [0.9, 0.4, 0.4, 0.1, 0.8, 0.7, 0.6, 0.2, 0.3, 0.65, 0.5],
    sensitive: { g: ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'B', 'C'] },
  });

const close = (actual: number | null | undefined, expected: number, what: string) => {
  assert.ok(actual !== null && actual !== undefined, `${what} is ${actual}`);
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);
};

describe('metric frame (hand-computed)', () => {
  it('by group, overall and the Fairlearn conventions (0/0 rates are 0, balanced accuracy over present classes)', () => {
    const a = computeFairnessReport(table()).analyses.g!;
    assert.deepEqual(a.by_group.map((r) => [r.group.g, r.count, r.tp, r.fp, r.tn, r.fn]), [
      ['A', 4, 1, 1, 1, 1],
      ['B', 6, 3, 1, 2, 0],
      ['C', 1, 0, 0, 0, 1],
    ]);
    const [A, B, C] = a.by_group;
    close(B!.accuracy, 5 / 6, 'B accuracy');
    close(B!.balanced_accuracy, (1 + 2 / 3) / 2, 'B balanced accuracy');
    close(B!.precision, 3 / 4, 'B precision');
    close(A!.roc_auc, 3.5 / 4, 'A roc_auc with a tie');
    close(C!.false_positive_rate, 0, 'C fpr (no negatives)');
    close(C!.precision, 0, 'C precision (zero_division 0)');
    close(C!.balanced_accuracy, 0, 'C balanced accuracy (only class 1 present)');
    assert.equal(C!.roc_auc, null);
    assert.equal(C!.small, true);
    close(a.overall.accuracy, 7 / 11, 'overall accuracy');
    close(a.overall.balanced_accuracy, (4 / 6 + 3 / 5) / 2, 'overall balanced accuracy');
    assert.equal(a.overall.count, 11);
  });

  it('aggregates and named metrics for both methods', () => {
    const a = computeFairnessReport(table()).analyses.g!;
    close(a.group_max.selection_rate, 2 / 3, 'max selection');
    close(a.difference.between_groups.selection_rate, 2 / 3, 'dp diff between');
    close(a.difference.to_overall.selection_rate, 6 / 11, 'dp diff to overall');
    close(a.ratio.between_groups.selection_rate, 0, 'dp ratio between');
    close(a.ratio.to_overall.false_positive_rate, 0, 'fpr ratio to overall');
    const fb = a.fairness_metrics.between_groups;
    const fo = a.fairness_metrics.to_overall;
    close(fb.equalized_odds_difference!, 1, 'eo diff between');
    close(fo.equalized_odds_difference!, 2 / 3, 'eo diff to overall');
    close(fb.equalized_odds_difference_agg_mean!, 0.75, 'eo diff mean between');
    close(fo.equalized_odds_difference_agg_mean!, (2 / 3 + 0.4) / 2, 'eo diff mean to overall');
    close(fo.equal_opportunity_difference!, 2 / 3, 'eop diff to overall');
    close(fo.demographic_parity_ratio!, 0, 'dp ratio to overall');
    assert.equal(a.checks?.four_fifths?.passed, false);
    assert.ok(a.warnings.some((w) => /four-fifths/.test(w)));
    assert.ok(a.warnings.some((w) => /C \(n=1\)/.test(w)), a.warnings.join('\n'));
  });

  it('ratio between groups of all-zero rates is null, as Fairlearn gives NaN', () => {
    const t = tableFromColumns({ yTrue: [0, 0, 1, 1], yPred: [0, 0, 0, 0], sensitive: { g: ['a', 'b', 'a', 'b'] } });
    const a = computeFairnessReport(t).analyses.g!;
    assert.equal(a.ratio.between_groups.selection_rate, null);
    assert.equal(a.fairness_metrics.between_groups.demographic_parity_ratio, null);
    // Python's min(tpr_ratio, fpr_ratio) with both NaN is NaN; difference is 0.
    assert.equal(a.fairness_metrics.between_groups.equalized_odds_ratio, null);
    assert.equal(a.fairness_metrics.between_groups.equalized_odds_difference, 0);
  });
});

describe('bootstrap intervals', () => {
  const big = () => {
    const g: string[] = [];
    const y: number[] = [];
    const p: number[] = [];
    for (let i = 0; i < 400; i++) {
      g.push(i % 3 === 0 ? 'a' : 'b');
      y.push(i % 5 < 2 ? 1 : 0);
      p.push(i % 7 < 3 ? 1 : 0);
    }
    return tableFromColumns({ yTrue: y, yPred: p, sensitive: { g } });
  };

  it('are seeded: the same seed gives the same intervals, another seed others', () => {
    const a = computeFairnessReport(big(), { bootstrap: { n_boot: 300, seed: 5 } }).analyses.g!.ci!;
    const b = computeFairnessReport(big(), { bootstrap: { n_boot: 300, seed: 5 } }).analyses.g!.ci!;
    const c = computeFairnessReport(big(), { bootstrap: { n_boot: 300, seed: 6 } }).analyses.g!.ci!;
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.by_group.a, c.by_group.a);
    assert.equal(a.n_boot, 300);
    assert.deepEqual(a.quantiles, [0.025, 0.975]);
  });

  it('bound every by-group value, overall value, aggregate and fairness metric, around the estimate', () => {
    const r = computeFairnessReport(big(), { bootstrap: { n_boot: 400, seed: 1, quantiles: [0.05, 0.95] } }).analyses.g!;
    const ci = r.ci!;
    for (const row of r.by_group) {
      const iv = ci.by_group[row.group.g!]!;
      for (const m of ['accuracy', 'selection_rate', 'true_positive_rate', 'precision'] as const) {
        const [lo, hi] = iv[m]!;
        assert.ok(lo <= row[m]! && row[m]! <= hi, `${row.group.g} ${m}: ${row[m]} not in [${lo}, ${hi}]`);
      }
    }
    for (const method of ['between_groups', 'to_overall'] as const) {
      for (const [k, v] of Object.entries(r.fairness_metrics[method])) assert.ok(ci.fairness_metrics[method][k as 'demographic_parity_ratio'], `${method}.${k} = ${v} has an interval`);
      assert.ok(ci.difference[method].selection_rate);
      assert.ok(ci.ratio[method].true_positive_rate);
    }
    assert.ok(ci.group_min.accuracy && ci.group_max.accuracy && ci.overall.balanced_accuracy);
  });
});

describe('multiclass', () => {
  it('gives one-vs-rest analyses per class', () => {
    const t = tableFromColumns({
      yTrue: ['cat', 'dog', 'bird', 'cat', 'dog', 'bird'],
      yPred: ['cat', 'cat', 'bird', 'cat', 'dog', 'dog'],
      sensitive: { g: ['x', 'x', 'x', 'y', 'y', 'y'] },
      classes: ['bird', 'cat', 'dog'],
    });
    const r = computeFairnessReport(t);
    assert.deepEqual(Object.keys(r.analyses), []);
    assert.deepEqual(Object.keys(r.one_vs_rest!), ['bird', 'cat', 'dog']);
    // cat vs rest in x: y = [1,0,0], ŷ = [1,1,0] → tp 1, fp 1, tn 1.
    const x = r.one_vs_rest!.cat!.g!.by_group[0]!;
    assert.deepEqual([x.tp, x.fp, x.tn, x.fn], [1, 1, 1, 0]);
    assert.ok(r.warnings.some((w) => /one-vs-rest/.test(w)));
  });
});

describe('report sections', () => {
  it('are titled by the report key (race,sex) with a heading for readers (race × sex)', async () => {
    const { reportSections } = await import('../../../src/core/fairness/report-tables');
    const t = tableFromColumns({ yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitive: { race: ['a', 'a', 'b', 'b'], sex: ['F', 'M', 'F', 'M'] } });
    const sections = reportSections(computeFairnessReport(t, { intersect: true }));
    assert.deepEqual(sections.map((s) => [s.title, s.heading]), [['race', 'race'], ['sex', 'sex'], ['race,sex', 'race × sex']]);
  });
});
