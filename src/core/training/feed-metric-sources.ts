/**
 * The metric sources of a process or Slurm run besides metrics.jsonl — Hugging Face
 * trainer_state.json (output folder and checkpoint-* folders) and TensorBoard event files — for
 * the dashboard feed, merged with the JSONL columns by run-file-watcher's rule: a value
 * (name@step) is shown once, from the source that reported it first, and those sources are read
 * before metrics.jsonl so that the JSONL copy wins. The steps of JSONL values are only kept once
 * another source has a point: a run that writes metrics.jsonl alone (a million lines) pays nothing.
 */
import { chunksFromPoints, type MetricChunk } from './metric-columns';
import type { MetricPoint } from './metric-point';
import { MetricsColumnsTail } from './metrics-columns-tail';
import type { RunRecord } from './run-record';
import { TfEventsWatcher } from './tfevents-reader';
import { TrainerStateWatcher } from './trainer-state-reader';

type StepsByName = Map<string, Set<number>>;

function addStep(map: StepsByName, name: string, step: number): void {
  let s = map.get(name);
  if (!s) map.set(name, (s = new Set()));
  s.add(step);
}

/** What a run's other sources hold beyond metrics.jsonl, read incrementally. */
export class FeedMetricSources {
  private readonly trainerState?: TrainerStateWatcher;
  private readonly tfevents?: TfEventsWatcher;
  /** Steps sent from metrics.jsonl, by name; undefined until another source first has points. */
  private jsonlSteps: StepsByName | undefined;
  /** Steps sent from the other sources, by name. */
  private readonly otherSteps: StepsByName = new Map();

  private constructor(
    private readonly metricsFile: string,
    trainerStateDir: string | undefined,
    tensorboardDir: string | undefined,
  ) {
    if (trainerStateDir) this.trainerState = new TrainerStateWatcher(trainerStateDir);
    if (tensorboardDir) this.tfevents = new TfEventsWatcher(tensorboardDir);
  }

  /** The sources a run record names (none for builtin runs, which write metrics.jsonl only). */
  static forRecord(record: RunRecord, metricsFile: string): FeedMetricSources | undefined {
    if (record.runner === 'builtin') return undefined;
    const m = record.resolved?.metrics;
    const trainerStateDir = m?.trainerState ? record.outputDir : undefined;
    const tensorboardDir = m?.tensorboardDir;
    if (!trainerStateDir && !tensorboardDir) return undefined;
    return new FeedMetricSources(metricsFile, trainerStateDir, tensorboardDir);
  }

  /** Folders whose changes are worth an early read. */
  get watchDirs(): string[] {
    return [this.trainerState?.outputDir, this.tfevents?.dir].filter((d): d is string => d !== undefined);
  }

  /** A fresh copy that reads everything again (metrics.jsonl was rewritten and the page starts over). */
  restart(): FeedMetricSources {
    return new FeedMetricSources(this.metricsFile, this.trainerState?.outputDir, this.tfevents?.dir);
  }

  /** New points of the other sources (read these before the new JSONL bytes), and their readers' problems. */
  async read(): Promise<{ points: MetricPoint[]; problems: string[] }> {
    const points: MetricPoint[] = [];
    const problems: string[] = [];
    if (this.trainerState) points.push(...(await this.trainerState.poll()).points);
    if (this.tfevents) {
      const r = await this.tfevents.poll();
      points.push(...r.points);
      problems.push(...r.problems);
    }
    return { points, problems };
  }

  /**
   * Starts noting JSONL steps now, before metrics.jsonl is first read (the usual case: a run
   * opened after the other sources already have points), which spares reading the file twice.
   */
  trackJsonlFromStart(): void {
    this.jsonlSteps ??= new Map();
  }

  /** Notes the steps of new JSONL chunks and drops values another source already sent. */
  admitJsonl(chunks: MetricChunk[]): MetricChunk[] {
    if (this.jsonlSteps) for (const c of chunks) for (const step of c.step) addStep(this.jsonlSteps, c.name, step);
    if (this.otherSteps.size === 0) return chunks;
    return chunks.map((c) => {
      const taken = this.otherSteps.get(c.name);
      if (!taken) return c;
      const keep: number[] = [];
      for (let i = 0; i < c.step.length; i++) if (!taken.has(c.step[i]!)) keep.push(i);
      if (keep.length === c.step.length) return c;
      const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]!);
      return { name: c.name, step: pick(c.step), epoch: pick(c.epoch), wallTime: pick(c.wallTime), value: pick(c.value) };
    });
  }

  /** The points of `read()` that neither metrics.jsonl nor an earlier source reported, as chunks. */
  async admitOther(points: MetricPoint[]): Promise<MetricChunk[]> {
    if (points.length === 0) return [];
    if (!this.jsonlSteps) this.jsonlSteps = await this.jsonlStepsSoFar();
    const kept: MetricPoint[] = [];
    for (const p of points) {
      if (this.jsonlSteps.get(p.name)?.has(p.step) || this.otherSteps.get(p.name)?.has(p.step)) continue;
      addStep(this.otherSteps, p.name, p.step);
      kept.push(p);
    }
    return chunksFromPoints(kept);
  }

  /** Every name@step in metrics.jsonl now (read once, the first time another source has points). */
  private async jsonlStepsSoFar(): Promise<StepsByName> {
    const steps: StepsByName = new Map();
    const tail = new MetricsColumnsTail(this.metricsFile);
    for (;;) {
      const r = await tail.read();
      for (const c of r.chunks) for (const step of c.step) addStep(steps, c.name, step);
      if (!r.more) return steps;
    }
  }
}
