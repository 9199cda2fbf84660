// End to end against a real single-node Slurm started from Debian's packages by
// scripts/slurm-local.mjs. Skips (saying why) where the Slurm binaries are not installed.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SlurmRunner } from '../../../src/core/training/slurm-runner';
import { collect, FIXTURES, queuedRun, trainingWorkspace, waitForEvent } from './training-test-helpers';

const SLURM_LOCAL = join(__dirname, '..', '..', '..', 'scripts', 'slurm-local.mjs');
const slurmLocal = (...args: string[]) => spawnSync(process.execPath, [SLURM_LOCAL, ...args], { encoding: 'utf8', timeout: 60_000 });
const check = slurmLocal('check');
const skip = check.status !== 0 ? `Slurm is not installed (${check.stdout.trim()}): apt-get install slurm-wlm slurmctld slurmd slurm-client slurm-wlm-basic-plugins munge` : false;

const JOB = join(FIXTURES, 'tiny_metrics_job.py');

describe('slurm runner (real single-node cluster)', { skip, timeout: 180_000 }, () => {
  const clusterDir = mkdtempSync(join(tmpdir(), 'rml-slurm-'));
  let env: NodeJS.ProcessEnv;

  before(() => {
    const started = slurmLocal('start', clusterDir);
    assert.equal(started.status, 0, `the local Slurm did not start: ${started.stderr}`);
    env = { ...process.env, SLURM_CONF: /^SLURM_CONF=(.*)$/m.exec(started.stdout)![1]! };
  });
  after(() => {
    slurmLocal('stop', clusterDir);
  });

  it('submits the spec as an sbatch job: resources, live log and metrics, queued → running → succeeded', async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, {
      runner: 'slurm',
      command: ['/usr/bin/python3', JOB, '--sleep', '0.4'],
      hyperparameters: { epochs: 3 },
      slurm: { partition: 'debug', time: '00:05:00', cpus: 1, memory: '100M' },
    });
    const job = await new SlurmRunner().start({ record, paths, store, env, pollMs: 200 });
    const events = collect(job);
    assert.equal(await job.done, 'succeeded');

    const script = readFileSync(join(paths.dir, 'job.sbatch'), 'utf8');
    for (const d of ['--partition=debug', '--time=00:05:00', '--cpus-per-task=1', '--mem=100M', `--output=${paths.log}`]) assert.ok(script.includes(`#SBATCH ${d}`), `${d} in\n${script}`);
    const statuses = events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status);
    assert.equal(statuses.at(-1), 'succeeded');
    assert.ok(statuses.includes('running'), `saw ${statuses}`);
    const losses = events.flatMap((e) => (e.type === 'metric' ? [e.point.value] : []));
    assert.deepEqual(losses, [1, 1 / 2, 1 / 3]);
    const saved = await store.read(record.id);
    assert.match(saved.slurm!.jobId, /^\d+$/);
    assert.equal(saved.slurm!.state, 'COMPLETED');
    assert.equal(saved.slurm!.exitCode, 0);
    const log = readFileSync(paths.log, 'utf8');
    assert.match(log, new RegExp(`\\[rml\\] Slurm job ${saved.slurm!.jobId} on `));
    assert.match(log, new RegExp(`job ${saved.slurm!.jobId} cpus=1 run=${record.id}`));
    assert.match(log, /epoch 3 done/);
  });

  it('a job that exits non-zero ends failed with Slurm’s exit code', async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'slurm', command: ['/usr/bin/python3', JOB, '--exit', '3', '--sleep', '0'], hyperparameters: { epochs: 1 } });
    const job = await new SlurmRunner().start({ record, paths, store, env, pollMs: 200 });
    assert.equal(await job.done, 'failed');
    const saved = await store.read(record.id);
    assert.equal(saved.slurm!.exitCode, 3);
    assert.match(saved.error!, /exit code 3/);
  });

  it('stop() cancels the job with scancel: status stopped, no further epochs', async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'slurm', command: ['/usr/bin/python3', JOB, '--sleep', '20'], hyperparameters: { epochs: 5 } });
    const job = await new SlurmRunner().start({ record, paths, store, env, pollMs: 200 });
    await waitForEvent(job, (e) => e.type === 'metric');
    await job.stop();
    assert.equal(job.status(), 'stopped');
    const saved = await store.read(record.id);
    assert.equal(saved.status, 'stopped');
    assert.equal(saved.slurm!.state, 'CANCELLED');
    assert.doesNotMatch(readFileSync(paths.log, 'utf8'), /epoch 2 done/);
  });

  it('a re-attached watcher re-polls the job and sees it finish (window reload)', async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'slurm', command: ['/usr/bin/python3', JOB, '--sleep', '0.7'], hyperparameters: { epochs: 3 } });
    const first = await new SlurmRunner().start({ record, paths, store, env, pollMs: 200 });
    await waitForEvent(first, (e) => e.type === 'metric');
    first.detach();
    const again = await new SlurmRunner().attach({ record: await store.read(record.id), paths, store, env, pollMs: 200 });
    assert.ok(again);
    assert.equal(await again.done, 'succeeded');
    assert.equal((await store.read(record.id)).status, 'succeeded');
  });

  it('sbatch refusing the job (unknown partition) fails the run with Slurm’s message', async () => {
    const dir = trainingWorkspace();
    const { store, record, paths } = await queuedRun(dir, { runner: 'slurm', command: 'true', slurm: { partition: 'no-such-partition' } });
    const job = await new SlurmRunner().start({ record, paths, store, env, pollMs: 200 });
    assert.equal(await job.done, 'failed');
    assert.match((await store.read(record.id)).error!, /sbatch failed: .*(invalid partition|Invalid partition)/i);
  });
});
