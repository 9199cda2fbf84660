/**
 * `computeFairnessReport(table, options)`: the whole report from a PredictionTable. One pass
 * over the rows fills the count cube of the finest groups; every attribute and intersection is
 * summed from it (O(groups)); ROC AUC takes one sort of the scores plus one pass for all analyses;
 * the bootstrap resamples the cube. Multiclass tables get one-vs-rest analyses per class.
 */
import { bootstrapAnalyses } from './bootstrap-analyses';
import type { FairnessAnalysis, FairnessReport } from './fairness-types';
import { countCube, finestGroups, marginal, type CountCube, type FinestGroups, type Marginal } from './group-cube';
import { buildAnalysis, type AucValues } from './metric-frame';
import type { PredictionTable } from './prediction-table';
import { groupsInScoreOrder, rocAucForAnalyses } from './roc-auc';
import { sortByScore, type SortedScores } from './score-sort';

/** Bootstrap settings in Fairlearn's words. */
export interface BootstrapOptions {
  n_boot: number;
  /** Default 42. */
  seed?: number;
  /** Lower and upper quantile of the interval, default [0.025, 0.975]. */
  quantiles?: [number, number];
}

export interface FairnessOptions {
  /** Attributes (table.sensitive names) to analyse, in order; default all. */
  sensitive?: string[];
  /** Also analyse the intersection of all of them (key "a,b,…"). */
  intersect?: boolean;
  /** Explicit intersections to analyse (each a list of attribute names). */
  intersections?: string[][];
  /** Predict positive where score ≥ threshold (overrides the table's y_pred). */
  threshold?: number;
  bootstrap?: BootstrapOptions;
  /** Groups with fewer rows are flagged small; default 30. */
  smallGroupN?: number;
  /** Check the four-fifths rule on selection rate; default true. */
  fourFifths?: boolean;
  signal?: AbortSignal;
}

/** A request the table cannot answer (unknown attribute, no predictions). */
export class FairnessOptionsError extends Error {}

/** One analysis: its key in the report and its attributes (indexes into the analysed list). */
export interface AnalysisSpec {
  key: string;
  attributes: number[];
}

/** The analyses the options ask for: each attribute, then the intersections. */
export function analysisSpecs(attributes: readonly string[], options: Pick<FairnessOptions, 'intersect' | 'intersections'>): AnalysisSpec[] {
  const specs: AnalysisSpec[] = attributes.map((a, i) => ({ key: a, attributes: [i] }));
  const sets = [...(options.intersections ?? [])];
  if (options.intersect && attributes.length > 1) sets.push([...attributes]);
  for (const set of sets) {
    const idx = set.map((a) => {
      const i = attributes.indexOf(a);
      if (i < 0) throw new FairnessOptionsError(`intersection names '${a}', which is not among the sensitive attributes (${attributes.join(', ')})`);
      return i;
    });
    if (idx.length < 2) continue;
    const key = set.join(',');
    if (!specs.some((s) => s.key === key)) specs.push({ key, attributes: idx });
  }
  return specs;
}

/** Indexes into table.sensitive of the attributes to analyse. */
export function resolveAttributes(table: PredictionTable, names: readonly string[] | undefined): number[] {
  if (!names || names.length === 0) {
    if (table.sensitive.length === 0) throw new FairnessOptionsError('no sensitive attribute to analyse');
    return table.sensitive.map((_, i) => i);
  }
  return names.map((n) => {
    const i = table.sensitive.findIndex((s) => s.name === n);
    if (i < 0) throw new FairnessOptionsError(`no sensitive attribute '${n}' in the table (it has: ${table.sensitive.map((s) => s.name).join(', ')})`);
    return i;
  });
}

const sortedCache = new WeakMap<Float64Array, SortedScores & { labels: Uint8Array; weightsOf?: Float64Array }>();

/** A binary table's rows in score order, sorted once per scores array (and labels, weights). */
export function cachedSortedScores(table: Pick<PredictionTable, 'scores' | 'yTrue' | 'weights'>): SortedScores {
  const scores = table.scores!;
  let s = sortedCache.get(scores);
  if (!s || s.labels !== table.yTrue || s.weightsOf !== table.weights) {
    s = { ...sortByScore(scores, table.yTrue, table.weights), labels: table.yTrue, ...(table.weights ? { weightsOf: table.weights } : {}) };
    sortedCache.set(scores, s);
  }
  return s;
}

/** 0/1 predictions `score ≥ threshold`. */
export function predictAtThreshold(scores: Float64Array, threshold: number): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i]! >= threshold ? 1 : 0;
  return out;
}

/** Analyses of one binary problem (y and prediction as 0/1 arrays). */
function binaryAnalyses(
  table: PredictionTable,
  fine: FinestGroups,
  specs: AnalysisSpec[],
  yTrue: Uint8Array,
  yPred: Uint8Array,
  withAuc: boolean,
  options: FairnessOptions,
): { analyses: Record<string, FairnessAnalysis>; notes: string[] } {
  const cube: CountCube = countCube(fine, yTrue, yPred, table.weights);
  const marginals: Marginal[] = specs.map((s) => marginal(cube, s.attributes));
  const analysisOptions = { smallGroupN: options.smallGroupN ?? 30, fourFifths: options.fourFifths ?? true };
  const sorted = withAuc && table.scores ? cachedSortedScores(table) : undefined;
  // Every analysis' AUCs from one pass over the sorted rows.
  const aucs = sorted ? rocAucForAnalyses(sorted, groupsInScoreOrder(sorted, fine.rowGroup, fine.groups), fine.groups, marginals) : undefined;
  const analyses: Record<string, FairnessAnalysis> = {};
  specs.forEach((s, i) => {
    const m = marginals[i]!;
    const auc: AucValues | undefined = aucs ? { groups: aucs.groups[i]!, overall: aucs.overall } : undefined;
    analyses[s.key] = buildAnalysis(cube, m, auc, analysisOptions);
  });
  const notes = attachIntervals(analyses, specs, cube, marginals, options, !!sorted);
  return { analyses, notes };
}

