import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MetricPoint } from '../../src/core/training/metric-point';
import { processStartTicks } from '../../src/core/training/process-liveness';
import type { RunRecord } from '../../src/core/training/run-record';
import { RunStore, runsRootOf } from '../../src/core/training/run-store';
import { resolveTrainSpec, type TrainSpec } from '../../src/core/training/train-spec';
import type { RenderedChart } from '../../src/protocol/training-dashboard-protocol';
import type { TrainingDashboardState } from '../../src/extension/training/training-dashboards';
import { api, screenshot, workspaceDir, writeMeasure } from './helpers';

/**
 * A run as the training side records it while it is going. The main run is a process run whose
 * process (a `sleep`, in its own process group) is alive, so the training side — which re-attaches
 * to going runs and answers Stop — treats it as the real thing; the test writes its metrics.
 */
function runningRecord(id: string, name: string, dir: string, process?: ChildProcess): RunRecord {
  const spec: TrainSpec = { task: 'text-classification', data: { train: 'train.jsonl' }, name, runner: 'process', command: 'sleep 600', hyperparameters: { epochs: 4 } };
  return {
    version: 1,
    id,
    name,
    runner: 'process',
    status: 'running',
    spec,
    resolved: resolveTrainSpec(spec, dir),
    datasets: [],
    device: { hostname: 'integration-host', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 4 * 2 ** 30, node: globalThis.process.version, accelerator: 'cpu' },
    timings: { createdAt: new Date(Date.now() - 60_000).toISOString(), startedAt: new Date(Date.now() - 50_000).toISOString() },
    outputDir: path.join(dir, 'out'),
    artifacts: [],
    ...(process?.pid ? { process: { pid: process.pid, hostname: hostname(), startTicks: processStartTicks(process.pid), command: 'sleep 600' } } : {}),
  };
}

async function state(run?: string): Promise<TrainingDashboardState | undefined> {
  return vscode.commands.executeCommand<TrainingDashboardState | undefined>('responsibleMl.trainingDashboard.state', run);
}

