import type { EngineOptions } from '../core/inference/inference-engine';
import type { Device, InferenceRequest, InferenceResult, LoadedModelInfo } from '../core/inference/inference-types';
import type { DatasetPredictionSpec, DatasetPredictionSummary } from '../core/inference/predict-dataset';

/** Engine options that can cross a thread boundary (no callbacks). */
export type WorkerEngineOptions = Omit<EngineOptions, 'onMessage'>;

/** Main thread → inference worker. */
export type InferenceWorkerRequest =
  | { type: 'configure'; options: WorkerEngineOptions }
  | { type: 'run'; id: number; request: InferenceRequest }
  | { type: 'predictDataset'; id: number; spec: DatasetPredictionSpec }
  | { type: 'cancel'; id: number }
  | { type: 'status'; id: number }
  /** Cancel everything, release the models, then answer `shutdownDone` (terminating is safe only after). */
  | { type: 'shutdown' };

/** Inference worker → main thread. */
export type InferenceWorkerResponse =
  | { type: 'result'; id: number; results: InferenceResult[]; device: Device | undefined; ms: number }
  | { type: 'datasetResult'; id: number; summary: DatasetPredictionSummary; device: Device | undefined }
  | { type: 'progress'; id: number; done: number; total: number; bytesRead?: number; totalBytes?: number }
  | { type: 'status'; id: number; loaded: LoadedModelInfo[]; device: Device | undefined }
  | { type: 'error'; id: number; message: string; cancelled: boolean }
  /** Something to tell the user once (the CUDA fallback). */
  | { type: 'message'; message: string }
  | { type: 'shutdownDone' };
