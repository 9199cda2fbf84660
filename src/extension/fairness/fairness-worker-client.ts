import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { FairnessWorkerRequest, FairnessWorkerResponse } from '../../protocol/fairness-report-protocol';
import { log } from '../logger';

type Answer = Exclude<FairnessWorkerResponse, { type: 'progress' | 'error' }>;
export type FairnessResult = Extract<FairnessWorkerResponse, { type: 'result' }>;
export type InspectResult = Extract<FairnessWorkerResponse, { type: 'inspected' }>;
type ReportRequest = Omit<Extract<FairnessWorkerRequest, { type: 'report' }>, 'type' | 'id'>;

/** A worker run that failed; `cancelled` when it was cancelled. */
export class FairnessRunError extends Error {
  constructor(
    message: string,
    readonly cancelled: boolean,
  ) {
    super(message);
  }
}

/**
 * The fairness worker thread (dist/workers/fairness-report.worker.js), started on first use and
 * kept for the next run (it keeps the last predictions table, so a threshold change does not
 * read the file again). Cancelling is cooperative, as for the profile worker: the thread is
 * never terminated while DuckDB runs a query, only once it is idle.
 */
export class FairnessWorkerClient implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly running = new Map<number, { resolve: (r: Answer) => void; reject: (e: Error) => void; progress?: (message: string, fraction?: number) => void }>();
  private disposed = false;

  constructor(private readonly scriptPath: string) {}

  /** Column names, types and frequent values of a predictions file (for the mapping quick picks). */
  inspect(file: string, token?: vscode.CancellationToken): Promise<InspectResult> {
    return this.request({ type: 'inspect', file }, token) as Promise<InspectResult>;
  }

  /** The fairness report (and score bins) of a predictions file under a mapping. */
  report(request: ReportRequest, token?: vscode.CancellationToken, onProgress?: (message: string, fraction?: number) => void): Promise<FairnessResult> {
    return this.request({ type: 'report', ...request }, token, onProgress) as Promise<FairnessResult>;
  }

  private request(
    body: Omit<Extract<FairnessWorkerRequest, { type: 'report' }>, 'id'> | Omit<Extract<FairnessWorkerRequest, { type: 'inspect' }>, 'id'>,
    token?: vscode.CancellationToken,
    onProgress?: (message: string, fraction?: number) => void,
  ): Promise<Answer> {
    if (this.disposed) return Promise.reject(new FairnessRunError('the extension is shutting down', true));
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      const cancelSub = token?.onCancellationRequested(() => this.post({ type: 'cancel', id }));
      const done = () => cancelSub?.dispose();
      this.running.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
        ...(onProgress ? { progress: onProgress } : {}),
      });
      this.post({ ...body, id } as FairnessWorkerRequest);
      if (token?.isCancellationRequested) this.post({ type: 'cancel', id });
    });
  }

  private post(msg: FairnessWorkerRequest): void {
    this.ensure().postMessage(msg);
  }

  private onMessage(msg: FairnessWorkerResponse): void {
    const run = this.running.get(msg.id);
    if (!run) return;
    if (msg.type === 'progress') {
      run.progress?.(msg.message, msg.fraction);
      return;
    }
    this.running.delete(msg.id);
    if (msg.type === 'error') run.reject(new FairnessRunError(msg.message, msg.cancelled));
    else run.resolve(msg);
    if (this.disposed && this.running.size === 0) void this.worker?.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath);
    worker.on('message', (msg: FairnessWorkerResponse) => this.onMessage(msg));
    worker.on('error', (err) => log().error(`Fairness worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, run] of this.running) {
        this.running.delete(id);
        run.reject(new FairnessRunError(`the fairness worker stopped (exit code ${code})`, false));
      }
      if (code !== 0 && !this.disposed) log().warn(`Fairness worker exited with code ${code}; it restarts on the next report.`);
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
    for (const id of this.running.keys()) this.worker.postMessage({ type: 'cancel', id } satisfies FairnessWorkerRequest);
  }
}
