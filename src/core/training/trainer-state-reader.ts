/**
 * Metrics from Hugging Face Trainer's trainer_state.json (`log_history`), which the Trainer
 * rewrites in the output folder and in every checkpoint-<step>/ folder it saves.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hfMetricName } from './hf-metric-name';
import type { MetricPoint } from './metric-point';

/** Keys of a log_history entry that are coordinates, not metrics. */
const COORDINATES = new Set(['step', 'epoch', 'total_flos']);

/** The metric points of a trainer_state.json text; throws on text that is not a trainer state. */
export function parseTrainerState(text: string, fallbackWallTime = Date.now() / 1000): MetricPoint[] {
  const state = JSON.parse(text) as { log_history?: unknown };
  if (!Array.isArray(state?.log_history)) throw new Error('no log_history array');
  const points: MetricPoint[] = [];
  for (const entry of state.log_history as Array<Record<string, unknown>>) {
    if (typeof entry !== 'object' || entry === null) continue;
    const step = typeof entry.step === 'number' ? entry.step : 0;
    const epoch = typeof entry.epoch === 'number' ? entry.epoch : undefined;
    for (const [key, value] of Object.entries(entry)) {
      if (COORDINATES.has(key) || typeof value !== 'number' || !Number.isFinite(value)) continue;
      points.push({ step, ...(epoch !== undefined ? { epoch } : {}), name: hfMetricName(key), value, wallTime: fallbackWallTime, source: 'trainer-state' });
    }
  }
  return points;
}

/** `checkpoint-<step>` folders of an output folder, oldest step first. */
export async function listCheckpoints(outputDir: string): Promise<Array<{ path: string; step: number }>> {
  let names: string[];
  try {
    names = (await readdir(outputDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  return names
    .map((n) => /^checkpoint-(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ path: join(outputDir, m[0]), step: Number(m[1]) }))
    .sort((a, b) => a.step - b.step);
}

/**
 * Follows an output folder: new checkpoint folders, and log_history entries from the newest
 * trainer_state.json (a read that catches the Trainer mid-write is retried on the next poll).
 */
export class TrainerStateWatcher {
  private readonly seenCheckpoints = new Set<string>();
  private readonly seenStates = new Map<string, string>();
  /** name@step of every point returned: each trainer_state.json repeats the whole history. */
  private readonly emitted = new Set<string>();

  constructor(readonly outputDir: string) {}

  async poll(): Promise<{ points: MetricPoint[]; checkpoints: Array<{ path: string; step: number }> }> {
    const checkpoints = (await listCheckpoints(this.outputDir)).filter((c) => !this.seenCheckpoints.has(c.path));
    for (const c of checkpoints) this.seenCheckpoints.add(c.path);
    const candidates = [join(this.outputDir, 'trainer_state.json'), ...[...this.seenCheckpoints].map((c) => join(c, 'trainer_state.json'))];
    const points: MetricPoint[] = [];
    for (const file of candidates) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        continue;
      }
      if (this.seenStates.get(file) === text) continue;
      try {
        for (const p of parseTrainerState(text)) {
          const key = `${p.name}@${p.step}`;
          if (this.emitted.has(key)) continue;
          this.emitted.add(key);
          points.push(p);
        }
        this.seenStates.set(file, text);
      } catch {
        // Half-written by the Trainer right now: the next poll reads the whole file.
      }
    }
    return { points, checkpoints };
  }
}
