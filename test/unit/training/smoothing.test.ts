import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { clampSmoothingWeight, EmaSmoother, smoothSeries } from '../../../src/core/training/smoothing';

const close = (actual: ArrayLike<number>, expected: number[], what = 'smoothed') => {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) || !Number.isFinite(e)) assert.ok(Object.is(a, e), `${what}[${i}]: ${a} vs ${e}`);
    else assert.ok(Math.abs(a - e) <= 1e-12 * Math.max(1, Math.abs(e)), `${what}[${i}]: ${a} vs ${e}`);
  }
};

describe('TensorBoard smoothing (debiased EMA)', () => {
  it('matches values worked out by hand', () => {
    // w = 0.5: last = 0.5, 1.25, 2.125; debias = 1 − 0.5^k = 0.5, 0.75, 0.875 → 1, 5/3, 17/7.
    close(smoothSeries([1, 2, 3], 0.5), [1, 5 / 3, 17 / 7]);
    // w = 0.9 on [10, 0]: last = 1, 0.9; debias 0.1, 0.19 → 10, 90/19.
    close(smoothSeries([10, 0], 0.9), [10, 0.9 / 0.19]);
    // w = 0.6 on [2, 4, 4, 1]: last = 0.8, 2.08, 2.848, 2.1088; debias 0.4, 0.64, 0.784, 0.8704.
    close(smoothSeries([2, 4, 4, 1], 0.6), [2, 2.08 / 0.64, 2.848 / 0.784, 2.1088 / 0.8704]);
  });

  it('shows non-finite values as they are and leaves them out of the average and of the count', () => {
    // [1, NaN, 3] at 0.5: 1; NaN; last = 0.25 + 1.5 = 1.75 over 1 − 0.5² = 0.75 → 7/3.
    close(smoothSeries([1, NaN, 3], 0.5), [1, NaN, 7 / 3]);
    // Infinity first: passed through; the 2 is then the first counted value → 2.
    close(smoothSeries([Infinity, 2, -Infinity], 0.5), [Infinity, 2, -Infinity]);
    close(smoothSeries([NaN], 0.5), [NaN]);
  });

  it('leaves a constant series exactly as it is (TensorBoard issue #786)', () => {
    const out = smoothSeries([0.3, 0.3, 0.3, 0.3], 0.9);
    assert.deepEqual([...out], [0.3, 0.3, 0.3, 0.3]);
    // Without the rule the division leaves a rounding error on at least one point.
    let last = 0;
    const raw = [0.3, 0.3, 0.3, 0.3].map((v, i) => ((last = last * 0.9 + 0.1 * v), last / (1 - 0.9 ** (i + 1))));
    assert.ok(raw.some((v) => v !== 0.3), 'the rule matters for this series');
  });

  it('is the identity at 0, and flat zero at 1 (no debiasing then), clamping the weight like TensorBoard', () => {
    close(smoothSeries([3, 1, 4, 1, 5], 0), [3, 1, 4, 1, 5]);
    close(smoothSeries([3, 1, 4], 1), [0, 0, 0]);
    assert.equal(clampSmoothingWeight(1.5), 1);
    assert.equal(clampSmoothingWeight(-0.2), 0);
    assert.equal(clampSmoothingWeight(NaN), 0);
    assert.equal(clampSmoothingWeight(0.999), 0.999);
    close(smoothSeries([3, 1], NaN), [3, 1]);
  });

  it('gives the same numbers when fed in pieces as the whole series at once', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const values = Array.from({ length: 2000 }, (_, i) => (i % 97 === 0 ? NaN : Math.exp(-i / 500) + rand() * 0.2));
    for (const w of [0, 0.3, 0.9, 0.999]) {
      const whole = smoothSeries(values, w);
      const s = new EmaSmoother(w);
      for (let at = 0; at < values.length; ) {
        const to = Math.min(values.length, at + 1 + Math.floor(rand() * 50));
        s.extend(values.slice(0, to), at);
        at = to;
      }
      assert.equal(s.count, values.length);
      assert.deepEqual([...s.values()].map(String), [...whole].map(String), `w = ${w}`);
    }
  });

  it('notices a constant series turning non-constant, and keeps the EMA for its first part', () => {
    const s = new EmaSmoother(0.5);
    s.extend([2, 2]);
    assert.equal(s.isConstant, true);
    s.extend([2, 2, 2, 6], 2);
    assert.equal(s.isConstant, false);
    // last = 1, 1.5, 1.75 (debiased: 1/0.5, 1.5/0.75, 1.75/0.875 = 2), then 0.875 + 3 = 3.875 over 1 − 1/16.
    close(s.values(), [2, 2, 2, 3.875 / 0.9375]);
    assert.equal(s.valueAt(3, [2, 2, 2, 6]), s.values()[3]);
  });

  it('matches the formula bit for bit over a long series (the pow it skips once 1 − w^k is exactly 1 changes nothing)', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 100) + (i % 7) / 10);
    for (const w of [0.3, 0.9, 0.999]) {
      const got = smoothSeries(values, w);
      let last = 0;
      let mismatches = 0;
      for (let i = 0; i < values.length; i++) {
        last = last * w + (1 - w) * values[i]!;
        if (got[i] !== last / (1 - Math.pow(w, i + 1))) mismatches++;
      }
      assert.equal(mismatches, 0, `w = ${w}`);
    }
  });
});
