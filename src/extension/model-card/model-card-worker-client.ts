import type * as vscode from 'vscode';
import type { ModelCardWorkerRequest, ModelCardWorkerResponse } from '../../protocol/model-card-protocol';
import { CancellableWorkerClient, WorkerRunError, type WithoutId } from '../cancellable-worker-client';

type Request = Exclude<ModelCardWorkerRequest, { type: 'cancel' }>;
type Answer<T extends ModelCardWorkerResponse['type']> = Extract<ModelCardWorkerResponse, { type: T }>;

/** A model card job that failed; `cancelled` when the user cancelled it. */
export { WorkerRunError as ModelCardJobError };

/**
 * The model card worker thread (dist/workers/model-card.worker.js): lint and inspection as a card
 * is edited, form edits, card and datasheet generation. Started on first use, kept while the
 * extension runs; disposing cancels what runs (a datasheet may be profiling with DuckDB) and
 * terminates the thread once it is idle.
 */
export class ModelCardWorkerClient extends CancellableWorkerClient<Request, ModelCardWorkerResponse> {
  constructor(scriptPath: string) {
    super(scriptPath, 'model card');
  }

  /** Sends a request and resolves with the worker's answer of the expected kind. */
  async request<T extends ModelCardWorkerResponse['type']>(req: WithoutId<Request>, expect: T, token?: vscode.CancellationToken): Promise<Answer<T>> {
    const answer = await this.send(req, token);
    if (answer.type !== expect) throw new WorkerRunError(`unexpected answer '${answer.type}' from the model card worker`, false);
    return answer as Answer<T>;
  }
}
