/**
 * The builtin runner: the fastText-style trainer (no Python) in a detached Node process of its
 * own (train-process.worker.ts), so a run outlives the window or CLI that started it and is
 * re-attached by pid after a reload, exactly as process runs are. The trainer writes
 * metrics.jsonl and output.log; this side follows those files (run-file-watcher.ts), keeps
 * run.json current, and learns how the run ended from the `outcome.json` the process leaves.
 * Stop is SIGTERM (the trainer stops after its batch), then SIGKILL after a grace period.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import pkg from '../../../../package.json';
import type { TrainProcessJob, TrainProcessOutcome } from '../../../protocol/train-worker-protocol';
import { writeFileAtomic } from '../../anonymize/atomic-file';
import { PidJob, type ProcessEnd } from '../pid-job';
import { isProcessAlive, processStartTicks } from '../process-liveness';
import { RunFileWatcher } from '../run-file-watcher';
import { isFinalStatus, type RunRecord } from '../run-record';
import type { RunContext, TrainingJob, TrainingRunner } from '../runner';
import { stopRequested } from '../stop-request';
import { cliCacheDir, shippedModelsDir } from '../../inference/model-locations';
import { describeBaseEncoder, type BaseEncoderInfo } from './base-encoder';
import type { TrainerEngineOptions } from './builtin-job';
import { groupAttributes } from './group-attributes';

export interface BuiltinRunnerOptions {
  /** Node arguments that run the trainer process's entry (default: dist/workers/train-process.worker.js, else the TypeScript source through tsx). */
  entry?: string[];
  /** Time a stop waits for the trainer to finish its batch before SIGKILL (default 10 s). */
  stopGraceMs?: number;
  /**
   * How the encoder head finds and runs its encoder (the extension passes its inference
   * settings). Default: shipped models by name, the CLI's hub cache, downloads off.
   */
  engine?: TrainerEngineOptions;
}

/** The engine options a builtin run uses: the runner's, else the CLI's defaults. */
function engineOptionsOf(options: BuiltinRunnerOptions): TrainerEngineOptions {
  if (options.engine) return options.engine;
  const shipped = shippedModelsDir();
  return { allowDownload: false, cacheDir: join(cliCacheDir(), 'hub'), ...(shipped ? { searchPaths: [shipped] } : {}), ...(process.env.RML_ORT_GPU_DIR ? { gpuRoot: process.env.RML_ORT_GPU_DIR } : {}) };
}

const JOB_FILE = 'train-job.json';
const OUTCOME_FILE = 'outcome.json';

/** The trainer process's entry: the bundled script next to this bundle, or (from sources) the .ts through tsx's require hook. */
function defaultEntry(): string[] {
  for (const candidate of [join(__dirname, 'workers', 'train-process.worker.js'), join(__dirname, '..', 'workers', 'train-process.worker.js')]) {
    if (existsSync(candidate)) return [candidate];
  }
  const hook = ['tsx', 'cjs'].join('/'); // computed: bundles never take this path and must not resolve it
  return ['--require', require.resolve(hook), join(__dirname, 'train-process.worker.ts')];
}

/** How the trainer process said the run ended, or undefined when it left nothing (killed, crashed). */
export async function readOutcome(runDir: string): Promise<TrainProcessOutcome | undefined> {
  try {
    const o = JSON.parse(await readFile(join(runDir, OUTCOME_FILE), 'utf8')) as TrainProcessOutcome;
    return o && ['succeeded', 'stopped', 'failed'].includes(o.status) ? o : undefined;
  } catch {
    return undefined;
  }
}

/** A builtin run followed by the pid of its trainer process: started here, or re-attached after a reload. */
class BuiltinJob extends PidJob {
  constructor(ctx: RunContext, pid: number, stopGraceMs: number, logOffset: number) {
    super(ctx, pid, stopGraceMs, (emit) => new RunFileWatcher({ log: ctx.paths.log, metrics: ctx.paths.metrics, watchDirs: [ctx.paths.dir], logOffset }, emit));
  }

  protected async settle({ code, signal }: ProcessEnd, exit: (r: RunRecord) => void): Promise<void> {
    const outcome = await readOutcome(this.ctx.paths.dir);
    const record = await this.ctx.store.read(this.runId).catch(() => undefined);
    if (outcome) await this.finish(outcome.status, outcome.detail, exit);
    else if (record && isFinalStatus(record.status)) await this.finish(record.status, record.error); // another watcher recorded the end
    else if (this.stopAsked || (await stopRequested(this.ctx.paths.dir))) await this.finish('stopped', 'stopped by the user', exit);
    else if (code === null && signal === null) await this.finish('interrupted', 'the builtin trainer process ended while no one was watching and left no outcome', exit);
    else await this.finish('failed', `the builtin trainer process ${signal ? `was killed by ${signal}` : `exited with code ${code}`} (see output.log)`, exit);
  }
}

/** Trains a builtin model (fastText-style, or a head on a frozen encoder) in a detached Node process. */
export class BuiltinRunner implements TrainingRunner {
  readonly kind = 'builtin' as const;

  constructor(private readonly options: BuiltinRunnerOptions = {}) {}

