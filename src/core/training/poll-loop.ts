import { watch, type FSWatcher } from 'node:fs';

/**
 * Runs `tick` every `intervalMs` and soon after a file-system change in `watchDirs` (inotify
 * where it works; the interval covers network file systems and Slurm's shared folders). Ticks
 * never overlap: a change during a tick schedules one more.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | undefined;
  private soon: NodeJS.Timeout | undefined;
  private readonly watchers: FSWatcher[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly tick: () => Promise<void>,
    private readonly intervalMs: number,
    watchDirs: string[] = [],
  ) {
    for (const dir of watchDirs) this.watchDir(dir);
    this.timer = setInterval(() => this.trigger(), intervalMs);
  }

  /** Also ticks soon after a change in `dir` (a folder learnt of later, e.g. from run.json). */
  watchDir(dir: string): void {
    if (this.stopped) return;
    try {
      const w = watch(dir, { persistent: false }, () => this.trigger());
      w.on('error', () => undefined);
      this.watchers.push(w);
    } catch {
      // Folder missing or no inotify: the interval still polls.
    }
  }

  /** Schedules a tick within a few ms (coalescing bursts of file events). */
  trigger(): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.runTick();
    }, 10);
  }

  /** Runs a tick now (after any tick in progress) and resolves when it is done. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    await this.runTick(true);
  }

  private async runTick(force = false): Promise<void> {
    if (this.stopped && !force) return;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.tick();
        } catch {
          // A failed poll is retried on the next tick; readers report their own problems.
        }
      } while (this.again && !this.stopped);
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Stops the interval and the watchers. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    for (const w of this.watchers) w.close();
  }
}
