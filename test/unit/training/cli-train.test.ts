import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';
import type { RunRecord } from '../../../src/core/training/run-record';
import { RunnerRegistry } from '../../../src/core/training/runner-registry';
import { RunStore, runsRootOf } from '../../../src/core/training/run-store';
import { startTraining } from '../../../src/core/training/start-training';
import { createRun } from '../../../src/core/training/create-run';
import { resolveTrainSpec } from '../../../src/core/training/train-spec';
import { trainingWorkspace, until } from './training-test-helpers';

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A process-runner spec whose command writes three metric lines with plain sh. */
function shellSpec(dir: string, extra: Record<string, unknown> = {}): void {
  const command = 'for i in 1 2 3; do echo "{\\"step\\": $i, \\"epoch\\": $i, \\"name\\": \\"eval/loss\\", \\"value\\": 0.$((9 - i))}" >> "$RML_METRICS_FILE"; echo "epoch $i of $RML_EPOCHS"; done';
  writeFileSync(join(dir, 'train.json'), JSON.stringify({ name: 'shell', task: 'text-classification', data: { train: 'train.jsonl', validation: 'valid.jsonl' }, runner: 'process', command, hyperparameters: { epochs: 3 }, ...extra }));
}

describe('rml train / rml runs', () => {
  it('runs a process spec, streams progress, records the run; runs list/show read it back', async () => {
    const dir = trainingWorkspace('rml-cli-train-');
    shellSpec(dir);
    const r = await run(['train', '--config', 'train.json'], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /responsible gate: 0 errors/);
    assert.match(r.stdout, /epoch 3 of 3/);
    assert.match(r.stdout, /step 3 · epoch 3: eval\/loss 0\.6/);
    assert.match(r.stdout, /run \S+-shell-\w{4} succeeded in/);

    const list = await run(['runs', 'list', '--format', 'json'], dir);
    assert.equal(list.code, 0);
    const runs = JSON.parse(list.stdout) as RunRecord[];
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.status, 'succeeded');
    assert.equal(runs[0]!.datasets.length, 2);
    assert.match(runs[0]!.datasets[0]!.sha256, /^[0-9a-f]{64}$/);

    const show = await run(['runs', 'show', runs[0]!.id.slice(-4), '--format', 'json'], dir);
    assert.equal(show.code, 0, show.stderr);
    const shown = JSON.parse(show.stdout) as { run: RunRecord; latestMetrics: Record<string, number> };
    assert.deepEqual(shown.latestMetrics, { 'eval/loss': 0.6 });
    const text = await run(['runs', 'list'], dir);
    assert.match(text.stdout, /^RUN\s+STATUS\s+RUNNER/);
    assert.match(text.stdout, /succeeded\s+process\s+epoch 3\/3/);
  });

  it('the gate blocks a run on PII errors (exit 1); --allow-risks runs it and stores the reason; values never printed in full', async () => {
    const dir = trainingWorkspace('rml-cli-gate-');
    writeFileSync(join(dir, 'train.jsonl'), readFileSync(join(dir, 'train.jsonl'), 'utf8') + '{"text":"my card is 4111 1111 1111 1111 thanks","label":"pos","gender":"f"}\n');
    shellSpec(dir);
    const blocked = await run(['train', '--config', 'train.json'], dir);
    assert.equal(blocked.code, 1);
    assert.match(blocked.stdout, /train\.jsonl:41:\d+: error pii-credit-card/);
    assert.match(blocked.stderr, /found 1 error in the training data; .*--allow-risks/);
    assert.equal(existsSync(runsRootOf(dir)), false, 'no run recorded');
    assert.ok(!`${blocked.stdout}${blocked.stderr}`.includes('4111 1111 1111 1111'));

    const allowed = await run(['train', '--config', 'train.json', '--allow-risks', 'synthetic card number, test data'], dir);
    assert.equal(allowed.code, 0, allowed.stderr);
    const [record] = (await new RunStore(runsRootOf(dir)).list()).runs;
    assert.equal(record!.gate!.blocked, true);
    assert.equal(record!.gate!.justification, 'synthetic card number, test data');
    assert.equal(record!.gate!.issues[0]!.ruleId, 'pii-credit-card');
    assert.ok(!readFileSync(join(runsRootOf(dir), record!.id, 'run.json'), 'utf8').includes('4111 1111 1111 1111'));
  });

  it('a failing command exits 1; --format json streams events and ends with the run record', async () => {
    const dir = trainingWorkspace('rml-cli-fail-');
    writeFileSync(join(dir, 'train.json'), JSON.stringify({ task: 'text-classification', data: { train: 'train.jsonl' }, runner: 'process', command: 'echo boom >&2; exit 4' }));
    const r = await run(['train', '-c', 'train.json', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const events = r.stdout.split('\n').map((l) => JSON.parse(l) as { type: string; run?: RunRecord; line?: string });
    assert.equal(events[0]!.type, 'gate');
    assert.ok(events.some((e) => e.type === 'log' && e.line === 'boom'), r.stdout);
    assert.deepEqual(events.filter((e) => e.type === 'status').map((e) => (e as { status?: string }).status), ['running', 'failed'], 'no status lost, even for a command that ends at once');
    const last = events.at(-1)!;
    assert.equal(last.type, 'result');
    assert.equal(last.run!.status, 'failed');
    assert.equal(last.run!.error, 'the command exited with code 4');
  });

  it('usage errors name the file and place (exit 2)', async () => {
    const dir = trainingWorkspace('rml-cli-bad-');
    writeFileSync(join(dir, 'train.json'), '{\n  "task": "text-classification",\n  "data": { "train": "train.jsonl" },\n  "runner": "kubernetes"\n}\n');
    const bad = await run(['train', '--config', 'train.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /train\.json:4:13: \/runner must be equal to one of the allowed values \(builtin, process, slurm\)/);
    writeFileSync(join(dir, 'train.json'), '{ "task": "text-classification", "data": { "train": "nope.jsonl" }, "runner": "process" }');
    const noCommand = await run(['train', '--config', 'train.json'], dir);
    assert.match(noCommand.stderr, /the process runner needs a "command"/);
    writeFileSync(join(dir, 'train.json'), '{ "task": "text-classification", "data": { "train": "nope.jsonl" } }');
    const missing = await run(['train', '--config', 'train.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /train\.json: the train file nope\.jsonl does not exist/);
    assert.equal((await run(['train'], dir)).code, 2);
    assert.equal((await run(['runs', 'frob'], dir)).code, 2);
  });

  it('rml runs stop stops a run another process is watching; a run whose process is gone lists as interrupted', async () => {
    const dir = trainingWorkspace('rml-cli-stop-');
    const store = new RunStore(runsRootOf(dir));
    const spec = { task: 'text-classification' as const, data: { train: 'train.jsonl' }, runner: 'process' as const, command: 'sleep 60' };
    const session = await startTraining({ store, runners: new RunnerRegistry(), spec, resolved: resolveTrainSpec(spec, dir) });
    await until(async () => (await store.read(session.record.id)).status === 'running');
    const stop = await run(['runs', 'stop', session.record.id], dir);
    assert.equal(stop.code, 0, stop.stderr);
    assert.match(stop.stdout, /: stopped$/);
    assert.equal(await session.job.done, 'stopped', 'the original watcher agrees');

    // A second run 'running' under a pid that no longer exists (the machine rebooted).
    const { record } = await createRun(store, { spec, resolved: resolveTrainSpec(spec, dir) });
    await store.update(record.id, (r) => {
      r.status = 'running';
      r.process = { pid: 2 ** 22 + 23, hostname: r.device.hostname, command: 'sleep 60' };
    });
    const list = await run(['runs', 'list', '--format', 'json'], dir);
    const byId = new Map((JSON.parse(list.stdout) as RunRecord[]).map((r) => [r.id, r.status]));
    assert.equal(byId.get(record.id), 'interrupted');
    assert.equal(byId.get(session.record.id), 'stopped');
  });

  it('samples/train.json trains the builtin model on the sample data (with a justification for its planted leakage)', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-cli-samples-'));
    cpSync(join(__dirname, '..', '..', '..', 'samples'), dir, { recursive: true, filter: (src) => !src.includes('.responsible-ml') });
    const r = await run(['train', '--config', 'train.json', '--allow-risks', 'sample data'], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /error split-leakage/);
    const [record] = (await new RunStore(runsRootOf(dir)).list()).runs;
    assert.equal(record!.status, 'succeeded');
    assert.ok(record!.progress!.latest['eval/accuracy']! > 0.9);
    const config = JSON.parse(readFileSync(join(record!.outputDir, 'config.json'), 'utf8'));
    assert.deepEqual(Object.values(config.id2label).sort(), ['account', 'billing', 'shipping', 'technical']);
  });
});
