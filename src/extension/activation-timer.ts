import { performance } from 'node:perf_hooks';

// Taken when the bundle is first evaluated: activation time includes module load.
const loadedAt = performance.now();

/** Milliseconds from bundle load until now. */
export function msSinceLoad(): number {
  return performance.now() - loadedAt;
}
