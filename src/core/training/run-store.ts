/**
 * The run store: one folder per run under `<workspace>/.responsible-ml/runs/<run-id>/` holding
 * run.json (atomic rewrites), metrics.jsonl (append-only), output.log and artifacts/.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../anonymize/atomic-file';
import type { MetricPoint } from './metric-point';
import { RUN_RECORD_VERSION, type RunRecord } from './run-record';

export const RUNS_FOLDER = join('.responsible-ml', 'runs');

/** The files of one run. */
export interface RunPaths {
  dir: string;
  record: string;
  metrics: string;
  log: string;
  artifacts: string;
}

/** A run folder whose run.json could not be read: listed with the reason, never silently skipped. */
export interface UnreadableRun {
  id: string;
  dir: string;
  error: string;
}

/** The runs folder of a workspace (or of the folder holding responsible-ml.config.json). */
export function runsRootOf(workspaceDir: string): string {
  return join(workspaceDir, RUNS_FOLDER);
}

/** A sortable, readable run id: 20260122-101502-support-intent-3fa9. */
export function newRunId(name: string, now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40) || 'run';
  return `${stamp}-${safe}-${randomBytes(2).toString('hex')}`;
}

/** Reads and writes run folders; updates of one run are serialised within this process. */
export class RunStore {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly root: string) {}

  paths(id: string): RunPaths {
    if (!/^[A-Za-z0-9._-]+$/.test(id) || id.startsWith('.')) throw new Error(`not a run id: '${id}'`);
    const dir = join(this.root, id);
    return { dir, record: join(dir, 'run.json'), metrics: join(dir, 'metrics.jsonl'), log: join(dir, 'output.log'), artifacts: join(dir, 'artifacts') };
  }

  /** Creates the run folder with run.json and empty metrics.jsonl / output.log. */
  async create(record: RunRecord): Promise<RunPaths> {
    const paths = this.paths(record.id);
    await mkdir(paths.artifacts, { recursive: true });
    await appendFile(paths.metrics, '');
    await appendFile(paths.log, '');
    await writeFileAtomic(paths.record, `${JSON.stringify(record, null, 2)}\n`);
    return paths;
  }

  /** Reads run.json; throws with the file name when it is missing or not a run record. */
  async read(id: string): Promise<RunRecord> {
    const file = this.paths(id).record;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? `no run '${id}' in ${this.root}` : `${file}: ${(err as Error).message}`);
    }
    let record: RunRecord;
    try {
      record = JSON.parse(text) as RunRecord;
    } catch (err) {
      throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
    }
    if (record?.version !== RUN_RECORD_VERSION || typeof record.id !== 'string') throw new Error(`${file}: not a run record of version ${RUN_RECORD_VERSION}`);
    return record;
  }

  /**
   * Applies `change` to the current record and writes it atomically (temp file + rename), so a
   * crash leaves the old or the new run.json, never half of one. Returns the new record.
   */
  update(id: string, change: (record: RunRecord) => RunRecord | void): Promise<RunRecord> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(async () => {
      const current = await this.read(id);
      const updated = change(current) ?? current;
      await writeFileAtomic(this.paths(id).record, `${JSON.stringify(updated, null, 2)}\n`);
      return updated;
    });
    const settled = next.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return next;
  }

  /** Every run, newest first; folders with an unreadable run.json are returned apart. */
  async list(): Promise<{ runs: RunRecord[]; unreadable: UnreadableRun[] }> {
    let names: string[];
    try {
      names = (await readdir(this.root, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [], unreadable: [] };
      throw err;
    }
    const runs: RunRecord[] = [];
    const unreadable: UnreadableRun[] = [];
    await Promise.all(
      names.map(async (id) => {
        try {
          runs.push(await this.read(id));
        } catch (err) {
          // A folder being created right now has no run.json yet for a moment: not worth reporting.
          const exists = await stat(this.paths(id).record).then(() => true, () => false);
          if (exists) unreadable.push({ id, dir: this.paths(id).dir, error: (err as Error).message });
        }
      }),
    );
    runs.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    unreadable.sort((a, b) => (a.id < b.id ? 1 : -1));
    return { runs, unreadable };
  }

  /** Appends metric points as JSONL lines in one write (O_APPEND: concurrent appenders do not interleave lines). */
  async appendMetrics(id: string, points: MetricPoint[]): Promise<void> {
    if (points.length === 0) return;
    await appendFile(this.paths(id).metrics, points.map((p) => JSON.stringify(p)).join('\n') + '\n');
  }

  /** Appends text to output.log. */
  async appendLog(id: string, text: string): Promise<void> {
    await appendFile(this.paths(id).log, text);
  }
}
