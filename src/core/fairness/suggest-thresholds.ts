/**
 * Per-group thresholds that equalise true positive rate (equal opportunity) or selection rate
 * (demographic parity) at the best accuracy reachable, from the score bins. For each target
 * rate τ on a grid of 1,001 values in [0, 1], every group takes the threshold whose rate is
 * closest to τ (among thresholds with the same rate, the most accurate); the suggestion is the
 * τ with the best overall accuracy among those whose spread of rates (max − min) is within the
 * tolerance of the smallest spread reachable. Targets where a group would predict no one or
 * everyone are left out (when others exist), and so are small groups (their rates move in big
 * steps) and, for equal opportunity, groups without positives (their TPR is 0 whatever the
 * threshold): they take the threshold closest to τ, or their most accurate one, but do not
 * count in the spread. Thresholds are bin edges, exact there. A suggestion with its trade-off
 * shown — never applied to anything.
 */
import { groupLabel, groupRecord, marginal } from './group-cube';
import { binIndexAtThreshold, suffixSums, type ScoreBins } from './score-bins';

export type ThresholdGoal = 'equal_opportunity' | 'demographic_parity';

export interface SuggestOptions {
  /** The single threshold the "before" figures use (default 0.5). */
  threshold?: number;
  /** Spread of the equalised rate accepted above the smallest reachable (default 0.01). */
  tolerance?: number;
  /** Groups with fewer rows do not constrain the spread (default 30). */
  smallGroupN?: number;
  /** Analyses to suggest for (report keys); default all. */
  analyses?: string[];
}

export interface GroupThreshold {
  group: Record<string, string>;
  count: number;
  /** Predict positive where score ≥ threshold; null: predict no one positive. */
  threshold: number | null;
  metric_before: number;
  metric_after: number;
  accuracy_before: number | null;
  accuracy_after: number | null;
  /** False for a small group, or one without positives for equal opportunity: not counted in the spread. */
  constrained: boolean;
}

export interface ThresholdSuggestion {
  analysis: string;
  goal: ThresholdGoal;
  metric: 'true_positive_rate' | 'selection_rate';
  threshold_before: number;
  tolerance: number;
  /** The common rate aimed at. */
  target: number;
  groups: GroupThreshold[];
  accuracy_before: number | null;
  accuracy_after: number | null;
  /** max − min of the metric over the constrained groups. */
  disparity_before: number;
  disparity_after: number;
  notes: string[];
}

const GRID = 1000;

interface GroupCurve {
  /** Per run of equal metric values (in increasing threshold order): the metric and the best bin index. */
  metric: Float64Array;
  best: Int32Array;
  correct: Float64Array;
  runs: number;
  total: number;
  /** The metric moves with the threshold (for equal opportunity: the group has positives). */
  measurable: boolean;
  constrained: boolean;
}