  async start(ctx: RunContext): Promise<TrainingJob> {
    const { record, paths } = ctx;
    const s = record.resolved;
    const grace = this.options.stopGraceMs ?? 10_000;
    const engine = engineOptionsOf(this.options);
    // The encoder is resolved (no network) and its graph hashed before the trainer starts, so a
    // missing model fails the run at once and run.json names exactly what the head was trained on.
    let base: BaseEncoderInfo | undefined;
    if (s.builtin.model === 'encoder-head' && s.baseModel) {
      try {
        base = await describeBaseEncoder(s.baseModel, {
          allowDownload: engine.allowDownload ?? false,
          ...(engine.cacheDir ? { cacheDir: engine.cacheDir } : {}),
          ...(engine.searchPaths ? { searchPaths: engine.searchPaths } : {}),
          cwd: s.baseDir,
        });
      } catch (err) {
        const job = new BuiltinJob(ctx, -1, 0, await stat(paths.log).then((x) => x.size, () => 0));
        await job.failToStart((err as Error).message);
        return job;
      }
    }
    const spec: TrainProcessJob = {
      job: {
        runId: record.id,
        train: s.data.train,
        ...(s.data.validation ? { validation: s.data.validation } : {}),
        textField: s.data.textField,
        labelField: s.data.labelField,
        groups: groupAttributes(s),
        hyperparameters: s.hyperparameters,
        model: s.builtin,
        outputDir: record.outputDir,
        producerVersion: pkg.version,
        ...(s.baseModel !== undefined ? { baseModel: s.baseModel } : {}),
        baseDir: s.baseDir,
        engine,
        ...(base ? { base } : {}),
      },
      metricsFile: paths.metrics,
      logFile: paths.log,
      outcomeFile: join(paths.dir, OUTCOME_FILE),
      runDir: paths.dir,
      ...(ctx.pollMs ? { pollMs: ctx.pollMs } : {}),
    };
    let child: ChildProcess;
    const logOffset = await stat(paths.log).then((x) => x.size, () => 0);
    try {
      await mkdir(paths.dir, { recursive: true });
      const jobFile = join(paths.dir, JOB_FILE);
      await writeFileAtomic(jobFile, `${JSON.stringify(spec, null, 2)}\n`);
      const logFd = openSync(paths.log, 'a');
      try {
        // Detached, in its own process group, output to output.log: nothing ties it to this process.
        child = spawn(process.execPath, [...(this.options.entry ?? defaultEntry()), jobFile], {
          cwd: paths.dir,
          env: { ...(ctx.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' },
          detached: true,
          stdio: ['ignore', logFd, logFd],
        });
      } finally {
        closeSync(logFd);
      }
    } catch (err) {
      const job = new BuiltinJob(ctx, -1, 0, logOffset);
      await job.failToStart(`the builtin trainer could not start: ${(err as Error).message}`);
      return job;
    }
    const pid = child.pid;
    if (pid === undefined) {
      const message = await new Promise<string>((resolve) => child.once('error', (e) => resolve(e.message)));
      const job = new BuiltinJob(ctx, -1, 0, logOffset);
      await job.failToStart(`the builtin trainer could not start: ${message}`);
      return job;
    }
    const job = new BuiltinJob(ctx, pid, grace, logOffset);
    job.followChild(child);
    const startTicks = processStartTicks(pid);
    const info = { pid, hostname: hostname(), ...(startTicks !== undefined ? { startTicks } : {}), command: `builtin ${s.builtin.model} trainer (node process)` };
    await job.markRunning(info, `builtin trainer started (pid ${pid})`, (r) => {
      r.device.accelerator = 'cpu (one worker thread)';
      if (base) r.baseModel = base;
    });
    return job;
  }

  async attach(ctx: RunContext): Promise<TrainingJob | undefined> {
    const owner = ctx.record.process;
    if (owner && owner.pid > 0 && !isFinalStatus(ctx.record.status) && isProcessAlive(owner.pid, owner.startTicks, owner.hostname)) {
      const logSize = await stat(ctx.paths.log).then((s) => s.size, () => 0);
      const job = new BuiltinJob(ctx, owner.pid, this.options.stopGraceMs ?? 10_000, logSize);
      job.followPid(owner.startTicks);
      return job;
    }
    await this.reconcile(ctx);
    return undefined;
  }

  async reconcile(ctx: RunContext): Promise<RunRecord> {
    if (isFinalStatus(ctx.record.status)) return ctx.record;
    const owner = ctx.record.process;
    if (owner && owner.hostname !== hostname()) return ctx.record;
    if (owner && owner.pid > 0 && isProcessAlive(owner.pid, owner.startTicks, owner.hostname)) return ctx.record;
    const outcome = await readOutcome(ctx.paths.dir);
    const stopped = await stopRequested(ctx.paths.dir);
    return ctx.store.update(ctx.record.id, (r) => {
      if (isFinalStatus(r.status)) return;
      r.status = outcome?.status ?? (stopped ? 'stopped' : 'interrupted');
      r.timings.endedAt ??= new Date().toISOString();
      if (outcome?.detail && outcome.status !== 'succeeded') r.error = outcome.detail;
      if (r.status === 'interrupted') r.error = owner ? 'the builtin trainer process ended (killed, crashed or the machine restarted) before the run finished' : 'the run never started';
    });
  }
}
