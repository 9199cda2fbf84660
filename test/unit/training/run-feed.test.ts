import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RunFeed } from '../../../src/core/training/run-feed';
import type { RunRecord } from '../../../src/core/training/run-record';
import { RunStore } from '../../../src/core/training/run-store';
import { resolveTrainSpec } from '../../../src/core/training/train-spec';
import { requestStop } from '../../../src/core/training/stop-request';
import type { FeedResponse } from '../../../src/protocol/run-feed-protocol';

/** A run record as the store writes it, for a run that is going. */
export function runningRecord(id: string, dir: string): RunRecord {
  const spec = { task: 'text-classification' as const, data: { train: 'train.jsonl' }, runner: 'process' as const, command: 'python train.py' };
  return {
    version: 1,
    id,
    name: 'feed-test',
    runner: 'process',
    status: 'running',
    spec,
    resolved: resolveTrainSpec(spec, dir),
    datasets: [],
    device: { hostname: 'box', platform: 'linux', arch: 'x64', cpus: 4, memoryBytes: 8 * 2 ** 30, node: 'v20' },
    timings: { createdAt: '2026-01-01T10:00:00.000Z', startedAt: '2026-01-01T10:00:01.000Z' },
    outputDir: join(dir, 'out'),
    artifacts: [],
  };
}

describe('run feed', () => {
  it('reads appended lines only, holds a torn line until its newline, and starts over when the file is rewritten', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rml-feed-'));
    const store = new RunStore(root);
    const id = '20260101-100000-feed-0001';
    const paths = await store.create(runningRecord(id, root));
    const got: FeedResponse[] = [];
    const feed = new RunFeed(id, paths.dir, (m) => got.push(m));
    const points = () => got.flatMap((m) => (m.type === 'points' ? m.chunks.flatMap((c) => [...c.value].map((v) => `${c.name}=${v}`)) : []));

    await feed.poll();
    assert.equal(got.filter((m) => m.type === 'record').length, 1, 'run.json is read once');
    assert.deepEqual(got.find((m) => m.type === 'stopRequested'), { type: 'stopRequested', run: id, requested: false });
    assert.deepEqual(points(), []);

    appendFileSync(paths.metrics, '{"step":1,"epoch":0.5,"name":"train/loss","value":0.9,"wallTime":1}\n{"step":2,"name":"train/lo');
    await feed.poll();
    assert.deepEqual(points(), ['train/loss=0.9'], 'the torn second line waits');
    appendFileSync(paths.metrics, 'ss","value":0.8,"wallTime":2}\nnot json\n');
    await feed.poll();
    assert.deepEqual(points(), ['train/loss=0.9', 'train/loss=0.8']);
    assert.ok(got.some((m) => m.type === 'problem' && /metrics\.jsonl:3: not a JSON line/.test(m.message)), 'a bad line is reported with its number');

    writeFileSync(paths.metrics, '{"step":1,"name":"eval/accuracy","value":0.5,"wallTime":3}\n');
    got.length = 0;
    await feed.poll();
    const p = got.find((m) => m.type === 'points');
    assert.ok(p && p.type === 'points' && p.reset, 'a rewritten file resets the series');
    assert.deepEqual(points(), ['eval/accuracy=0.5']);

    await store.update(id, (r) => void (r.status = 'succeeded'));
    await requestStop(paths.dir);
    got.length = 0;
    await feed.poll();
    const rec = got.find((m) => m.type === 'record');
    assert.equal(rec?.type === 'record' && rec.record?.status, 'succeeded', 'a changed run.json is read again');
    assert.deepEqual(got.find((m) => m.type === 'stopRequested'), { type: 'stopRequested', run: id, requested: true });
    got.length = 0;
    await feed.poll();
    assert.deepEqual(got, [], 'nothing new, nothing sent');
    feed.dispose();
  });

  it('says which run.json could not be read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rml-feed-'));
    writeFileSync(join(root, 'run.json'), '{"version": 99}');
    const got: FeedResponse[] = [];
    await new RunFeed('x', root, (m) => got.push(m)).poll();
    const rec = got.find((m) => m.type === 'record');
    assert.match(rec?.type === 'record' ? rec.error ?? '' : '', /run\.json: not a run record of version 1/);
  });

  it('follows a file as it is written through file-system events, not only the poll', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rml-feed-'));
    const store = new RunStore(root);
    const id = '20260101-100000-feed-0002';
    const paths = await store.create(runningRecord(id, root));
    const arrivals: number[] = [];
    let wrote = 0;
    const feed = new RunFeed(id, paths.dir, (m) => {
      if (m.type === 'points' && m.chunks.length > 0) arrivals.push(Date.now() - wrote);
    });
    feed.start({ pollMs: 5000 }); // the poll alone would take 5 s: events must do it
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 3; i++) {
      wrote = Date.now();
      await store.appendMetrics(id, [{ step: i, name: 'train/loss', value: 1 / (i + 1), wallTime: wrote / 1000 }]);
      const until = Date.now() + 3000;
      while (arrivals.length <= i && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    }
    feed.dispose();
    // Each point came before the 5 s poll could have read it (figures: npm run bench:dashboard).
    assert.equal(arrivals.length, 3, `points arrived after ${arrivals.join(', ')} ms`);
  });
});
