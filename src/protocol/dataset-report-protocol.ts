// Messages of the Dataset Report, typed both ways: the panel host (src/extension/report) and its
// webview (webview/dataset-report), and the host and its profile worker thread
// (src/core/profile/profile.worker.ts). Everything here crosses a thread or frame boundary, so
// it is plain data (structured-clone safe).
import type { DatasetProfile } from '../core/profile/profile-types';

/** The webview panel's view type (also the key of its serializer, should one be added). */
export const DATASET_REPORT_VIEW_TYPE = 'responsibleMl.datasetReport';

/** Thresholds the headline cards are graded against: config `thresholds` over the defaults. */
export interface ReportThresholds {
  smallCell: number;
  /** χ² p-values below this fail (the dataset differs from the reference). */
  pValue: number;
  /** Total variation distances at or above this fail. */
  tvd: number;
  /** Largest/smallest share at or above this fails. */
  imbalanceRatio: number;
  /** Label-rate gaps between groups at or above this fail. */
  labelRateGap: number;
}

/** What the report shows beside the profile: where it came from and how to judge it. */
export interface ReportContext {
  /** The dataset, relative to its workspace folder (for titles and exported files). */
  file: string;
  /** Whether line numbers can be revealed in a text editor (not for Parquet rows). */
  linesRevealable: boolean;
  thresholds: ReportThresholds;
  /** Sensitive attributes configured for this dataset; empty means none are, and the report says so. */
  sensitive: string[];
  /** The config file the dataset's settings came from, relative to the workspace; absent when there is none. */
  configFile?: string;
  /** ISO time the profile finished. */
  generatedAt: string;
  /** Wall time of profile + integrity checks. */
  durationMs: number;
  /** The workspace folder (with a trailing slash), left off absolute paths when they are shown. */
  displayRoot?: string;
}

/** Panel host → webview. */
export type HostToReport =
  | { type: 'progress'; file: string; message: string; /** 0…1 when known. */ fraction?: number }
  | { type: 'profile'; profile: DatasetProfile; context: ReportContext }
  | { type: 'failed'; file: string; message: string; cancelled: boolean }
  | { type: 'exported'; format: ExportFormat; path: string };

export type ExportFormat = 'markdown' | 'json';

export type HeadlineKey = 'rows' | 'p_value' | 'tvd' | 'imbalance_ratio' | 'leakage';
export type HeadlineStatus = 'ok' | 'warn' | 'fail' | 'none';

/** One headline card as the webview rendered it, read back from its DOM. */
export interface RenderedCard {
  key: HeadlineKey;
  /** The exact number behind the card (its data-value attribute); null when not applicable. */
  value: number | null;
  /** The text a person sees on the card. */
  text: string;
  status: HeadlineStatus;
  /** The attribute the worst value belongs to, when the card summarises several. */
  attribute?: string;
}

/** What the webview put on screen, posted after each render (the integration tests' window into the DOM). */
export interface RenderedSummary {
  file: string;
  cards: RenderedCard[];
  /** The selected tab. */
  tab: ReportTab;
  /** SVG charts and data tables (role=table) in the document. */
  charts: number;
  tables: number;
  /** Text of the "no sensitive attributes" notice, when shown. */
  notice?: string;
}

export type ReportTab = 'representation' | 'intersections' | 'label-rates' | 'integrity';

/** Webview → panel host. */
export type ReportToHost =
  | { type: 'ready' }
  | { type: 'rendered'; summary: RenderedSummary }
  /** Show a 1-based line of the profiled file, or of a file named in the profile (a leakage twin). */
  | { type: 'revealLine'; file: string; line: number }
  | { type: 'export'; format: ExportFormat }
  | { type: 'configure' }
  | { type: 'rerun' }
  /** A Content-Security-Policy violation inside the webview (so a too-strict policy is never silent). */
  | { type: 'cspViolation'; directive: string; blocked: string };

// ---------------------------------------------------------------------------------------------
// Host ↔ profile worker thread.

/** Main thread → profile worker. */
export type ProfileWorkerRequest =
  | {
      type: 'profile';
      id: number;
      /** Absolute path of the dataset. */
      file: string;
      /** The dataset's config (absolute path), when there is one; the worker resolves the spec from it. */
      configFile?: string;
    }
  /** Cooperative cancel: the worker aborts the engine's AbortSignal (DuckDB interrupts its query). */
  | { type: 'cancel'; id: number };

/** Profile worker → main thread. */
export type ProfileWorkerResponse =
  | { type: 'progress'; id: number; message: string; fraction?: number }
  | { type: 'result'; id: number; profile: DatasetProfile; thresholds: ReportThresholds; sensitive: string[]; durationMs: number }
  | { type: 'error'; id: number; message: string; cancelled: boolean };
