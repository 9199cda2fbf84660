/**
 * Follows the files a process or Slurm run writes — output.log, metrics.jsonl, trainer_state.json
 * and TensorBoard event files — and turns what is new into run events. The same value read from
 * two sources (a Trainer logs to JSONL and to trainer_state.json) is reported once.
 */
import { LogTail } from './log-tail';
import type { MetricPoint } from './metric-point';
import { JsonlMetricsTail } from './metrics-jsonl-reader';
import { PollLoop } from './poll-loop';
import type { RunEvent } from './runner';
import { TfEventsWatcher } from './tfevents-reader';
import { TrainerStateWatcher } from './trainer-state-reader';

export interface RunFileSources {
  log: string;
  metrics: string;
  /** Output folder to read trainer_state.json and checkpoint-* folders from. */
  trainerStateDir?: string;
  tensorboardDir?: string;
  /** Folders whose changes trigger an early poll (usually the run folder). */
  watchDirs?: string[];
  /** Start reading output.log here (bytes): a re-attached run does not replay old lines. */
  logOffset?: number;
}

/** Polls the sources of one run; `emit` receives every new event in file order. */
export class RunFileWatcher {
  private readonly log: LogTail;
  private readonly jsonl: JsonlMetricsTail;
  private readonly trainerState?: TrainerStateWatcher;
  private readonly tfevents?: TfEventsWatcher;
  private readonly seen = new Map<string, MetricPoint['source']>();
  private readonly reported = new Set<string>();
  private loop: PollLoop | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly sources: RunFileSources,
    private readonly emit: (event: RunEvent) => void,
  ) {
    this.log = new LogTail(sources.log, sources.logOffset ?? 0);
    this.jsonl = new JsonlMetricsTail(sources.metrics);
    if (sources.trainerStateDir) this.trainerState = new TrainerStateWatcher(sources.trainerStateDir);
    if (sources.tensorboardDir) this.tfevents = new TfEventsWatcher(sources.tensorboardDir);
  }

  /** Starts polling every `intervalMs` and on file-system events. */
  start(intervalMs: number): void {
    this.loop ??= new PollLoop(() => this.poll(), intervalMs, this.sources.watchDirs ?? []);
  }

  /** Reads everything up to the end of every file (a last line without newline included) and stops polling. */
  async finish(): Promise<void> {
    this.loop?.stop();
    await this.poll(true);
  }

  /** Stops polling without a final read. */
  stop(): void {
    this.loop?.stop();
  }

  /** One pass over every source; passes never overlap (the tails keep offsets). */
  poll(final = false): Promise<void> {
    const next = this.queue.then(() => this.pollOnce(final));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async pollOnce(final: boolean): Promise<void> {
    // A script writes its JSONL line before the Trainer saves trainer_state.json (or TensorBoard
    // flushes), so those are read first: whatever they hold is then already in metrics.jsonl too,
    // and the JSONL copy of a value is the one reported, whatever moment the poll lands on.
    const t = this.trainerState ? await this.trainerState.poll() : undefined;
    const tf = this.tfevents ? await this.tfevents.poll() : undefined;
    for (const line of await this.log.poll({ final })) this.emit({ type: 'log', line });
    const j = await this.jsonl.poll({ final });
    for (const p of j.problems) this.warn(p);
    if (j.tornTail) this.warn('metrics.jsonl: the last line is incomplete (the writer stopped mid-line); it was ignored');
    for (const p of j.points) this.metric(p);
    for (const f of j.files) this.emit(f.type === 'checkpoint' ? { type: 'checkpoint', path: f.path, ...(f.step !== undefined ? { step: f.step } : {}) } : { type: 'artifact', path: f.path, kind: f.kind ?? 'file' });
    if (t) {
      for (const c of t.checkpoints) this.emit({ type: 'checkpoint', path: c.path, step: c.step });
      for (const p of t.points) this.metric(p);
    }
    if (tf) {
      for (const p of tf.problems) this.warn(p);
      for (const p of tf.points) this.metric(p);
    }
  }

  private metric(point: MetricPoint): void {
    if (this.trainerState || this.tfevents) {
      const key = `${point.name}@${point.step}`;
      const first = this.seen.get(key);
      if (first !== undefined && first !== point.source) return;
      if (first === undefined) this.seen.set(key, point.source);
    }
    this.emit({ type: 'metric', point });
  }

  private warn(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.emit({ type: 'log', line: message, level: 'warning' });
  }
}
