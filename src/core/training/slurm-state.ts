/** Reading Slurm's answers: sbatch --parsable, squeue, sacct and scontrol output → run status. */
import type { RunStatus } from './run-record';

/** The job id of `sbatch --parsable` output ("123" or "123;cluster"). */
export function parseSbatchJobId(stdout: string): string | undefined {
  const m = /^(\d+)(?:;\S+)?\s*$/m.exec(stdout.trim());
  return m?.[1];
}

/** A job's state as Slurm reports it, and the exit code once known. */
export interface SlurmJobState {
  state: string;
  exitCode?: number;
  nodeList?: string;
  reason?: string;
}

/** Parses `scontrol show job <id>` (key=value pairs over several lines). */
export function parseScontrolJob(stdout: string): SlurmJobState | undefined {
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}=(\\S*)`).exec(stdout)?.[1];
  const state = field('JobState');
  if (!state) return undefined;
  const exit = field('ExitCode');
  const code = exit ? Number(exit.split(':')[0]) : undefined;
  const nodes = field('NodeList');
  const reason = field('Reason');
  return {
    state,
    ...(code !== undefined && Number.isInteger(code) ? { exitCode: code } : {}),
    ...(nodes && nodes !== '(null)' ? { nodeList: nodes } : {}),
    ...(reason && reason !== 'None' ? { reason } : {}),
  };
}

/** Parses `sacct -n -X -P -j <id> -o State,ExitCode,NodeList` (first line). */
export function parseSacct(stdout: string): SlurmJobState | undefined {
  const line = stdout.split('\n').find((l) => l.trim() !== '');
  if (!line) return undefined;
  const [stateRaw, exit, nodes] = line.split('|');
  // "CANCELLED by 0" → CANCELLED
  const state = stateRaw?.trim().split(/\s+/)[0];
  if (!state) return undefined;
  const code = exit ? Number(exit.split(':')[0]) : undefined;
  return { state, ...(code !== undefined && Number.isInteger(code) ? { exitCode: code } : {}), ...(nodes && nodes !== 'None assigned' ? { nodeList: nodes.trim() } : {}) };
}

const QUEUED = new Set(['PENDING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_FED', 'REQUEUE_HOLD', 'RESV_DEL_HOLD', 'SUSPENDED', 'STOPPED', 'RESIZING', 'SIGNALING', 'STAGE_OUT']);
const RUNNING = new Set(['RUNNING', 'COMPLETING']);

/** Our status for a Slurm state; failures keep Slurm's word (TIMEOUT, OUT_OF_MEMORY…) as the detail. */
export function runStatusOfSlurm(state: string): { status: RunStatus; detail?: string } {
  const s = state.toUpperCase().replace(/\+$/, '');
  if (QUEUED.has(s)) return { status: 'queued' };
  if (RUNNING.has(s)) return { status: 'running' };
  if (s === 'COMPLETED') return { status: 'succeeded' };
  if (s === 'CANCELLED') return { status: 'stopped', detail: 'the Slurm job was cancelled' };
  const why: Record<string, string> = {
    TIMEOUT: 'the job reached its time limit (slurm.time)',
    OUT_OF_MEMORY: 'the job ran out of memory (slurm.memory)',
    NODE_FAIL: 'the node running the job failed',
    BOOT_FAIL: 'the node failed to boot',
    DEADLINE: 'the job missed its deadline',
    PREEMPTED: 'the job was preempted',
    FAILED: 'the job failed',
  };
  return { status: 'failed', detail: why[s] ?? `Slurm state ${s}` };
}
