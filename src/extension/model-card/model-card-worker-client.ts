import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { ModelCardWorkerRequest, ModelCardWorkerResponse } from '../../protocol/model-card-protocol';
import { log } from '../logger';

type Request = Exclude<ModelCardWorkerRequest, { type: 'cancel' }>;
/** A request without its id, kept a union (Omit over a union would merge its members). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type RequestBody = WithoutId<Request>;
type Answer<T extends ModelCardWorkerResponse['type']> = Extract<ModelCardWorkerResponse, { type: T }>;
type Pending = { resolve: (r: ModelCardWorkerResponse) => void; reject: (e: Error) => void };

/** A model card job that failed; `cancelled` when the user cancelled it. */
export class ModelCardJobError extends Error {
  constructor(
    message: string,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

/**
 * The model card worker thread (dist/workers/model-card.worker.js): lint and inspection as a card
 * is edited, form edits, card and datasheet generation. Started on first use, kept while the
 * extension runs, and terminated only when idle (a datasheet may be profiling with DuckDB).
 */
export class ModelCardWorkerClient implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  constructor(private readonly scriptPath: string) {}

  /** Sends a request and resolves with the worker's answer of the expected kind. */
  request<T extends ModelCardWorkerResponse['type']>(req: RequestBody, expect: T, token?: vscode.CancellationToken): Promise<Answer<T>> {
    if (this.disposed) return Promise.reject(new ModelCardJobError('the extension is shutting down', true));
    const id = this.nextId++;
    return new Promise<Answer<T>>((resolve, reject) => {
      const sub = token?.onCancellationRequested(() => this.ensure().postMessage({ type: 'cancel', id } satisfies ModelCardWorkerRequest));
      this.pending.set(id, {
        resolve: (r) => {
          sub?.dispose();
          if (r.type === 'error') reject(new ModelCardJobError(r.message, r.cancelled));
          else if (r.type !== expect) reject(new ModelCardJobError(`unexpected answer '${r.type}' from the model card worker`));
          else resolve(r as Answer<T>);
        },
        reject: (e) => {
          sub?.dispose();
          reject(e);
        },
      });
      this.ensure().postMessage({ ...req, id } as ModelCardWorkerRequest);
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath);
    worker.on('message', (msg: ModelCardWorkerResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      p.resolve(msg);
      if (this.disposed && this.pending.size === 0) void worker.terminate();
    });
    worker.on('error', (err) => log().error(`Model card worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.reject(new ModelCardJobError(`the model card worker stopped (exit code ${code})`));
      }
    });
    this.worker = worker;
    return worker;
  }

  dispose(): void {
    this.disposed = true;
    if (this.worker && this.pending.size === 0) void this.worker.terminate();
  }
}
