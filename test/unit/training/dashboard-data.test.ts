import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { groupMetricName, parseGroupMetricName } from '../../../src/core/training/group-metric-name';
import { chunkBuffers, chunkPoints, chunksFromPoints, RunColumns } from '../../../src/core/training/metric-columns';
import type { MetricPoint } from '../../../src/core/training/metric-point';
import { estimateProgress } from '../../../src/core/training/progress-estimate';

describe('per-group metric names', () => {
  it('splits <split>/group/<attribute>=<value>/<metric>, values with "/" and "=" included', () => {
    assert.deepEqual(parseGroupMetricName('eval/group/gender=female/accuracy'), { split: 'eval', attribute: 'gender', group: 'female', metric: 'accuracy' });
    assert.deepEqual(parseGroupMetricName('test/fold-1/group/age=30/45/f1_macro'), { split: 'test/fold-1', attribute: 'age', group: '30/45', metric: 'f1_macro' });
    assert.deepEqual(parseGroupMetricName('eval/group/race=a=b/loss'), { split: 'eval', attribute: 'race', group: 'a=b', metric: 'loss' });
    assert.deepEqual(parseGroupMetricName('eval/group/gender=女性/accuracy')?.group, '女性');
    for (const other of ['eval/accuracy', 'train/loss', 'eval/group/accuracy', 'eval/group/gender=/accuracy', 'group/gender=f/accuracy', 'eval/group/gender=f/']) {
      assert.equal(parseGroupMetricName(other), undefined, other);
    }
  });

  it('writes names that read back the same', () => {
    const parts = { split: 'eval', attribute: 'age', group: '45–64 / retired', metric: 'accuracy' };
    assert.equal(groupMetricName(parts), 'eval/group/age=45–64 / retired/accuracy');
    assert.deepEqual(parseGroupMetricName(groupMetricName(parts)), parts);
    assert.throws(() => groupMetricName({ ...parts, attribute: 'a=b' }), /attribute/);
    assert.throws(() => groupMetricName({ ...parts, metric: 'x/y' }), /metric/);
  });
});

describe('metric columns', () => {
  const points: MetricPoint[] = [
    { step: 1, epoch: 0.5, name: 'train/loss', value: 0.9, wallTime: 100 },
    { step: 2, name: 'train/loss', value: 0.8, wallTime: 101 },
    { step: 2, epoch: 1, name: 'eval/accuracy', value: 0.6, wallTime: 102 },
    { step: 3, epoch: 1.5, name: 'train/loss', value: 0.7, wallTime: 103 },
  ];

  it('groups points by name in file order, NaN where a point has no epoch', () => {
    const chunks = chunksFromPoints(points);
    assert.deepEqual(chunks.map((c) => c.name), ['train/loss', 'eval/accuracy']);
    const loss = chunks[0]!;
    assert.deepEqual([...loss.step], [1, 2, 3]);
    assert.deepEqual([...loss.value], [0.9, 0.8, 0.7]);
    assert.deepEqual([...loss.epoch].map(String), ['0.5', 'NaN', '1.5']);
    assert.deepEqual([...loss.wallTime], [100, 101, 103]);
    assert.equal(chunkPoints(chunks), 4);
    assert.equal(chunkBuffers(chunks).length, 8);
  });

  it('grows by appends past its capacity and copies out everything again', () => {
    const run = new RunColumns();
    let step = 0;
    for (let batch = 0; batch < 50; batch++) {
      const ps = Array.from({ length: 37 }, () => ({ step: ++step, name: step % 2 ? 'a' : 'b', value: step * 2, wallTime: step }));
      assert.deepEqual(run.append(chunksFromPoints(ps)).sort(), ['a', 'b']);
    }
    assert.equal(run.points, 50 * 37);
    const a = run.series.get('a')!;
    assert.equal(a.length, Math.ceil((50 * 37) / 2));
    assert.ok(a.value.every((v, i) => v === 2 * a.step[i]! && a.step[i] === 2 * i + 1));
    const copy = run.toChunks();
    assert.deepEqual(copy.map((c) => c.value.length), [a.length, run.series.get('b')!.length]);
    copy[0]!.value[0] = -1;
    assert.equal(a.value[0], 2, 'toChunks copies');
  });
});

describe('progress estimate', () => {
  const started = Date.parse('2026-01-01T10:00:00Z');
  it('projects the time left linearly from the epochs done', () => {
    // 2 of 5 epochs in 10 minutes → 40 % done, 15 minutes to go.
    const e = estimateProgress({ running: true, startedAtMs: started, nowMs: started + 600_000, epoch: 2, totalEpochs: 5 });
    assert.equal(e.fraction, 0.4);
    assert.equal(e.elapsedMs, 600_000);
    assert.equal(e.etaMs, 900_000);
  });
  it('prefers steps when the total is known, and gives no ETA before progress or after the end', () => {
    assert.equal(estimateProgress({ running: true, nowMs: 0, step: 250, totalSteps: 1000, epoch: 3, totalEpochs: 4 }).fraction, 0.25);
    assert.equal(estimateProgress({ running: true, startedAtMs: started, nowMs: started + 5, epoch: 0, totalEpochs: 3 }).etaMs, undefined);
    const done = estimateProgress({ running: false, startedAtMs: started, endedAtMs: started + 42_000, nowMs: started + 999_999, epoch: 3, totalEpochs: 3 });
    assert.deepEqual(done, { fraction: 1, elapsedMs: 42_000 });
    assert.deepEqual(estimateProgress({ running: false, nowMs: 1 }), {});
  });
});
