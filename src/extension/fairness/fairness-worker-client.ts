import type * as vscode from 'vscode';
import type { FairnessWorkerRequest, FairnessWorkerResponse } from '../../protocol/fairness-report-protocol';
import { CancellableWorkerClient, WorkerRunError, type ProgressListener } from '../cancellable-worker-client';

export type FairnessResult = Extract<FairnessWorkerResponse, { type: 'result' }>;
export type InspectResult = Extract<FairnessWorkerResponse, { type: 'inspected' }>;
type ReportRequest = Omit<Extract<FairnessWorkerRequest, { type: 'report' }>, 'type' | 'id'>;

/** A worker run that failed; `cancelled` when it was cancelled. */
export { WorkerRunError as FairnessRunError };

/**
 * The fairness worker thread (dist/workers/fairness-report.worker.js), started on first use and
 * kept for the next run (it keeps the last predictions table, so a threshold change does not
 * read the file again).
 */
export class FairnessWorkerClient extends CancellableWorkerClient<FairnessWorkerRequest, FairnessWorkerResponse> {
  constructor(scriptPath: string) {
    super(scriptPath, 'fairness');
  }

  /** Column names, types and frequent values of a predictions file (for the mapping quick picks). */
  inspect(file: string, token?: vscode.CancellationToken): Promise<InspectResult> {
    return this.send({ type: 'inspect', file }, token) as Promise<InspectResult>;
  }

  /** The fairness report (and score bins) of a predictions file under a mapping. */
  report(request: ReportRequest, token?: vscode.CancellationToken, onProgress?: ProgressListener): Promise<FairnessResult> {
    return this.send({ type: 'report', ...request }, token, onProgress) as Promise<FairnessResult>;
  }
}
