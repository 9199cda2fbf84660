// Messages of the Fairness Report, typed both ways: the panel host (src/extension/fairness) and
// its webview (webview/fairness-report), and the host and its worker thread
// (src/extension/fairness/fairness-report.worker.ts). Everything here crosses a thread or frame
// boundary, so it is plain data (structured-clone safe).
import type { FairnessThresholds } from '../core/config/project-config';
import type { FairnessReport } from '../core/fairness/fairness-types';
import type { ScoreBins } from '../core/fairness/browser';

export type { ScoreBins };

/** The webview panel's view type. */
export const FAIRNESS_REPORT_VIEW_TYPE = 'responsibleMl.fairnessReport';

/** Which columns of a predictions file are what (the `fairness.reports[]` entry, less its file). */
export interface FairnessMapping {
  y_true: string;
  y_pred?: string;
  score?: string;
  /** Decision threshold on `score` when there is no `y_pred`. */
  threshold?: number;
  sensitive: string[];
  intersections?: string[][];
  positive_label?: string | number | boolean;
}

/** What the report shows beside the FairnessReport: where it came from and how to judge it. */
export interface FairnessContext {
  /** The predictions file, relative to its workspace folder. */
  file: string;
  mapping: FairnessMapping;
  /** Grading limits: the entry's `thresholds` over the defaults. */
  thresholds: Required<FairnessThresholds>;
  /** Groups with fewer rows than this are marked small. */
  smallGroup: number;
  /** The config file the mapping came from or was saved to, relative to the workspace. */
  configFile?: string;
  /** ISO time the report finished. */
  generatedAt: string;
  durationMs: number;
  /**
   * The decision threshold on the score this report was computed at, when predictions come from
   * the score (no y_pred, or the user moved the slider). Absent: the file's y_pred was used.
   */
  threshold?: number;
  /** When y_pred is exactly `score >= t` on every row, that t (the slider starts there). */
  impliedThreshold?: number;
  /** Where "Add to model card" writes, relative to the workspace. */
  modelCardPath: string;
}

/** The report and, with a score column, the per-group score histograms the slider recomputes from. */
export interface FairnessPayload {
  report: FairnessReport;
  context: FairnessContext;
  bins?: ScoreBins;
}

export type FairnessExportFormat = 'markdown' | 'html' | 'json';

/** Panel host → webview. */
export type HostToFairness =
  | { type: 'progress'; file: string; message: string; /** 0…1 when known. */ fraction?: number }
  | ({ type: 'report' } & FairnessPayload)
  | { type: 'failed'; file: string; message: string; cancelled: boolean }
  /** A file was written (an export, or the model-card copy): the page says where. */
  | { type: 'saved'; what: FairnessExportFormat | 'model-card'; path: string }
  /** Moves the threshold slider as a person would (keyboard shortcuts, tests). */
  | { type: 'setThreshold'; threshold: number }
  /** Selects an analysis (an attribute or an intersection key) as the selector would. */
  | { type: 'selectAnalysis'; key: string };

export type FairnessCardKey =
  | 'demographic_parity_difference'
  | 'demographic_parity_ratio'
  | 'equalized_odds_difference'
  | 'equal_opportunity_difference'
  | 'smallest_group';
export type FairnessStatus = 'ok' | 'warn' | 'fail' | 'none';

/** One headline card as the webview rendered it, read back from its DOM. */
export interface RenderedFairnessCard {
  key: FairnessCardKey;
  /** The exact number behind the card (its data-value attribute); null when undefined. */
  value: number | null;
  text: string;
  status: FairnessStatus;
  ci?: [number, number];
}

/** One by-group row as the page shows it (the chart's table). */
export interface RenderedGroup {
  group: string;
  count: number;
  small: boolean;
  selection_rate: number | null;
  true_positive_rate: number | null;
  false_positive_rate: number | null;
}

/** What the webview put on screen, posted after each render (the integration tests' window into the DOM). */
export interface RenderedFairnessSummary {
  file: string;
  /** The selected analysis: an attribute, or an intersection key such as "race,sex". */
  analysis: string;
  /** The decision threshold on screen; absent when the file's y_pred is shown as it is. */
  threshold?: number;
  /** 'report': the worker's full report; 'bins': recomputed in the page from the score bins. */
  computedFrom: 'report' | 'bins';
  cards: RenderedFairnessCard[];
  groups: RenderedGroup[];
  /** Groups marked small (n below the limit) in the selected analysis. */
  smallGroups: number;
  /** SVG charts and data tables (role=table or <table>) in the document. */
  charts: number;
  tables: number;
  /** Rows of the suggested-thresholds table, when shown. */
  suggestions: number;
}

/** Webview → panel host. */
export type FairnessToHost =
  | { type: 'ready' }
  | { type: 'rendered'; summary: RenderedFairnessSummary }
  /** Export what is on screen (at `threshold` when the slider moved off the report's own). */
  | { type: 'export'; format: FairnessExportFormat; threshold?: number }
  | { type: 'addToModelCard'; threshold?: number }
  /** The slider came to rest: compute the full report (with intervals) at this threshold. */
  | { type: 'thresholdSettled'; threshold: number }
  /** Back to the file's y_pred (or the mapping's threshold): compute the report as first opened. */
  | { type: 'resetThreshold' }
  | { type: 'remap' }
  | { type: 'rerun' }
  | { type: 'cspViolation'; directive: string; blocked: string };

// ---------------------------------------------------------------------------------------------
// Host ↔ fairness worker thread.

/** A column of the predictions file with a few of its values, for the mapping quick picks. */
export interface ColumnSummary {
  name: string;
  /** DuckDB's type for the column (CSV columns are typed by DuckDB's sniffer). */
  type: string;
  /** Up to 12 most frequent values (as text) with their counts. */
  values: Array<{ value: string; count: number }>;
  /** Distinct values in the file (capped at 1000). */
  distinct: number;
  numeric: boolean;
  /** Smallest and largest value, for numeric columns. */
  min?: number;
  max?: number;
}

/** Main thread → worker. */
export type FairnessWorkerRequest =
  | { type: 'inspect'; id: number; file: string }
  | {
      type: 'report';
      id: number;
      /** Absolute path of the predictions file. */
      file: string;
      /** The file as messages name it (relative to the workspace). */
      displayName?: string;
      mapping: FairnessMapping;
      /** Overrides the mapping's threshold (the slider), predicting `score >= threshold`. */
      threshold?: number;
      bootstrap?: { resamples: number; seed: number; confidence: number };
      smallGroup: number;
    }
  | { type: 'cancel'; id: number };

/** Worker → main thread. */
export type FairnessWorkerResponse =
  | { type: 'progress'; id: number; message: string; fraction?: number }
  | { type: 'inspected'; id: number; columns: ColumnSummary[]; rows: number }
  | { type: 'result'; id: number; report: FairnessReport; bins?: ScoreBins; impliedThreshold?: number; durationMs: number }
  | { type: 'error'; id: number; message: string; cancelled: boolean };
