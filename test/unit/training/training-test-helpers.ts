import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sfc32 } from '../../../src/core/random/sfc32';
import { createRun } from '../../../src/core/training/create-run';
import type { RunEvent, TrainingJob } from '../../../src/core/training/runner';
import { RunStore, runsRootOf } from '../../../src/core/training/run-store';
import { resolveTrainSpec, type TrainSpec } from '../../../src/core/training/train-spec';

export const FIXTURES = join(__dirname, 'fixtures');
export const TINY_TORCH = join(FIXTURES, 'tiny_torch_train.py');

/** A throw-away workspace with a small train/validation pair. */
export function trainingWorkspace(prefix = 'rml-train-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const rows = (n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => JSON.stringify({ text: `sample ${i + offset} ${i % 2 ? 'good' : 'bad'}`, label: i % 2 ? 'pos' : 'neg', gender: i % 3 ? 'f' : 'm' })).join('\n') + '\n';
  writeFileSync(join(dir, 'train.jsonl'), rows(40, 0));
  writeFileSync(join(dir, 'valid.jsonl'), rows(10, 1000));
  return dir;
}

/** Creates a queued run for `spec` (paths relative to `dir`) in `dir`'s run store. */
export async function queuedRun(dir: string, spec: Partial<TrainSpec>) {
  const full: TrainSpec = { task: 'text-classification', data: { train: 'train.jsonl', validation: 'valid.jsonl' }, ...spec };
  const store = new RunStore(runsRootOf(dir));
  const resolved = resolveTrainSpec(full, dir, { specFile: join(dir, 'train.json') });
  const { record, paths } = await createRun(store, { spec: full, resolved });
  return { store, record, paths };
}

/** Collects every event of a job. */
export function collect(job: TrainingJob): RunEvent[] {
  const events: RunEvent[] = [];
  job.onEvent((e) => events.push(e));
  return events;
}

/** Resolves once `predicate` holds for an event of the job (or rejects after `ms`). */
export function waitForEvent(job: TrainingJob, predicate: (e: RunEvent) => boolean, ms = 60_000): Promise<RunEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${ms} ms`));
    }, ms);
    const off = job.onEvent((e) => {
      if (predicate(e)) {
        clearTimeout(timer);
        off();
        resolve(e);
      } else if (e.type === 'status' && ['succeeded', 'failed', 'stopped', 'interrupted'].includes(e.status)) {
        clearTimeout(timer);
        off();
        reject(new Error(`the run ended (${e.status}${e.detail ? `: ${e.detail}` : ''}) before the awaited event`));
      }
    });
  });
}

/** Polls until `check` is true (or throws after `ms`). */
export async function until(check: () => boolean | Promise<boolean>, ms = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True when Debian's /usr/bin/python3 imports the module (torch, onnx, sklearn). */
export function hasPythonModule(m: string): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${m}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A small topic dataset for the builtin trainers: each label has its own words plus shared
 * filler; gender alternates at random, and `age` (18–77) is added when asked for.
 */
export function topicData(dir: string, n: number, seed: number, name: string, options: { age?: boolean } = {}): string {
  const random = sfc32(seed, 1, 2, 3);
  const words: Record<string, string[]> = {
    billing: ['invoice', 'charged', 'refund', 'payment', 'bill'],
    shipping: ['parcel', 'tracking', 'delivery', 'courier', 'shipped'],
    technical: ['crash', 'error', 'wifi', 'update', 'reboot'],
  };
  const filler = ['my', 'the', 'is', 'please', 'help', 'today', 'again', 'order'];
  const labels = Object.keys(words);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const label = labels[random() % labels.length]!;
    const pick = (xs: string[]) => xs[random() % xs.length]!;
    const text = [pick(filler), pick(words[label]!), pick(filler), pick(words[label]!), pick(filler)].join(' ');
    const gender = random() % 3 === 0 ? 'female' : 'male';
    lines.push(JSON.stringify(options.age ? { text, label, gender, age: 18 + (random() % 60) } : { text, label, gender }));
  }
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
