import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BuiltinRunner } from '../../../src/core/training/builtin/builtin-runner';
import { readMetricsJsonl } from '../../../src/core/training/metrics-jsonl-reader';
import { requestStop } from '../../../src/core/training/stop-request';
import { collect, queuedRun, trainingWorkspace, waitForEvent } from './training-test-helpers';

/** A workspace whose training data is big enough to take a few seconds. */
function biggerWorkspace(): string {
  const dir = trainingWorkspace('rml-builtin-');
  const rows = Array.from({ length: 4000 }, (_, i) => JSON.stringify({ text: `ticket ${i} about ${i % 2 ? 'refund invoice' : 'parcel tracking'} number ${i % 97}`, label: i % 2 ? 'billing' : 'shipping', gender: i % 3 ? 'f' : 'm' }));
  writeFileSync(join(dir, 'train.jsonl'), rows.join('\n') + '\n');
  return dir;
}

describe('builtin runner (worker thread)', () => {
  it('trains in a worker: events relayed live, metrics.jsonl and output.log written, model exported', { timeout: 120_000 }, async () => {
    const dir = trainingWorkspace('rml-builtin-');
    const { store, record, paths } = await queuedRun(dir, {
      runner: 'builtin',
      data: { train: 'train.jsonl', validation: 'valid.jsonl', sensitiveFields: ['gender'] },
      hyperparameters: { epochs: 3, learningRate: 0.05, batchSize: 8, seed: 1, earlyStoppingPatience: 0 },
      builtin: { buckets: 4096, dim: 8 },
    });
    const job = await new BuiltinRunner().start({ record, paths, store });
    const events = collect(job);
    assert.equal(await job.done, 'succeeded');
    const saved = await store.read(record.id);
    assert.equal(saved.status, 'succeeded');
    assert.equal(saved.process?.pid, process.pid);
    assert.equal(saved.progress?.epoch, 3);
    assert.ok(saved.progress!.latest['eval/accuracy']! >= 0);
    assert.ok(existsSync(join(saved.outputDir, 'model.onnx')));
    assert.deepEqual(saved.artifacts, [{ path: saved.outputDir, kind: 'model' }]);
    // Live events and the file agree.
    const live = events.flatMap((e) => (e.type === 'metric' ? [`${e.point.name}@${e.point.step}=${e.point.value}`] : []));
    const file = (await readMetricsJsonl(paths.metrics)).points.map((p) => `${p.name}@${p.step}=${p.value}`);
    assert.deepEqual(live, file);
    assert.ok(live.some((x) => x.startsWith('eval/group/gender=m/accuracy')));
    assert.match(readFileSync(paths.log, 'utf8'), /epoch 3\/3: train loss/);
  });

  it('stop() ends training after the current batch: status stopped, no model', { timeout: 120_000 }, async () => {
    const dir = biggerWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'builtin', hyperparameters: { epochs: 200, batchSize: 4, earlyStoppingPatience: 0 }, builtin: { buckets: 65536, dim: 16 } });
    const job = await new BuiltinRunner().start({ record, paths, store, pollMs: 100 });
    await waitForEvent(job, (e) => e.type === 'metric' && e.point.name === 'eval/loss');
    await job.stop();
    const saved = await store.read(record.id);
    assert.equal(saved.status, 'stopped');
    assert.ok(!existsSync(join(saved.outputDir, 'model.onnx')));
  });

  it('a stop-request file (rml runs stop from another process) stops it too', { timeout: 120_000 }, async () => {
    const dir = biggerWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'builtin', hyperparameters: { epochs: 200, batchSize: 4, earlyStoppingPatience: 0 }, builtin: { buckets: 65536, dim: 16 } });
    const job = await new BuiltinRunner().start({ record, paths, store, pollMs: 100 });
    await waitForEvent(job, (e) => e.type === 'metric');
    await requestStop(paths.dir);
    assert.equal(await job.done, 'stopped');
  });

  it('a builtin run whose process is gone is marked interrupted on reconcile', async () => {
    const dir = trainingWorkspace('rml-builtin-');
    const { store, record, paths } = await queuedRun(dir, { runner: 'builtin' });
    await store.update(record.id, (r) => {
      r.status = 'running';
      r.process = { pid: 2 ** 22 + 19, hostname: r.device.hostname, command: 'builtin' };
    });
    const settled = await new BuiltinRunner().reconcile({ record: await store.read(record.id), paths, store });
    assert.equal(settled.status, 'interrupted');
    assert.match(settled.error!, /ended .* before the run finished/);
  });
});
