import type { MetricPoint } from './metric-point';
import { RunFileWatcher } from './run-file-watcher';
import type { RunRecord } from './run-record';
import type { RunPaths } from './run-store';

/**
 * Every metric point a run has written so far, from all its sources (metrics.jsonl, and for
 * process and Slurm runs trainer_state.json and TensorBoard files), a value read from two
 * sources once; plus the readers' warnings (torn last line, CRC failures).
 */
export async function readRunMetrics(record: RunRecord, paths: RunPaths): Promise<{ points: MetricPoint[]; warnings: string[] }> {
  const points: MetricPoint[] = [];
  const warnings: string[] = [];
  const external = record.runner !== 'builtin';
  const watcher = new RunFileWatcher(
    {
      log: '/dev/null',
      metrics: paths.metrics,
      ...(external && record.resolved.metrics.trainerState ? { trainerStateDir: record.outputDir } : {}),
      ...(external && record.resolved.metrics.tensorboardDir ? { tensorboardDir: record.resolved.metrics.tensorboardDir } : {}),
    },
    (e) => {
      if (e.type === 'metric') points.push(e.point);
      else if (e.type === 'log' && e.level === 'warning') warnings.push(e.line);
    },
  );
  await watcher.poll(true);
  return { points, warnings };
}

/** The last value of each metric (by step, then file order). */
export function latestValues(points: MetricPoint[]): Record<string, number> {
  const latest: Record<string, { step: number; value: number }> = {};
  for (const p of points) {
    const seen = latest[p.name];
    if (!seen || p.step >= seen.step) latest[p.name] = { step: p.step, value: p.value };
  }
  return Object.fromEntries(Object.entries(latest).map(([k, v]) => [k, v.value]));
}