/** Adds bootstrap intervals (when asked for) to analyses built from `cube`; returns report-level notes. */
export function attachIntervals(
  analyses: Record<string, FairnessAnalysis>,
  specs: readonly AnalysisSpec[],
  cube: CountCube,
  marginals: readonly Marginal[],
  options: Pick<FairnessOptions, 'bootstrap' | 'signal'>,
  withAuc: boolean,
): string[] {
  if (!options.bootstrap || options.bootstrap.n_boot <= 0) return [];
  const settings = { n_boot: options.bootstrap.n_boot, seed: options.bootstrap.seed ?? 42, quantiles: options.bootstrap.quantiles ?? ([0.025, 0.975] as [number, number]), signal: options.signal };
  const intervals = bootstrapAnalyses(cube, marginals, settings);
  specs.forEach((s, i) => (analyses[s.key]!.ci = intervals[i]!));
  const notes: string[] = [];
  if (withAuc) notes.push('roc_auc has no bootstrap interval: the bootstrap resamples confusion counts, not scores');
  if (cube.cellRows) notes.push("bootstrap with weights: rows are resampled per group and confusion cell, each carrying its cell's mean weight");
  return notes;
}

/** Computes the fairness report (Fairlearn MetricFrame per attribute and intersection) of a table. */
export function computeFairnessReport(table: PredictionTable, options: FairnessOptions = {}): FairnessReport {
  const attrIdx = resolveAttributes(table, options.sensitive);
  const attributes = attrIdx.map((i) => table.sensitive[i]!.name);
  const specs = analysisSpecs(attributes, options);
  if (options.threshold !== undefined && !table.scores) throw new FairnessOptionsError('a threshold needs a score column');
  if (options.threshold !== undefined && !Number.isFinite(options.threshold)) throw new FairnessOptionsError(`the threshold must be a finite number (got ${options.threshold})`);
  if (options.threshold === undefined && !table.yPred) throw new FairnessOptionsError('no predictions: give a y_pred column, or a score column and a threshold');
  if (options.bootstrap) {
    const q = options.bootstrap.quantiles;
    if (!Number.isInteger(options.bootstrap.n_boot) || options.bootstrap.n_boot < 0) throw new FairnessOptionsError(`n_boot must be a whole number ≥ 0 (got ${options.bootstrap.n_boot})`);
    if (q && !(q[0] > 0 && q[0] < q[1] && q[1] < 1)) throw new FairnessOptionsError(`quantiles must satisfy 0 < low < high < 1 (got ${q.join(', ')})`);
  }
  const fine = finestGroups(table, attrIdx);
  const warnings = [...table.warnings];
  const report: FairnessReport = {
    rows: table.rows,
    ...(table.file ? { source: sourceOf(table, options) } : {}),
    classes: table.classes,
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    analyses: {},
    warnings,
  };
  if (table.rows === 0) warnings.push('no rows to analyse');

  if (table.binary) {
    const yPred = options.threshold !== undefined ? predictAtThreshold(table.scores!, options.threshold) : table.yPred!;
    const { analyses, notes } = binaryAnalyses(table, fine, specs, table.yTrue, yPred, !!table.scores, options);
    report.analyses = analyses;
    warnings.push(...notes);
    return report;
  }
  // Multiclass: one binary problem per class (that class against the rest).
  if (options.threshold !== undefined) throw new FairnessOptionsError('a threshold applies to binary labels only; these labels have ' + table.classes.length + ' classes');
  if (table.scores) warnings.push('scores are ignored for multiclass labels: one score column cannot rank every class (no roc_auc)');
  warnings.push(`multiclass labels (${table.classes.join(', ')}): one-vs-rest analyses per class are under one_vs_rest; analyses is empty`);
  report.one_vs_rest = {};
  let notes: string[] = [];
  table.classes.forEach((cls, k) => {
    const yTrue = new Uint8Array(table.rows);
    const yPred = new Uint8Array(table.rows);
    for (let r = 0; r < table.rows; r++) {
      yTrue[r] = table.yTrue[r] === k ? 1 : 0;
      yPred[r] = table.yPred![r] === k ? 1 : 0;
    }
    const result = binaryAnalyses(table, fine, specs, yTrue, yPred, false, options);
    report.one_vs_rest![cls] = result.analyses;
    notes = result.notes;
  });
  warnings.push(...notes);
  return report;
}

function sourceOf(table: PredictionTable, options: FairnessOptions): NonNullable<FairnessReport['source']> {
  const m = table.mapping;
  return {
    file: table.file!,
    y_true: m.yTrue,
    ...(m.yPred && options.threshold === undefined ? { y_pred: m.yPred } : {}),
    ...(m.score ? { score: m.score } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(m.positiveLabel !== undefined ? { positive_label: m.positiveLabel } : {}),
    ...(m.weight ? { weight: m.weight } : {}),
    sensitive: m.sensitive,
  };
}
