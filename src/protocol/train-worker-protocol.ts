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
