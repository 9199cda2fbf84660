import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { log } from './logger';

/** What every request/answer protocol of these workers shares: ids, progress, errors and cancel. */
type Request = { id: number; type: string };
type Response = { id: number; type: string } & ({ type: 'progress'; message: string; fraction?: number } | { type: 'error'; message: string; cancelled: boolean } | { type: string });
type Answer<Res> = Exclude<Res, { type: 'progress' | 'error' }>;
/** A request of the union without its id (Omit over each member, so the members stay apart). */
export type WithoutId<Req> = Req extends unknown ? Omit<Req, 'id'> : never;
export type ProgressListener = (message: string, fraction?: number) => void;

/** A worker run that failed; `cancelled` when the user cancelled it. */
export class WorkerRunError extends Error {
  constructor(
    message: string,
    readonly cancelled: boolean,
  ) {
    super(message);
  }
}

/**
 * A worker thread that answers requests by id (profile, fairness report, model cards), started on first use and
 * kept for the next run. Cancelling is cooperative: the worker aborts its engine, which interrupts
 * DuckDB. The thread is never terminated while a query runs — that aborts the whole extension host
 * (../shared/guides/duckdb.md) — only once it is idle.
 */
export class CancellableWorkerClient<Req extends Request, Res extends Response> implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly running = new Map<number, { resolve: (r: Answer<Res>) => void; reject: (e: Error) => void; progress?: ProgressListener }>();
  private disposed = false;

  /** `name` says which worker in log lines and errors ("profile", "fairness"). */
  constructor(
    private readonly scriptPath: string,
    private readonly name: string,
  ) {}

  /** Sends `body` with a fresh id; the answer resolves, an error or a cancel rejects with WorkerRunError. */
  protected send(body: WithoutId<Req>, token?: vscode.CancellationToken, onProgress?: ProgressListener): Promise<Answer<Res>> {
    if (this.disposed) return Promise.reject(new WorkerRunError('the extension is shutting down', true));
    const id = this.nextId++;
    return new Promise<Answer<Res>>((resolve, reject) => {
      const cancelSub = token?.onCancellationRequested(() => this.cancel(id));
      const done = () => cancelSub?.dispose();
      this.running.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
        ...(onProgress ? { progress: onProgress } : {}),
      });
      this.ensure().postMessage({ ...body, id });
      if (token?.isCancellationRequested) this.cancel(id);
    });
  }

  private cancel(id: number): void {
    this.ensure().postMessage({ type: 'cancel', id });
  }

  private onMessage(msg: Res): void {
    const run = this.running.get(msg.id);
    if (!run) return;
    if (msg.type === 'progress') {
      const p = msg as Extract<Response, { type: 'progress' }>;
      run.progress?.(p.message, p.fraction);
      return;
    }
    this.running.delete(msg.id);
    if (msg.type === 'error') {
      const e = msg as Extract<Response, { type: 'error' }>;
      run.reject(new WorkerRunError(e.message, e.cancelled));
    } else run.resolve(msg as Answer<Res>);
    if (this.disposed && this.running.size === 0) void this.worker?.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath);
    const title = `${this.name[0]!.toUpperCase()}${this.name.slice(1)} worker`;
    worker.on('message', (msg: Res) => this.onMessage(msg));
    worker.on('error', (err) => log().error(`${title} failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      // Whatever was in flight will never answer now.
      for (const [id, run] of this.running) {
        this.running.delete(id);
        run.reject(new WorkerRunError(`the ${this.name} worker stopped (exit code ${code})`, false));
      }
      if (code !== 0 && !this.disposed) log().warn(`${title} exited with code ${code}; it restarts on the next report.`);
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
    for (const id of this.running.keys()) this.worker.postMessage({ type: 'cancel', id });
  }
}
