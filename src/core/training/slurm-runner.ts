/**
 * The Slurm runner: the spec becomes an sbatch script (sbatch-script.ts) submitted with
 * `sbatch --parsable`; its state comes from squeue, then sacct, then scontrol (accounting is
 * often off on small clusters), then the exit-code file the script writes. The job's output
 * file is the run's output.log, tailed live with the metrics files (run-file-watcher.ts), which
 * assumes the run folder is on a file system the compute node shares. scancel stops it.
 */
import { execFile } from 'node:child_process';
import { appendFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JobBase } from './job-base';
import { readExitCode } from './process-runner';
import { RunFileWatcher } from './run-file-watcher';
import { isFinalStatus, type RunRecord } from './run-record';
import type { RunContext, RunEvent, TrainingJob, TrainingRunner } from './runner';
import { sbatchScript } from './sbatch-script';
import { parseSacct, parseSbatchJobId, parseScontrolJob, runStatusOfSlurm, type SlurmJobState } from './slurm-state';
import { requestStop, stopRequested } from './stop-request';

const DEFAULT_POLL_MS = 2000;
/** Polls in a row where no Slurm command knows the job before it counts as lost. */
const LOST_AFTER_POLLS = 3;

export interface SlurmRunnerOptions {
  /** Command names or paths (default: found on PATH). */
  commands?: Partial<Record<'sbatch' | 'squeue' | 'sacct' | 'scontrol' | 'scancel', string>>;
}

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Talks to Slurm's command-line tools. */
class SlurmClient {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly commands: SlurmRunnerOptions['commands'] = {},
  ) {}

  run(tool: 'sbatch' | 'squeue' | 'sacct' | 'scontrol' | 'scancel', args: string[]): Promise<CommandResult> {
    return new Promise((resolve) => {
      execFile(this.commands?.[tool] ?? tool, args, { env: this.env, timeout: 30_000, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 127) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr || (err && code === 127 ? err.message : '')) });
      });
    });
  }

  /** The job's state from the first tool that knows it; undefined when none does. */
  async state(jobId: string): Promise<SlurmJobState | undefined> {
    const q = await this.run('squeue', ['-h', '-j', jobId, '-o', '%T|%N|%r']);
    if (q.code === 0 && q.stdout.trim() !== '') {
      const [state, nodes, reason] = q.stdout.trim().split('\n')[0]!.split('|');
      return { state: state!, ...(nodes ? { nodeList: nodes } : {}), ...(reason && reason !== 'None' ? { reason } : {}) };
    }
    const a = await this.run('sacct', ['-n', '-X', '-P', '-j', jobId, '-o', 'State,ExitCode,NodeList']);
    const fromSacct = a.code === 0 ? parseSacct(a.stdout) : undefined;
    if (fromSacct) return fromSacct;
    const c = await this.run('scontrol', ['show', 'job', jobId]);
    return c.code === 0 ? parseScontrolJob(c.stdout) : undefined;
  }
}

/** A submitted job, followed by polling. */
class SlurmJob extends JobBase {
  private readonly watcher: RunFileWatcher;
  private timer: NodeJS.Timeout | undefined;
  private unknownPolls = 0;
  private warnedUnreachable = false;
  private polling = false;

  constructor(
    ctx: RunContext,
    private readonly jobId: string,
    private readonly client: SlurmClient,
    logOffset: number,
  ) {
    super(ctx);
    const s = ctx.record.resolved;
    this.watcher = new RunFileWatcher(
      {
        log: ctx.paths.log,
        metrics: ctx.paths.metrics,
        ...(s.metrics.trainerState ? { trainerStateDir: ctx.record.outputDir } : {}),
        ...(s.metrics.tensorboardDir ? { tensorboardDir: s.metrics.tensorboardDir } : {}),
        watchDirs: [ctx.paths.dir],
        logOffset,
      },
      (e: RunEvent) => this.emit(e),
    );
  }

  follow(): void {
    const ms = this.ctx.pollMs ?? DEFAULT_POLL_MS;
    this.watcher.start(ms);
    this.timer = setInterval(() => void this.poll(), ms);
    void this.poll();
  }

  /** One status poll; also used once by reconcile. Returns true once the job is over. */
  async poll(): Promise<boolean> {
    if (this.polling || isFinalStatus(this.status())) return isFinalStatus(this.status());
    this.polling = true;
    try {
      const state = await this.client.state(this.jobId);
      if (!state) return await this.lost();
      this.unknownPolls = 0;
      const { status, detail } = runStatusOfSlurm(state.state);
      const patch = (r: RunRecord) => {
        if (!r.slurm) return;
        r.slurm.state = state.state;
        if (state.nodeList) r.slurm.nodeList = state.nodeList;
        if (state.exitCode !== undefined) r.slurm.exitCode = state.exitCode;
        if (state.nodeList) r.device.accelerator = `Slurm node ${state.nodeList}`;
      };
      if (!isFinalStatus(status)) {
        if (status !== this.status()) await this.setStatus(status, status === 'queued' && state.reason ? `pending: ${state.reason}` : `Slurm job ${this.jobId} ${state.state.toLowerCase()}`, patch);
        return false;
      }
      await this.end(status === 'failed' && state.exitCode ? `${detail} (exit code ${state.exitCode})` : detail, status as 'succeeded' | 'failed' | 'stopped', patch);
      return true;
    } finally {
      this.polling = false;
    }
  }

