import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { computeFairnessReport, tableFromColumns } from '../../../src/core/fairness';
import { classificationMetrics } from '../../../src/core/training/builtin/classification-metrics';
import { groupValidationMetrics } from '../../../src/core/training/builtin/group-validation-metrics';
import { sfc32 } from '../../../src/core/random/sfc32';

/** Random predictions with two attributes; `classes` labels, some groups missing. */
function data(n: number, classes: number, seed: number) {
  const next = sfc32(seed, 1, 2, 3);
  const r = () => next() / 2 ** 32;
  const yTrue = Int32Array.from({ length: n }, () => Math.floor(r() * classes));
  // Mostly right, so per-group numbers differ from chance.
  const yPred = Int32Array.from(yTrue, (y) => (r() < 0.7 ? y : Math.floor(r() * classes)));
  const groups = Array.from({ length: n }, () => ({ gender: ['female', 'male', '(missing)'][Math.floor(r() * 3)]!, age: ['<30', '30–49', '50+'][Math.floor(r() * 3)]! }));
  return { yTrue, yPred, groups };
}

/** Row indexes per value: the straightforward reference grouping. */
function rowsOf(groups: Array<Record<string, string>>, attribute: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  groups.forEach((g, i) => out.set(g[attribute]!, [...(out.get(g[attribute]!) ?? []), i]));
  return out;
}

describe('per-group validation metrics from the fairness engine', () => {
  for (const classes of [2, 4]) {
    it(`match a direct per-group computation (${classes} classes)`, () => {
      const { yTrue, yPred, groups } = data(400, classes, classes);
      const { groups: table } = groupValidationMetrics(yTrue, yPred, classes, groups, ['gender', 'age']);
      for (const attribute of ['gender', 'age']) {
        const ref = rowsOf(groups, attribute);
        assert.deepEqual(Object.keys(table[attribute]!).sort(), [...ref.keys()].sort());
        for (const [value, rows] of ref) {
          const want = classificationMetrics(yTrue, yPred, classes, rows);
          const got = table[attribute]![value]!;
          assert.equal(got.count, rows.length);
          assert.ok(Math.abs(got.accuracy - want.accuracy) < 1e-12, `${attribute}=${value} accuracy ${got.accuracy} vs ${want.accuracy}`);
          assert.ok(Math.abs(got.f1_macro - want.f1Macro) < 1e-12, `${attribute}=${value} f1 ${got.f1_macro} vs ${want.f1Macro}`);
        }
      }
    });
  }

  it('binary: the accuracy is the fairness report by_group accuracy, groups in its order', () => {
    const { yTrue, yPred, groups } = data(300, 2, 9);
    const { groups: table } = groupValidationMetrics(yTrue, yPred, 2, groups, ['gender']);
    const report = computeFairnessReport(tableFromColumns({ yTrue, yPred, sensitive: { gender: groups.map((g) => g.gender) } }));
    const rows = report.analyses.gender!.by_group;
    assert.deepEqual(Object.keys(table.gender!), rows.map((r) => r.group.gender));
    for (const r of rows) assert.equal(table.gender![r.group.gender!]!.accuracy, r.accuracy);
    assert.equal(Object.keys(table.gender!).at(-1), '(missing)');
  });
});
