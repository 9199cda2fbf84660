import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { bucketOf, downsampleM4, finiteExtent } from '../../../src/core/training/downsample';

/**
 * The straightforward reading of "first, lowest, highest and last point per pixel column": for
 * every bucket, scan every point, collect the finite ones that fall in it, and pick. O(n·buckets).
 */
function reference(x: number[], y: number[], buckets: number, x0?: number, x1?: number): number[] {
  const finite = x.map((_, i) => i).filter((i) => Number.isFinite(x[i]) && Number.isFinite(y[i]));
  if (finite.length === 0) return [];
  // The default domain is the extent of the finite x values (whatever their y).
  const xs = x.filter((v) => Number.isFinite(v));
  const lo = x0 ?? Math.min(...xs);
  const hi = x1 ?? Math.max(...xs);
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const inBucket = finite.filter((i) => x[i]! >= lo && x[i]! <= hi && bucketOf(x[i]!, lo, hi, buckets) === b);
    if (inBucket.length === 0) continue;
    let min = inBucket[0]!;
    let max = inBucket[0]!;
    for (const i of inBucket) {
      if (y[i]! < y[min]!) min = i;
      if (y[i]! > y[max]!) max = i;
    }
    out.push(...[...new Set([inBucket[0]!, min, max, inBucket[inBucket.length - 1]!])].sort((a, b) => a - b));
  }
  return out;
}

function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
}

describe('per-pixel downsampling (M4)', () => {
  it('keeps first, lowest, highest and last of each column — a worked example', () => {
    // x 0…7 in 2 buckets over [0, 7]: bucket 0 holds x < 3.5 (i 0–3), bucket 1 the rest.
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = [5, 9, 1, 4, 2, 2, 8, 3];
    // Bucket 0: first 0, min 2 (y 1), max 1 (y 9), last 3 → 0 1 2 3. Bucket 1: first 4, min 4
    // (y 2, the earliest of the tie), max 6, last 7 → 4 6 7.
    assert.deepEqual([...downsampleM4(x, y, { buckets: 2 })], [0, 1, 2, 3, 4, 6, 7]);
    // One bucket: first 0, min 2, max 1, last 7.
    assert.deepEqual([...downsampleM4(x, y, { buckets: 1 })], [0, 1, 2, 7]);
  });

  it('equals the straightforward implementation on random series (NaN, Infinity, ties, unordered x, explicit domains)', () => {
    const rand = rng(42);
    for (let trial = 0; trial < 300; trial++) {
      const n = Math.floor(rand() * 400);
      const ordered = rand() < 0.7;
      const x = Array.from({ length: n }, (_, i) => (ordered ? i * (rand() < 0.1 ? 0 : 1) + Math.floor(i / 3) : Math.floor(rand() * 50)));
      if (ordered) x.sort((a, b) => a - b);
      const y = Array.from({ length: n }, () => {
        const r = rand();
        return r < 0.03 ? NaN : r < 0.04 ? Infinity : r < 0.05 ? -Infinity : Math.round(rand() * 20) / 2;
      });
      if (n > 5 && rand() < 0.2) x[2] = NaN;
      const buckets = 1 + Math.floor(rand() * 60);
      const domain = rand() < 0.3 ? { x0: 10, x1: 30 } : {};
      const got = [...downsampleM4(x, y, { buckets, ...domain })];
      assert.deepEqual(got, reference(x, y, buckets, domain.x0, domain.x1), `trial ${trial}: n=${n} buckets=${buckets}`);
    }
  });

  it('keeps each column\'s envelope: per bucket, the kept points have the same min and max as all points', () => {
    const rand = rng(3);
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 1000) + rand());
    const idx = downsampleM4(x, y, { buckets: 500 });
    assert.ok(idx.length <= 2000 && idx.length >= 1000, `${idx.length} points kept`);
    const env = (indices: Iterable<number>) => {
      const m = new Map<number, [number, number]>();
      for (const i of indices) {
        const b = bucketOf(x[i]!, 0, n - 1, 500);
        const e = m.get(b) ?? [Infinity, -Infinity];
        m.set(b, [Math.min(e[0], y[i]!), Math.max(e[1], y[i]!)]);
      }
      return m;
    };
    assert.deepEqual(env(idx), env(x.keys()));
    assert.equal(idx[0], 0, 'the first point is kept');
    assert.equal(idx[idx.length - 1], n - 1, 'the last point is kept');
  });

  it('handles the edges: empty, all non-finite, one point, a zero-width domain, a window [from, to)', () => {
    assert.deepEqual([...downsampleM4([], [], { buckets: 10 })], []);
    assert.deepEqual([...downsampleM4([1, 2], [NaN, NaN], { buckets: 10 })], []);
    assert.deepEqual([...downsampleM4([5], [1], { buckets: 10 })], [0]);
    assert.deepEqual([...downsampleM4([5, 5, 5], [1, 3, 2], { buckets: 10 })], [0, 1, 2]);
    assert.deepEqual([...downsampleM4([0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5], { buckets: 1, from: 2, to: 5 })], [2, 4]);
    assert.deepEqual(finiteExtent([NaN, 3, -Infinity, 1, Infinity]), [1, 3]);
    assert.equal(finiteExtent([NaN]), undefined);
  });
});