/** Polls the panel's state until `check` holds (or fails with the last state after `ms`). */
async function until(run: string, check: (s: TrainingDashboardState) => boolean, what: string, ms = 20_000): Promise<TrainingDashboardState> {
  const deadline = Date.now() + ms;
  let s: TrainingDashboardState | undefined;
  for (;;) {
    s = await state(run);
    if (s && check(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s?.rendered ?? s)?.slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function chart(s: TrainingDashboardState, key: string): RenderedChart | undefined {
  return s.rendered?.charts.find((c) => c.key === key);
}

function line(p: MetricPoint): string {
  return `${JSON.stringify(p)}\n`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('Training Dashboard', function () {
  this.timeout(120_000);
  const stamp = Date.now().toString(36);
  const mainId = `20260101-120000-dashboard-${stamp}`;
  const otherId = `20260101-110000-baseline-${stamp}`;
  let store: RunStore;
  let metrics: string;
  let sleeper: ChildProcess;

  before(async () => {
    await api();
    store = new RunStore(runsRootOf(workspaceDir()));
    sleeper = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
    // Its own output folder: the trainer_state.json written there below belongs to this run only.
    const paths = await store.create({ ...runningRecord(mainId, 'dashboard-test', workspaceDir(), sleeper), outputDir: path.join(workspaceDir(), 'out', mainId) });
    metrics = paths.metrics;
    await store.create({ ...runningRecord(otherId, 'baseline', workspaceDir()), status: 'succeeded' });
    const t = Date.now() / 1000 - 40;
    // 200 training losses, an evaluation per epoch overall and per gender group.
    const first: MetricPoint[] = [];
    for (let i = 1; i <= 200; i++) first.push({ step: i, epoch: i / 100, name: 'train/loss', value: 2 / Math.sqrt(i), wallTime: t + i / 10 });
    for (const epoch of [1, 2]) {
      first.push({ step: epoch * 100, epoch, name: 'eval/accuracy', value: 0.6 + epoch / 10, wallTime: t + epoch * 10 });
      for (const [group, acc] of [['female', 0.55], ['male', 0.7], ['non-binary', 0.5]] as const) {
        first.push({ step: epoch * 100, epoch, name: `eval/group/gender=${group}/accuracy`, value: acc + epoch / 20, wallTime: t + epoch * 10 });
      }
    }
    await store.appendMetrics(mainId, first);
    await store.appendMetrics(otherId, [1, 2, 3].map((i) => ({ step: i * 50, epoch: i / 2, name: 'train/loss', value: 1.5 / i, wallTime: t + i })));
  });

  after(async () => {
    if (sleeper.exitCode === null && sleeper.signalCode === null) sleeper.kill('SIGKILL');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(store.paths(mainId).dir, { recursive: true, force: true });
    fs.rmSync(store.paths(otherId).dir, { recursive: true, force: true });
    fs.rmSync(path.join(workspaceDir(), 'out', mainId), { recursive: true, force: true });
  });

  it('opens on a run and draws its metrics, with a table behind every chart', async () => {
    const shown = await vscode.commands.executeCommand<string[]>('responsibleMl.openTrainingDashboard', mainId);
    assert.deepEqual(shown, [mainId]);
    const s = await until(mainId, (x) => chart(x, 'train/loss')?.series[0]?.points === 200 && !!chart(x, 'eval/group/gender/accuracy'), 'the first render');
    const loss = chart(s, 'train/loss')!;
    assert.equal(loss.section, 'loss');
    assert.equal(loss.series[0]!.lastStep, 200);
    assert.equal(loss.series[0]!.lastValue, 2 / Math.sqrt(200));
    // Per-group accuracy: one chart for gender with a line per group, groups sorted.
    const groups = chart(s, 'eval/group/gender/accuracy')!;
    assert.equal(groups.section, 'groups');
    assert.deepEqual(groups.series.map((x) => x.series), ['female', 'male', 'non-binary']);
    assert.deepEqual(groups.series.map((x) => x.lastValue), [0.55 + 0.1, 0.7 + 0.1, 0.5 + 0.1]);
    assert.equal(s.rendered!.svgs, 3, 'train/loss, eval/accuracy and the per-group chart');
    assert.equal(s.rendered!.tables, 3, 'one table per chart');
    // Header: running, with progress from the newest epoch (2 of 4) and an ETA.
    const head = s.rendered!.runs[0]!;
    assert.equal(head.id, mainId);
    assert.equal(head.status, 'running');
    assert.equal(head.stopEnabled, true);
    assert.match(head.progress, /epoch 2 of 4 · step 200 · 50%/);
    assert.match(head.eta, /left/);
    assert.deepEqual(s.cspViolations, [], 'the page runs under its Content-Security-Policy without violations');
    assert.equal(s.hostPoints, 200 + 2 * 4);
  });

  it('shows each line appended to metrics.jsonl in the chart\'s table, and waits for a torn line\'s newline', async () => {
    const applied: number[] = [];
    const rendered: number[] = [];
    for (let i = 1; i <= 12; i++) {
      const before = (await state(mainId))!;
      const value = 0.1 + i / 1000;
      const wrote = Date.now();
      fs.appendFileSync(metrics, line({ step: 200 + i, epoch: (200 + i) / 100, name: 'train/loss', value, wallTime: wrote / 1000 }));
      const s = await until(mainId, (x) => chart(x, 'train/loss')?.series[0]?.lastValue === value, `step ${200 + i} in the table`, 10_000);
      assert.equal(chart(s, 'train/loss')!.series[0]!.points, 200 + i);
      assert.equal(chart(s, 'train/loss')!.series[0]!.lastStep, 200 + i);
      assert.ok(s.applied && s.applied.seq > (before.applied?.seq ?? 0));
      applied.push(s.applied!.at - wrote);
      rendered.push(s.renderedAt! - wrote);
      await new Promise((r) => setTimeout(r, 50 + (i % 4) * 40));
    }
    // Figures for docs/benchmarks.md (npm run bench:dashboard prints them); not asserted.
    writeMeasure('trainingDashboard.lineToWebviewDataMs', { median: median(applied), max: Math.max(...applied), samples: applied });
    writeMeasure('trainingDashboard.lineToTableMs', { median: median(rendered), max: Math.max(...rendered), samples: rendered });

    // Half a line: nothing new is shown until its newline is written.
    const value = 0.0777;
    fs.appendFileSync(metrics, `{"step": 300, "epoch": 3, "name": "train/loss", "val`);
    await new Promise((r) => setTimeout(r, 1500));
    const mid = (await state(mainId))!;
    assert.equal(chart(mid, 'train/loss')!.series[0]!.points, 212, 'a torn line is not read');
    assert.deepEqual(mid.problems, [], 'and is no problem while it waits');
    fs.appendFileSync(metrics, `ue": ${value}, "wallTime": ${Date.now() / 1000}}\n`);
    await until(mainId, (x) => chart(x, 'train/loss')?.series[0]?.lastValue === value, 'the completed line');
  });

  it('smooths and downsamples in the page, and compares runs', async () => {
    const shown = await vscode.commands.executeCommand<string[]>('responsibleMl.openTrainingDashboard', [mainId, otherId]);
    assert.deepEqual(shown, [mainId, otherId]);
    const s = await until(mainId, (x) => (chart(x, 'train/loss')?.series.length ?? 0) === 2, 'the compared run on the loss chart');
    const loss = chart(s, 'train/loss')!;
    assert.deepEqual(loss.series.map((x) => x.run), [mainId, otherId]);
    assert.equal(loss.series[1]!.points, 3);
    assert.equal(loss.series[1]!.lastValue, 0.5);
    // The baseline's smoothed last value at the page's default weight 0.6, worked out here with
    // TensorBoard's formula: last = 0.4·1.5 = 0.6 → 0.36 + 0.4·0.75 = 0.66 → 0.396 + 0.4·0.5 = 0.596, over 1 − 0.6³.
    assert.equal(s.rendered!.smoothing, 0.6);
    assert.ok(Math.abs(loss.series[1]!.smoothed! - 0.596 / (1 - 0.216)) < 1e-12, `smoothed ${loss.series[1]!.smoothed}`);
    assert.equal(s.rendered!.runs.length, 2);
    assert.equal(s.rendered!.runs[1]!.stopEnabled, false, 'a finished run has no Stop button');
    await screenshot('training-dashboard');
  });

  it('Stop asks first, then stops the run: its process ends and run.json says stopped', async () => {
    const dir = store.paths(mainId).dir;
    const status = () => (JSON.parse(fs.readFileSync(store.paths(mainId).record, 'utf8')) as RunRecord).status;
    assert.equal(status(), 'running');
    await vscode.commands.executeCommand('responsibleMl.trainingDashboard.press', mainId, 'stop');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(fs.existsSync(path.join(dir, 'stop-requested')), false, 'the first press only asks');
    assert.equal(sleeper.exitCode ?? sleeper.signalCode, null, 'and stops nothing');
    await vscode.commands.executeCommand('responsibleMl.trainingDashboard.press', mainId, 'confirmStop');
    // The training side's responsibleMl.stopRun stops the process (and leaves the stop request for
    // other watchers); without it the dashboard leaves the stop request itself.
    const deadline = Date.now() + 30_000;
    while (!fs.existsSync(path.join(dir, 'stop-requested')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(fs.existsSync(path.join(dir, 'stop-requested')), 'the stop request reached the run folder');
    const s = await until(mainId, (x) => x.rendered?.runs[0]?.stopRequested === true || x.rendered?.runs[0]?.status === 'stopped', 'the header to say so', 30_000);
    assert.equal(s.rendered!.runs[0]!.stopEnabled, false);
    // stopRun resolves once the run has ended; then the page gets the answer.
    const answered = await until(mainId, (x) => x.stopResults.length > 0, 'the answer to Stop', 30_000);
    assert.equal(answered.stopResults[0]?.ok, true, JSON.stringify(answered.stopResults));
    const registered = (await vscode.commands.getCommands(true)).includes('responsibleMl.stopRun');
    if (registered) {
      const ended = await until(mainId, (x) => x.rendered?.runs[0]?.status === 'stopped', 'run.json to say stopped', 30_000);
      assert.equal(ended.rendered!.runs[0]!.stopEnabled, false);
      assert.notEqual(sleeper.exitCode ?? sleeper.signalCode, null, 'the run\'s process has ended');
    }
  });

  it('draws everything again when its tab is hidden and shown (no retainContextWhenHidden)', async () => {
    const before = (await state(mainId))!;
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceDir(), 'README.md')), { viewColumn: vscode.ViewColumn.Active, preview: false });
    await vscode.commands.executeCommand('workbench.action.previousEditorInGroup');
    const after = await until(mainId, (x) => x.renders > before.renders && x.rendered?.points === before.hostPoints, 'a second render with every point', 30_000);
    assert.equal(after.rendered!.points, after.hostPoints);
    assert.deepEqual(chart(after, 'train/loss')!.series, chart(before, 'train/loss')!.series);
  });

  it('shows a value from the Trainer\'s trainer_state.json in the chart\'s table, and one it shares with metrics.jsonl once', async () => {
    const out = path.join(workspaceDir(), 'out', mainId);
    fs.mkdirSync(out, { recursive: true });
    // eval_accuracy at step 200 repeats the JSONL's value; eval_f1_macro is only here.
    const history = [{ step: 200, epoch: 2, eval_accuracy: 0.8, eval_f1_macro: 0.625 }];
    fs.writeFileSync(path.join(out, 'trainer_state.json.tmp'), JSON.stringify({ global_step: 200, log_history: history }));
    fs.renameSync(path.join(out, 'trainer_state.json.tmp'), path.join(out, 'trainer_state.json'));
    const s = await until(mainId, (x) => chart(x, 'eval/f1_macro')?.series[0]?.points === 1, 'eval/f1_macro from trainer_state.json', 10_000);
    const f1 = chart(s, 'eval/f1_macro')!.series[0]!;
    assert.equal(f1.lastValue, 0.625);
    assert.equal(f1.lastStep, 200);
    assert.equal(chart(s, 'eval/accuracy')!.series[0]!.points, 2, 'the value both sources hold is shown once');
    assert.equal(s.rendered!.tables, 4, 'the new chart has its table');
  });

  it('opens a run of a million points, draws a few per pixel, and still shows the next line', async () => {
    const bigId = `20260101-130000-million-${stamp}`;
    const paths = await store.create({ ...runningRecord(bigId, 'million', workspaceDir()), status: 'succeeded' });
    let lagTimer: NodeJS.Timeout | undefined;
    try {
      const n = 1_000_000;
      // Written by a child process: building 96 MB of JSON here would stall the extension host
      // and the figures below with it.
      const writer = `const fs = require('fs'); const fd = fs.openSync(process.argv[1], 'a'); const t = ${Date.now() / 1000 - 3600};
        for (let from = 0; from < ${n}; from += 50000) { let text = '';
          for (let i = from; i < from + 50000; i++) text += '{"step":' + (i + 1) + ',"epoch":' + (i + 1) / 1e5 + ',"name":"train/loss","value":' + (2 * Math.exp(-i / 2e5) + ((i * 7919) % 1000) / 4000).toFixed(6) + ',"wallTime":' + (t + i * 0.003).toFixed(3) + '}\\n';
          fs.writeSync(fd, text); }
        fs.closeSync(fd);`;
      const child = spawn(process.execPath, ['-e', writer, paths.metrics], { stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 0, 'the metrics file was written');
      // How long the extension host's event loop is ever held up while the file is read (in the
      // worker) and a million points go to the page: the editor must not wait.
      let lastTick = Date.now();
      let maxLagMs = 0;
      lagTimer = setInterval(() => {
        const now = Date.now();
        maxLagMs = Math.max(maxLagMs, now - lastTick - 50);
        lastTick = now;
      }, 50);
      const opened = Date.now();
      await vscode.commands.executeCommand('responsibleMl.openTrainingDashboard', bigId);
      const s = await until(bigId, (x) => chart(x, 'train/loss')?.series[0]?.points === n, 'a million points in the table', 90_000);
      const openMs = s.renderedAt! - opened;
      const series = chart(s, 'train/loss')!.series[0]!;
      assert.equal(series.lastStep, n);
      assert.ok(series.drawn > 0 && series.drawn <= 4 * 1000, `${series.drawn} points drawn for a chart at most 1000 px wide`);
      const value = 0.0424;
      const wrote = Date.now();
      fs.appendFileSync(paths.metrics, line({ step: n + 1, epoch: (n + 1) / 1e5, name: 'train/loss', value, wallTime: wrote / 1000 }));
      const after = await until(bigId, (x) => chart(x, 'train/loss')?.series[0]?.lastValue === value, 'the line after a million', 30_000);
      clearInterval(lagTimer);
      writeMeasure('trainingDashboard.millionPoints', { hostEventLoopMaxLagMs: maxLagMs, openToRenderedMs: openMs, lineToTableMs: after.renderedAt! - wrote, renderPassMs: after.rendered!.renderMs, drawn: series.drawn });
    } finally {
      clearInterval(lagTimer);
      const panelClosed = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => tab.label === 'Training: million');
      await vscode.window.tabGroups.close(panelClosed);
      fs.rmSync(paths.dir, { recursive: true, force: true });
    }
  });

  it('names a run the workspace does not have', async () => {
    const result = await vscode.commands.executeCommand('responsibleMl.openTrainingDashboard', 'no-such-run');
    assert.equal(result, undefined);
  });
});
