import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { computeFairnessReport } from '../../../src/core/fairness/fairness-report';
import { tableFromColumns, type PredictionTable } from '../../../src/core/fairness/prediction-table';
import { buildScoreBins, reportAtThreshold } from '../../../src/core/fairness/score-bins';
import { suggestThresholds } from '../../../src/core/fairness/suggest-thresholds';
import { createSeededRandom } from '../../../src/core/profile/seeded-random';

function randomTable(seed: number, rows: number, decile: boolean, weighted: boolean): PredictionTable {
  const rng = createSeededRandom(seed);
  const race = ['a', 'b', 'c', '', 'd'];
  const sex = ['F', 'M'];
  const cols = { yTrue: [] as number[], scores: [] as number[], weights: [] as number[], race: [] as string[], sex: [] as string[] };
  for (let i = 0; i < rows; i++) {
    const r = race[Math.min(race.length - 1, Math.floor(rng.next() * rng.next() * race.length * 1.3))]!;
    const y = rng.next() < (r === 'a' ? 0.3 : 0.5) ? 1 : 0;
    const noise = rng.next();
    cols.yTrue.push(y);
    cols.scores.push(decile ? 1 + Math.floor(Math.min(0.999, 0.6 * noise + 0.4 * y) * 10) : Math.round((0.6 * noise + 0.4 * y) * 1e6) / 1e6);
    cols.weights.push(0.5 + rng.next());
    cols.race.push(r);
    cols.sex.push(sex[rng.nextUint32() % 2]!);
  }
  return tableFromColumns({ yTrue: cols.yTrue, scores: cols.scores, ...(weighted ? { weights: cols.weights } : {}), sensitive: { race: cols.race, sex: cols.sex } });
}

/** Deep equality with numbers compared to 1e-9. */
function assertClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    assert.equal(actual, expected, path);
    return;
  }
  assert.equal(typeof actual, 'object', path);
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  assert.deepEqual(Object.keys(a).sort(), Object.keys(e).sort(), `${path} keys`);
  for (const k of Object.keys(e)) assertClose(a[k], e[k], `${path}.${k}`);
}

describe('score bins', () => {
  for (const [name, decile, weighted, bins] of [
    ['decile scores (one bin per distinct score), unweighted', true, false, 1000],
    ['decile scores, weighted', true, true, 1000],
    ['continuous scores in 40 quantile bins, weighted', false, true, 40],
  ] as const) {
    it(`${name}: the report from the bins equals the report from the rows at the same threshold`, () => {
      const table = randomTable(7, 600, decile, weighted);
      const b = buildScoreBins(table, { intersect: true }, bins);
      assert.equal(b.exact, decile);
      const thresholds = decile ? [0, 1, 3.5, 5, 10, 11] : [b.edges[0]!, b.edges[7]!, b.edges[20]!, b.edges[b.edges.length - 1]!];
      for (const t of thresholds) {
        const fromBins = reportAtThreshold(b, t, { bootstrap: { n_boot: 50, seed: 3 } });
        const fromRows = computeFairnessReport(table, { threshold: t, intersect: true, bootstrap: { n_boot: 50, seed: 3 } });
        assert.equal(fromBins.threshold, t);
        assertClose(fromBins.analyses, fromRows.analyses, `t=${t}`);
      }
    });
  }

  it('snaps a threshold between quantile edges up to the next edge, and says so', () => {
    const table = randomTable(11, 400, false, false);
    const b = buildScoreBins(table, {}, 20);
    const t = (b.edges[5]! + b.edges[6]!) / 2;
    const r = reportAtThreshold(b, t);
    assert.equal(r.threshold, b.edges[6]);
    assert.ok(r.warnings.some((w) => /moved up to/.test(w)));
    assertClose(r.analyses, computeFairnessReport(table, { threshold: b.edges[6]! }).analyses);
  });

  it('suggests per-group thresholds that bring true positive rates together without applying them', () => {
    const table = randomTable(5, 2000, false, false);
    const b = buildScoreBins(table, {}, 200);
    const [s] = suggestThresholds(b, 'equal_opportunity', { threshold: 0.5, analyses: ['race'] });
    assert.ok(s);
    assert.equal(s.metric, 'true_positive_rate');
    assert.ok(s.disparity_after <= s.disparity_before, `${s.disparity_after} > ${s.disparity_before}`);
    assert.ok(s.disparity_after <= 0.05, `disparity after ${s.disparity_after}`);
    // Each group's figures are what the rows give at its threshold.
    for (const g of s.groups) {
      const rows = computeFairnessReport(table, { threshold: g.threshold ?? Infinity }).analyses.race!.by_group.find((r) => r.group.race === g.group.race)!;
      assert.ok(Math.abs(rows.true_positive_rate! - g.metric_after) < 1e-12);
      assert.ok(Math.abs(rows.accuracy! - g.accuracy_after!) < 1e-12);
    }
    assert.match(s.notes[0]!, /nothing was applied/);
  });

  it('keeps many groups × bins bounded (fewer bins, with a warning)', () => {
    const rng = createSeededRandom(3);
    const n = 12000;
    const t = tableFromColumns({
      yTrue: Array.from({ length: n }, (_, i) => i % 2),
      scores: Array.from({ length: n }, () => rng.next()),
      sensitive: { a: Array.from({ length: n }, (_, i) => `a${i % 40}`), b: Array.from({ length: n }, (_, i) => `b${Math.floor(i / 40) % 25}`) },
    });
    const b = buildScoreBins(t, { intersect: true }, 100_000);
    assert.equal(b.groups, 1000);
    assert.ok(b.edges.length <= 4001, `${b.edges.length} bins`); // 4000 quantile edges (+ 0.5)
    assert.ok(b.warnings.some((w) => /binned in 4000 bins instead of 100000/.test(w)), b.warnings.join('\n'));
  });
});
