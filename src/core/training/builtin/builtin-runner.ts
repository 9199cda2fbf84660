/**
 * The builtin runner: the fastText-style trainer in a worker thread of this process (no Python).
 * The worker writes metrics.jsonl and output.log; this side relays its events, keeps run.json
 * current and stops it through a shared flag. A run owned by another process (the CLI, another
 * window) is followed read-only from its files and stopped through the stop-request file.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pkg from '../../../../package.json';
import type { TrainWorkerData, TrainWorkerMessage } from '../../../protocol/train-worker-protocol';
import { JobBase } from '../job-base';
import { isProcessAlive, processStartTicks } from '../process-liveness';
import { RunFileWatcher } from '../run-file-watcher';
import { isFinalStatus, type RunRecord } from '../run-record';
import type { RunContext, TrainingJob, TrainingRunner } from '../runner';
import { cliCacheDir, shippedModelsDir } from '../../inference/model-locations';
import { requestStop, stopRequested } from '../stop-request';
import { describeBaseEncoder, type BaseEncoderInfo } from './base-encoder';
import type { TrainerEngineOptions } from './builtin-job';
import { groupAttributes } from './group-attributes';

export interface BuiltinRunnerOptions {
  /** The worker script (default: dist/workers/train.worker.js next to the bundle, else the TypeScript source through tsx). */
  workerScript?: string;
  /** Time a stop waits for the trainer to finish its batch before terminating the thread (default 10 s). */
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

const DEFAULT_POLL_MS = 500;

/** The worker to start: the bundled script, or (running from sources) a bootstrap that loads the .ts through tsx. */
function defaultWorker(): { script: string; eval?: boolean } {
  for (const candidate of [join(__dirname, 'workers', 'train.worker.js'), join(__dirname, '..', 'workers', 'train.worker.js')]) {
    if (existsSync(candidate)) return { script: candidate };
  }
  // Unit tests and tsx scripts: `--import tsx` does not reach worker threads on Node 20, tsx's require hook does.
  const source = join(__dirname, 'train.worker.ts');
  const hook = ['tsx', 'cjs'].join('/'); // computed: bundles never take this path and must not resolve it
  return { script: `require(${JSON.stringify(require.resolve(hook))}); require(${JSON.stringify(source)});`, eval: true };
}

/** A run whose trainer runs in a worker of this process. */
class BuiltinJob extends JobBase {
  private worker: Worker | undefined;
  private readonly stopFlag = new SharedArrayBuffer(4);
  private stopAsked = false;
  private stopPoll: NodeJS.Timeout | undefined;
  private detached = false;

  constructor(
    ctx: RunContext,
    private readonly options: BuiltinRunnerOptions,
  ) {
    super(ctx);
  }

  async begin(): Promise<void> {
    const { record, paths } = this.ctx;
    const s = record.resolved;
    const engine = engineOptionsOf(this.options);
    // The encoder is resolved (no network) and its graph hashed before the thread starts, so a
    // missing model fails the run at once and run.json names exactly what the head was trained on.
    let base: BaseEncoderInfo | undefined;
    if (s.builtin.model === 'encoder-head' && s.baseModel) {
      base = await describeBaseEncoder(s.baseModel, {
        allowDownload: engine.allowDownload ?? false,
        ...(engine.cacheDir ? { cacheDir: engine.cacheDir } : {}),
        ...(engine.searchPaths ? { searchPaths: engine.searchPaths } : {}),
        cwd: s.baseDir,
      });
    }
    const data: TrainWorkerData = {
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
      },
      metricsFile: paths.metrics,
      logFile: paths.log,
      stopFlag: this.stopFlag,
    };
    const { script, eval: isEval } = this.options.workerScript ? { script: this.options.workerScript, eval: false } : defaultWorker();
    const startTicks = processStartTicks(process.pid);
    await this.setStatus('running', 'builtin trainer started', (r) => {
      r.process = { pid: process.pid, hostname: hostname(), ...(startTicks !== undefined ? { startTicks } : {}), command: `builtin ${s.builtin.model} trainer (worker thread)` };
      r.device.accelerator = 'cpu (one worker thread)';
      if (base) r.baseModel = base;
    });
    const worker = new Worker(script, { workerData: data, eval: Boolean(isEval) });
    this.worker = worker;
    let settled = false;
    worker.on('message', (m: TrainWorkerMessage) => {
      if (this.detached) return;
      if (m.type === 'log') this.emit({ type: 'log', line: m.line });
      else if (m.type === 'metrics') for (const point of m.points) this.emit({ type: 'metric', point });
      else if (m.type === 'artifact') this.emit({ type: 'artifact', path: m.path, kind: m.kind });
      else if (m.type === 'done') {
        settled = true;
        void this.finish(m.outcome.status, m.outcome.detail);
      } else if (m.type === 'failed') {
        settled = true;
        void this.finish('failed', m.message);
      }
    });
    worker.on('error', (err) => {
      settled = true;
      void this.finish(this.stopAsked ? 'stopped' : 'failed', this.stopAsked ? 'stopped by the user' : `the trainer crashed: ${err.message}`);
    });
    worker.on('exit', (code) => {
      if (this.stopPoll) clearInterval(this.stopPoll);
      if (!settled) void this.finish(this.stopAsked ? 'stopped' : 'failed', this.stopAsked ? 'stopped by the user' : `the trainer thread exited unexpectedly (code ${code})`);
    });
    // A stop asked for from another process (rml runs stop) arrives as a file.
    this.stopPoll = setInterval(() => {
      void stopRequested(paths.dir).then((asked) => {
        if (asked) void this.stop();
      });
    }, this.ctx.pollMs ?? DEFAULT_POLL_MS);
  }

  async stop(): Promise<void> {
    if (isFinalStatus(this.status())) return;
    this.stopAsked = true;
    Atomics.store(new Int32Array(this.stopFlag), 0, 1);
    const grace = setTimeout(() => void this.worker?.terminate(), this.options.stopGraceMs ?? 10_000);
    await this.done;
    clearTimeout(grace);
  }

  detach(): void {
    // The worker lives in this process: it keeps training; only the relaying of events ends.
    this.detached = true;
  }

  /** Ends the job with an error that happened before the worker started. */
  async failToStart(message: string): Promise<void> {
    await this.finish('failed', message);
  }
}

