/**
 * The process runner: any training command (python train.py, accelerate launch …, torchrun …)
 * in its own process group, detached so it outlives a window reload. Its stdout and stderr go
 * straight to the run's output.log, which is tailed for the output channel; metrics come from
 * RML_METRICS_FILE, trainer_state.json and TensorBoard files (run-file-watcher.ts). A small sh
 * wrapper writes the exit code to `exit-code`, so a run re-attached after a reload learns how it ended.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PidJob, type ProcessEnd } from './pid-job';
import { isProcessAlive, processStartTicks } from './process-liveness';
import { RunFileWatcher } from './run-file-watcher';
import { commandLine, runEnvironment } from './run-environment';
import { isFinalStatus, type RunRecord } from './run-record';
import type { RunContext, RunEvent, TrainingJob, TrainingRunner } from './runner';
import { stopRequested } from './stop-request';

export interface ProcessRunnerOptions {
  /** Time between SIGTERM and SIGKILL when stopping (default 5 s). */
  stopGraceMs?: number;
}

/** The exit code the wrapper wrote, or undefined when the process died before writing it. */
export async function readExitCode(runDir: string): Promise<number | undefined> {
  try {
    const n = Number((await readFile(join(runDir, 'exit-code'), 'utf8')).trim());
    return Number.isInteger(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

/** The sh script that runs the command and records its exit code atomically. */
export function wrapperScript(command: string | string[]): string {
  return [
    commandLine(command),
    'rml_code=$?',
    'printf "%s\\n" "$rml_code" > "$RML_RUN_DIR/exit-code.tmp" && mv -f "$RML_RUN_DIR/exit-code.tmp" "$RML_RUN_DIR/exit-code"',
    'exit "$rml_code"',
  ].join('\n');
}

function fileWatcher(ctx: RunContext, emit: (e: RunEvent) => void, logOffset: number): RunFileWatcher {
  const s = ctx.record.resolved;
  return new RunFileWatcher(
    {
      log: ctx.paths.log,
      metrics: ctx.paths.metrics,
      ...(s.metrics.trainerState ? { trainerStateDir: ctx.record.outputDir } : {}),
      ...(s.metrics.tensorboardDir ? { tensorboardDir: s.metrics.tensorboardDir } : {}),
      watchDirs: [ctx.paths.dir],
      logOffset,
    },
    emit,
  );
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exited with code ${code}`;
}

/** A run whose process this job follows by pid: started here, or re-attached after a reload. */
class ProcessJob extends PidJob {
  constructor(ctx: RunContext, pid: number, stopGraceMs: number, logOffset: number) {
    super(ctx, pid, stopGraceMs, (emit) => fileWatcher(ctx, emit, logOffset));
  }

  /** A re-attached process left its exit code in the run folder (the sh wrapper wrote it). */
  protected override async endOfReattached(): Promise<ProcessEnd> {
    return { code: (await readExitCode(this.ctx.paths.dir)) ?? null, signal: null };
  }

  protected async settle({ code, signal }: ProcessEnd, exit: (r: RunRecord) => void): Promise<void> {
    if (this.stopAsked || (await stopRequested(this.ctx.paths.dir))) await this.finish('stopped', 'stopped by the user', exit);
    else if (code === null && signal === null) await this.finish('interrupted', 'the process ended while no one was watching and left no exit code', exit);
    else if (code === 0) await this.finish('succeeded', undefined, exit);
    else await this.finish('failed', `the command ${describeExit(code, signal)}`, exit);
  }

  /** The whole process group: torchrun's workers too. */
  protected override kill(sig: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, sig);
    } catch {
      super.kill(sig);
    }
  }
}

/** Runs the spec's command as a local process. */
export class ProcessRunner implements TrainingRunner {
  readonly kind = 'process' as const;

  constructor(private readonly options: ProcessRunnerOptions = {}) {}

  async start(ctx: RunContext): Promise<TrainingJob> {
    const { record, paths } = ctx;
    const spec = record.resolved;
    const command = spec.command;
    await mkdir(record.outputDir, { recursive: true });
    const line = commandLine(command ?? '');
    await appendFile(paths.log, `[rml] ${new Date().toISOString()} $ ${line}\n[rml] in ${spec.cwd}\n`);
    const logFd = openSync(paths.log, 'a');
    let child;
    try {
      if (!command) throw new Error('the spec has no "command" to run');
      if (!existsSync(spec.cwd)) throw new Error(`the working folder ${spec.cwd} does not exist`);
      child = spawn('/bin/sh', ['-c', wrapperScript(command)], {
        cwd: spec.cwd,
        env: { ...(ctx.env ?? process.env), ...spec.env, ...runEnvironment(record, paths) },
        detached: true,
        stdio: ['ignore', logFd, logFd],
      });
    } catch (err) {
      closeSync(logFd);
      const job = new ProcessJob(ctx, -1, 0, 0);
      await job.failToStart((err as Error).message);
      return job;
    }
    closeSync(logFd);
    const pid = child.pid;
    if (pid === undefined) {
      const message = await new Promise<string>((resolve) => child.once('error', (e) => resolve(e.message)));
      const job = new ProcessJob(ctx, -1, 0, 0);
      await job.failToStart(`could not start /bin/sh: ${message}`);
      return job;
    }
    const job = new ProcessJob(ctx, pid, this.options.stopGraceMs ?? 5000, 0);
    job.followChild(child);
    const startTicks = processStartTicks(pid);
    await job.markRunning({ pid, hostname: hostname(), ...(startTicks !== undefined ? { startTicks } : {}), command: line }, `pid ${pid}`);
    return job;
  }

  async attach(ctx: RunContext): Promise<TrainingJob | undefined> {
    const info = ctx.record.process;
    if (info && info.pid > 0 && isProcessAlive(info.pid, info.startTicks, info.hostname)) {
      const logSize = await stat(ctx.paths.log).then((s) => s.size, () => 0);
      const job = new ProcessJob(ctx, info.pid, this.options.stopGraceMs ?? 5000, logSize);
      job.followPid(info.startTicks);
      return job;
    }
    await this.reconcile(ctx);
    return undefined;
  }

  async reconcile(ctx: RunContext): Promise<RunRecord> {
    const info = ctx.record.process;
    if (isFinalStatus(ctx.record.status)) return ctx.record;
    // Another machine's process cannot be checked from here: leave its record as it is.
    if (info && info.hostname !== hostname()) return ctx.record;
    if (info && info.pid > 0 && isProcessAlive(info.pid, info.startTicks, info.hostname)) return ctx.record;
    const code = await readExitCode(ctx.paths.dir);
    const stopped = await stopRequested(ctx.paths.dir);
    return ctx.store.update(ctx.record.id, (r) => {
      if (isFinalStatus(r.status)) return;
      const ended = new Date();
      r.status = stopped ? 'stopped' : code === undefined ? 'interrupted' : code === 0 ? 'succeeded' : 'failed';
      r.timings.endedAt ??= ended.toISOString();
      if (code !== undefined && r.process) r.process.exitCode = code;
      if (r.status === 'interrupted') r.error = info ? 'the process is gone (crash, reboot or killed) and left no exit code' : 'the run never started (its starter went away first)';
      else if (r.status === 'failed') r.error = `the command exited with code ${code}`;
    });
  }
}
