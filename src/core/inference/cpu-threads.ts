import { availableParallelism } from 'node:os';

/** ONNX Runtime session options for a thread budget (see EngineOptions.threads). */
export interface ThreadSessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  extra?: Record<string, unknown>;
}

/**
 * Session options that keep ONNX Runtime to `threads` CPU threads. By default its intra-op pool
 * has one thread per core and those threads spin between operators, so a model run in a worker
 * holds every core busy and the extension host's own thread waits for the scheduler (its
 * event loop stalls although it has nothing to do). Without spinning, idle pool threads sleep.
 */
export function threadSessionOptions(threads: number | undefined): ThreadSessionOptions {
  if (threads === undefined) return {};
  const n = Math.max(1, Math.floor(threads));
  return { intraOpNumThreads: n, interOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } } };
}

/** Threads for a model run in a worker beside the extension host: every core but one, at least one. */
export function hostFriendlyThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

