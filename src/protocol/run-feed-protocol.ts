// Messages between the Training Dashboard's host and the worker thread that follows run folders
// (src/core/training/run-feed.worker.ts). Points cross as columns of Float64Arrays whose buffers
// are transferred.
import type { MetricChunk } from '../core/training/metric-columns';
import type { RunRecord } from '../core/training/run-record';


/** Main thread → worker. */
export type FeedRequest =
  /** Follow a run folder: metrics.jsonl (appended bytes only), run.json and the stop request. */
  | { type: 'follow'; run: string; dir: string }
  | { type: 'unfollow'; run: string };

/** Worker → main thread. */
export type FeedResponse =
  /** Points read since the last message; `reset` when the file was rewritten and reading started over. */
  | { type: 'points'; run: string; chunks: MetricChunk[]; reset: boolean }
  /** run.json, read whenever it changed; `error` when it could not be read. */
  | { type: 'record'; run: string; record?: RunRecord; error?: string }
  | { type: 'stopRequested'; run: string; requested: boolean }
  | { type: 'problem'; run: string; message: string };
