import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { ProfileWorkerRequest, ProfileWorkerResponse } from '../../protocol/dataset-report-protocol';
import { log } from '../logger';

type Result = Extract<ProfileWorkerResponse, { type: 'result' }>;

/** A profile run that failed; `cancelled` when the user cancelled it. */
export class ProfileRunError extends Error {
  constructor(
    message: string,
    readonly cancelled: boolean,
  ) {
    super(message);
  }
}

/**
 * The profile worker thread (dist/workers/profile.worker.js), started on first use and kept for
 * the next run. Cancelling is cooperative: the worker aborts the engine's AbortSignal, which
 * interrupts DuckDB. The thread is never terminated while a query runs — that aborts the whole
 * extension host (../shared/guides/duckdb.md) — only once it is idle.
 */
export class ProfileWorkerClient implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly running = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void; progress?: (message: string, fraction?: number) => void }>();
  private disposed = false;

  constructor(private readonly scriptPath: string) {}

  /** Profiles `file` (with its config) off the main thread. */
  profile(
    request: Omit<Extract<ProfileWorkerRequest, { type: 'profile' }>, 'type' | 'id'>,
    token?: vscode.CancellationToken,
    onProgress?: (message: string, fraction?: number) => void,
  ): Promise<Result> {
    if (this.disposed) return Promise.reject(new ProfileRunError('the extension is shutting down', true));
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      const cancelSub = token?.onCancellationRequested(() => this.post({ type: 'cancel', id }));
      const done = () => cancelSub?.dispose();
      this.running.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
        progress: onProgress,
      });
      this.post({ type: 'profile', id, ...request });
      if (token?.isCancellationRequested) this.post({ type: 'cancel', id });
    });
  }

  private post(msg: ProfileWorkerRequest): void {
    this.ensure().postMessage(msg);
  }

  private onMessage(msg: ProfileWorkerResponse): void {
    const run = this.running.get(msg.id);
    if (!run) return;
    if (msg.type === 'progress') {
      run.progress?.(msg.message, msg.fraction);
      return;
    }
    this.running.delete(msg.id);
    if (msg.type === 'result') run.resolve(msg);
    else run.reject(new ProfileRunError(msg.message, msg.cancelled));
    if (this.disposed && this.running.size === 0) void this.worker?.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath);
    worker.on('message', (msg: ProfileWorkerResponse) => this.onMessage(msg));
    worker.on('error', (err) => log().error(`Profile worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      // Whatever was in flight will never answer now.
      for (const [id, run] of this.running) {
        this.running.delete(id);
        run.reject(new ProfileRunError(`the profile worker stopped (exit code ${code})`, false));
      }
      if (code !== 0 && !this.disposed) log().warn(`Profile worker exited with code ${code}; it restarts on the next report.`);
    });
    this.worker = worker;
    return worker;
  }

  /** Cancels what runs and stops the thread once it is idle (never mid-query). */
  dispose(): void {
    this.disposed = true;
    if (!this.worker) return;
    if (this.running.size === 0) {
      void this.worker.terminate();
      return;
    }
    for (const id of this.running.keys()) this.worker.postMessage({ type: 'cancel', id } satisfies ProfileWorkerRequest);
  }
}
