/** One scalar of a training run, as the dashboard plots it and metrics.jsonl stores it. */
export interface MetricPoint {
  /** Optimizer step (or the epoch number when the source only counts epochs). */
  step: number;
  epoch?: number;
  /** e.g. train/loss, eval/accuracy, eval/f1_macro, eval/group/gender=female/accuracy. */
  name: string;
  value: number;
  /** Seconds since the Unix epoch when the value was logged. */
  wallTime: number;
  /** Where it was read from: jsonl, trainer-state or tfevents. */
  source?: 'jsonl' | 'trainer-state' | 'tfevents';
}

/** Fields of a JSONL metrics line that are coordinates, not metrics. */
const COORDINATES = new Set(['step', 'epoch', 'wallTime', 'wall_time', 'time', 'timestamp', 'type', 'event', 'name', 'value', 'global_step']);

/**
 * The metric points one JSONL object carries. Two shapes: `{step, epoch, name, value, wallTime}`
 * (one point) and `{step, epoch, loss: 0.3, accuracy: 0.9}` (one point per numeric field, as a
 * Trainer's log dict). Returns [] for objects without numbers (e.g. checkpoint events).
 */
export function pointsFromObject(obj: Record<string, unknown>, fallbackWallTime: number): MetricPoint[] {
  if (obj.type !== undefined && obj.type !== 'metric') return [];
  const stepRaw = obj.step ?? obj.global_step;
  const epoch = typeof obj.epoch === 'number' && Number.isFinite(obj.epoch) ? obj.epoch : undefined;
  const step = typeof stepRaw === 'number' && Number.isFinite(stepRaw) ? stepRaw : (epoch ?? 0);
  const wt = obj.wallTime ?? obj.wall_time ?? obj.time ?? obj.timestamp;
  const wallTime = typeof wt === 'number' && Number.isFinite(wt) ? wt : fallbackWallTime;
  const base = { step, ...(epoch !== undefined ? { epoch } : {}), wallTime };
  if (typeof obj.name === 'string') {
    return typeof obj.value === 'number' ? [{ ...base, name: obj.name, value: obj.value }] : [];
  }
  const points: MetricPoint[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (COORDINATES.has(key) || typeof value !== 'number') continue;
    points.push({ ...base, name: key, value });
  }
  return points;
}
