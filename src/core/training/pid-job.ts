/**
 * A job that follows a detached process by pid — the builtin trainer's Node process or a user's
 * training command. It is either our own child (Node says when it exits) or a process re-attached
 * after a window reload (its pid is polled until it is gone). Its files are followed by a
 * RunFileWatcher; stop is a stop request, SIGTERM, then SIGKILL after a grace period. Subclasses
 * only say how a run ended from what the process left behind.
 */
import type { ChildProcess } from 'node:child_process';
import { JobBase } from './job-base';
import { isProcessAlive } from './process-liveness';
import type { RunFileWatcher } from './run-file-watcher';
import { isFinalStatus, type ProcessInfo, type RunRecord } from './run-record';
import type { RunContext, RunEvent } from './runner';
import { requestStop } from './stop-request';

export const DEFAULT_POLL_MS = 500;

/** How the followed process ended: its exit code and signal, or both null when it was not our child. */
export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export abstract class PidJob extends JobBase {
  protected readonly watcher: RunFileWatcher;
  /** Set when stop() was called here (a stop request from another process is read from the run folder). */
  protected stopAsked = false;
  private liveness: NodeJS.Timeout | undefined;
  private child: ChildProcess | undefined;
  /** run.json saying "running": a process that ends at once must not overtake it. */
  private started: Promise<void> = Promise.resolve();

  constructor(
    ctx: RunContext,
    protected readonly pid: number,
    private readonly stopGraceMs: number,
    makeWatcher: (emit: (e: RunEvent) => void) => RunFileWatcher,
  ) {
    super(ctx);
    this.watcher = makeWatcher((e) => this.emit(e));
    this.watcher.start(ctx.pollMs ?? DEFAULT_POLL_MS);
  }

  /** Ends the job: reads what the process left (outcome file, exit code) and records the final status. */
  protected abstract settle(end: ProcessEnd, recordExit: (r: RunRecord) => void): Promise<void>;

  /** How a re-attached process ended, learned once its pid is gone (default: unknown). */
  protected async endOfReattached(): Promise<ProcessEnd> {
    return { code: null, signal: null };
  }

  /** Sends `sig` to the process (the process runner overrides it to reach the whole group). */
  protected kill(sig: NodeJS.Signals): void {
    try {
      process.kill(this.pid, sig);
    } catch {
      // already gone
    }
  }

  /** Our own child: Node tells us when it ends. */
  followChild(child: ChildProcess): void {
    this.child = child;
    child.on('error', () => undefined); // reported through 'exit' (or the missing pid at spawn)
    child.on('exit', (code, signal) => void this.ended({ code, signal }));
  }

  /** A re-attached process: poll the pid until it is gone. */
  followPid(startTicks: number | undefined): void {
    this.liveness = setInterval(() => {
      if (isProcessAlive(this.pid, startTicks)) return;
      clearInterval(this.liveness);
      void this.endOfReattached().then((end) => this.ended(end));
    }, this.ctx.pollMs ?? DEFAULT_POLL_MS);
  }

  /** Records the started process in run.json (and whatever else the runner knows by then). */
  async markRunning(info: ProcessInfo, detail: string, patch?: (r: RunRecord) => void): Promise<void> {
    this.started = this.setStatus('running', detail, (r) => {
      r.process = info;
      patch?.(r);
    });
    await this.started;
  }

  private async ended(end: ProcessEnd): Promise<void> {
    await this.started.catch(() => undefined);
    await this.watcher.finish(); // the last metrics and log lines before the final status
    await this.settle(end, (r) => {
      if (!r.process) return;
      if (end.code !== null) r.process.exitCode = end.code;
      if (end.signal) r.process.signal = end.signal;
    });
  }

  async stop(): Promise<void> {
    if (isFinalStatus(this.status())) return;
    this.stopAsked = true;
    await requestStop(this.ctx.paths.dir).catch(() => undefined); // so a watcher in another process also says "stopped"
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), this.stopGraceMs);
    await this.done;
    clearTimeout(timer);
  }

  detach(): void {
    // The process keeps going; the next window re-attaches to it.
    this.watcher.stop();
    if (this.liveness) clearInterval(this.liveness);
    this.child?.removeAllListeners('exit');
    this.child?.unref();
  }

  /** Ends the job with an error that happened before or while spawning. */
  async failToStart(message: string): Promise<void> {
    this.watcher.stop();
    await this.finish('failed', message);
  }
}
