// What the page holds: every point of every shown run, as growing columns, plus the smoothed
// values of each series, extended as points arrive (the EMA is sequential, so a new point costs
// one step, not a pass over the series). DOM-free: the benchmark drives it as the webview's data.
import { RunColumns, type SeriesColumns } from '../../src/core/training/metric-columns';
import { EmaSmoother } from '../../src/core/training/smoothing';
import type { RunChunk } from '../../src/protocol/training-dashboard-protocol';

/** Which series got points: run → metric names. */
export type Changed = Map<string, Set<string>>;

export class DashboardData {
  readonly runs = new Map<string, RunColumns>();
  private readonly smoothers = new Map<string, EmaSmoother>();
  private readonly ranges = new Map<string, { min: number; max: number }>();
  private total = 0;

  /** Takes a 'points' message in; returns what changed (reset runs count as wholly changed). */
  apply(chunks: readonly RunChunk[], reset: readonly string[] = []): Changed {
    const changed: Changed = new Map();
    for (const run of reset) {
      const r = this.runs.get(run);
      if (r) {
        this.total -= r.points;
        changed.set(run, new Set(r.series.keys()));
        r.clear();
      }
      this.forget(run);
    }
    for (const c of chunks) {
      let r = this.runs.get(c.run);
      if (!r) this.runs.set(c.run, (r = new RunColumns()));
      r.append([c]);
      this.total += c.value.length;
      const key = `${c.run}\u0000${c.name}`;
      const range = this.ranges.get(key) ?? { min: Infinity, max: -Infinity };
      for (const v of c.value) {
        if (v < range.min) range.min = v;
        if (v > range.max) range.max = v;
      }
      this.ranges.set(key, range);
      let set = changed.get(c.run);
      if (!set) changed.set(c.run, (set = new Set()));
      set.add(c.name);
    }
    return changed;
  }

  /** Forgets runs that are no longer shown. */
  keepOnly(runs: readonly string[]): void {
    for (const [id, r] of this.runs) {
      if (runs.includes(id)) continue;
      this.total -= r.points;
      this.runs.delete(id);
      this.forget(id);
    }
  }

  private forget(run: string): void {
    for (const map of [this.smoothers, this.ranges]) for (const key of [...map.keys()]) if (key.startsWith(`${run}\u0000`)) map.delete(key);
  }

  /** The smallest and largest value of a series (NaN left out). */
  range(run: string, name: string): { min: number; max: number } | undefined {
    const r = this.ranges.get(`${run}\u0000${name}`);
    return r && r.min <= r.max ? r : undefined;
  }

  /** Points held over every run and metric. */
  get points(): number {
    return this.total;
  }

  series(run: string, name: string): SeriesColumns | undefined {
    return this.runs.get(run)?.series.get(name);
  }

  /**
   * The smoothed values of a series at `weight` (TensorBoard's debiased EMA), brought up to date
   * with its points; the raw values when the series is constant, as TensorBoard shows it.
   */
  smoothed(run: string, name: string, weight: number): Float64Array | undefined {
    const s = this.series(run, name);
    if (!s) return undefined;
    const key = `${run}\u0000${name}`;
    let sm = this.smoothers.get(key);
    if (!sm || sm.weight !== weight || sm.count > s.length) this.smoothers.set(key, (sm = new EmaSmoother(weight)));
    if (sm.count < s.length) sm.extend(s.value, sm.count);
    return sm.isConstant ? s.value : sm.view();
  }

  /** The newest epoch and step of a run's points (the header's progress is at least this far). */
  latest(run: string): { epoch?: number; step?: number } {
    const r = this.runs.get(run);
    let epoch = -Infinity;
    let step = -Infinity;
    for (const s of r?.series.values() ?? []) {
      if (s.length === 0) continue;
      const e = s.epoch[s.length - 1]!;
      if (e > epoch) epoch = e;
      const st = s.step[s.length - 1]!;
      if (st > step) step = st;
    }
    return { ...(Number.isFinite(epoch) ? { epoch } : {}), ...(Number.isFinite(step) ? { step } : {}) };
  }

  /** The earliest wall time of a run's points (seconds), the zero of "time since start" when run.json has no start. */
  firstWallTime(run: string): number | undefined {
    let t = Infinity;
    for (const s of this.runs.get(run)?.series.values() ?? []) if (s.length > 0 && s.wallTime[0]! < t) t = s.wallTime[0]!;
    return Number.isFinite(t) ? t : undefined;
  }
}
