/**
 * What every runner's job shares: listeners, the current status, and keeping run.json in step
 * with the events (status changes and timings at once, progress at most every PROGRESS_WRITE_MS).
 */
import { isFinalStatus, type RunProgress, type RunRecord, type RunStatus } from './run-record';
import type { RunContext, RunEvent, TrainingJob } from './runner';

const PROGRESS_WRITE_MS = 2000;
/** Most events kept for a subscriber that comes late. */
const BACKLOG_LIMIT = 10_000;

export abstract class JobBase implements TrainingJob {
  readonly runId: string;
  readonly done: Promise<RunStatus>;
  protected readonly ctx: RunContext;
  private current: RunStatus;
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private resolveDone!: (status: RunStatus) => void;
  private progress: RunProgress;
  private progressDirty = false;
  private progressTimer: NodeJS.Timeout | undefined;
  private readonly artifacts: RunRecord['artifacts'] = [];
  /** Events sent before anyone subscribed; undefined once the first listener has them. */
  private backlog: RunEvent[] | undefined = [];

  constructor(ctx: RunContext) {
    this.ctx = ctx;
    this.runId = ctx.record.id;
    this.current = ctx.record.status;
    this.progress = { latest: {}, totalEpochs: ctx.record.resolved.hyperparameters.epochs, ...ctx.record.progress };
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  onEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    // Events of the first moments (the start, a command that fails at once) reach the first subscriber.
    const backlog = this.backlog;
    this.backlog = undefined;
    for (const e of backlog ?? []) listener(e);
    return () => this.listeners.delete(listener);
  }

  status(): RunStatus {
    return this.current;
  }

  abstract stop(): Promise<void>;

  abstract detach(): void;

  /** Sends an event to every listener and folds metrics, checkpoints and artifacts into the record. */
  protected emit(event: RunEvent): void {
    if (event.type === 'metric') {
      const p = event.point;
      this.progress.latest[p.name] = p.value;
      if (p.epoch !== undefined) this.progress.epoch = Math.max(this.progress.epoch ?? 0, p.epoch);
      this.progress.step = Math.max(this.progress.step ?? 0, p.step);
      this.scheduleProgressWrite();
    } else if (event.type === 'artifact' || event.type === 'checkpoint') {
      this.artifacts.push({ path: event.path, kind: event.type === 'checkpoint' ? 'checkpoint' : event.kind });
      this.scheduleProgressWrite();
    }
    if (this.backlog && this.backlog.length < BACKLOG_LIMIT) this.backlog.push(event);
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A failing listener (a closed panel) must not stop the run or the other listeners.
      }
    }
  }

  /** Records a status change (running, queued) in run.json and tells the listeners. */
  protected async setStatus(status: RunStatus, detail?: string, patch?: (r: RunRecord) => void): Promise<void> {
    if (isFinalStatus(this.current)) return;
    this.current = status;
    await this.ctx.store.update(this.runId, (r) => {
      r.status = status;
      if (status === 'running' && !r.timings.startedAt) r.timings.startedAt = new Date().toISOString();
      patch?.(r);
    });
    this.emit({ type: 'status', status, ...(detail ? { detail } : {}) });
  }

  /** Records the final status, timings, progress and artifacts, then resolves `done`. Only the first call counts. */
  protected async finish(status: RunStatus, detail?: string, patch?: (r: RunRecord) => void): Promise<void> {
    if (isFinalStatus(this.current)) return;
    this.current = status;
    if (this.progressTimer) clearTimeout(this.progressTimer);
    const ended = new Date();
    await this.ctx.store.update(this.runId, (r) => {
      // Another watcher of the same run (a second window, `rml runs stop`) may have recorded the end first.
      if (isFinalStatus(r.status)) return;
      r.status = status;
      r.timings.endedAt = ended.toISOString();
      const started = Date.parse(r.timings.startedAt ?? r.timings.createdAt);
      r.timings.durationMs = ended.getTime() - started;
      r.progress = this.progress;
      r.artifacts = mergeArtifacts(r.artifacts, this.artifacts);
      if (detail && status !== 'succeeded') r.error = detail;
      patch?.(r);
    });
    this.emit({ type: 'status', status, ...(detail ? { detail } : {}) });
    this.resolveDone(status);
  }

  private scheduleProgressWrite(): void {
    this.progressDirty = true;
    if (this.progressTimer || isFinalStatus(this.current)) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      if (!this.progressDirty || isFinalStatus(this.current)) return;
      this.progressDirty = false;
      void this.ctx.store
        .update(this.runId, (r) => {
          if (isFinalStatus(r.status)) return;
          r.progress = this.progress;
          r.artifacts = mergeArtifacts(r.artifacts, this.artifacts);
        })
        .catch(() => undefined);
    }, PROGRESS_WRITE_MS);
    this.progressTimer.unref?.();
  }
}

function mergeArtifacts(a: RunRecord['artifacts'], b: RunRecord['artifacts']): RunRecord['artifacts'] {
  const seen = new Set(a.map((x) => `${x.kind}:${x.path}`));
  return [...a, ...b.filter((x) => !seen.has(`${x.kind}:${x.path}`))];
}
