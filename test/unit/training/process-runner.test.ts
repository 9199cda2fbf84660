import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { MetricPoint } from '../../../src/core/training/metric-point';
import { readMetricsJsonl } from '../../../src/core/training/metrics-jsonl-reader';
import { isProcessAlive } from '../../../src/core/training/process-liveness';
import { ProcessRunner } from '../../../src/core/training/process-runner';
import { collect, queuedRun, TINY_TORCH, trainingWorkspace, until, waitForEvent } from './training-test-helpers';

const hasTorch = (() => {
  try {
    require('node:child_process').execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const torchSkip = hasTorch ? false : 'needs Debian python3-torch (/usr/bin/python3 -c "import torch" failed); .ci/run installs it';

const metricsOf = (events: ReturnType<typeof collect>): MetricPoint[] => events.flatMap((e) => (e.type === 'metric' ? [e.point] : []));

describe('process runner', () => {
  it('runs a real PyTorch script: live metrics from RML_METRICS_FILE, log, artifact, succeeded', { skip: torchSkip, timeout: 120_000 }, async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, {
      runner: 'process',
      command: ['/usr/bin/python3', TINY_TORCH],
      hyperparameters: { epochs: 4, learningRate: 0.5, batchSize: 32, seed: 7 },
    });
    const job = await new ProcessRunner().start({ record, paths, store, pollMs: 100 });
    const events = collect(job);
    assert.equal(await job.done, 'succeeded');

    const live = metricsOf(events);
    const onDisk = await readMetricsJsonl(paths.metrics);
    // What was streamed live is exactly what the script wrote, in order.
    assert.deepEqual(live.map((p) => [p.name, p.step, p.value]), onDisk.points.map((p) => [p.name, p.step, p.value]));
    const evalLoss = live.filter((p) => p.name === 'eval/loss').map((p) => p.value);
    assert.equal(evalLoss.length, 4);
    assert.ok(evalLoss[3]! < evalLoss[0]!, `eval loss should fall: ${evalLoss}`);
    assert.equal(live.filter((p) => p.name === 'train/loss').length, 4 * 8, '256 examples / batch 32 × 4 epochs');
    assert.ok(events.some((e) => e.type === 'artifact' && e.kind === 'model' && e.path.endsWith('model.pt')));
    const logLines = events.flatMap((e) => (e.type === 'log' ? [e.line] : []));
    assert.ok(logLines.some((l) => /^epoch 4: loss/.test(l)), logLines.join('\n'));
    assert.deepEqual(events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status), ['running', 'succeeded']);

    const saved = await store.read(record.id);
    assert.equal(saved.status, 'succeeded');
    assert.equal(saved.process?.exitCode, 0);
    assert.ok(saved.timings.startedAt && saved.timings.endedAt && saved.timings.durationMs! > 0);
    assert.equal(saved.progress?.epoch, 4);
    assert.ok(saved.artifacts.some((a) => a.kind === 'model'));
    assert.ok(existsSync(join(saved.outputDir, 'model.pt')));
    assert.match(readFileSync(paths.log, 'utf8'), /training on 256 examples[\s\S]*done/);
  });

  it('a failing command ends failed with its exit code and stderr in the log', { skip: torchSkip, timeout: 120_000 }, async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'process', command: `/usr/bin/python3 ${TINY_TORCH} --fail 3`, hyperparameters: { epochs: 3 } });
    const job = await new ProcessRunner().start({ record, paths, store, pollMs: 100 });
    assert.equal(await job.done, 'failed');
    const saved = await store.read(record.id);
    assert.equal(saved.process?.exitCode, 3);
    assert.equal(saved.error, 'the command exited with code 3');
    assert.match(readFileSync(paths.log, 'utf8'), /failing on purpose/);
  });

  it('stop() ends a run mid-training: SIGTERM to the process group, status stopped', { skip: torchSkip, timeout: 120_000 }, async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'process', command: [ '/usr/bin/python3', TINY_TORCH, '--sleep', '30'], hyperparameters: { epochs: 5 } });
    const job = await new ProcessRunner({ stopGraceMs: 2000 }).start({ record, paths, store, pollMs: 100 });
    await waitForEvent(job, (e) => e.type === 'metric' && e.point.name === 'eval/loss');
    const pid = (await store.read(record.id)).process!.pid;
    await job.stop();
    assert.equal(job.status(), 'stopped');
    const saved = await store.read(record.id);
    assert.equal(saved.status, 'stopped');
    assert.equal(saved.progress?.epoch, 1);
    assert.equal(isProcessAlive(pid), false);
    assert.equal(existsSync(join(saved.outputDir, 'model.pt')), false, 'stopped before the end');
  });

  it('a command that cannot start fails with a clear message', async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'process', command: 'definitely-not-a-command-rml', cwd: 'missing-folder' });
    const job = await new ProcessRunner().start({ record, paths, store });
    assert.equal(await job.done, 'failed');
    assert.match((await store.read(record.id)).error!, /working folder .*missing-folder does not exist/);
  });

  it('reads HF-style checkpoint-*/trainer_state.json: checkpoint events, no value reported twice', { skip: torchSkip, timeout: 120_000 }, async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'process', command: ['/usr/bin/python3', TINY_TORCH, '--trainer-state'], hyperparameters: { epochs: 3, learningRate: 0.5 } });
    const job = await new ProcessRunner().start({ record, paths, store, pollMs: 100 });
    const events = collect(job);
    assert.equal(await job.done, 'succeeded');
    assert.deepEqual(events.filter((e) => e.type === 'checkpoint').map((e) => (e as { step?: number }).step), [8, 16, 24]);
    const points = metricsOf(events);
    // eval_loss in trainer_state.json is eval/loss — the JSONL already had it at the same step.
    const evalLoss = points.filter((p) => p.name === 'eval/loss');
    assert.equal(evalLoss.length, 3);
    assert.ok(evalLoss.every((p) => p.source === 'jsonl'));
  });

  it('a run whose process died unobserved is marked interrupted; one that left an exit code gets it', async () => {
    const dir = trainingWorkspace();
    const runner = new ProcessRunner();
    for (const [exitFile, expected] of [[undefined, 'interrupted'], ['0\n', 'succeeded'], ['2\n', 'failed']] as const) {
      const { store, record, paths } = await queuedRun(dir, { runner: 'process', command: 'true' });
      // A pid that cannot be alive: the run was 'running' when the window went away.
      await store.update(record.id, (r) => {
        r.status = 'running';
        r.process = { pid: 2 ** 22 + 17, hostname: r.device.hostname, command: 'true' };
      });
      if (exitFile) writeFileSync(join(paths.dir, 'exit-code'), exitFile);
      const job = await runner.attach({ record: await store.read(record.id), paths, store });
      assert.equal(job, undefined);
      const saved = await store.read(record.id);
      assert.equal(saved.status, expected);
      if (expected === 'interrupted') assert.match(saved.error!, /left no exit code/);
    }
  });

  it('re-attaches to a live process after its watcher went away (window reload) and sees it finish', { skip: torchSkip, timeout: 120_000 }, async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'process', command: ['/usr/bin/python3', TINY_TORCH, '--sleep', '0.7'], hyperparameters: { epochs: 3 } });
    // The first watcher: a separate Node process (as the extension host is) that dies with SIGKILL.
    const { spawn } = await import('node:child_process');
    const starter = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'start-and-hang.ts'), paths.dir], { stdio: 'ignore' });
    await until(async () => (await store.read(record.id)).status === 'running', 30_000, 'the run to start');
    const { pid } = (await store.read(record.id)).process!;
    await until(() => readFileSync(paths.metrics, 'utf8').includes('eval/loss'), 30_000, 'the first epoch');
    starter.kill('SIGKILL');
    await new Promise((r) => starter.once('exit', r));
    assert.equal(isProcessAlive(pid), true, 'the training process outlives its watcher');

    const job = await new ProcessRunner().attach({ record: await store.read(record.id), paths, store, pollMs: 100 });
    assert.ok(job, 'attached');
    const events = collect(job);
    assert.equal(await job.done, 'succeeded');
    const saved = await store.read(record.id);
    assert.equal(saved.status, 'succeeded');
    assert.equal(saved.process?.exitCode, 0, 'read from the exit-code file');
    // Metrics are replayed from the start of metrics.jsonl, so a new chart gets the whole series.
    assert.equal(metricsOf(events).filter((p) => p.name === 'eval/loss').length, 3);
  });
});
