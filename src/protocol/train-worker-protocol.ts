import type { MetricPoint } from '../core/training/metric-point';
import type { FastTextJob, TrainOutcome } from '../core/training/builtin/train-fasttext';

/** What the builtin runner hands the training worker (workerData). */
export interface TrainWorkerData {
  job: FastTextJob;
  /** The run's metrics.jsonl and output.log: the worker is their only writer. */
  metricsFile: string;
  logFile: string;
  /** Int32Array[0] = 1 asks the trainer to stop after the current batch. */
  stopFlag: SharedArrayBuffer;
}

/** Training worker → builtin runner. */
export type TrainWorkerMessage =
  | { type: 'log'; line: string }
  | { type: 'metrics'; points: MetricPoint[] }
  | { type: 'artifact'; path: string; kind: string }
  | { type: 'done'; outcome: TrainOutcome }
  | { type: 'failed'; message: string };

/**
 * What the builtin runner writes to `train-job.json` in the run folder for the detached trainer
 * process (builtin/train-process.worker.ts), which runs the training worker above.
 */
export interface TrainProcessJob {
  job: FastTextJob;
  metricsFile: string;
  logFile: string;
  /** Where the process leaves how the run ended (TrainProcessOutcome), atomically, before it exits. */
  outcomeFile: string;
  /** The run folder, polled for a stop request (`rml runs stop` from anywhere). */
  runDir: string;
  pollMs?: number;
}

/** How a builtin run ended, as its trainer process recorded it. */
export interface TrainProcessOutcome {
  status: 'succeeded' | 'stopped' | 'failed';
  detail?: string;
}
