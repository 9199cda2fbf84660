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
 * The metric points one JSONL object carries, appended to `out`. Two shapes: `{step, epoch,
 * name, value, wallTime}` (one point) and `{step, epoch, loss: 0.3, accuracy: 0.9}` (one point
 * per numeric field, as a Trainer's log dict). Objects without numbers (checkpoint events) add none.
 */
export function pointsFromObject(obj: Record<string, unknown>, fallbackWallTime: number, source?: MetricPoint['source'], out: MetricPoint[] = []): MetricPoint[] {
  if (obj.type !== undefined && obj.type !== 'metric') return out;
  const stepRaw = obj.step ?? obj.global_step;
  const epoch = typeof obj.epoch === 'number' && Number.isFinite(obj.epoch) ? obj.epoch : undefined;
  const step = typeof stepRaw === 'number' && Number.isFinite(stepRaw) ? stepRaw : (epoch ?? 0);
  const wt = obj.wallTime ?? obj.wall_time ?? obj.time ?? obj.timestamp;
  const wallTime = typeof wt === 'number' && Number.isFinite(wt) ? wt : fallbackWallTime;
  const point = (name: string, value: number): MetricPoint => {
    // Literals in a fixed key order (no delete): V8 keeps a few hidden classes for a million points.
    const p: MetricPoint = epoch === undefined ? { step, name, value, wallTime } : { step, epoch, name, value, wallTime };
    if (source !== undefined) p.source = source;
    return p;
  };
  if (typeof obj.name === 'string') {
    if (typeof obj.value === 'number') out.push(point(obj.name, obj.value));
    return out;
  }
  for (const key in obj) {
    const value = obj[key];
    if (typeof value !== 'number' || COORDINATES.has(key)) continue;
    out.push(point(key, value));
  }
  return out;
}
