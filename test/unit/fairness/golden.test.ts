/**
 * Golden tests: the engine against values computed independently by scripts/fairness-golden.py
 * (pandas + scikit-learn, Fairlearn's definitions written out) on the CSVs that
 * scripts/generate-fairness-fixtures.ts writes. Every value must agree to 1e-9.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fairnessFixtures, FIXTURE_DIR, type GoldenCase } from '../../../scripts/generate-fairness-fixtures';
import { computeFairnessReport } from '../../../src/core/fairness/fairness-report';
import type { FairnessAnalysis } from '../../../src/core/fairness/fairness-types';
import { loadPredictions } from '../../../src/core/fairness/load-predictions';

type Expected = {
  rows: number;
  analyses?: Record<string, FairnessAnalysis>;
  one_vs_rest?: Record<string, Record<string, FairnessAnalysis>>;
  classes?: string[];
  bootstrap?: { n_boot: number; attribute: string; intervals: Record<string, [number, number]> };
};

const cases = JSON.parse(readFileSync(join(FIXTURE_DIR, 'cases.json'), 'utf8')) as GoldenCase[];

function close(actual: unknown, expected: unknown, path: string): void {
  if (expected === null) {
    assert.equal(actual, null, `${path}: expected null (NaN), got ${String(actual)}`);
    return;
  }
  assert.equal(typeof actual, 'number', `${path}: expected ${String(expected)}, got ${String(actual)}`);
  const a = actual as number;
  const e = expected as number;
  assert.ok(Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)), `${path}: ${a} ≠ ${e} (Δ ${a - e})`);
}

function compareValues(actual: Record<string, unknown>, expected: Record<string, unknown>, path: string): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: metric keys`);
  for (const [k, v] of Object.entries(expected)) close(actual[k], v, `${path}.${k}`);
}

function compareAnalysis(actual: FairnessAnalysis, expected: FairnessAnalysis, path: string): void {
  assert.deepEqual(actual.sensitive_features, expected.sensitive_features);
  compareValues(actual.overall, expected.overall, `${path}.overall`);
  const key = (g: Record<string, string>) => JSON.stringify(g);
  assert.deepEqual(actual.by_group.map((g) => key(g.group)).sort(), expected.by_group.map((g) => key(g.group)).sort(), `${path}: the groups that occur`);
  for (const e of expected.by_group) {
    const a = actual.by_group.find((g) => key(g.group) === key(e.group))!;
    const { group: _g, small: _s, ...values } = a;
    const { group: _eg, ...expectedValues } = e;
    compareValues(values, expectedValues, `${path}.by_group[${key(e.group)}]`);
  }
  compareValues(actual.group_min, expected.group_min, `${path}.group_min`);
  compareValues(actual.group_max, expected.group_max, `${path}.group_max`);
  for (const m of ['between_groups', 'to_overall'] as const) {
    compareValues(actual.difference[m], expected.difference[m], `${path}.difference.${m}`);
    compareValues(actual.ratio[m], expected.ratio[m], `${path}.ratio.${m}`);
    compareValues(actual.fairness_metrics[m], expected.fairness_metrics[m], `${path}.fairness_metrics.${m}`);
  }
}

describe('golden values from pandas + scikit-learn', () => {
  it('the fixture CSVs are what scripts/generate-fairness-fixtures.ts writes', () => {
    const { cases: generated, files } = fairnessFixtures();
    assert.deepEqual(cases, generated);
    for (const [name, text] of Object.entries(files)) assert.equal(readFileSync(join(FIXTURE_DIR, name), 'utf8'), text, name);
  });

  for (const c of cases) {
    it(`${c.name}: every by-group value, aggregate and fairness metric agrees to 1e-9`, async () => {
      const expected = JSON.parse(readFileSync(join(FIXTURE_DIR, `${c.name}.expected.json`), 'utf8')) as Expected;
      const table = await loadPredictions(join(FIXTURE_DIR, c.file), {
        yTrue: c.y_true,
        ...(c.y_pred ? { yPred: c.y_pred } : {}),
        ...(c.score ? { score: c.score } : {}),
        ...(c.weight ? { weight: c.weight } : {}),
        sensitive: c.sensitive,
      });
      assert.equal(table.rows, expected.rows);
      assert.equal(table.droppedRows, 0);
      const report = computeFairnessReport(table, { intersect: c.intersect, ...(c.threshold !== undefined ? { threshold: c.threshold } : {}) });
      if (expected.one_vs_rest) {
        assert.deepEqual(table.classes, expected.classes);
        for (const [cls, analyses] of Object.entries(expected.one_vs_rest)) {
          assert.deepEqual(Object.keys(report.one_vs_rest![cls]!), Object.keys(analyses));
          for (const [k, a] of Object.entries(analyses)) compareAnalysis(report.one_vs_rest![cls]![k]!, a, `${cls}/${k}`);
        }
        return;
      }
      assert.deepEqual(Object.keys(report.analyses), Object.keys(expected.analyses!));
      for (const [k, a] of Object.entries(expected.analyses!)) compareAnalysis(report.analyses[k]!, a, k);
    });
  }

  it('bootstrap intervals match a row bootstrap (as Fairlearn resamples) within Monte Carlo error', async () => {
    const c = cases.find((x) => x.n_boot > 0)!;
    const expected = JSON.parse(readFileSync(join(FIXTURE_DIR, `${c.name}.expected.json`), 'utf8')) as Expected;
    const b = expected.bootstrap!;
    const table = await loadPredictions(join(FIXTURE_DIR, c.file), { yTrue: c.y_true, yPred: c.y_pred!, sensitive: [b.attribute] });
    const a = computeFairnessReport(table, { bootstrap: { n_boot: b.n_boot, seed: 1 } }).analyses[b.attribute]!;
    const get = (path: string): [number, number] => {
      const [head, ...rest] = path.split('.');
      if (head === 'by_group') return a.ci!.by_group[rest[0]!]![rest[1] as 'true_positive_rate']!;
      if (head === 'overall') return a.ci!.overall[rest[0] as 'selection_rate']!;
      return a.ci!.fairness_metrics[rest[0] as 'to_overall'][rest[1] as 'equalized_odds_difference']!;
    };
    for (const [path, [lo, hi]] of Object.entries(b.intervals)) {
      const [ourLo, ourHi] = get(path);
      // Two independent 2000-resample estimates of the same quantiles: a few percent of the width apart.
      const tol = 0.1 * (hi - lo) + 1e-3;
      assert.ok(Math.abs(ourLo - lo) < tol && Math.abs(ourHi - hi) < tol, `${path}: ours [${ourLo}, ${ourHi}] vs row bootstrap [${lo}, ${hi}]`);
    }
  });
});
