/**
 * Follows one run folder for the dashboard: the bytes appended to metrics.jsonl since the last
 * read (a torn last line waits for its newline), for process and Slurm runs the values their
 * trainer_state.json and TensorBoard files add (feed-metric-sources.ts), run.json whenever it
 * changes, and the stop request. File-system events trigger a read within milliseconds; a poll every `pollMs` covers
 * file systems without them (NFS, a Slurm cluster's shared folders).
 */
import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedResponse } from '../../protocol/run-feed-protocol';
import { FeedMetricSources } from './feed-metric-sources';
import { MetricsColumnsTail } from './metrics-columns-tail';
import { PollLoop } from './poll-loop';
import { RUN_RECORD_VERSION, type RunRecord } from './run-record';
import { stopRequested } from './stop-request';

export interface RunFeedOptions {
  /** Poll interval when no file-system event comes (default 500 ms). */
  pollMs?: number;
  /** Listen for file-system events (default true); false polls only. */
  watch?: boolean;
}

/** Reads what is new in one run folder and hands it to `emit`. */
export class RunFeed {
  private readonly tail: MetricsColumnsTail;
  private readonly metricsFile: string;
  private readonly recordFile: string;
  private loop: PollLoop | undefined;
  private recordStamp = '';
  private stop: boolean | undefined;
  private readonly reported = new Set<string>();
  /** The run's other metric sources, known once run.json has been read; null: it names none. */
  private sources: FeedMetricSources | null | undefined;

  constructor(
    readonly run: string,
    readonly dir: string,
    private readonly emit: (message: FeedResponse) => void,
  ) {
    this.metricsFile = join(dir, 'metrics.jsonl');
    this.recordFile = join(dir, 'run.json');
    this.tail = new MetricsColumnsTail(this.metricsFile);
  }

  /** Reads everything there is now, then keeps following. */
  start(options: RunFeedOptions = {}): void {
    this.loop ??= new PollLoop(() => this.poll(), options.pollMs ?? 500, options.watch === false ? [] : [this.dir]);
    this.loop.trigger();
  }

  /** Reads once (the loop calls this; tests and benchmarks may too). */
  async poll(): Promise<void> {
    await this.pollRecord();
    await this.pollMetrics();
    const requested = await stopRequested(this.dir);
    if (requested !== this.stop) {
      this.stop = requested;
      this.emit({ type: 'stopRequested', run: this.run, requested });
    }
  }

  dispose(): void {
    this.loop?.stop();
  }

  private async pollMetrics(): Promise<void> {
    // The other sources first: what they hold is then already in metrics.jsonl too when the
    // script writes both, and the JSONL copy is the one shown (as in run-file-watcher.ts).
    const sources = this.sources ?? undefined;
    const other = sources ? await sources.read() : undefined;
    if (sources && other && other.points.length > 0 && this.tail.bytesRead === 0) sources.trackJsonlFromStart();
    let reset = false;
    // A big file arrives in slices (16 MB), each sent on at once, so the first points show early.
    for (;;) {
      const r = await this.tail.read();
      for (const p of r.problems) this.problem(p);
      reset ||= r.reset;
      const chunks = sources && !reset ? sources.admitJsonl(r.chunks) : r.chunks;
      if (chunks.length > 0 || r.reset) this.emit({ type: 'points', run: this.run, chunks, reset: r.reset });
      if (!r.more) break;
    }
    if (!sources || !other) return;
    if (reset) {
      // The page dropped the run's points: read the other sources again from the start next time.
      this.sources = sources.restart();
      this.loop?.trigger();
      return;
    }
    for (const p of other.problems) this.problem(p);
    const chunks = await sources.admitOther(other.points);
    if (chunks.length > 0) this.emit({ type: 'points', run: this.run, chunks, reset: false });
  }

  /** Learns the run's other metric sources from its first readable run.json. */
  private learnSources(record: RunRecord): void {
    if (this.sources !== undefined) return;
    this.sources = FeedMetricSources.forRecord(record, this.metricsFile) ?? null;
    for (const dir of this.sources?.watchDirs ?? []) this.loop?.watchDir(dir);
  }

  private async pollRecord(): Promise<void> {
    let stamp: string;
    try {
      const s = await stat(this.recordFile);
      stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.recordStamp) return;
    this.recordStamp = stamp;
    if (stamp === 'missing') {
      this.emit({ type: 'record', run: this.run, error: `${this.recordFile}: no such file` });
      return;
    }
    try {
      const record = JSON.parse(await readFile(this.recordFile, 'utf8')) as RunRecord;
      if (record?.version !== RUN_RECORD_VERSION || typeof record.id !== 'string') throw new Error(`not a run record of version ${RUN_RECORD_VERSION}`);
      this.learnSources(record);
      this.emit({ type: 'record', run: this.run, record });
    } catch (err) {
      // run.json is replaced atomically, so a parse error is a real problem, not a half-written file.
      this.recordStamp = '';
      this.emit({ type: 'record', run: this.run, error: `${this.recordFile}: ${(err as Error).message}` });
    }
  }

  private problem(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.emit({ type: 'problem', run: this.run, message });
  }
}
