import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';
import { RunnerRegistry } from '../../../src/core/training/runner-registry';
import { reattachRuns } from '../../../src/core/training/start-training';
import { queuedRun, trainingWorkspace, until } from './training-test-helpers';

it('after a reload, reattachRuns follows the live run and settles the dead one', { timeout: 60_000 }, async () => {
  const dir = trainingWorkspace('rml-reattach-');
  const live = await queuedRun(dir, { runner: 'process', command: 'sleep 1.5; echo finished' });
  const dead = await queuedRun(dir, { runner: 'process', command: 'true' });
  const finished = await queuedRun(dir, { runner: 'process', command: 'true' });
  await dead.store.update(dead.record.id, (r) => {
    r.status = 'running';
    r.process = { pid: 2 ** 22 + 29, hostname: r.device.hostname, command: 'true' };
  });
  await finished.store.update(finished.record.id, (r) => void (r.status = 'succeeded'));
  // The live run's first watcher is another process that dies (the old extension host).
  const starter = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'start-and-hang.ts'), live.paths.dir], { stdio: 'ignore' });
  await until(async () => (await live.store.read(live.record.id)).status === 'running', 30_000, 'the run to start');
  starter.kill('SIGKILL');
  await new Promise((r) => starter.once('exit', r));

  const jobs = await reattachRuns(live.store, new RunnerRegistry(), { pollMs: 100 });
  assert.deepEqual(jobs.map((j) => j.runId), [live.record.id]);
  assert.equal((await live.store.read(dead.record.id)).status, 'interrupted');
  assert.equal((await live.store.read(finished.record.id)).status, 'succeeded', 'finished runs are left alone');
  const lines: string[] = [];
  jobs[0]!.onEvent((e) => e.type === 'log' && lines.push(e.line));
  assert.equal(await jobs[0]!.done, 'succeeded');
  assert.ok(lines.includes('finished'), lines.join('\n'));
});
