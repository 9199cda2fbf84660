/**
 * Thresholds without rows: per finest group, histograms of scores split by y_true (weighted),
 * small enough to post to a webview (plain arrays, JSON-safe), from which the whole report at
 * any threshold is recomputed in O(groups × bins). Bin j holds scores in [edges[j], edges[j+1]).
 * With at most `bins` distinct scores (COMPAS deciles 1–10) every distinct score is its own bin
 * and reports are exact at every threshold; otherwise edges sit at score quantiles (plus the
 * threshold asked for and 0.5) and a threshold between edges is snapped up to the next edge:
 * exact there, and the report says which threshold it used. ROC AUC does not depend on the
 * threshold, so the exact per-group AUC is computed once from the rows and carried along.
 */
import { analysisSpecs, attachIntervals, cachedSortedScores, FairnessOptionsError, resolveAttributes, type AnalysisSpec, type FairnessOptions } from './fairness-report';
import type { FairnessAnalysis, FairnessReport } from './fairness-types';
import { finestGroups, marginal, type CountCube } from './group-cube';
import { buildAnalysis } from './metric-frame';
import type { PredictionTable } from './prediction-table';
import { groupsInScoreOrder, rocAucForAnalyses } from './roc-auc';

/** Per-group score histograms of a binary table; see the file comment. */
export interface ScoreBins {
  rows: number;
  /** [negative, positive] labels. */
  classes: string[];
  /** Lower edges, ascending; the last bin is unbounded above. */
  edges: number[];
  /** Every bin holds a single distinct score: exact at any threshold. */
  exact: boolean;
  weighted: boolean;
  attributes: string[];
  /** Per attribute, its values by code. */
  values: string[][];
  /** Finest groups (combinations of all attributes that occur). */
  groups: number;
  /** groups × attributes value codes. */
  keys: number[];
  /** Rows per finest group. */
  count: number[];
  /** groups × bins: weight of rows with y_true = 1 / y_true = 0 in each bin. */
  pos: number[];
  neg: number[];
  /** Row counts of the same, only when weighted (the bootstrap needs them). */
  posRows?: number[];
  negRows?: number[];
  /** The analyses (report keys and attribute indexes). */
  analyses: AnalysisSpec[];
  /** Exact ROC AUC per analysis group and overall (null where one class only). */
  auc: Record<string, { groups: Array<number | null>; overall: number | null }>;
  /** Source and reading warnings of the table, carried into every report. */
  source?: FairnessReport['source'];
  warnings: string[];
}

/** Most group × bin cells in one ScoreBins (about 64 MB of numbers over pos and neg). */
const MAX_CELLS = 4_000_000;

/** Which analyses to bin, and edges that must exist (e.g. the threshold the user starts at). */
export type BinOptions = Pick<FairnessOptions, 'sensitive' | 'intersect' | 'intersections'> & { extraEdges?: number[] };

