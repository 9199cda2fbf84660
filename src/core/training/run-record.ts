/**
 * The run record: `.responsible-ml/runs/<run-id>/run.json`. Written atomically by the run store;
 * read by the Training Runs view, `rml runs`, and the model card (justification, datasets, metrics).
 */
import type { BaseEncoderInfo } from './builtin/base-encoder';
import type { ResolvedTrainSpec, RunnerKind, TrainSpec } from './train-spec';

export const RUN_RECORD_VERSION = 1;

/** queued → running → one of the final states. `interrupted`: the process vanished without an exit code (crash, reboot). */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'interrupted';
export const FINAL_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'stopped', 'interrupted'];

/** True when a run can no longer change. */
export function isFinalStatus(status: RunStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** A data file as it was when the run started. */
export interface DatasetFingerprint {
  role: 'train' | 'validation';
  path: string;
  sha256: string;
  bytes: number;
}

/** One finding of the responsible gate, already masked (never a PII value in clear). */
export interface GateIssue {
  severity: 'error' | 'warning' | 'info' | 'hint';
  ruleId: string;
  /** pii, integrity or representativeness. */
  check: 'pii' | 'integrity' | 'representativeness';
  file: string;
  line: number;
  column: number;
  message: string;
  /** Values behind the finding (PII findings of one rule in one file are summed into one issue). */
  count: number;
}

/** What the responsible gate found before the run and how the user decided. */
export interface GateResult {
  checkedAt: string;
  /** True when errors were found; the run starts only with a justification. */
  blocked: boolean;
  counts: { error: number; warning: number; info: number };
  issues: GateIssue[];
  /** The user's reason for running despite errors (stored, later printed in the model card). */
  justification?: string;
  /** Checks that could not run (e.g. no sensitive fields to profile), said plainly. */
  notes: string[];
}

/** Where the run executes. */
export interface DeviceInfo {
  hostname: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel?: string;
  memoryBytes: number;
  node: string;
  /** Filled by runners that know (the builtin runner: "cpu"; Slurm: the node list). */
  accelerator?: string;
}

export interface RunTimings {
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
}

/** The local process behind a process or builtin run, for re-attaching after a reload. */
export interface ProcessInfo {
  pid: number;
  hostname: string;
  /** Linux: the process start time in clock ticks (/proc/<pid>/stat field 22), to tell a reused pid apart. */
  startTicks?: number;
  command: string;
  exitCode?: number;
  signal?: string;
}

export interface SlurmJobInfo {
  jobId: string;
  state?: string;
  nodeList?: string;
  exitCode?: number;
  script: string;
}

/** The latest metric values, for the tree view and `rml runs list` without reading metrics.jsonl. */
export interface RunProgress {
  epoch?: number;
  step?: number;
  totalEpochs?: number;
  latest: Record<string, number>;
}

export interface RunRecord {
  version: typeof RUN_RECORD_VERSION;
  id: string;
  name: string;
  runner: RunnerKind;
  status: RunStatus;
  /** The spec as written (for re-run) and its file, when it came from one. */
  spec: TrainSpec;
  specFile?: string;
  /** The spec with defaults and absolute paths, as the runner saw it. */
  resolved: ResolvedTrainSpec;
  git?: { commit: string; dirty: boolean };
  datasets: DatasetFingerprint[];
  gate?: GateResult;
  device: DeviceInfo;
  timings: RunTimings;
  /** Absolute folder the model is written to. */
  outputDir: string;
  process?: ProcessInfo;
  slurm?: SlurmJobInfo;
  progress?: RunProgress;
  /** Files the run produced, relative to the run folder or absolute. */
  artifacts: Array<{ path: string; kind: string }>;
  /** A one-line reason for failed / interrupted runs. */
  error?: string;
  /** The run this one re-runs. */
  rerunOf?: string;
  /** The encoder a builtin encoder head was trained on: path and the sha256 of its ONNX graph. */
  baseModel?: BaseEncoderInfo;
}
