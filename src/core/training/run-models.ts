/**
 * The models that finished training runs exported, for the Models view and the model pickers:
 * a run is worth nothing to a user if its model cannot be picked where models are picked.
 * Synchronous and small (one run.json per run) so the view can list it with the other models.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeModel, type ModelInfo } from '../inference/model-folder';
import type { RunRecord } from './run-record';

/** Exported models of the succeeded runs under `runsRoot`, newest run first; unreadable runs are named in `problems`. */
export function listRunModels(runsRoot: string): { models: ModelInfo[]; problems: string[] } {
  const models: ModelInfo[] = [];
  const problems: string[] = [];
  let names: string[];
  try {
    names = readdirSync(runsRoot, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name);
  } catch {
    return { models, problems };
  }
  // Run ids start with a timestamp, so the name order is the time order.
  for (const id of names.sort().reverse()) {
    const file = join(runsRoot, id, 'run.json');
    if (!existsSync(file)) continue;
    try {
      const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunRecord>;
      if (record.status !== 'succeeded' || typeof record.outputDir !== 'string') continue;
      if (!existsSync(join(record.outputDir, 'config.json'))) continue;
      models.push(describeModel(record.outputDir, 'run', `${record.name ?? 'run'} · ${id}`));
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
  }
  return { models, problems };
}
