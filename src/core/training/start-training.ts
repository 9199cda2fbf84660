/**
 * Starting, re-attaching and settling runs over the store, whatever their runner: the one
 * entry point the CLI and the extension share.
 */
import { createRun } from './create-run';
import { isFinalStatus, type GateResult, type RunRecord } from './run-record';
import type { RunStore, RunPaths } from './run-store';
import type { TrainingJob } from './runner';
import type { RunnerRegistry } from './runner-registry';
import type { ResolvedTrainSpec, TrainSpec } from './train-spec';

export interface StartTrainingInput {
  store: RunStore;
  runners: RunnerRegistry;
  spec: TrainSpec;
  resolved: ResolvedTrainSpec;
  specFile?: string;
  /** The gate's result with the justification, when errors were accepted (see decideGate). */
  gate?: GateResult;
  rerunOf?: string;
  env?: NodeJS.ProcessEnv;
  pollMs?: number;
}

/** A run that is going (or has already ended, e.g. a command that could not start). */
export interface TrainingSession {
  record: RunRecord;
  paths: RunPaths;
  job: TrainingJob;
}

/** Records a new run and starts it with the spec's runner. */
export async function startTraining(input: StartTrainingInput): Promise<TrainingSession> {
  const { record, paths } = await createRun(input.store, input);
  const job = await input.runners.get(record.runner).start({ record, paths, store: input.store, ...(input.env ? { env: input.env } : {}), ...(input.pollMs ? { pollMs: input.pollMs } : {}) });
  return { record, paths, job };
}

/**
 * After a reload: follows every run still recorded as queued or running — a live local process
 * is re-attached, a Slurm job re-polled — and settles the rest (interrupted, or the exit code
 * they left).
 */
export async function reattachRuns(store: RunStore, runners: RunnerRegistry, options: { env?: NodeJS.ProcessEnv; pollMs?: number } = {}): Promise<TrainingJob[]> {
  const { runs } = await store.list();
  const jobs: TrainingJob[] = [];
  for (const record of runs) {
    if (isFinalStatus(record.status)) continue;
    try {
      const job = await runners.get(record.runner).attach({ record, paths: store.paths(record.id), store, ...options });
      if (job) jobs.push(job);
    } catch {
      // One unreadable or odd run must not keep the others from being followed.
    }
  }
  return jobs;
}

/** Brings every unfinished run's status up to date without following it (for listings). */
export async function reconcileRuns(store: RunStore, runners: RunnerRegistry, options: { env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const { runs } = await store.list();
  await Promise.all(
    runs
      .filter((r) => !isFinalStatus(r.status))
      .map((record) => runners.get(record.runner).reconcile({ record, paths: store.paths(record.id), store, ...options }).catch(() => undefined)),
  );
}
