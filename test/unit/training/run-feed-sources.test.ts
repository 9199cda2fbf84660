import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RunFeed } from '../../../src/core/training/run-feed';
import { RunStore } from '../../../src/core/training/run-store';
import type { RunRecord } from '../../../src/core/training/run-record';
import { resolveTrainSpec, type TrainSpec } from '../../../src/core/training/train-spec';
import type { FeedResponse } from '../../../src/protocol/run-feed-protocol';

/** Every point the feed sent, as `name@step=value`, in the order sent. */
function sent(got: FeedResponse[]): string[] {
  return got.flatMap((m) => (m.type === 'points' ? m.chunks.flatMap((c) => [...c.value].map((v, i) => `${c.name}@${c.step[i]}=${v}`)) : []));
}

/** A going run of `spec` (a process run unless it says otherwise) in a fresh store. */
async function feedFor(spec: Partial<TrainSpec>, id: string) {
  const root = mkdtempSync(join(tmpdir(), 'rml-feed-src-'));
  const store = new RunStore(root);
  const full: TrainSpec = { task: 'text-classification', data: { train: 'train.jsonl' }, runner: 'process', command: 'python train.py', ...spec };
  const record: RunRecord = {
    version: 1,
    id,
    name: 'feed-sources-test',
    runner: full.runner ?? 'process',
    status: 'running',
    spec: full,
    resolved: resolveTrainSpec(full, root),
    datasets: [],
    device: { hostname: 'box', platform: 'linux', arch: 'x64', cpus: 4, memoryBytes: 8 * 2 ** 30, node: 'v20' },
    timings: { createdAt: '2026-01-01T10:00:00.000Z', startedAt: '2026-01-01T10:00:01.000Z' },
    outputDir: join(root, 'out'),
    artifacts: [],
  };
  const paths = await store.create(record);
  const got: FeedResponse[] = [];
  const feed = new RunFeed(id, paths.dir, (m) => got.push(m));
  return { root, store, paths, record, got, feed };
}

