/**
 * Seeded percentile-bootstrap intervals for every by-group value, overall value, aggregate and
 * named fairness metric, without touching rows. Fairlearn's bootstrap resamples N rows with
 * replacement; the resampled rows per (finest group × confusion cell) are then
 * Multinomial(N, observed cell shares), which is what we draw: one multinomial over the cube
 * per resample (cost independent of N), marginalised into every analysis so that all analyses
 * of a resample describe the same resampled data. A group absent from a resample is skipped
 * (Fairlearn's nanquantile). With weights, each resampled row carries its cell's mean weight.
 * roc_auc gets no interval: it needs the scores, not the counts.
 */
import { sampleMultinomial } from '../profile/binomial-sampler';
import { createSeededRandom } from '../profile/seeded-random';
import { aggregate, fairnessMetrics } from './disparities';
import type { AnalysisIntervals, FairnessMetricName, GroupMetricName, Interval } from './fairness-types';
import { groupLabel, groupRecord, sumCells, sumPerGroup, type CountCube, type Marginal } from './group-cube';
import { COUNT_METRICS, COUNT_METRIC_COUNT, countMetricMatrix, fillCountMetrics, M } from './group-metrics';

export interface BootstrapSettings {
  n_boot: number;
  seed: number;
  /** Lower and upper quantile, default [0.025, 0.975]. */
  quantiles: [number, number];
  signal?: AbortSignal;
}

const FM_COUNT = 8;
const AGG_COUNT = 6;

/** Linear-interpolated quantile of sorted values (NumPy's default method). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The interval of `samples[offset … offset+R)`, NaN skipped; undefined when all are NaN. */
function interval(samples: Float64Array, offset: number, R: number, q: [number, number], scratch: Float64Array): Interval | undefined {
  let n = 0;
  for (let r = 0; r < R; r++) {
    const v = samples[offset + r]!;
    if (!Number.isNaN(v)) scratch[n++] = v;
  }
  if (n === 0) return undefined;
  const s = scratch.subarray(0, n).sort();
  return [quantileSorted(s, q[0]), quantileSorted(s, q[1])];
}

