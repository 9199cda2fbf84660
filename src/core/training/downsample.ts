/**
 * Per-pixel downsampling of a line series (M4: Jugel et al., "M4: A Visualization-Oriented Time
 * Series Data Aggregation", VLDB 2014). For each pixel column it keeps the first, the lowest, the
 * highest and the last point that falls in it; a line through those is drawn with the same pixels
 * as a line through every point, so a million-point series costs at most four points per pixel.
 * Pure and DOM-free: the webview and the benchmarks use it alike.
 */

export interface DownsampleOptions {
  /** Pixel columns (buckets) across the x domain; at least 1. */
  buckets: number;
  /** The x domain; defaults to the finite extent of `x`. Points outside it are left out. */
  x0?: number;
  x1?: number;
  /** Only points [from, to) are considered (default: all). */
  from?: number;
  to?: number;
}

/** The finite [min, max] of `values` over [from, to), or undefined when none is finite. */
export function finiteExtent(values: ArrayLike<number>, from = 0, to = values.length): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue; // NaN and ±Infinity
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** The bucket of `x` among `buckets` equal-width columns over [x0, x1] (x1 itself is in the last one). */
export function bucketOf(x: number, x0: number, x1: number, buckets: number): number {
  if (x1 <= x0) return 0;
  const b = Math.floor(((x - x0) / (x1 - x0)) * buckets);
  return b >= buckets ? buckets - 1 : b;
}

/**
 * Indices of the points to draw: per bucket (left to right) the first, lowest, highest and last
 * point, each once, in index order. Points whose x or y is not finite are skipped. Ties go to the
 * earliest point. O(n + buckets) time, O(buckets) memory.
 */
export function downsampleM4(x: ArrayLike<number>, y: ArrayLike<number>, options: DownsampleOptions): Uint32Array {
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? x.length, x.length, y.length);
  const buckets = Math.max(1, Math.floor(options.buckets));
  let x0 = options.x0;
  let x1 = options.x1;
  if (x0 === undefined || x1 === undefined) {
    const extent = finiteExtent(x, from, to);
    if (!extent) return new Uint32Array(0);
    x0 ??= extent[0];
    x1 ??= extent[1];
  }
  const first = new Int32Array(buckets).fill(-1);
  const last = new Int32Array(buckets);
  const lowest = new Int32Array(buckets);
  const highest = new Int32Array(buckets);
  const span = x1 - x0;
  for (let i = from; i < to; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    // One test for both: NaN and ±Infinity fail `v - v === 0`.
    if (xi - xi !== 0 || yi - yi !== 0 || xi < x0 || xi > x1) continue;
    // The same arithmetic as bucketOf (inlined: this loop runs a million times per frame).
    let b = span > 0 ? Math.floor(((xi - x0) / span) * buckets) : 0;
    if (b >= buckets) b = buckets - 1;
    if (first[b] === -1) {
      first[b] = i;
      lowest[b] = i;
      highest[b] = i;
    } else {
      if (yi < y[lowest[b]!]!) lowest[b] = i;
      if (yi > y[highest[b]!]!) highest[b] = i;
    }
    last[b] = i;
  }
  const out = new Uint32Array(Math.min(4 * buckets, Math.max(0, to - from)));
  let n = 0;
  const picked = [0, 0, 0, 0];
  for (let b = 0; b < buckets; b++) {
    if (first[b] === -1) continue;
    picked[0] = first[b]!;
    picked[1] = lowest[b]!;
    picked[2] = highest[b]!;
    picked[3] = last[b]!;
    // Four numbers: a tiny insertion sort, then each distinct index once.
    for (let i = 1; i < 4; i++) {
      const v = picked[i]!;
      let j = i - 1;
      while (j >= 0 && picked[j]! > v) {
        picked[j + 1] = picked[j]!;
        j--;
      }
      picked[j + 1] = v;
    }
    for (let i = 0; i < 4; i++) if (i === 0 || picked[i] !== picked[i - 1]) out[n++] = picked[i]!;
  }
  return out.slice(0, n);
}
