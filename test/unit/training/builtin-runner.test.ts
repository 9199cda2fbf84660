import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawn } from 'node:child_process';
import { BuiltinRunner, readOutcome } from '../../../src/core/training/builtin/builtin-runner';
import { isProcessAlive } from '../../../src/core/training/process-liveness';
import { readMetricsJsonl } from '../../../src/core/training/metrics-jsonl-reader';
import { requestStop } from '../../../src/core/training/stop-request';
import { collect, FIXTURES, queuedRun, trainingWorkspace, until, waitForEvent } from './training-test-helpers';

/** A workspace whose training data is big enough to take a few seconds. */
function biggerWorkspace(): string {
  const dir = trainingWorkspace('rml-builtin-');
  const rows = Array.from({ length: 4000 }, (_, i) => JSON.stringify({ text: `ticket ${i} about ${i % 2 ? 'refund invoice' : 'parcel tracking'} number ${i % 97}`, label: i % 2 ? 'billing' : 'shipping', gender: i % 3 ? 'f' : 'm' }));
  writeFileSync(join(dir, 'train.jsonl'), rows.join('\n') + '\n');
  return dir;
}

describe('builtin runner (detached trainer process)', () => {
  it('trains in its own process: events followed live, metrics.jsonl and output.log written, model exported', { timeout: 120_000 }, async () => {
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
    assert.notEqual(saved.process?.pid, process.pid, "the trainer runs in a process of its own");
    assert.equal(saved.process?.exitCode, 0);
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

  it('outlives its watcher (window reload): re-attached by pid, it finishes and run.json says so', { timeout: 180_000 }, async () => {
    const dir = biggerWorkspace();
    const epochs = 4;
    const { store, record, paths } = await queuedRun(dir, { runner: 'builtin', hyperparameters: { epochs, batchSize: 8, earlyStoppingPatience: 0 }, builtin: { buckets: 65536, dim: 16 } });
    // The first watcher: a separate Node process (as the extension host is) that dies with SIGKILL.
    const starter = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, 'start-and-hang.ts'), paths.dir, 'builtin'], { stdio: 'ignore' });
    await until(async () => (await store.read(record.id)).status === 'running', 30_000, 'the run to start');
    const { pid, startTicks } = (await store.read(record.id)).process!;
    assert.notEqual(pid, starter.pid, 'the trainer is a process of its own');
    await until(() => existsSync(paths.metrics) && readFileSync(paths.metrics, 'utf8').includes('eval/loss'), 60_000, 'the first epoch');
    starter.kill('SIGKILL');
    await new Promise((r) => starter.once('exit', r));
    assert.equal(isProcessAlive(pid, startTicks), true, 'the trainer outlives its watcher');
    assert.equal((await store.read(record.id)).status, 'running');

    const job = await new BuiltinRunner().attach({ record: await store.read(record.id), paths, store, pollMs: 100 });
    assert.ok(job, 'attached');
    const events = collect(job);
    assert.equal(await job.done, 'succeeded');
    const saved = await store.read(record.id);
    assert.equal(saved.status, 'succeeded');
    assert.equal(saved.progress?.epoch, epochs, 'progress from the metrics the trainer wrote');
    assert.ok(existsSync(join(saved.outputDir, 'model.onnx')));
    assert.deepEqual(saved.artifacts, [{ path: saved.outputDir, kind: 'model' }]);
    // Metrics are replayed from the start of metrics.jsonl, so a new chart gets the whole series.
    const evalLoss = events.filter((e) => e.type === 'metric' && e.point.name === 'eval/loss');
    assert.equal(evalLoss.length, epochs);
    assert.ok(!isProcessAlive(pid, startTicks), 'the trainer process has ended');
  });

  it('a re-attached run still stops: SIGTERM, the trainer ends its batch, status stopped', { timeout: 120_000 }, async () => {
    const dir = biggerWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'builtin', hyperparameters: { epochs: 200, batchSize: 4, earlyStoppingPatience: 0 }, builtin: { buckets: 65536, dim: 16 } });
    const first = await new BuiltinRunner().start({ record, paths, store, pollMs: 100 });
    await waitForEvent(first, (e) => e.type === 'metric');
    first.detach(); // the window goes away; the trainer keeps going
    const { pid, startTicks } = (await store.read(record.id)).process!;
    const job = await new BuiltinRunner().attach({ record: await store.read(record.id), paths, store, pollMs: 100 });
    assert.ok(job, 'attached');
    await job.stop();
    const saved = await store.read(record.id);
    assert.equal(saved.status, 'stopped');
    assert.ok(!existsSync(join(saved.outputDir, 'model.onnx')));
    assert.ok(!isProcessAlive(pid, startTicks), 'the trainer process has ended');
    assert.deepEqual(await readOutcome(paths.dir), { status: 'stopped', detail: 'stopped by the user' }, 'the trainer stopped by itself and said so (no SIGKILL)');
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
