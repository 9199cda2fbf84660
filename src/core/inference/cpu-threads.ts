import { readlinkSync } from 'node:fs';
import { availableParallelism, getPriority, setPriority } from 'node:os';

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

/** The nice value of the inference worker's thread: under contention the extension host runs first. */
export const WORKER_NICENESS = 10;

/** Threads for a model run in a worker beside the extension host: every core but one, at least one. */
export function hostFriendlyThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/**
 * Lowers the scheduling priority of the calling thread (Linux: a thread has its own nice value,
 * and threads it starts later — ONNX Runtime's pool — inherit it), so that under CPU contention
 * the extension host's thread runs first. Best effort: elsewhere, or if refused, nothing changes.
 * Returns the thread's nice value afterwards, or undefined when it could not be read.
 */
export function lowerThreadPriority(nice: number): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return undefined;
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return getPriority(tid);
  } catch {
    return undefined;
  }
}
