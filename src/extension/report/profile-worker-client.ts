import type * as vscode from 'vscode';
import type { ProfileWorkerRequest, ProfileWorkerResponse } from '../../protocol/dataset-report-protocol';
import { CancellableWorkerClient, WorkerRunError, type ProgressListener } from '../cancellable-worker-client';

type Result = Extract<ProfileWorkerResponse, { type: 'result' }>;

/** A profile run that failed; `cancelled` when the user cancelled it. */
export { WorkerRunError as ProfileRunError };

/** The profile worker thread (dist/workers/profile.worker.js), started on first use and kept for the next run. */
export class ProfileWorkerClient extends CancellableWorkerClient<ProfileWorkerRequest, ProfileWorkerResponse> {
  constructor(scriptPath: string) {
    super(scriptPath, 'profile');
  }

  /** Profiles `file` (with its config) off the main thread. */
  profile(request: Omit<Extract<ProfileWorkerRequest, { type: 'profile' }>, 'type' | 'id'>, token?: vscode.CancellationToken, onProgress?: ProgressListener): Promise<Result> {
    return this.send({ type: 'profile', ...request }, token, onProgress) as Promise<Result>;
  }
}
