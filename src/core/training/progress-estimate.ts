/**
 * How far a run is and when it will end, for the dashboard's header. Linear in the epochs (or
 * steps) done: a run that took 10 minutes for 2 of 5 epochs has 15 minutes to go. (No import of
 * run-record.ts: the webview uses this and is type-checked without Node's types.)
 */
export interface ProgressInput {
  /** True while the run is going: only then is there a time left, and elapsed time runs to now. */
  running: boolean;
  /** When the run started running (ms since the epoch); time spent queued does not count. */
  startedAtMs?: number;
  endedAtMs?: number;
  nowMs: number;
  /** The furthest epoch reached (fractional when the trainer logs mid-epoch, as HF's Trainer does). */
  epoch?: number;
  totalEpochs?: number;
  step?: number;
  /** Known only when the trainer says (e.g. HF's max_steps); preferred over epochs when given. */
  totalSteps?: number;
}

export interface ProgressEstimate {
  /** 0…1, when the total is known. */
  fraction?: number;
  /** Running time so far (to the end, for a finished run). */
  elapsedMs?: number;
  /** Time left, only for a running run that has made some progress. */
  etaMs?: number;
}

/** Fraction done, elapsed time and the time left of a run. */
export function estimateProgress(input: ProgressInput): ProgressEstimate {
  const out: ProgressEstimate = {};
  if (input.totalSteps !== undefined && input.totalSteps > 0 && input.step !== undefined && Number.isFinite(input.step)) {
    out.fraction = clamp01(input.step / input.totalSteps);
  } else if (input.totalEpochs !== undefined && input.totalEpochs > 0 && input.epoch !== undefined && Number.isFinite(input.epoch)) {
    out.fraction = clamp01(input.epoch / input.totalEpochs);
  }
  if (input.startedAtMs !== undefined && Number.isFinite(input.startedAtMs)) {
    const end = input.running || input.endedAtMs === undefined ? input.nowMs : input.endedAtMs;
    out.elapsedMs = Math.max(0, end - input.startedAtMs);
  }
  if (input.running && out.fraction !== undefined && out.fraction > 0 && out.fraction < 1 && out.elapsedMs !== undefined) {
    out.etaMs = (out.elapsedMs * (1 - out.fraction)) / out.fraction;
  }
  return out;
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