  /** No tool knows the job: it ended long ago (MinJobAge passed) or Slurm is unreachable. */
  private async lost(): Promise<boolean> {
    const code = await readExitCode(this.ctx.paths.dir);
    if (code !== undefined) {
      await this.end(code === 0 ? undefined : `the command exited with code ${code}`, code === 0 ? 'succeeded' : 'failed', (r) => {
        if (r.slurm) r.slurm.exitCode = code;
      });
      return true;
    }
    this.unknownPolls += 1;
    if (this.unknownPolls === 1 && !this.warnedUnreachable) {
      this.warnedUnreachable = true;
      this.emit({ type: 'log', line: `[rml] Slurm does not answer for job ${this.jobId} (squeue/sacct/scontrol); retrying`, level: 'warning' });
    }
    if (this.unknownPolls < LOST_AFTER_POLLS) return false;
    await this.end(`Slurm no longer knows job ${this.jobId} and the job left no exit code`, 'interrupted');
    return true;
  }

  private async end(detail: string | undefined, status: 'succeeded' | 'failed' | 'stopped' | 'interrupted', patch?: (r: RunRecord) => void): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.watcher.finish();
    const stopped = status === 'stopped' || (status !== 'succeeded' && (await stopRequested(this.ctx.paths.dir)));
    await this.finish(stopped ? 'stopped' : status, stopped ? 'stopped by the user (scancel)' : detail, patch);
  }

  async stop(): Promise<void> {
    if (isFinalStatus(this.status())) return;
    await requestStop(this.ctx.paths.dir).catch(() => undefined);
    const r = await this.client.run('scancel', [this.jobId]);
    if (r.code !== 0) this.emit({ type: 'log', line: `[rml] scancel ${this.jobId} failed: ${r.stderr.trim()}`, level: 'error' });
    await this.done;
  }

  /** Stops following without changing the record. */
  detach(): void {
    if (this.timer) clearInterval(this.timer);
    this.watcher.stop();
  }

  /** Records the submitted job in run.json. */
  async markSubmitted(script: string): Promise<void> {
    await this.setStatus('queued', `Slurm job ${this.jobId} submitted`, (r) => {
      r.slurm = { jobId: this.jobId, script };
    });
  }

  /** Ends the job with an error that happened before submission. */
  async failToSubmit(message: string): Promise<void> {
    this.watcher.stop();
    await this.finish('failed', message);
  }
}

/** Submits the spec as an sbatch job and follows it. */
export class SlurmRunner implements TrainingRunner {
  readonly kind = 'slurm' as const;

  constructor(private readonly options: SlurmRunnerOptions = {}) {}

  private client(ctx: RunContext): SlurmClient {
    return new SlurmClient(ctx.env ?? process.env, this.options.commands);
  }

  async start(ctx: RunContext): Promise<TrainingJob> {
    const { record, paths } = ctx;
    await mkdir(record.outputDir, { recursive: true });
    const scriptFile = join(paths.dir, 'job.sbatch');
    await writeFile(scriptFile, sbatchScript(record, paths), { mode: 0o755 });
    await appendFile(paths.log, `[rml] ${new Date().toISOString()} sbatch ${scriptFile}\n`);
    const client = this.client(ctx);
    const submitted = await client.run('sbatch', ['--parsable', scriptFile]);
    const jobId = submitted.code === 0 ? parseSbatchJobId(submitted.stdout) : undefined;
    const job = new SlurmJob(ctx, jobId ?? '', client, 0);
    if (!jobId) {
      const why = submitted.code === 127 ? `sbatch was not found (${submitted.stderr.trim()}); is Slurm installed and on PATH?` : `sbatch failed: ${(submitted.stderr || submitted.stdout).trim()}`;
      await appendFile(paths.log, `[rml] ${why}\n`);
      await job.failToSubmit(why);
      return job;
    }
    await job.markSubmitted(scriptFile);
    job.follow();
    return job;
  }

  async attach(ctx: RunContext): Promise<TrainingJob | undefined> {
    const jobId = ctx.record.slurm?.jobId;
    if (!jobId) {
      await this.reconcile(ctx);
      return undefined;
    }
    const logSize = await stat(ctx.paths.log).then((s) => s.size, () => 0);
    const job = new SlurmJob(ctx, jobId, this.client(ctx), logSize);
    job.follow();
    return job;
  }

  async reconcile(ctx: RunContext): Promise<RunRecord> {
    if (isFinalStatus(ctx.record.status)) return ctx.record;
    const jobId = ctx.record.slurm?.jobId;
    if (!jobId) {
      return ctx.store.update(ctx.record.id, (r) => {
        if (isFinalStatus(r.status)) return;
        r.status = 'interrupted';
        r.error = 'the job was never submitted (its submitter went away first)';
        r.timings.endedAt = new Date().toISOString();
      });
    }
    const logSize = await stat(ctx.paths.log).then((s) => s.size, () => 0);
    const job = new SlurmJob(ctx, jobId, this.client(ctx), logSize);
    // One poll; a job Slurm does not know right now is left as recorded rather than guessed at.
    await job.poll();
    job.detach();
    return ctx.store.read(ctx.record.id);
  }
}
