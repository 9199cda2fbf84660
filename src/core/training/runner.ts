/**
 * The one interface every runner (builtin, process, slurm) implements: start (or re-attach to)
 * a run, stream its events, report its status, stop it.
 */
import type { MetricPoint } from './metric-point';
import type { RunRecord, RunStatus } from './run-record';
import type { RunPaths, RunStore } from './run-store';
import type { RunnerKind } from './train-spec';

/** What a run reports while it goes. */
export type RunEvent =
  | { type: 'log'; line: string; level?: 'info' | 'warning' | 'error' }
  | { type: 'metric'; point: MetricPoint }
  | { type: 'checkpoint'; path: string; step?: number }
  | { type: 'artifact'; path: string; kind: string }
  | { type: 'status'; status: RunStatus; detail?: string };

/** Everything a runner needs about the run it starts or follows. */
export interface RunContext {
  record: RunRecord;
  paths: RunPaths;
  store: RunStore;
  /** Base environment of child processes and Slurm commands (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** How often files and processes are polled, in ms (file-system events trigger earlier reads). */
  pollMs?: number;
}

/** A started or re-attached run. */
export interface TrainingJob {
  readonly runId: string;
  /** Subscribes to events; returns the unsubscribe function. */
  onEvent(listener: (event: RunEvent) => void): () => void;
  status(): RunStatus;
  /** Asks the run to stop (SIGTERM, then SIGKILL; scancel; worker termination) and waits until it has. */
  stop(): Promise<void>;
  /**
   * Stops following the run without stopping it (the window closes): a process or Slurm job
   * keeps going and is re-attached later; `done` then never resolves.
   */
  detach(): void;
  /** Resolves with the final status once the run has ended and run.json says so. */
  readonly done: Promise<RunStatus>;
}

export interface TrainingRunner {
  readonly kind: RunnerKind;
  /** Starts the run described by ctx.record (already in the store with status queued). */
  start(ctx: RunContext): Promise<TrainingJob>;
  /**
   * Follows a run that was running when its watcher went away (window reload, CLI exit).
   * Returns undefined when it can no longer be followed; the record is then already marked
   * with its final status (interrupted when nothing says how it ended).
   */
  attach(ctx: RunContext): Promise<TrainingJob | undefined>;
  /**
   * Brings run.json up to date without following the run (`rml runs list`): a process that is
   * gone gets its final status, a Slurm job is polled once. Returns the record as now stored.
   */
  reconcile(ctx: RunContext): Promise<RunRecord>;
}
