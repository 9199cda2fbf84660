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

/**
 * Each sorted position's finest group (one gather, reused by every analysis). The gather reads
 * rows in random order; with `groups` ≤ 256 it reads them from a byte copy (1 MB per million
 * rows, which stays in cache, where the 4-byte codes miss it).
 */
export function groupsInScoreOrder(sorted: SortedScores, rowGroup: Uint32Array, groups = Infinity): Uint32Array {
  const out = new Uint32Array(sorted.order.length);
  if (groups <= 256) gatherNarrow(Uint8Array.from(rowGroup), sorted.order, out);
  else gatherWide(rowGroup, sorted.order, out);
  return out;
}

// One function per array kind, so that each loop stays monomorphic.

function gatherNarrow(values: Uint8Array, index: Uint32Array, out: Uint32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = values[index[i]!]!;
}

function gatherWide(values: Uint32Array, index: Uint32Array, out: Uint32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = values[index[i]!]!;
}

/**
 * ROC AUC of the groups of several analyses at once, in one pass over the sorted rows: slot
 * `slots[g * A + a]` is where finest group g falls in analysis a (A analyses; slots of
 * different analyses are disjoint), and the result holds one AUC per slot. The same sums as
 * `rocAucByGroup` in the same order per slot (so the same values to the last bit): a score
 * level's weights are gathered per slot, then the level is closed. Most levels hold one row;
 * they take a short path that closes at once.
 */
export function rocAucBySlots(sorted: SortedScores, fineSorted: Uint32Array, slots: Uint32Array, analyses: number, slotCount: number): Float64Array {
  const { scores, yTrue, weights } = sorted;
  const A = analyses;
  const area = new Float64Array(slotCount);
  const negBelow = new Float64Array(slotCount);
  const posTotal = new Float64Array(slotCount);
  const levelPos = new Float64Array(slotCount);
  const levelNeg = new Float64Array(slotCount);
  const posRows = new Float64Array(slotCount);
  const negRows = new Float64Array(slotCount);
  const n = scores.length;
  let i = 0;
  while (i < n) {
    const s = scores[i]!;
    let j = i + 1;
    while (j < n && scores[j] === s) j++;
    if (j === i + 1) {
      // One row at this level: close it at once (levelPos/levelNeg stay 0). Without weights
      // the row counts are the totals, so only the weighted path keeps them apart.
      const base = fineSorted[i]! * A;
      const positive = yTrue[i] === 1;
      if (weights) {
        const w = weights[i]!;
        if (positive) {
          for (let a = 0; a < A; a++) {
            const t = slots[base + a]!;
            area[t] += w * negBelow[t]!;
            posTotal[t] += w;
            posRows[t]++;
          }
        } else {
          for (let a = 0; a < A; a++) {
            const t = slots[base + a]!;
            negBelow[t] += w;
            negRows[t]++;
          }
        }
      } else if (positive) {
        for (let a = 0; a < A; a++) {
          const t = slots[base + a]!;
          area[t] += negBelow[t]!;
          posTotal[t]++;
        }
      } else {
        for (let a = 0; a < A; a++) negBelow[slots[base + a]!]++;
      }
    } else {
      for (let k = i; k < j; k++) {
        const base = fineSorted[k]! * A;
        const w = weights ? weights[k]! : 1;
        const positive = yTrue[k] === 1;
        for (let a = 0; a < A; a++) {
          const t = slots[base + a]!;
          if (positive) {
            levelPos[t] += w;
            if (weights) posRows[t]++;
          } else {
            levelNeg[t] += w;
            if (weights) negRows[t]++;
          }
        }
      }
      for (let k = i; k < j; k++) {
        const base = fineSorted[k]! * A;
        for (let a = 0; a < A; a++) {
          const t = slots[base + a]!;
          const lp = levelPos[t]!;
          const ln = levelNeg[t]!;
          if (lp === 0 && ln === 0) continue;
          area[t] += lp * (negBelow[t]! + ln / 2);
          negBelow[t] += ln;
          posTotal[t] += lp;
          levelPos[t] = 0;
          levelNeg[t] = 0;
        }
      }
    }
    i = j;
  }
  const auc = new Float64Array(slotCount);
  for (let t = 0; t < slotCount; t++) {
    const p = posTotal[t]!;
    const q = negBelow[t]!;
    const rowsPos = weights ? posRows[t]! : p;
    const rowsNeg = weights ? negRows[t]! : q;
    auc[t] = rowsPos > 0 && rowsNeg > 0 && p > 0 && q > 0 ? area[t]! / (p * q) : Number.NaN;
  }
  return auc;
}

/** AUCs of every analysis (each a finest group → analysis group map) and overall, from one pass. */
export function rocAucForAnalyses(sorted: SortedScores, fineSorted: Uint32Array, fineGroups: number, maps: ReadonlyArray<{ map: Uint32Array; groups: number }>): { groups: Float64Array[]; overall: number } {
  // Slot 0: overall; then each analysis' groups in turn.
  const A = maps.length + 1;
  const offsets = [1];
  for (const m of maps) offsets.push(offsets[offsets.length - 1]! + m.groups);
  const slots = new Uint32Array(fineGroups * A);
  for (let g = 0; g < fineGroups; g++) maps.forEach((m, a) => (slots[g * A + a + 1] = offsets[a]! + m.map[g]!));
  const auc = rocAucBySlots(sorted, fineSorted, slots, A, offsets[offsets.length - 1]!);
  return { groups: maps.map((m, a) => auc.slice(offsets[a]!, offsets[a]! + m.groups)), overall: auc[0]! };
}
