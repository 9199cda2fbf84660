// The page's side of the threshold slider: the engine's bin-only functions (pure TypeScript,
// bundled into the webview) turn the posted score histograms into the whole report at any
// threshold in O(groups × bins), so every number follows the slider without a round trip.
import {
  binIndexAtThreshold,
  reportAtThreshold,
  suggestThresholds,
  type FairnessReport,
  type ScoreBins,
  type ThresholdGoal,
  type ThresholdSuggestion,
} from '../../src/core/fairness/browser';
import type { FairnessContext } from '../../src/protocol/fairness-report-protocol';

export type SuggestionGoal = ThresholdGoal;
export type SuggestionView = ThresholdSuggestion;

/** Keeps the last few reports: moving back and forth over the same positions costs nothing. */
const CACHE = 64;

export class LiveThreshold {
  readonly domain: { min: number; max: number; step: number };
  /** Every distinct score is its own bin: exact at any threshold. */
  readonly exact: boolean;
  private readonly reports = new Map<number, FairnessReport>();
  private readonly suggestions = new Map<string, ThresholdSuggestion | undefined>();
  private current: number | undefined;

  constructor(
    private readonly bins: ScoreBins,
    report: FairnessReport,
    private readonly ctx: FairnessContext,
  ) {
    const e = bins.edges;
    const min = e[0] ?? 0;
    const max = e[e.length - 1] ?? 1;
    let gap = Infinity;
    for (let i = 1; i < e.length; i++) gap = Math.min(gap, e[i]! - e[i - 1]!);
    // Exact bins: step by the finest spacing of the scores (1 for deciles, 0.001 for 3-digit
    // probabilities); binned: a thousandth of the range, snapped up to the next edge.
    const step = bins.exact && Number.isFinite(gap) && (max - min) / gap <= 10_000 ? roundStep(gap) : (max - min) / 1000 || 1;
    this.domain = { min, max, step };
    this.exact = bins.exact;
    if (ctx.threshold !== undefined) this.reports.set(this.snap(ctx.threshold), report);
  }

  /** Where the slider starts: the report's threshold, the one y_pred follows, else 0.5 (or mid-range). */
  get start(): number {
    const { min, max } = this.domain;
    return this.snap(this.ctx.threshold ?? this.ctx.impliedThreshold ?? (min <= 0.5 && 0.5 <= max ? 0.5 : (min + max) / 2));
  }

  /** The threshold a report at `t` is exact at: the next bin edge at or above t (within the range). */
  snap(t: number): number {
    const e = this.bins.edges;
    const j = binIndexAtThreshold(this.bins, t);
    return e[Math.min(j, e.length - 1)] ?? t;
  }

  /** The whole report at threshold `t` (snapped), from the bins. */
  reportAt(t: number): FairnessReport {
    const at = this.snap(t);
    this.current = at;
    let r = this.reports.get(at);
    if (!r) {
      r = reportAtThreshold(this.bins, at, { smallGroupN: this.ctx.smallGroup });
      if (this.reports.size >= CACHE) this.reports.delete(this.reports.keys().next().value!);
      this.reports.set(at, r);
    }
    return r;
  }

  /** Per-group thresholds for `goal` in analysis `key`, compared with the current threshold. */
  suggestionsFor(key: string, goal: ThresholdGoal): ThresholdSuggestion | undefined {
    const before = this.current ?? this.start;
    const id = `${key}|${goal}|${before}`;
    if (!this.suggestions.has(id)) {
      let s: ThresholdSuggestion | undefined;
      try {
        s = suggestThresholds(this.bins, goal, { threshold: before, analyses: [key], smallGroupN: this.ctx.smallGroup })[0];
      } catch {
        s = undefined;
      }
      this.suggestions.set(id, s);
    }
    return this.suggestions.get(id);
  }
}

/** A step without floating-point dust (0.0009999 → 0.001). */
function roundStep(gap: number): number {
  const digits = Math.max(0, Math.ceil(-Math.log10(gap)) + 2);
  return Number(gap.toFixed(Math.min(12, digits)));
}