/** Suggests per-group thresholds for each analysis in the bins. */
export function suggestThresholds(bins: ScoreBins, goal: ThresholdGoal, options: SuggestOptions = {}): ThresholdSuggestion[] {
  const t0 = options.threshold ?? 0.5;
  const tolerance = options.tolerance ?? 0.01;
  const smallN = options.smallGroupN ?? 30;
  const B = bins.edges.length;
  const j0 = binIndexAtThreshold(bins, t0);
  const cube = { groups: bins.groups, keys: Uint32Array.from(bins.keys), attributes: bins.attributes };
  const wanted = bins.analyses.filter((s) => !options.analyses || options.analyses.includes(s.key));
  return wanted.map((spec) => {
    const m = marginal(cube, spec.attributes);
    const G = m.groups;
    // Bins summed per analysis group.
    const pos = new Array<number>(G * B).fill(0);
    const neg = new Array<number>(G * B).fill(0);
    const count = new Array<number>(G).fill(0);
    for (let f = 0; f < bins.groups; f++) {
      const g = m.map[f]!;
      count[g] += bins.count[f]!;
      for (let j = 0; j < B; j++) {
        pos[g * B + j] += bins.pos[f * B + j]!;
        neg[g * B + j] += bins.neg[f * B + j]!;
      }
    }
    const sp = suffixSums(pos, G, B);
    const sn = suffixSums(neg, G, B);
    const metricAt = (g: number, j: number): number => {
      const base = g * (B + 1);
      const P = sp[base]!;
      const W = P + sn[base]!;
      return goal === 'equal_opportunity' ? (P > 0 ? sp[base + j]! / P : 0) : W > 0 ? (sp[base + j]! + sn[base + j]!) / W : 0;
    };
    const correctAt = (g: number, j: number): number => {
      const base = g * (B + 1);
      return sp[base + j]! + (sn[base]! - sn[base + j]!);
    };
    const curves: GroupCurve[] = Array.from({ length: G }, (_, g) => {
      const metric = new Float64Array(B + 1);
      const best = new Int32Array(B + 1);
      const correct = new Float64Array(B + 1);
      let runs = 0;
      for (let j = 0; j <= B; j++) {
        const v = metricAt(g, j);
        const c = correctAt(g, j);
        if (runs > 0 && v === metric[runs - 1]) {
          if (c > correct[runs - 1]!) {
            correct[runs - 1] = c;
            best[runs - 1] = j;
          }
        } else {
          metric[runs] = v;
          best[runs] = j;
          correct[runs] = c;
          runs++;
        }
      }
      const base = g * (B + 1);
      const total = sp[base]! + sn[base]!;
      const measurable = goal === 'equal_opportunity' ? sp[base]! > 0 : total > 0;
      return { metric, best, correct, runs, total, measurable, constrained: measurable && count[g]! >= smallN };
    });
    // Metric values fall as the threshold rises: find the run closest to tau.
    const pick = (c: GroupCurve, tau: number): number => {
      if (!c.measurable) {
        let k = 0;
        for (let i = 1; i < c.runs; i++) if (c.correct[i]! > c.correct[k]!) k = i;
        return k;
      }
      let lo = 0;
      let hi = c.runs - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (c.metric[mid]! > tau) lo = mid + 1;
        else hi = mid;
      }
      // lo: first run with metric ≤ tau; lo − 1 the last one above it.
      if (lo > 0) {
        const above = Math.abs(c.metric[lo - 1]! - tau);
        const below = Math.abs(c.metric[lo]! - tau);
        if (above < below || (above === below && c.correct[lo - 1]! > c.correct[lo]!)) return lo - 1;
      }
      return lo;
    };
    const totalWeight = curves.reduce((s, c) => s + c.total, 0);
    // With no group to constrain (all small), every group counts.
    if (!curves.some((c) => c.constrained)) for (const c of curves) c.constrained = c.measurable;
    let bestTau = 0;
    let bestAcc = -1;
    let bestSpread = Infinity;
    const results: Array<{ tau: number; acc: number; spread: number; trivial: boolean }> = [];
    for (let i = 0; i <= GRID; i++) {
      const tau = i / GRID;
      let correct = 0;
      let lo = Infinity;
      let hi = -Infinity;
      // Targets where a constrained group predicts no one or everyone: equal maybe, but useless.
      let trivial = false;
      for (const c of curves) {
        const k = pick(c, tau);
        correct += c.correct[k]!;
        if (c.constrained) {
          lo = Math.min(lo, c.metric[k]!);
          hi = Math.max(hi, c.metric[k]!);
          if (k === 0 || k === c.runs - 1) trivial = true;
        }
      }
      results.push({ tau, acc: totalWeight > 0 ? correct / totalWeight : 0, spread: hi >= lo ? hi - lo : 0, trivial });
    }
    const useful = results.some((r) => !r.trivial) ? results.filter((r) => !r.trivial) : results;
    const minSpread = Math.min(...useful.map((r) => r.spread));
    const allowed = minSpread + tolerance + 1e-12;
    for (const r of useful) {
      if (r.spread <= allowed && (r.acc > bestAcc || (r.acc === bestAcc && r.spread < bestSpread))) {
        bestAcc = r.acc;
        bestTau = r.tau;
        bestSpread = r.spread;
      }
    }
    const groups: GroupThreshold[] = curves.map((c, g) => {
      const k = pick(c, bestTau);
      const j = c.best[k]!;
      return {
        group: groupRecord(bins, m, g),
        count: count[g]!,
        threshold: j < B ? bins.edges[j]! : null,
        metric_before: metricAt(g, j0),
        metric_after: c.metric[k]!,
        accuracy_before: c.total > 0 ? correctAt(g, j0) / c.total : null,
        accuracy_after: c.total > 0 ? c.correct[k]! / c.total : null,
        constrained: c.constrained,
      };
    });
    const spreadOf = (vals: number[]): number => (vals.length > 0 ? Math.max(...vals) - Math.min(...vals) : 0);
    const constrainedGroups = groups.filter((g) => g.constrained);
    const attrs = spec.attributes.map((a) => bins.attributes[a]!);
    const notes = ['A suggestion only: nothing was applied. Group-specific thresholds treat people differently by group, which some laws and policies forbid; weigh that before using them.'];
    const unmeasurable = groups.filter((_, g) => !curves[g]!.measurable);
    if (unmeasurable.length > 0) notes.push(`No positive labels in ${unmeasurable.map((g) => groupLabel(g.group, attrs)).join('; ')}: left out of the equalised rate, given their most accurate threshold.`);
    const small = groups.filter((g, i) => curves[i]!.measurable && !g.constrained);
    if (small.length > 0) notes.push(`Small groups (fewer than ${smallN} rows) follow the target but do not count in the spread: ${small.map((g) => `${groupLabel(g.group, attrs)} (n=${g.count})`).join('; ')}.`);
    if (minSpread > tolerance) notes.push(`With these scores the rates cannot be brought closer than ${minSpread.toFixed(3)} apart (thresholds move them in steps).`);
    if (!bins.exact) notes.push(`Thresholds are bin edges (${B} bins over the score range).`);
    const correctBefore = curves.reduce((s, _c, g) => s + correctAt(g, j0), 0);
    return {
      analysis: spec.key,
      goal,
      metric: goal === 'equal_opportunity' ? 'true_positive_rate' : 'selection_rate',
      threshold_before: t0,
      tolerance,
      target: bestTau,
      groups,
      accuracy_before: totalWeight > 0 ? correctBefore / totalWeight : null,
      accuracy_after: totalWeight > 0 ? bestAcc : null,
      disparity_before: spreadOf(constrainedGroups.map((g) => g.metric_before)),
      disparity_after: spreadOf(constrainedGroups.map((g) => g.metric_after)),
      notes,
    };
  });
}
