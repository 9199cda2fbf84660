// From a series' columns to the few points a chart draws: the chosen x column, the smoothed or
// raw values, and per-pixel downsampling (src/core/training/downsample.ts) over the chart's x
// domain. DOM-free, so the benchmark measures exactly this.
import { downsampleM4, finiteExtent } from '../../src/core/training/downsample';
import type { SeriesColumns } from '../../src/core/training/metric-columns';
import type { XAxis } from '../../src/protocol/training-dashboard-protocol';

/** The x values of a series on an axis, before the offset of "time since start" is taken off. */
export function xColumn(s: SeriesColumns, axis: XAxis): Float64Array {
  return axis === 'step' ? s.step : axis === 'epoch' ? s.epoch : s.wallTime;
}

/** The finite x extent of a series on an axis (relative time: seconds after `origin`). */
export function xExtent(s: SeriesColumns, axis: XAxis, origin = 0): [number, number] | undefined {
  const e = finiteExtent(xColumn(s, axis));
  return e && axis === 'relative' ? [e[0] - origin, e[1] - origin] : e;
}

export interface Drawn {
  x: Float64Array;
  y: Float64Array;
}

/**
 * The points to draw of `y` against the series' x on `axis`: at most four per pixel column of the
 * domain [x0, x1] (already relative for 'relative'), y ≤ 0 left out on a log scale.
 */
export function drawnPoints(
  s: SeriesColumns,
  y: Float64Array,
  opts: { axis: XAxis; origin: number; x0: number; x1: number; buckets: number; logScale: boolean; downsample?: boolean },
): Drawn {
  const xs = xColumn(s, opts.axis);
  const shift = opts.axis === 'relative' ? opts.origin : 0;
  const n = Math.min(xs.length, y.length);
  let idx: ArrayLike<number>;
  if (opts.downsample === false) {
    const all: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(xs[i]!) && Number.isFinite(y[i]!)) all.push(i);
    idx = all;
  } else {
    // The M4 buckets of x − origin over [x0, x1] are those of x over [x0 + origin, x1 + origin].
    idx = downsampleM4(xs, y, { buckets: opts.buckets, x0: opts.x0 + shift, x1: opts.x1 + shift, to: n });
  }
  const x = new Float64Array(idx.length);
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    x[k] = xs[i]! - shift;
    const v = y[i]!;
    out[k] = opts.logScale && !(v > 0) ? NaN : v;
  }
  return { x, y: out };
}