/** Bins the scores of a binary table per finest group (about `bins` bins; exact when there are few distinct scores). */
export function buildScoreBins(table: PredictionTable, options: BinOptions = {}, bins = 1000): ScoreBins {
  if (!table.scores) throw new FairnessOptionsError('thresholds need a score column');
  if (!table.binary) throw new FairnessOptionsError(`thresholds apply to binary labels only (these have ${table.classes.length} classes)`);
  const n = table.rows;
  const attrIdx = resolveAttributes(table, options.sensitive);
  const attributes = attrIdx.map((i) => table.sensitive[i]!.name);
  const specs = analysisSpecs(attributes, options);
  const fine = finestGroups(table, attrIdx);
  const sorted = cachedSortedScores(table);
  const ss = sorted.scores;
  const fineSorted = groupsInScoreOrder(sorted, fine.rowGroup, fine.groups);

  // Keep what is posted to a webview bounded: at most ~4M cells over all groups.
  const requested = bins;
  bins = Math.max(10, Math.min(bins, Math.floor(MAX_CELLS / Math.max(1, fine.groups))));
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || ss[i] !== ss[i - 1]) distinct++;
  const exact = distinct <= bins;
  let edges: number[];
  if (exact) {
    edges = [];
    for (let i = 0; i < n; i++) if (i === 0 || ss[i] !== ss[i - 1]) edges.push(ss[i]!);
  } else {
    const picked = new Set<number>();
    for (let i = 0; i < bins; i++) picked.add(ss[Math.floor((i * n) / bins)]!);
    for (const e of [...(options.extraEdges ?? []), 0.5]) if (e > ss[0]! && e <= ss[n - 1]!) picked.add(e);
    edges = [...picked].sort((a, b) => a - b);
  }
  const B = edges.length;
  const G = fine.groups;
  const pos = new Float64Array(G * B);
  const neg = new Float64Array(G * B);
  const posRows = table.weights ? new Float64Array(G * B) : undefined;
  const negRows = table.weights ? new Float64Array(G * B) : undefined;
  const count = new Float64Array(G);
  // Rows come in score order, so the bin index only moves forward.
  let j = 0;
  for (let i = 0; i < n; i++) {
    const s = ss[i]!;
    while (j + 1 < B && edges[j + 1]! <= s) j++;
    const g = fineSorted[i]!;
    const w = sorted.weights ? sorted.weights[i]! : 1;
    count[g]++;
    if (sorted.yTrue[i] === 1) {
      pos[g * B + j] += w;
      if (posRows) posRows[g * B + j]++;
    } else {
      neg[g * B + j] += w;
      if (negRows) negRows[g * B + j]++;
    }
  }

  const auc: ScoreBins['auc'] = {};
  const keyed = { groups: G, keys: fine.keys, attributes };
  const aucs = rocAucForAnalyses(sorted, fineSorted, G, specs.map((s) => marginal(keyed, s.attributes)));
  const overallAuc = aucs.overall;
  specs.forEach((s, i) => {
    auc[s.key] = { groups: Array.from(aucs.groups[i]!, (v) => (Number.isNaN(v) ? null : v)), overall: Number.isNaN(overallAuc) ? null : overallAuc };
  });
  const m = table.mapping;
  return {
    rows: n,
    classes: table.classes,
    edges,
    exact,
    weighted: !!table.weights,
    attributes,
    values: fine.values,
    groups: G,
    keys: Array.from(fine.keys),
    count: Array.from(count),
    pos: Array.from(pos),
    neg: Array.from(neg),
    ...(posRows ? { posRows: Array.from(posRows), negRows: Array.from(negRows!) } : {}),
    analyses: specs,
    auc,
    ...(table.file
      ? {
          source: {
            file: table.file,
            y_true: m.yTrue,
            ...(m.score ? { score: m.score } : {}),
            ...(m.positiveLabel !== undefined ? { positive_label: m.positiveLabel } : {}),
            ...(m.weight ? { weight: m.weight } : {}),
            sensitive: attributes,
          },
        }
      : {}),
    warnings: [...table.warnings, ...(bins < requested && !exact ? [`${fine.groups.toLocaleString('en-US')} groups: scores binned in ${bins} bins instead of ${requested}, to keep the bins small`] : [])],
  };
}

