import { Worker } from 'node:worker_threads';
import type { FeedRequest, FeedResponse } from '../../protocol/run-feed-protocol';
import type { RunFeedOptions } from '../../core/training/run-feed';

type Listener = (message: FeedResponse) => void;

/**
 * The run feed worker (dist/workers/run-feed.worker.js), started when the first run is followed
 * and ended when the last one is let go. Several panels may follow one run: the worker reads its
 * folder once and every listener gets each message. No `vscode` import, so the benchmark drives
 * the same client.
 */
export class RunFeedClient {
  private worker: Worker | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly dirs = new Map<string, string>();
  private disposed = false;

  constructor(
    private readonly scriptPath: string,
    private readonly options: RunFeedOptions = {},
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  /** Follows the run folder `dir`; returns the function that stops listening. */
  follow(run: string, dir: string, listener: Listener): () => void {
    if (this.disposed) return () => undefined;
    let set = this.listeners.get(run);
    if (!set) {
      this.listeners.set(run, (set = new Set()));
      this.dirs.set(run, dir);
      this.post({ type: 'follow', run, dir });
    }
    set.add(listener);
    return () => {
      const s = this.listeners.get(run);
      if (!s?.delete(listener) || s.size > 0) return;
      this.listeners.delete(run);
      this.dirs.delete(run);
      this.post({ type: 'unfollow', run });
      if (this.listeners.size === 0) this.stopWorker();
    };
  }

  /** Runs followed now. */
  get following(): string[] {
    return [...this.listeners.keys()];
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.stopWorker();
  }

  private post(message: FeedRequest): void {
    if (this.disposed) return;
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath, { workerData: this.options });
    worker.on('message', (m: FeedResponse) => {
      for (const l of [...(this.listeners.get(m.run) ?? [])]) l(m);
    });
    worker.on('error', (err) => this.onError(`the run feed worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // terminated on purpose
      this.worker = undefined;
      if (this.disposed || this.listeners.size === 0) return;
      this.onError(`the run feed worker exited with code ${code}; following the runs again`);
      // A new worker reads every file from the top, so listeners start over.
      for (const [run, set] of this.listeners) {
        for (const l of set) l({ type: 'points', run, chunks: [], reset: true });
        this.post({ type: 'follow', run, dir: this.dirs.get(run)! });
      }
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}