/** Bootstrap intervals for each analysis (one per marginal, in order). */
export function bootstrapAnalyses(cube: CountCube, marginals: readonly Marginal[], settings: BootstrapSettings): AnalysisIntervals[] {
  const R = Math.floor(settings.n_boot);
  const G = cube.groups;
  const rowsPerCell = cube.cellRows ?? cube.cells;
  let N = 0;
  for (let i = 0; i < rowsPerCell.length; i++) N += rowsPerCell[i]!;
  // Only cells that hold rows can be drawn.
  const live: number[] = [];
  for (let c = 0; c < rowsPerCell.length; c++) if (rowsPerCell[c]! > 0) live.push(c);
  const probs = Float64Array.from(live, (c) => rowsPerCell[c]! / N);
  const meanWeight = Float64Array.from(live, (c) => (cube.cellRows ? cube.cells[c]! / cube.cellRows[c]! : 1));
  const draw = new Float64Array(live.length);
  const fineCells = new Float64Array(G * 4);
  const fineCount = new Float64Array(G);
  const rng = createSeededRandom(settings.seed);

  const K = COUNT_METRIC_COUNT;
  const per = marginals.map((m) => ({
    m,
    cells: new Float64Array(m.groups * 4),
    counts: new Float64Array(m.groups),
    metrics: new Float64Array(m.groups * K),
    overall: new Float64Array(K * R),
    byGroup: new Float64Array(m.groups * K * R),
    agg: new Float64Array(AGG_COUNT * K * R),
    fm: new Float64Array(2 * FM_COUNT * R),
  }));
  const overallVec = new Float64Array(K);

  for (let r = 0; r < R; r++) {
    if ((r & 63) === 0) settings.signal?.throwIfAborted();
    if (N > 0) sampleMultinomial(rng, N, probs, draw);
    fineCells.fill(0);
    fineCount.fill(0);
    for (let i = 0; i < live.length; i++) {
      const c = live[i]!;
      fineCells[c] = draw[i]! * meanWeight[i]!;
      fineCount[c >> 2] += draw[i]!;
    }
    for (const p of per) {
      const Ga = p.m.groups;
      sumCells(p.m, fineCells, p.cells);
      sumPerGroup(p.m, fineCount, p.counts);
      countMetricMatrix(p.cells, Ga, p.metrics);
      let tp = 0;
      let fp = 0;
      let tn = 0;
      let fn = 0;
      for (let g = 0; g < Ga; g++) {
        tp += p.cells[4 * g]!;
        fp += p.cells[4 * g + 1]!;
        tn += p.cells[4 * g + 2]!;
        fn += p.cells[4 * g + 3]!;
        // A group the resample did not draw has no value in it.
        if (p.counts[g] === 0) p.metrics.fill(Number.NaN, g * K, (g + 1) * K);
      }
      fillCountMetrics(tp, fp, tn, fn, overallVec);
      for (let k = 0; k < K; k++) {
        p.overall[k * R + r] = overallVec[k]!;
        for (let g = 0; g < Ga; g++) p.byGroup[(g * K + k) * R + r] = p.metrics[g * K + k]!;
      }
      const aggs = COUNT_METRICS.map((_, k) => aggregate(p.metrics, Ga, overallVec[k]!, K, k));
      aggs.forEach((a, k) => {
        const vals = [a.min, a.max, a.differenceBetween, a.differenceToOverall, a.ratioBetween, a.ratioToOverall];
        vals.forEach((v, j) => (p.agg[(j * K + k) * R + r] = v));
      });
      const sel = aggs[M.selection_rate]!;
      const tpr = aggs[M.true_positive_rate]!;
      const fpr = aggs[M.false_positive_rate]!;
      const between = fairnessMetrics({
        selectionRate: { difference: sel.differenceBetween, ratio: sel.ratioBetween },
        truePositiveRate: { difference: tpr.differenceBetween, ratio: tpr.ratioBetween },
        falsePositiveRate: { difference: fpr.differenceBetween, ratio: fpr.ratioBetween },
      });
      const toOverall = fairnessMetrics({
        selectionRate: { difference: sel.differenceToOverall, ratio: sel.ratioToOverall },
        truePositiveRate: { difference: tpr.differenceToOverall, ratio: tpr.ratioToOverall },
        falsePositiveRate: { difference: fpr.differenceToOverall, ratio: fpr.ratioToOverall },
      });
      Object.values(between).forEach((v, j) => (p.fm[j * R + r] = v));
      Object.values(toOverall).forEach((v, j) => (p.fm[(FM_COUNT + j) * R + r] = v));
    }
  }

  const scratch = new Float64Array(R);
  const q = settings.quantiles;
  return per.map((p) => {
    const attrs = p.m.attributes.map((a) => cube.attributes[a]!);
    const metricSet = (samples: Float64Array, base: number): Partial<Record<GroupMetricName, Interval>> => {
      const out: Partial<Record<GroupMetricName, Interval>> = {};
      COUNT_METRICS.forEach((name, k) => {
        const iv = interval(samples, (base + k) * R, R, q, scratch);
        if (iv) out[name] = iv;
      });
      return out;
    };
    const by_group: AnalysisIntervals['by_group'] = {};
    for (let g = 0; g < p.m.groups; g++) by_group[groupLabel(groupRecord(cube, p.m, g), attrs)] = metricSet(p.byGroup, g * K);
    const fmSet = (base: number): Partial<Record<FairnessMetricName, Interval>> => {
      const out: Partial<Record<FairnessMetricName, Interval>> = {};
      FAIRNESS_ORDER.forEach((name, j) => {
        const iv = interval(p.fm, (base + j) * R, R, q, scratch);
        if (iv) out[name] = iv;
      });
      return out;
    };
    return {
      n_boot: R,
      seed: settings.seed,
      quantiles: q,
      overall: metricSet(p.overall, 0),
      by_group,
      group_min: metricSet(p.agg, 0 * K),
      group_max: metricSet(p.agg, 1 * K),
      difference: { between_groups: metricSet(p.agg, 2 * K), to_overall: metricSet(p.agg, 3 * K) },
      ratio: { between_groups: metricSet(p.agg, 4 * K), to_overall: metricSet(p.agg, 5 * K) },
      fairness_metrics: { between_groups: fmSet(0), to_overall: fmSet(FM_COUNT) },
    };
  });
}

/** The order fairnessMetrics() returns its keys in. */
const FAIRNESS_ORDER = Object.keys(
  fairnessMetrics({ selectionRate: { difference: 0, ratio: 0 }, truePositiveRate: { difference: 0, ratio: 0 }, falsePositiveRate: { difference: 0, ratio: 0 } }),
) as FairnessMetricName[];
