import { Worker } from 'node:worker_threads';
import type { InferenceWorkerRequest, InferenceWorkerResponse, WorkerEngineOptions } from '../../protocol/inference-worker-protocol';
import type { Device, InferenceProgress, InferenceRequest, InferenceResult, LoadedModelInfo } from './inference-types';
import { InferenceCancelled } from './inference-types';
import type { DatasetPredictionSpec, DatasetPredictionSummary } from './predict-dataset';

type Listener = (msg: InferenceWorkerResponse) => void;

/** A cancellation source: an AbortSignal, or anything with the same two members (VS Code's token). */
export interface CancelSource {
  readonly aborted?: boolean;
  readonly isCancellationRequested?: boolean;
  onCancellationRequested?: (listener: () => void) => { dispose(): void };
  addEventListener?: (type: 'abort', listener: () => void) => void;
}

/**
 * The main thread's handle on the inference worker (dist/workers/inference.worker.js): started on
 * first use, requests by id, progress, cancellation, and a shutdown that never terminates the
 * worker while a model runs (that would abort the process).
 */
export class InferenceClient {
  private worker: Worker | undefined;
  private readonly listeners = new Set<Listener>();
  /** Ids of calls waiting for an answer: they fail if the worker exits. */
  private readonly pending = new Set<number>();
  private nextId = 1;
  private options: WorkerEngineOptions | undefined;
  /** The device the worker last ran a model on. */
  device: Device | undefined;

  constructor(
    private readonly scriptPath: string,
    private readonly onUserMessage: (message: string) => void = () => undefined,
  ) {}

  /** Engine settings; sent now if the worker runs, else when it starts. */
  configure(options: WorkerEngineOptions): void {
    this.options = options;
    this.worker?.postMessage({ type: 'configure', options } satisfies InferenceWorkerRequest);
  }

  /** Subscribes to every response; returns the unsubscribe function. */
  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs a model on texts. Rejects with InferenceCancelled when cancelled. */
  run(request: InferenceRequest, cancel?: CancelSource, onProgress?: (p: InferenceProgress) => void): Promise<InferenceResult[]> {
    return this.call<InferenceResult[]>({ type: 'run', request }, cancel, (m, resolve) => {
      if (m.type === 'progress') onProgress?.({ done: m.done, total: m.total });
      else if (m.type === 'result') {
        this.device = m.device;
        resolve(m.results);
      }
    });
  }

  /** Runs a model over a dataset file and writes the predictions file. */
  predictDataset(spec: DatasetPredictionSpec, cancel?: CancelSource, onProgress?: (done: number, bytesRead: number, totalBytes: number) => void): Promise<DatasetPredictionSummary> {
    return this.call<DatasetPredictionSummary>({ type: 'predictDataset', spec }, cancel, (m, resolve) => {
      if (m.type === 'progress') onProgress?.(m.done, m.bytesRead ?? 0, m.totalBytes ?? 0);
      else if (m.type === 'datasetResult') {
        this.device = m.device;
        resolve(m.summary);
      }
    });
  }

  /** Loaded models and the device in use (nothing is started to answer). */
  async status(): Promise<{ loaded: LoadedModelInfo[]; device: Device | undefined }> {
    if (!this.worker) return { loaded: [], device: this.device };
    return this.call({ type: 'status' }, undefined, (m, resolve) => {
      if (m.type === 'status') resolve({ loaded: m.loaded, device: m.device });
    });
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  private call<T>(
    request: { type: 'run'; request: InferenceRequest } | { type: 'predictDataset'; spec: DatasetPredictionSpec } | { type: 'status' },
    cancel: CancelSource | undefined,
    handle: (m: InferenceWorkerResponse, resolve: (v: T) => void) => void,
  ): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      let cancelSub: { dispose(): void } | undefined;
      this.pending.add(id);
      const finish = (): void => {
        this.pending.delete(id);
        unsubscribe();
        cancelSub?.dispose();
      };
      const unsubscribe = this.onMessage((m) => {
        if (!('id' in m) || m.id !== id) return;
        if (m.type === 'error') {
          finish();
          reject(m.cancelled ? new InferenceCancelled() : new Error(m.message));
          return;
        }
        handle(m, (v) => {
          finish();
          resolve(v);
        });
      });
      const sendCancel = (): void => this.worker?.postMessage({ type: 'cancel', id } satisfies InferenceWorkerRequest);
      if (cancel?.onCancellationRequested) cancelSub = cancel.onCancellationRequested(sendCancel);
      else cancel?.addEventListener?.('abort', sendCancel);
      this.ensure().postMessage({ ...request, id } as InferenceWorkerRequest);
      if (cancel?.aborted || cancel?.isCancellationRequested) sendCancel();
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath);
    worker.on('message', (m: InferenceWorkerResponse) => {
      if (m.type === 'message') this.onUserMessage(m.message);
      this.listeners.forEach((l) => l(m));
    });
    worker.on('error', (err) => this.onUserMessage(`The inference worker failed: ${err.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      // Pending calls fail rather than wait forever.
      for (const id of [...this.pending]) this.listeners.forEach((l) => l({ type: 'error', id, message: 'the inference worker exited', cancelled: false }));
    });
    if (this.options) worker.postMessage({ type: 'configure', options: this.options } satisfies InferenceWorkerRequest);
    this.worker = worker;
    return worker;
  }

  /**
   * Stops the worker safely: cancels its runs, waits until they stop between batches and the
   * models are released, and only then terminates it. If a single batch outlasts `waitMs`, the
   * worker is left to finish and end with the process rather than killed mid-run.
   */
  async shutdown(waitMs = 10_000): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const done = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      worker.on('message', (m: InferenceWorkerResponse) => {
        if (m.type === 'shutdownDone') {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
    worker.postMessage({ type: 'shutdown' } satisfies InferenceWorkerRequest);
    if (await done) await worker.terminate();
    else worker.unref();
  }
}
