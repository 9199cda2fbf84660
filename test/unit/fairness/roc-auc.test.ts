import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { rocAucByGroup, rocAucForAnalyses } from '../../../src/core/fairness/roc-auc';
import { sortByScore } from '../../../src/core/fairness/score-sort';
import { createSeededRandom } from '../../../src/core/profile/seeded-random';

/** AUC by its definition: over every (positive, negative) pair, 1 when the positive scores higher, ½ on a tie (weighted by both). */
function pairwiseAuc(scores: number[], y: number[], w: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < scores.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (y[j] !== 0) continue;
      den += w[i]! * w[j]!;
      num += w[i]! * w[j]! * (scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0);
    }
  }
  return num / den;
}

describe('ROC AUC for several analyses in one pass', () => {
  const rng = createSeededRandom(5);
  const n = 3000;
  // Coarse scores (many ties, levels of one row and of many), 12 finest groups, two coarser analyses.
  const scores = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? Math.round(rng.next() * 40) / 40 : rng.next()));
  const yTrue = Uint8Array.from(scores, (s) => (rng.next() < 0.3 + 0.4 * s ? 1 : 0));
  const weights = Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? 0 : Math.round(rng.next() * 30) / 10));
  const rowGroup = Uint32Array.from({ length: n }, () => rng.nextUint32() % 12);
  // Group 11 holds positives only: its AUC is undefined.
  for (let r = 0; r < n; r++) if (rowGroup[r] === 11) yTrue[r] = 1;
  const maps = [
    { map: Uint32Array.from({ length: 12 }, (_, g) => g % 3), groups: 3 },
    { map: Uint32Array.from({ length: 12 }, (_, g) => g), groups: 12 },
  ];

  for (const weighted of [false, true]) {
    it(`${weighted ? 'weighted' : 'unweighted'}: equals one rocAucByGroup pass per analysis to the last bit, and the pairwise definition`, () => {
      const sorted = sortByScore(scores, yTrue, weighted ? weights : undefined);
      const fineSorted = Uint32Array.from(sorted.order, (r) => rowGroup[r]!);
      const fused = rocAucForAnalyses(sorted, fineSorted, 12, maps);
      const overall = rocAucByGroup(sorted, undefined, undefined, 1)[0]!;
      assert.ok(Object.is(fused.overall, overall));
      maps.forEach((m, a) => {
        const separate = rocAucByGroup(sorted, fineSorted, m.map, m.groups);
        assert.deepEqual(Array.from(fused.groups[a]!), Array.from(separate));
        for (let g = 0; g < m.groups; g++) {
          const rows = [...rowGroup.keys()].filter((r) => m.map[rowGroup[r]!] === g);
          const expected = pairwiseAuc(rows.map((r) => scores[r]!), rows.map((r) => yTrue[r]!), rows.map((r) => (weighted ? weights[r]! : 1)));
          if (Number.isNaN(expected)) assert.ok(Number.isNaN(fused.groups[a]![g]!), `analysis ${a} group ${g} is undefined`);
          else assert.ok(Math.abs(fused.groups[a]![g]! - expected) < 1e-12, `analysis ${a} group ${g}: ${fused.groups[a]![g]} vs ${expected}`);
        }
      });
      assert.ok(Number.isNaN(fused.groups[1]![11]!));
    });
  }
});
