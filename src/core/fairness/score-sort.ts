/**
 * Rows sorted by score, once per table, for ROC AUC and score bins. An LSD radix sort of
 * (key, row) pairs over the order-preserving 64-bit image of each double: 11 bits a pass (2,048
 * buckets keep the scatter cache-friendly), every pass' histogram counted in one read of the keys
 * up front, passes where every key has the same digit skipped; the high 32 bits first, then
 * the low ones only inside runs of equal high bits (3 passes instead of 6 on real scores).
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

/**
 * Stable LSD passes over `key` (DIGIT bits a pass, `passes` passes from bit 0) of positions
 * [from, to), carrying `other` and `order` along; every pass' histogram is counted in one read
 * up front, and passes where every key has the same digit are skipped. Returns the arrays
 * holding the result (the inputs or the scratch ones, which the caller swaps).
 */
function lsdPasses(key: Uint32Array, other: Uint32Array, order: Uint32Array, key2: Uint32Array, other2: Uint32Array, order2: Uint32Array, from: number, to: number, passes: number): [Uint32Array, Uint32Array, Uint32Array] {
  const counts = new Uint32Array(passes * BUCKETS);
  for (let i = from; i < to; i++) {
    const k = key[i]!;
    for (let p = 0; p < passes; p++) counts[p * BUCKETS + ((k >>> (p * DIGIT)) & MASK)]++;
  }
  const n = to - from;
  for (let p = 0; p < passes; p++) {
    const bit = p * DIGIT;
    const count = counts.subarray(p * BUCKETS, (p + 1) * BUCKETS);
    if (n === 0 || count[(key[from]! >>> bit) & MASK] === n) continue;
    let sum = from;
    for (let d = 0; d < BUCKETS; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = from; i < to; i++) {
      const k = key[i]!;
      const at = count[(k >>> bit) & MASK]!++;
      key2[at] = k;
      other2[at] = other[i]!;
      order2[at] = order[i]!;
    }
    [key, key2] = [key2, key];
    [other, other2] = [other2, other];
    [order, order2] = [order2, order];
  }
  return [key, other, order];
}

/** Runs of equal high words longer than this are sorted by radix passes, shorter ones by insertion. */
const SHORT_RUN = 32;

/**
 * Radix-sorts the rows by score; returns the row order and the sorted keys (high, low words).
 * Three passes over the high words (sign, exponent and 20 bits of mantissa) order almost every
 * real score set; the few runs of equal high words are then put in order by their low words
 * (usually they are ties: nothing to do).
 */
function radixSort(scores: Float64Array): { order: Uint32Array; hi: Uint32Array; lo: Uint32Array } {
  const n = scores.length;
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
  const hi0 = new Uint32Array(n);
  const lo0 = new Uint32Array(n);
  // Negatives flipped entirely, positives' sign bit set: unsigned order is numeric order.
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1]!;
    if (h & 0x80000000) {
      hi0[i] = ~h >>> 0;
      lo0[i] = ~bits[2 * i]! >>> 0;
    } else {
      hi0[i] = (h | 0x80000000) >>> 0;
      lo0[i] = bits[2 * i]!;
    }
  }
  const order0 = new Uint32Array(n);
  for (let i = 0; i < n; i++) order0[i] = i;
  const scratch = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)] as const;
  const [hi, lo, order] = lsdPasses(hi0, lo0, order0, scratch[0], scratch[1], scratch[2], 0, n, Math.ceil(32 / DIGIT));
  // The arrays not holding the result are free for the runs' passes.
  const spare = [hi0, lo0, order0, ...scratch].filter((a) => a !== hi && a !== lo && a !== order) as Uint32Array[];
  for (let i = 0; i < n; ) {
    let j = i + 1;
    let sorted = true;
    while (j < n && hi[j] === hi[i]) {
      if (lo[j]! < lo[j - 1]!) sorted = false;
      j++;
    }
    if (!sorted) {
      if (j - i <= SHORT_RUN) {
        // Stable insertion sort by low word.
        for (let k = i + 1; k < j; k++) {
          const l = lo[k]!;
          const o = order[k]!;
          let m = k - 1;
          while (m >= i && lo[m]! > l) {
            lo[m + 1] = lo[m]!;
            order[m + 1] = order[m]!;
            m--;
          }
          lo[m + 1] = l;
          order[m + 1] = o;
        }
      } else {
        const [l2, h2, o2] = lsdPasses(lo, hi, order, spare[0]!, spare[1]!, spare[2]!, i, j, Math.ceil(32 / DIGIT));
        if (l2 !== lo) {
          lo.set(l2.subarray(i, j), i);
          order.set(o2.subarray(i, j), i);
          hi.set(h2.subarray(i, j), i);
        }
      }
    }
    i = j;
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