describe('run feed: trainer_state.json and TensorBoard sources', () => {
  it('shows a trainer_state.json-only run, checkpoint folders included, each name@step once', async () => {
    const { record, got, feed } = await feedFor({}, '20260101-100000-state-0001');
    mkdirSync(join(record.outputDir, 'checkpoint-2'), { recursive: true });
    // The checkpoint's state holds the first two logs; the output folder's the whole history.
    const early = [
      { step: 1, epoch: 0.5, loss: 0.9, learning_rate: 0.001 },
      { step: 2, epoch: 1, eval_loss: 0.7, eval_accuracy: 0.625 },
    ];
    writeFileSync(join(record.outputDir, 'checkpoint-2', 'trainer_state.json'), JSON.stringify({ global_step: 2, log_history: early }));
    await feed.poll();
    // HF keys become dashboard names as HF's TensorBoard callback names them (by hand: loss → train/loss).
    assert.deepEqual(sent(got).sort(), ['eval/accuracy@2=0.625', 'eval/loss@2=0.7', 'train/learning_rate@1=0.001', 'train/loss@1=0.9']);
    const firstEpochs = got.flatMap((m) => (m.type === 'points' ? m.chunks.filter((c) => c.name === 'train/loss').flatMap((c) => [...c.epoch]) : []));
    assert.deepEqual(firstEpochs, [0.5], 'the epoch comes along');

    got.length = 0;
    writeFileSync(join(record.outputDir, 'trainer_state.json'), JSON.stringify({ log_history: [...early, { step: 3, epoch: 1.5, loss: 0.5 }] }));
    await feed.poll();
    assert.deepEqual(sent(got), ['train/loss@3=0.5'], 'a rewritten state adds only its new entry');
    got.length = 0;
    await feed.poll();
    assert.deepEqual(sent(got), [], 'nothing new, nothing sent');
    feed.dispose();
  });

  it('prefers the metrics.jsonl copy of a value that trainer_state.json also holds', async () => {
    const { record, paths, got, feed } = await feedFor({}, '20260101-100000-state-0002');
    mkdirSync(record.outputDir, { recursive: true });
    appendFileSync(paths.metrics, '{"step":1,"name":"train/loss","value":0.9,"wallTime":5}\n');
    await feed.poll();
    writeFileSync(join(record.outputDir, 'trainer_state.json'), JSON.stringify({ log_history: [{ step: 1, loss: 0.90001 }, { step: 2, loss: 0.8 }] }));
    appendFileSync(paths.metrics, '{"step":2,"name":"train/loss","value":0.8,"wallTime":6}\n');
    await feed.poll();
    // Step 1 came from the JSONL alone, step 2 from both in one read: each shown once, as the JSONL says.
    assert.deepEqual(sent(got), ['train/loss@1=0.9', 'train/loss@2=0.8']);
    // A value trainer_state.json sent first is not repeated when the JSONL writes it later.
    writeFileSync(join(record.outputDir, 'trainer_state.json'), JSON.stringify({ log_history: [{ step: 1, loss: 0.9 }, { step: 2, loss: 0.8 }, { step: 3, loss: 0.7 }] }));
    await feed.poll();
    appendFileSync(paths.metrics, '{"step":3,"name":"train/loss","value":0.7,"wallTime":7}\n{"step":4,"name":"train/loss","value":0.6,"wallTime":8}\n');
    await feed.poll();
    assert.deepEqual(sent(got), ['train/loss@1=0.9', 'train/loss@2=0.8', 'train/loss@3=0.7', 'train/loss@4=0.6']);
    feed.dispose();
  });

  it('shows a TensorBoard-only run, as an independent writer wrote it', async () => {
    const { root, got, feed } = await feedFor({ metrics: { trainerState: false, tensorboardDir: 'tb' } }, '20260101-100000-tfev-0001');
    const file = join(root, 'tb', 'run1', 'events.out.tfevents.1700000000.host.1.0');
    mkdirSync(join(root, 'tb', 'run1'), { recursive: true });
    const out = execFileSync('/usr/bin/python3', [join(__dirname, 'write_tfevents.py'), file], { encoding: 'utf8' });
    const written = out.trim().split('\n').map((l) => JSON.parse(l) as { step: number; tag: string; value: number; wall_time: number });
    await feed.poll();
    assert.deepEqual(sent(got).sort(), written.map((w) => `${w.tag}@${w.step}=${w.value}`).sort());
    const wall = got.flatMap((m) => (m.type === 'points' ? m.chunks.filter((c) => c.name === 'train/loss').flatMap((c) => [...c.wallTime]) : []));
    assert.deepEqual(wall, written.filter((w) => w.tag === 'train/loss').map((w) => w.wall_time), 'wall times from the events');
    feed.dispose();
  });

  it('reads no trainer_state.json for a builtin run (it writes metrics.jsonl only)', async () => {
    const { record, got, feed } = await feedFor({ runner: 'builtin', command: undefined }, '20260101-100000-bltn-0001');
    mkdirSync(record.outputDir, { recursive: true });
    writeFileSync(join(record.outputDir, 'trainer_state.json'), JSON.stringify({ log_history: [{ step: 1, loss: 0.5 }] }));
    await feed.poll();
    assert.deepEqual(sent(got), []);
    feed.dispose();
  });

  it('shows a trainer_state.json write through file-system events in the output folder', async () => {
    const { record, got, feed } = await feedFor({}, '20260101-100000-state-0003');
    mkdirSync(record.outputDir, { recursive: true });
    feed.start({ pollMs: 60_000 }); // the poll alone would take a minute: events must do it
    const deadline = Date.now() + 10_000;
    while (!got.some((m) => m.type === 'record') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    writeFileSync(join(record.outputDir, 'trainer_state.json'), JSON.stringify({ log_history: [{ step: 7, eval_f1: 0.5 }] }));
    while (sent(got).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    feed.dispose();
    assert.deepEqual(sent(got), ['eval/f1@7=0.5']);
  });
});
