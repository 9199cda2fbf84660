// Messages of the Training Dashboard, typed both ways: the panel host (src/extension/training)
// and its webview (webview/training-dashboard). Everything here crosses a frame boundary: plain
// data, with metric values as Float64Arrays (they cross as bytes, not JSON). The host ↔ worker
// messages are in run-feed-protocol.ts.
//
// Only DOM-and-Node-free modules may be imported here: the webview is type-checked without
// Node's types, and run-record.ts pulls them in through train-spec.ts.
import type { MetricChunk } from '../core/training/metric-columns';

/** A run's status: the RunStatus values of src/core/training/run-record.ts (the host assigns one to the other, so tsc keeps them in step). */
export type DashboardRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'interrupted';

/** Statuses after which a run can no longer change (FINAL_STATUSES of run-record.ts). */
export const ENDED_STATUSES: readonly DashboardRunStatus[] = ['succeeded', 'failed', 'stopped', 'interrupted'];

/** The webview panel's view type. */
export const TRAINING_DASHBOARD_VIEW_TYPE = 'responsibleMl.trainingDashboard';

/** One run as the dashboard's header shows it. */
export interface DashboardRun {
  id: string;
  name: string;
  status: DashboardRunStatus;
  /** builtin, process or slurm. */
  runner: string;
  /** ISO times from run.json. */
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  /** Where it runs, in words: "NVIDIA A100 · gpu-node-3 · 16 CPUs · 64 GB". */
  device: string;
  /** Progress as run.json last recorded it (the page also looks at the newest metric points). */
  epoch?: number;
  totalEpochs?: number;
  step?: number;
  /** Why it failed or was interrupted. */
  error?: string;
  /** Someone asked the run to stop (the run folder's stop-requested file) and it has not ended yet. */
  stopRequested: boolean;
}

/** A run the page offers to compare with. */
export interface RunChoice {
  id: string;
  name: string;
  status: DashboardRunStatus;
  createdAt: string;
}

/** New points of one metric of one run. */
export interface RunChunk extends MetricChunk {
  run: string;
}

/** The chart's x axis: optimizer step, epoch, or time since the run started. */
export type XAxis = 'step' | 'epoch' | 'relative';

/** Panel host → webview. */
export type HostToDashboard =
  /**
   * The runs shown, in order (the first is the one the dashboard was opened for), the summaries
   * of those whose run.json has been read (the rest follow as 'run' messages), and the other runs
   * the page could compare with.
   */
  | { type: 'runs'; shown: string[]; runs: DashboardRun[]; choices: RunChoice[] }
  /** A run's status, progress or stop request changed. */
  | { type: 'run'; run: DashboardRun }
  /**
   * New points, in file order per metric. `reset` names runs whose points start over with this
   * message (metrics.jsonl was rewritten, or the page is sent everything again).
   */
  | { type: 'points'; seq: number; chunks: RunChunk[]; reset?: string[] }
  /** Something about a run's files the user should know (a line that is not JSON, an unreadable run.json). */
  | { type: 'problem'; run: string; message: string }
  /** The answer to a Stop press. */
  | { type: 'stopResult'; run: string; ok: boolean; message: string }
  /** Tests only: press a control of the page as a person would (its real click handler runs). */
  | { type: 'press'; control: 'stop' | 'confirmStop'; run: string };

/** One line of a chart as the page drew it, read back from the table behind the chart. */
export interface RenderedSeries {
  run: string;
  /** The metric, or the group for a per-group chart. */
  series: string;
  /** Points the page holds for it. */
  points: number;
  /** Points drawn after per-pixel downsampling. */
  drawn: number;
  lastStep: number | null;
  lastValue: number | null;
  smoothed: number | null;
}

export interface RenderedChart {
  key: string;
  title: string;
  section: string;
  series: RenderedSeries[];
}

/** What the page put on screen, posted after each render (the integration tests' window into the DOM). */
export interface RenderedDashboard {
  runs: Array<{ id: string; status: string; stopEnabled: boolean; stopRequested: boolean; progress: string; eta: string }>;
  charts: RenderedChart[];
  /** SVG charts and data tables (role=table) in the document. */
  svgs: number;
  tables: number;
  xAxis: XAxis;
  smoothing: number;
  logScale: boolean;
  /** Points the page holds over every run and metric. */
  points: number;
  /** How long the last render pass took, in ms. */
  renderMs: number;
}

/** Webview → panel host. */
export type DashboardToHost =
  | { type: 'ready' }
  /** The user confirmed Stop for this run. */
  | { type: 'stop'; run: string }
  /** Show these runs beside the main one. */
  | { type: 'compare'; runs: string[] }
  /** The page has taken the points of message `seq` into its data (before drawing them). */
  | { type: 'applied'; seq: number; points: number }
  | { type: 'rendered'; summary: RenderedDashboard }
  /** A Content-Security-Policy violation inside the webview (so a too-strict policy is never silent). */
  | { type: 'cspViolation'; directive: string; blocked: string };
