/**
 * Rows sorted by score, once per table, for ROC AUC and score bins. An LSD radix sort of
 * (key, row) pairs over the order-preserving 64-bit image of each double: 11 bits a pass (2,048
 * buckets keep the scatter cache-friendly), every pass' histogram counted in one read of the keys
 * up front, passes where every key has the same digit skipped.
 * Keys travel with their rows, so every pass reads sequentially, and the sorted scores are the
 * sorted keys turned back into doubles. Stable: ties keep row order. Scores must not be NaN.
 */

/** Rows in increasing score order with their labels and weights in the same order. */
export interface SortedScores {
  /** Row index at each sorted position. */
  order: Uint32Array;
  scores: Float64Array;
  yTrue: Uint8Array;
  weights?: Float64Array;
}

const DIGIT = 11;
const BUCKETS = 1 << DIGIT;
const MASK = BUCKETS - 1;

/** Bits bit..bit+DIGIT-1 of the 64-bit key (high, low words). */
function digitOf(hi: number, lo: number, bit: number): number {
  if (bit + DIGIT <= 32) return (lo >>> bit) & MASK;
  if (bit >= 32) return (hi >>> (bit - 32)) & MASK;
  return ((lo >>> bit) | (hi << (32 - bit))) & MASK;
}

/** Radix-sorts the rows by score; returns the row order and the sorted keys (high, low words). */
function radixSort(scores: Float64Array): { order: Uint32Array; hi: Uint32Array; lo: Uint32Array } {
  const n = scores.length;
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  // Negatives flipped entirely, positives' sign bit set: unsigned order is numeric order.
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1]!;
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~bits[2 * i]! >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = bits[2 * i]!;
    }
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let order2 = new Uint32Array(n);
  // Every pass' histogram in one read of the keys (a pass' digit may straddle the two words),
  // so each pass is then a single scatter.
  const passes = Math.ceil(64 / DIGIT);
  const counts = new Uint32Array(passes * BUCKETS);
  for (let i = 0; i < n; i++) {
    const l = lo[i]!;
    const h = hi[i]!;
    for (let p = 0, bit = 0; p < passes; p++, bit += DIGIT) counts[p * BUCKETS + digitOf(h, l, bit)]++;
  }
  for (let p = 0, bit = 0; p < passes; p++, bit += DIGIT) {
    const count = counts.subarray(p * BUCKETS, (p + 1) * BUCKETS);
    if (n === 0 || count[digitOf(hi[0]!, lo[0]!, bit)] === n) continue;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const h = hi[i]!;
      const l = lo[i]!;
      const at = count[digitOf(h, l, bit)]!++;
      hi2[at] = h;
      lo2[at] = l;
      order2[at] = order[i]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [order, order2] = [order2, order];
  }
  return { order, hi, lo };
}

/** Row indexes in increasing score order (stable; ties adjacent). */
export function scoreOrder(scores: Float64Array): Uint32Array {
  return radixSort(scores).order;
}

/** Sorts the rows by score and copies scores, labels and weights into that order. */
export function sortByScore(scores: Float64Array, yTrue: Uint8Array, weights?: Float64Array): SortedScores {
  const { order, hi, lo } = radixSort(scores);
  const n = order.length;
  const sorted = new Float64Array(n);
  const bits = new Uint32Array(sorted.buffer);
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    if (h & 0x80000000) {
      bits[2 * i + 1] = (h & 0x7fffffff) >>> 0;
      bits[2 * i] = lo[i]!;
    } else {
      bits[2 * i + 1] = ~h >>> 0;
      bits[2 * i] = ~lo[i]! >>> 0;
    }
  }
  const y = new Uint8Array(n);
  const w = weights ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    y[i] = yTrue[r]!;
    if (w) w[i] = weights![r]!;
  }
  return { order, scores: sorted, yTrue: y, ...(w ? { weights: w } : {}) };
}
