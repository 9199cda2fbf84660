/**
 * ROC AUC per group, as sklearn's roc_auc_score computes it: the trapezoid under the ROC curve
 * whose points are the distinct score thresholds, so tied scores form one diagonal step (they
 * count one half). Equivalently, for each distinct score level, taken in increasing order,
 *   area += positives(level) · (negatives below + negatives(level) / 2),
 * and AUC = area / (positives · negatives), all weighted. Rows are sorted once by score; each
 * analysis is then one O(rows) pass. Undefined (NaN) for a group with one class only, where
 * sklearn raises.
 */

/** Row indexes in increasing score order (ties adjacent). Scores must not be NaN. */
export function scoreOrder(scores: Float64Array): Uint32Array {
  const n = scores.length;
  const sorted = Float64Array.from(scores).sort();
  // Distinct values, then a counting sort by the rank of each row's score.
  let d = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[d++] = sorted[i]!;
  const distinct = sorted.subarray(0, d);
  const rank = new Uint32Array(n);
  const start = new Uint32Array(d + 1);
  for (let r = 0; r < n; r++) {
    const s = scores[r]!;
    let lo = 0;
    let hi = d - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    rank[r] = lo;
    start[lo + 1]!++;
  }
  for (let i = 0; i < d; i++) start[i + 1] += start[i]!;
  const order = new Uint32Array(n);
  for (let r = 0; r < n; r++) order[start[rank[r]!]!++] = r;
  return order;
}

/**
 * ROC AUC of each group. `groupOf(row)` is given as a finest-group array plus a map to the
 * analysis group (identity when `map` is omitted); rows of group −1 are skipped.
 */
export function rocAucByGroup(
  order: Uint32Array,
  scores: Float64Array,
  yTrue: Uint8Array,
  weights: Float64Array | undefined,
  rowGroup: Uint32Array | undefined,
  map: Uint32Array | undefined,
  groups: number,
): Float64Array {
  const area = new Float64Array(groups);
  const negBelow = new Float64Array(groups);
  const levelPos = new Float64Array(groups);
  const levelNeg = new Float64Array(groups);
  const posTotal = new Float64Array(groups);
  const lastScore = new Float64Array(groups).fill(Number.NaN);
  // sklearn checks the classes present (unweighted) before anything else.
  const posRows = new Float64Array(groups);
  const negRows = new Float64Array(groups);
  const flush = (g: number): void => {
    area[g] += levelPos[g]! * (negBelow[g]! + levelNeg[g]! / 2);
    negBelow[g] += levelNeg[g]!;
    posTotal[g] += levelPos[g]!;
    levelPos[g] = 0;
    levelNeg[g] = 0;
  };
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const g = rowGroup ? (map ? map[rowGroup[r]!]! : rowGroup[r]!) : 0;
    const s = scores[r]!;
    if (s !== lastScore[g]) {
      flush(g);
      lastScore[g] = s;
    }
    const w = weights ? weights[r]! : 1;
    if (yTrue[r] === 1) {
      levelPos[g] += w;
      posRows[g]++;
    } else {
      levelNeg[g] += w;
      negRows[g]++;
    }
  }
  const auc = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    flush(g);
    const p = posTotal[g]!;
    const q = negBelow[g]!;
    // One class present, or all the weight on one class: sklearn raises or returns nan.
    auc[g] = posRows[g]! > 0 && negRows[g]! > 0 && p > 0 && q > 0 ? area[g]! / (p * q) : Number.NaN;
  }
  return auc;
}
