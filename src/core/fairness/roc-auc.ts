/**
 * ROC AUC per group, as sklearn's roc_auc_score computes it: the trapezoid under the ROC curve
 * whose points are the distinct score thresholds, so tied scores form one diagonal step (they
 * count one half). Equivalently, for each distinct score level, taken in increasing order,
 *   area += positives(level) · (negatives below + negatives(level) / 2),
 * and AUC = area / (positives · negatives), all weighted. The rows are sorted once by score
 * (score-sort.ts), so each analysis is one sequential pass. Undefined (NaN) for a group with one
 * class only, where sklearn raises.
 */

import type { SortedScores } from './score-sort';

/**
 * ROC AUC of each group. `group` gives each sorted position's group (through `map` when given:
 * group = map[group[i]]); without it, all rows are one group.
 */
export function rocAucByGroup(sorted: SortedScores, group: Uint32Array | undefined, map: Uint32Array | undefined, groups: number): Float64Array {
  const { scores, yTrue, weights } = sorted;
  const area = new Float64Array(groups);
  const negBelow = new Float64Array(groups);
  const posTotal = new Float64Array(groups);
  const levelPos = new Float64Array(groups);
  const levelNeg = new Float64Array(groups);
  const lastScore = new Float64Array(groups).fill(Number.NaN);
  // sklearn checks the classes present (unweighted) before anything else.
  const posRows = new Float64Array(groups);
  const negRows = new Float64Array(groups);
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    const g = group ? (map ? map[group[i]!]! : group[i]!) : 0;
    const s = scores[i]!;
    if (s !== lastScore[g]) {
      // A new score level for this group: close the previous one.
      const lp = levelPos[g]!;
      const ln = levelNeg[g]!;
      area[g] += lp * (negBelow[g]! + ln / 2);
      negBelow[g] += ln;
      posTotal[g] += lp;
      levelPos[g] = 0;
      levelNeg[g] = 0;
      lastScore[g] = s;
    }
    const w = weights ? weights[i]! : 1;
    if (yTrue[i] === 1) {
      levelPos[g] += w;
      posRows[g]++;
    } else {
      levelNeg[g] += w;
      negRows[g]++;
    }
  }
  const auc = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const lp = levelPos[g]!;
    const ln = levelNeg[g]!;
    area[g] += lp * (negBelow[g]! + ln / 2);
    const q = negBelow[g]! + ln;
    const p = posTotal[g]! + lp;
    // One class present, or all the weight on one class: sklearn raises or returns nan.
    auc[g] = posRows[g]! > 0 && negRows[g]! > 0 && p > 0 && q > 0 ? area[g]! / (p * q) : Number.NaN;
  }
  return auc;
}

/** Each sorted position's finest group (one gather, reused by every analysis). */
export function groupsInScoreOrder(sorted: SortedScores, rowGroup: Uint32Array): Uint32Array {
  const out = new Uint32Array(sorted.order.length);
  for (let i = 0; i < out.length; i++) out[i] = rowGroup[sorted.order[i]!]!;
  return out;
}
