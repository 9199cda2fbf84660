import { performance } from 'node:perf_hooks';

// Taken when the bundle is first evaluated (this module comes first in it).
const loadedAt = performance.now();
let evaluatedAt: number | undefined;

/** Marks the end of the bundle's top-level evaluation (called at the bottom of extension.ts). */
export function markModulesEvaluated(): void {
  evaluatedAt ??= performance.now();
}

/** Milliseconds spent evaluating the bundle's modules. */
export function moduleEvaluationMs(): number {
  return (evaluatedAt ?? performance.now()) - loadedAt;
}