/** The first bin predicted positive at threshold t (B when none is). */
export function binIndexAtThreshold(bins: Pick<ScoreBins, 'edges'>, t: number): number {
  const e = bins.edges;
  let lo = 0;
  let hi = e.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (e[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Suffix sums per group: at [g * (B + 1) + j], the total of bins j … B−1. */
export function suffixSums(values: readonly number[], groups: number, B: number): Float64Array {
  const out = new Float64Array(groups * (B + 1));
  for (let g = 0; g < groups; g++) {
    const base = g * (B + 1);
    for (let j = B - 1; j >= 0; j--) out[base + j] = out[base + j + 1]! + values[g * B + j]!;
  }
  return out;
}

const suffixCache = new WeakMap<ScoreBins, { pos: Float64Array; neg: Float64Array; posRows?: Float64Array; negRows?: Float64Array }>();

function suffixesOf(bins: ScoreBins) {
  let s = suffixCache.get(bins);
  if (!s) {
    const B = bins.edges.length;
    s = {
      pos: suffixSums(bins.pos, bins.groups, B),
      neg: suffixSums(bins.neg, bins.groups, B),
      ...(bins.posRows && bins.negRows ? { posRows: suffixSums(bins.posRows, bins.groups, B), negRows: suffixSums(bins.negRows, bins.groups, B) } : {}),
    };
    suffixCache.set(bins, s);
  }
  return s;
}

/** The count cube at threshold t (bin index j) from the bins. */
export function cubeAtBin(bins: ScoreBins, j: number): CountCube {
  const B = bins.edges.length;
  const G = bins.groups;
  const s = suffixesOf(bins);
  const cells = new Float64Array(G * 4);
  const cellRows = s.posRows ? new Float64Array(G * 4) : undefined;
  for (let g = 0; g < G; g++) {
    const base = g * (B + 1);
    const P = s.pos[base]!;
    const N = s.neg[base]!;
    const tp = s.pos[base + j]!;
    const fp = s.neg[base + j]!;
    cells[4 * g] = tp;
    cells[4 * g + 1] = fp;
    cells[4 * g + 2] = N - fp;
    cells[4 * g + 3] = P - tp;
    if (cellRows) {
      const pr = s.posRows![base]!;
      const nr = s.negRows![base]!;
      cellRows[4 * g] = s.posRows![base + j]!;
      cellRows[4 * g + 1] = s.negRows![base + j]!;
      cellRows[4 * g + 2] = nr - s.negRows![base + j]!;
      cellRows[4 * g + 3] = pr - s.posRows![base + j]!;
    }
  }
  return {
    attributes: bins.attributes,
    values: bins.values,
    groups: G,
    keys: Uint32Array.from(bins.keys),
    count: Float64Array.from(bins.count),
    cells,
    ...(cellRows ? { cellRows } : {}),
  };
}

/** Report options that apply at a threshold. */
export type ThresholdReportOptions = Pick<FairnessOptions, 'bootstrap' | 'smallGroupN' | 'fourFifths' | 'signal'>;

/** The fairness report at threshold t (score ≥ t predicts positive), from the bins alone. */
export function reportAtThreshold(bins: ScoreBins, t: number, options: ThresholdReportOptions = {}): FairnessReport {
  if (!Number.isFinite(t)) throw new FairnessOptionsError(`the threshold must be a finite number (got ${t})`);
  const j = binIndexAtThreshold(bins, t);
  const used = bins.exact || j >= bins.edges.length ? t : bins.edges[j]!;
  const cube = cubeAtBin(bins, j);
  const analysisOptions = { smallGroupN: options.smallGroupN ?? 30, fourFifths: options.fourFifths ?? true };
  const marginals = bins.analyses.map((s) => marginal(cube, s.attributes));
  const analyses: Record<string, FairnessAnalysis> = {};
  bins.analyses.forEach((s, i) => {
    const a = bins.auc[s.key];
    const auc = a ? { groups: Float64Array.from(a.groups, (v) => v ?? Number.NaN), overall: a.overall ?? Number.NaN } : undefined;
    analyses[s.key] = buildAnalysis(cube, marginals[i]!, auc, analysisOptions);
  });
  const notes = attachIntervals(analyses, bins.analyses, cube, marginals, options, true);
  const warnings = [...bins.warnings, ...notes];
  if (used !== t) warnings.push(`threshold ${t} moved up to ${used}, the next bin edge (scores are binned in ${bins.edges.length} bins; reports are exact at the edges)`);
  return {
    rows: bins.rows,
    ...(bins.source ? { source: { ...bins.source, threshold: used } } : {}),
    classes: bins.classes,
    threshold: used,
    analyses,
    warnings,
  };
}
