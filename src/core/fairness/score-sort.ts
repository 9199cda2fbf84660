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
 * Stable LSD passes over elements [from, to) of `items`: (high word, low word, row) triples,
 * sorted by the word at `keyAt` (0 high, 1 low), through `spare` (same size). A triple travels
 * as one 12-byte record, so a pass writes one stream per bucket, not three. Keys are taken
 * relative to their minimum, so only the bits where they differ are sorted: real scores (say,
 * in [1e-6, 1]) differ in ~25 of the high word's 32 bits, which is two passes of 13 bits
 * instead of three of 11. Every pass' histogram is counted in one read up front, and passes
 * where every key has the same digit are skipped. Returns the array holding the result.
 */
function lsdPasses(items: Uint32Array, spare: Uint32Array, from: number, to: number, keyAt: number): Uint32Array {
  const n = to - from;
  if (n <= 1) return items;
  let min = items[3 * from + keyAt]!;
  let max = min;
  for (let i = from + 1; i < to; i++) {
    const k = items[3 * i + keyAt]!;
    if (k < min) min = k;
    else if (k > max) max = k;
  }
  const bits = 32 - Math.clz32((max - min) >>> 0);
  if (bits === 0) return items;
  const passes = Math.ceil(bits / MAX_DIGIT);
  const digit = Math.ceil(bits / passes);
  const buckets = 1 << digit;
  const mask = buckets - 1;
  const counts = new Uint32Array(passes * buckets);
  for (let i = from; i < to; i++) {
    const k = (items[3 * i + keyAt]! - min) >>> 0;
    for (let p = 0; p < passes; p++) counts[p * buckets + ((k >>> (p * digit)) & mask)]++;
  }
  let src = items;
  let dst = spare;
  for (let p = 0; p < passes; p++) {
    const bit = p * digit;
    const count = counts.subarray(p * buckets, (p + 1) * buckets);
    if (count[(((src[3 * from + keyAt]! - min) >>> 0) >>> bit) & mask] === n) continue;
    let sum = from;
    for (let d = 0; d < buckets; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 3 * from, end = 3 * to; i < end; i += 3) {
      const at = 3 * count[(((src[i + keyAt]! - min) >>> 0) >>> bit) & mask]!++;
      dst[at] = src[i]!;
      dst[at + 1] = src[i + 1]!;
      dst[at + 2] = src[i + 2]!;
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/** Runs of equal high words longer than this are sorted by radix passes, shorter ones by insertion. */
const SHORT_RUN = 32;

/**
 * Radix-sorts the rows by score: (high word, low word, row) triples of the order-preserving
 * 64-bit image of each score, in increasing order. Passes over the high words (sign, exponent
 * and 20 bits of mantissa) order almost every real score set; the few runs of equal high words
 * are then put in order by their low words (usually they are ties: nothing to do).
 */
function radixSort(scores: Float64Array): Uint32Array {
  const n = scores.length;
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
  const first = new Uint32Array(3 * n);
  // Negatives flipped entirely, positives' sign bit set: unsigned order is numeric order.
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1]!;
    if (h & 0x80000000) {
      first[3 * i] = ~h >>> 0;
      first[3 * i + 1] = ~bits[2 * i]! >>> 0;
    } else {
      first[3 * i] = (h | 0x80000000) >>> 0;
      first[3 * i + 1] = bits[2 * i]!;
    }
    first[3 * i + 2] = i;
  }
  const second = new Uint32Array(3 * n);
  const items = lsdPasses(first, second, 0, n, 0);
  const spare = items === first ? second : first;
  for (let i = 0; i < n; ) {
    const h = items[3 * i]!;
    let j = i + 1;
    let sorted = true;
    while (j < n && items[3 * j] === h) {
      if (items[3 * j + 1]! < items[3 * j - 2]!) sorted = false;
      j++;
    }
    if (!sorted) {
      if (j - i <= SHORT_RUN) {
        // Stable insertion sort by low word (the high word is the run's).
        for (let k = i + 1; k < j; k++) {
          const l = items[3 * k + 1]!;
          const row = items[3 * k + 2]!;
          let m = k - 1;
          while (m >= i && items[3 * m + 1]! > l) {
            items[3 * m + 4] = items[3 * m + 1]!;
            items[3 * m + 5] = items[3 * m + 2]!;
            m--;
          }
          items[3 * m + 4] = l;
          items[3 * m + 5] = row;
        }
      } else {
        const result = lsdPasses(items, spare, i, j, 1);
        if (result !== items) items.set(result.subarray(3 * i, 3 * j), 3 * i);
      }
    }
    i = j;
  }
  return items;
}

/** Row indexes in increasing score order (stable; ties adjacent). */
export function scoreOrder(scores: Float64Array): Uint32Array {
  const items = radixSort(scores);
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = items[3 * i + 2]!;
  return order;
}

/** Sorts the rows by score and copies scores, labels and weights into that order. */
export function sortByScore(scores: Float64Array, yTrue: Uint8Array, weights?: Float64Array): SortedScores {
  const items = radixSort(scores);
  const n = scores.length;
  const order = new Uint32Array(n);
  const sorted = new Float64Array(n);
  const bits = new Uint32Array(sorted.buffer);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const h = items[3 * i]!;
    const l = items[3 * i + 1]!;
    const r = items[3 * i + 2]!;
    if (h & 0x80000000) {
      bits[2 * i + 1] = (h & 0x7fffffff) >>> 0;
      bits[2 * i] = l;
    } else {
      bits[2 * i + 1] = ~h >>> 0;
      bits[2 * i] = ~l >>> 0;
    }
    order[i] = r;
    y[i] = yTrue[r]!;
  }
  let w: Float64Array | undefined;
  if (weights) {
    w = new Float64Array(n);
    for (let i = 0; i < n; i++) w[i] = weights[order[i]!]!;
  }
  return { order, scores: sorted, yTrue: y, ...(w ? { weights: w } : {}) };
}
