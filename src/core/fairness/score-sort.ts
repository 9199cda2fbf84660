/**
 * Rows sorted by score, once per table, for ROC AUC and score bins. An LSD radix sort of
 * (key, row) pairs over the order-preserving 64-bit image of each double: the high 32 bits first
 * (only the bits where the keys differ, at most 13 a pass), then the low ones only inside runs of
 * equal high bits: 2 passes on real scores where a plain 11-bit LSD sort of the 64 bits takes 6.
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

/** Widest digit of a pass: 2^13 buckets still keep the scatter cache-friendly. */
const MAX_DIGIT = 13;

/**
 * Stable LSD passes over `key` of positions [from, to), carrying `other` and `order` along.
 * Keys are taken relative to their minimum, so only the bits where they differ are sorted:
 * real scores (say, in [1e-6, 1]) differ in ~25 of the high word's 32 bits, which is two
 * passes of 13 bits instead of three of 11. Every pass' histogram is counted in one read up
 * front, and passes where every key has the same digit are skipped. Returns the arrays
 * holding the result (the inputs or the scratch ones, which the caller swaps).
 */
function lsdPasses(key: Uint32Array, other: Uint32Array, order: Uint32Array, key2: Uint32Array, other2: Uint32Array, order2: Uint32Array, from: number, to: number): [Uint32Array, Uint32Array, Uint32Array] {
  const n = to - from;
  if (n <= 1) return [key, other, order];
  let min = key[from]!;
  let max = min;
  for (let i = from + 1; i < to; i++) {
    const k = key[i]!;
    if (k < min) min = k;
    else if (k > max) max = k;
  }
  const bits = 32 - Math.clz32((max - min) >>> 0);
  if (bits === 0) return [key, other, order];
  const passes = Math.ceil(bits / MAX_DIGIT);
  const digit = Math.ceil(bits / passes);
  const buckets = 1 << digit;
  const mask = buckets - 1;
  const counts = new Uint32Array(passes * buckets);
  for (let i = from; i < to; i++) {
    const k = (key[i]! - min) >>> 0;
    for (let p = 0; p < passes; p++) counts[p * buckets + ((k >>> (p * digit)) & mask)]++;
  }
  for (let p = 0; p < passes; p++) {
    const bit = p * digit;
    const count = counts.subarray(p * buckets, (p + 1) * buckets);
    if (count[(((key[from]! - min) >>> 0) >>> bit) & mask] === n) continue;
    let sum = from;
    for (let d = 0; d < buckets; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = from; i < to; i++) {
      const k = key[i]!;
      const at = count[(((k - min) >>> 0) >>> bit) & mask]!++;
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
 * Passes over the high words (sign, exponent and 20 bits of mantissa) order almost every real
 * score set; the few runs of equal high words are then put in order by their low words
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
  const [hi, lo, order] = lsdPasses(hi0, lo0, order0, scratch[0], scratch[1], scratch[2], 0, n);
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
        const [l2, h2, o2] = lsdPasses(lo, hi, order, spare[0]!, spare[1]!, spare[2]!, i, j);
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
