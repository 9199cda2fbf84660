import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { LintWorkerRequest, LintWorkerResponse } from '../../protocol/lint-worker-protocol';
import { log } from '../logger';

type Listener = (msg: LintWorkerResponse) => void;

/** The lint worker thread, started on first use and restarted if it dies. */
export class LintWorkerClient implements vscode.Disposable {
  private worker: Worker | undefined;
  private readonly listeners = new Set<Listener>();
  private nextId = 1;

  constructor(private readonly scriptPath: string) {}

  /** Sends a request; the worker is started on first use. */
  post(msg: LintWorkerRequest): void {
    this.ensure().postMessage(msg);
  }

  /** Subscribes to every response. */
  onMessage(listener: Listener): vscode.Disposable {
    this.listeners.add(listener);
    return new vscode.Disposable(() => this.listeners.delete(listener));
  }

  newId(): number {
    return this.nextId++;
  }

  /** Runs a from-disk lint and resolves with its result; progress and cancellation included. */
  lintFile(
    path: string,
    format: Extract<LintWorkerRequest, { type: 'lintFile' }>['format'],
    options: Extract<LintWorkerRequest, { type: 'lintFile' }>['options'],
    token?: vscode.CancellationToken,
    onProgress?: (bytesRead: number, totalBytes: number) => void,
  ): Promise<Extract<LintWorkerResponse, { type: 'fileResult' }>> {
    const id = this.newId();
    return new Promise((resolve, reject) => {
      const sub = this.onMessage((msg) => {
        if (!('id' in msg) || msg.id !== id) return;
        if (msg.type === 'fileProgress') onProgress?.(msg.bytesRead, msg.totalBytes);
        else {
          sub.dispose();
          cancelSub?.dispose();
          if (msg.type === 'fileResult') resolve(msg);
          else reject(new Error(msg.type === 'error' ? msg.message : 'unexpected reply'));
        }
      });
      const cancelSub = token?.onCancellationRequested(() => this.post({ type: 'cancel', id }));
      this.post({ type: 'lintFile', id, path, format, options });
    });
  }

  /** Runs the dataset-level checks (integrity, representativeness) of a file in the worker. */
  datasetChecks(request: Omit<Extract<LintWorkerRequest, { type: 'datasetChecks' }>, 'type' | 'id'>): Promise<Extract<LintWorkerResponse, { type: 'datasetChecksResult' }>> {
    const id = this.newId();
    return new Promise((resolve, reject) => {
      const sub = this.onMessage((msg) => {
        if (!('id' in msg) || msg.id !== id) return;
        sub.dispose();
        if (msg.type === 'datasetChecksResult') resolve(msg);
        else reject(new Error(msg.type === 'error' ? msg.message : 'unexpected reply'));
      });
      this.post({ type: 'datasetChecks', id, ...request });
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath);
    worker.on('message', (msg: LintWorkerResponse) => this.listeners.forEach((l) => l(msg)));
    worker.on('error', (err) => log().error(`Lint worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      if (code !== 0) log().warn(`Lint worker exited with code ${code}; it restarts on the next request.`);
    });
    this.worker = worker;
    return worker;
  }

  /**
   * Ends the worker safely: it may be running the NER model, and terminating a worker inside an
   * ONNX Runtime call aborts the whole extension host. So it is asked to stop first, and is
   * terminated only once it says it has (or left to end with the process if it never does).
   */
  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const timer = setTimeout(() => worker.unref(), 4000);
    worker.on('message', (m: LintWorkerResponse) => {
      if (m.type !== 'shutdownDone') return;
      clearTimeout(timer);
      void worker.terminate();
    });
    worker.postMessage({ type: 'shutdown' } satisfies LintWorkerRequest);
  }
}
