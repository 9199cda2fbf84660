import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readMetricsJsonl } from '../../../src/core/training/metrics-jsonl-reader';
import { newRunId, RunStore, runsRootOf } from '../../../src/core/training/run-store';
import { queuedRun, trainingWorkspace, until } from './training-test-helpers';

describe('run store', () => {
  it('creates the run folder layout: run.json, metrics.jsonl, output.log, artifacts/', async () => {
    const dir = trainingWorkspace('rml-store-');
    const { record, paths } = await queuedRun(dir, { runner: 'process', command: 'true' });
    assert.deepEqual(readdirSync(paths.dir).sort(), ['artifacts', 'metrics.jsonl', 'output.log', 'run.json']);
    const saved = JSON.parse(readFileSync(paths.record, 'utf8'));
    assert.equal(saved.id, record.id);
    assert.equal(saved.status, 'queued');
    assert.equal(saved.outputDir, paths.artifacts);
  });

  it('run ids sort by time and carry the name', () => {
    const a = newRunId('my run!', new Date(2026, 0, 2, 3, 4, 5));
    assert.match(a, /^20260102-030405-my-run--[0-9a-f]{4}$/);
    assert.ok(newRunId('x', new Date(2026, 0, 2)) < newRunId('x', new Date(2026, 0, 3)));
  });

  it('serialises concurrent updates of one run (none is lost)', async () => {
    const dir = trainingWorkspace('rml-store-');
    const { store, record } = await queuedRun(dir, { runner: 'process', command: 'true' });
    await Promise.all(Array.from({ length: 50 }, () => store.update(record.id, (r) => void (r.progress = { latest: { n: (r.progress?.latest.n ?? 0) + 1 } }))));
    assert.equal((await store.read(record.id)).progress!.latest.n, 50);
  });

  it('lists unreadable run.json files with the file and reason; skips folders still being created and temp files', async () => {
    const dir = trainingWorkspace('rml-store-');
    const { store, record } = await queuedRun(dir, { runner: 'process', command: 'true' });
    mkdirSync(join(store.root, '20260101-000000-broken-0000'));
    writeFileSync(join(store.root, '20260101-000000-broken-0000', 'run.json'), '{"version": 1, "id": ');
    mkdirSync(join(store.root, '20260101-000000-creating-0000'));
    writeFileSync(join(store.paths(record.id).dir, '.run.json.123.abcdef.tmp'), '{"half');
    const { runs, unreadable } = await store.list();
    assert.deepEqual(runs.map((r) => r.id), [record.id]);
    assert.equal(unreadable.length, 1);
    assert.match(unreadable[0]!.error, /20260101-000000-broken-0000\/run\.json: not valid JSON/);
    await assert.rejects(store.read('nope'), /no run 'nope'/);
    assert.throws(() => store.paths('../escape'), /not a run id/);
  });

  it('survives a crash mid-write: run.json is always whole, a torn metrics line is tolerated', { timeout: 60_000 }, async () => {
    const dir = trainingWorkspace('rml-store-');
    const { store, record, paths } = await queuedRun(dir, { runner: 'process', command: 'true' });
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'hammer-store.ts'), paths.dir], { stdio: 'ignore' });
      await until(() => readFileSync(paths.metrics, 'utf8').length > 2000 * (round + 1), 30_000, 'the writer to get going');
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const saved = await store.read(record.id); // throws if run.json were torn
      assert.equal(saved.error!.length >= 20_000, true);
      const metrics = await readMetricsJsonl(paths.metrics);
      assert.ok(metrics.points.length > 0);
      // Every complete line is read; at most the last one is torn, and earlier torn lines are reported, not fatal.
      assert.ok(metrics.problems.length <= round, metrics.problems.join('\n'));
      const values = metrics.points.map((p) => p.value);
      assert.deepEqual(values.slice(0, 3), [0, 1, 2]);
    }
    assert.equal(runsRootOf(dir), store.root);
  });
});
