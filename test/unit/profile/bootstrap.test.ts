import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { sampleBinomial, sampleMultinomial } from '../../../src/core/profile/binomial-sampler';
import { bootstrapGroups, percentileInterval } from '../../../src/core/profile/bootstrap-intervals';
import { createSeededRandom } from '../../../src/core/profile/seeded-random';

describe('seeded random', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(Array.from({ length: 5 }, () => b.next()), xs);
    assert.notDeepEqual(Array.from({ length: 5 }, () => c.next()), xs);
    for (const x of xs) assert.ok(x > 0 && x < 1);
  });
});

describe('binomial sampler', () => {
  // Mean and variance over 20,000 draws must sit within 5 standard errors of n·p and n·p·(1−p),
  // for draws that take the inversion path (small n·p) and the splitting path (large n·p).
  for (const [n, p] of [
    [10, 0.5],
    [50, 0.2],
    [1000, 0.3],
    [1_000_000, 0.01],
    [200, 0.97],
  ] as const) {
    it(`Binomial(${n}, ${p}) has the right mean and variance`, () => {
      const rng = createSeededRandom(7);
      const N = 20_000;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < N; i++) {
        const x = sampleBinomial(rng, n, p);
        assert.ok(Number.isInteger(x) && x >= 0 && x <= n);
        sum += x;
        sq += x * x;
      }
      const mean = sum / N;
      const variance = sq / N - mean * mean;
      const v = n * p * (1 - p);
      assert.ok(Math.abs(mean - n * p) < 5 * Math.sqrt(v / N), `mean ${mean} vs ${n * p}`);
      // The variance of a sample variance is about 2v²/N for near-normal counts.
      assert.ok(Math.abs(variance - v) < 5 * v * Math.sqrt(2 / N) + 0.05, `variance ${variance} vs ${v}`);
    });
  }

  it('handles the edges: n = 0, p = 0, p = 1', () => {
    const rng = createSeededRandom(1);
    assert.equal(sampleBinomial(rng, 0, 0.5), 0);
    assert.equal(sampleBinomial(rng, 10, 0), 0);
    assert.equal(sampleBinomial(rng, 10, 1), 10);
  });

  it('multinomial draws always sum to n', () => {
    const rng = createSeededRandom(3);
    for (let i = 0; i < 200; i++) {
      const draw = sampleMultinomial(rng, 12345, [0.5, 0.3, 0.15, 0.05, 0]);
      assert.equal(draw.reduce((a, b) => a + b, 0), 12345);
      assert.equal(draw[4], 0);
    }
  });
});

describe('bootstrap intervals', () => {
  const settings = { resamples: 1000, seed: 42, confidence: 0.95 };
  const groups = [
    { count: 600, labelled: 600, positives: 180 },
    { count: 300, labelled: 290, positives: 58 },
    { count: 100, labelled: 100, positives: 50 },
  ];

  it('percentile interval interpolates like numpy.percentile', () => {
    // python3 -c "import numpy as np; print(np.percentile(range(1,11),[2.5,97.5]))" → [1.225 9.775]
    const [lo, hi] = percentileInterval(Float64Array.from([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), 0.95);
    assert.ok(Math.abs(lo - 1.225) < 1e-12 && Math.abs(hi - 9.775) < 1e-12);
  });

  it('is deterministic: the same seed gives the same intervals', () => {
    assert.deepEqual(bootstrapGroups(groups, settings, 'sex'), bootstrapGroups(groups, settings, 'sex'));
    assert.notDeepEqual(bootstrapGroups(groups, { ...settings, seed: 7 }, 'sex'), bootstrapGroups(groups, settings, 'sex'));
  });

  it('contains the point estimates and has about the binomial width', () => {
    const r = bootstrapGroups(groups, settings, 'sex');
    groups.forEach((g, i) => {
      const share = g.count / 1000;
      const rate = g.positives / g.labelled;
      const [slo, shi] = r.share[i]!;
      const [rlo, rhi] = r.rate[i]!;
      assert.ok(slo <= share && share <= shi, `share ${share} in [${slo}, ${shi}]`);
      assert.ok(rlo <= rate && rate <= rhi, `rate ${rate} in [${rlo}, ${rhi}]`);
      // A 95% interval is about ±1.96·SE wide; allow 25% either way for resampling noise.
      const se = Math.sqrt((share * (1 - share)) / 1000);
      assert.ok(Math.abs(shi - slo - 2 * 1.96 * se) < 0.25 * 2 * 1.96 * se, `width ${shi - slo} vs ${2 * 1.96 * se}`);
    });
  });

  it('1000 resamples of 100 groups of a million rows take well under a second', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ count: 5000 + 100 * i, labelled: 5000 + 100 * i, positives: 1000 + 10 * i }));
    const started = performance.now();
    bootstrapGroups(many, settings, 'speed');
    const ms = performance.now() - started;
    assert.ok(ms < 5000, `${ms} ms`); // generous for busy CI machines; typically ~0.2 s
  });

  it('gives no intervals with 0 resamples', () => {
    const r = bootstrapGroups(groups, { ...settings, resamples: 0 }, 'sex');
    assert.deepEqual(r.rate, [undefined, undefined, undefined]);
  });
});
