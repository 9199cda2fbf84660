/**
 * TensorBoard's scalar smoothing: a debiased exponential moving average, so a curve in the
 * dashboard looks exactly like the same curve at the same slider value in TensorBoard.
 *
 * The rule, as TensorBoard's `classicSmoothing` applies it (tensorflow/tensorboard,
 * tensorboard/webapp/widgets/line_chart_v2/data_transformer.ts, commit 412c86e5; the same
 * formula as the older vz_line_chart2/line-chart.ts):
 * - the weight is clamped to [0, 1]; a non-finite weight counts as 0;
 * - `last` starts at 0; for each finite value v: last = last·w + (1 − w)·v, numAccum += 1, and the
 *   smoothed value is last / debiasWeight with debiasWeight = 1 − w^numAccum (1 when w = 1);
 * - a non-finite value (NaN, ±Infinity) is shown as it is and neither updates `last` nor counts;
 * - a series whose values are all equal is shown unsmoothed (their issue #786: the division
 *   above would otherwise print 0.30000000000000004 for a constant 0.3).
 * Written here from that description; no code is taken from TensorBoard.
 */

/** Clamps a slider value the way TensorBoard does. */
export function clampSmoothingWeight(weight: number): number {
  return Number.isFinite(weight) ? Math.max(0, Math.min(1, weight)) : 0;
}

/** Smooths a whole series at once (the reference form; `EmaSmoother` gives the same numbers incrementally). */
export function smoothSeries(values: ArrayLike<number>, weight: number): Float64Array {
  const s = new EmaSmoother(weight);
  s.extend(values);
  return s.values();
}

/**
 * The debiased EMA of a growing series: `extend` takes the values appended since the last call,
 * so a live chart smooths each new point once instead of the whole series per frame. `values()`
 * is what `smoothSeries` returns for everything extended so far.
 */
export class EmaSmoother {
  readonly weight: number;
  private last = 0;
  private numAccum = 0;
  private out = new Float64Array(64);
  private length = 0;
  private first: number | undefined;
  private constant = true;
  /** 1 − w^numAccum has rounded to exactly 1: it stays 1 as w^numAccum only shrinks, so pow is skipped. */
  private debiasDone = false;

  constructor(weight: number) {
    this.weight = clampSmoothingWeight(weight);
  }

  /** Number of values smoothed so far. */
  get count(): number {
    return this.length;
  }

  /** Smooths `values` (from index `from`) as the continuation of the series. */
  extend(values: ArrayLike<number>, from = 0): void {
    const w = this.weight;
    const n = values.length;
    if (this.length + (n - from) > this.out.length) {
      let cap = this.out.length;
      while (cap < this.length + (n - from)) cap *= 2;
      const grown = new Float64Array(cap);
      grown.set(this.out.subarray(0, this.length));
      this.out = grown;
    }
    for (let i = from; i < n; i++) {
      const v = values[i]!;
      // TensorBoard compares with `==` against the first value, so NaN makes a series non-constant.
      if (this.length === 0 && i === from) {
        this.first = v;
        if (Number.isNaN(v)) this.constant = false;
      } else if (this.constant && !(v === this.first)) this.constant = false;
      if (!Number.isFinite(v)) {
        this.out[this.length++] = v;
        continue;
      }
      this.last = this.last * w + (1 - w) * v;
      this.numAccum++;
      let debiasWeight = 1;
      if (w !== 1 && !this.debiasDone) {
        debiasWeight = 1 - Math.pow(w, this.numAccum);
        this.debiasDone = debiasWeight === 1;
      }
      this.out[this.length++] = this.last / debiasWeight;
    }
  }

  /** True while every value so far equals the first (the series is then shown unsmoothed). */
  get isConstant(): boolean {
    return this.constant;
  }

  /** The smoothed value at `i`, or the raw one when the series is constant (see the header). */
  valueAt(i: number, raw: ArrayLike<number>): number {
    return this.constant ? raw[i]! : this.out[i]!;
  }

  /** A copy of the smoothed series (the raw values when the series is constant, as TensorBoard shows it). */
  values(): Float64Array {
    if (this.constant && this.length > 0) return new Float64Array(this.length).fill(this.first!);
    return this.out.slice(0, this.length);
  }

  /** The smoothed values without copying (valid until the next `extend`); check `isConstant` first. */
  view(): Float64Array {
    return this.out.subarray(0, this.length);
  }
}