/** A builtin run whose trainer lives in another process: followed through its files. */
class ForeignBuiltinJob extends JobBase {
  private readonly watcher: RunFileWatcher;
  private timer: NodeJS.Timeout | undefined;

  constructor(ctx: RunContext, logOffset: number) {
    super(ctx);
    this.watcher = new RunFileWatcher({ log: ctx.paths.log, metrics: ctx.paths.metrics, watchDirs: [ctx.paths.dir], logOffset }, (e) => this.emit(e));
    const ms = ctx.pollMs ?? DEFAULT_POLL_MS;
    this.watcher.start(ms);
    this.timer = setInterval(() => void this.check(), ms);
  }

  private async check(): Promise<void> {
    const record = await this.ctx.store.read(this.runId).catch(() => undefined);
    const owner = this.ctx.record.process;
    if (record && isFinalStatus(record.status)) {
      clearInterval(this.timer);
      await this.watcher.finish();
      await this.finish(record.status, record.error); // run.json already says so: finish only tells the listeners
    } else if (!owner || !isProcessAlive(owner.pid, owner.startTicks, owner.hostname)) {
      clearInterval(this.timer);
      await this.watcher.finish();
      await this.finish('interrupted', 'the process running the builtin trainer ended before the run finished');
    }
  }

  async stop(): Promise<void> {
    if (isFinalStatus(this.status())) return;
    await requestStop(this.ctx.paths.dir);
    await this.done;
  }

  detach(): void {
    clearInterval(this.timer);
    this.watcher.stop();
  }
}

/** Trains the builtin fastText-style model in a worker thread. */
export class BuiltinRunner implements TrainingRunner {
  readonly kind = 'builtin' as const;

  constructor(private readonly options: BuiltinRunnerOptions = {}) {}

  async start(ctx: RunContext): Promise<TrainingJob> {
    const job = new BuiltinJob(ctx, this.options);
    try {
      await job.begin();
    } catch (err) {
      await job.failToStart(`the builtin trainer could not start: ${(err as Error).message}`);
    }
    return job;
  }

  async attach(ctx: RunContext): Promise<TrainingJob | undefined> {
    const owner = ctx.record.process;
    if (owner && owner.pid !== process.pid && isProcessAlive(owner.pid, owner.startTicks, owner.hostname) && !isFinalStatus(ctx.record.status)) {
      const logSize = await stat(ctx.paths.log).then((s) => s.size, () => 0);
      return new ForeignBuiltinJob(ctx, logSize);
    }
    await this.reconcile(ctx);
    return undefined;
  }

  async reconcile(ctx: RunContext): Promise<RunRecord> {
    if (isFinalStatus(ctx.record.status)) return ctx.record;
    const owner = ctx.record.process;
    if (owner && owner.hostname !== hostname()) return ctx.record;
    if (owner && isProcessAlive(owner.pid, owner.startTicks, owner.hostname)) return ctx.record;
    return ctx.store.update(ctx.record.id, (r) => {
      if (isFinalStatus(r.status)) return;
      r.status = 'interrupted';
      r.error = owner ? 'the process running the builtin trainer ended (window closed or reloaded, or the CLI was killed) before the run finished' : 'the run never started';
      r.timings.endedAt = new Date().toISOString();
    });
  }
}
