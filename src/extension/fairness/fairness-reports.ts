import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/anonymize/atomic-file';
import { DEFAULT_CONFIG, DEFAULT_FAIRNESS_THRESHOLDS, type FairnessThresholds, type ProjectConfig } from '../../core/config/project-config';
import type { FairnessReport } from '../../core/fairness/fairness-types';
import type { FairnessContext, FairnessExportFormat, FairnessMapping, FairnessPayload, RenderedFairnessSummary } from '../../protocol/fairness-report-protocol';
import { log } from '../logger';
import { configFileFor, displayPath } from '../report/report-target';
import { fairnessHtml } from './fairness-html-export';
import { fairnessMarkdown } from './fairness-markdown';
import { askFairnessMapping, findFairnessSpec, mappingOf, saveFairnessSpec, specPath } from './fairness-mapping';
import { FairnessReportPanel, type FairnessPanelActions } from './fairness-report-panel';
import { FairnessRunError, FairnessWorkerClient } from './fairness-worker-client';

/** Prediction files the report reads (what DuckDB reads). */
export const PREDICTIONS = /\.(csv|tsv|tab|jsonl|ndjson|parquet)$/i;
/** Groups smaller than this are marked small (Fairlearn leaves it to the reader; 30 is the usual rule of thumb). */
const SMALL_GROUP = 30;

/** The state of a report panel, for the integration tests. */
export interface FairnessReportState {
  file: string;
  running: boolean;
  report?: FairnessReport;
  context?: FairnessContext;
  hasBins: boolean;
  rendered?: RenderedFairnessSummary;
  cspViolations: string[];
  renders: number;
}

/** The report commands' implementation (see register-fairness-report.ts). */
export interface FairnessReports extends vscode.Disposable {
  open(arg?: unknown): Promise<FairnessReport | undefined>;
  export(format?: FairnessExportFormat, target?: vscode.Uri, source?: vscode.Uri, threshold?: number): Promise<vscode.Uri | undefined>;
  addToModelCard(source?: vscode.Uri, threshold?: number): Promise<vscode.Uri | undefined>;
  state(source?: vscode.Uri): FairnessReportState | undefined;
  /** Moves the page's slider (as the keyboard would); false when no report has a score. */
  setThreshold(threshold: number, source?: vscode.Uri): boolean;
  selectAnalysis(key: string, source?: vscode.Uri): boolean;
}

/** Where a panel's mapping came from and how it is graded. */
interface Setup {
  mapping: FairnessMapping;
  thresholds: Required<FairnessThresholds>;
  bootstrap: Required<NonNullable<ProjectConfig['bootstrap']>>;
  configFile?: string;
  /** The folder relative paths (config entry, model-card copy) are taken from. */
  baseDir: string;
}

function asUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.file(arg);
  if (arg && typeof arg === 'object') {
    const o = arg as { uri?: unknown; resourceUri?: unknown };
    if (o.uri instanceof vscode.Uri) return o.uri;
    if (o.resourceUri instanceof vscode.Uri) return o.resourceUri;
  }
  return undefined;
}

/** The clicked file, else the active editor's (or tab's) predictions file, else one the user picks. */
async function pickPredictions(arg: unknown): Promise<vscode.Uri | undefined> {
  const clicked = asUri(arg);
  if (clicked) return clicked;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && PREDICTIONS.test(active.path)) return active;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: unknown } | undefined;
  if (input?.uri instanceof vscode.Uri && PREDICTIONS.test(input.uri.path)) return input.uri;
  const files = (await vscode.workspace.findFiles('**/*.{csv,tsv,jsonl,ndjson,parquet}', '**/{node_modules,.git}/**', 5000)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Responsible ML: no predictions files (.csv, .jsonl, .parquet) in this workspace.');
    return undefined;
  }
  // Files with prediction-like names first.
  const likely = (u: vscode.Uri) => /pred|score|output|result/i.test(basename(u.fsPath));
  files.sort((a, b) => Number(likely(b)) - Number(likely(a)));
  const pick = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Open Fairness Report', placeHolder: 'Which predictions file (true labels, predictions, sensitive attributes)?' },
  );
  return pick?.uri;
}

/**
 * "Open Fairness Report…": maps the columns of a predictions file (from the config, or asked
 * once and remembered), computes the Fairlearn-style report in a worker thread with a
 * cancellable progress notification, and shows it in a webview panel, one per file.
 */
export function createFairnessReports(extensionUri: vscode.Uri): FairnessReports {
  const panels = new Map<string, FairnessReportPanel>();
  const setups = new WeakMap<FairnessReportPanel, Setup>();
  const inFlight = new WeakMap<FairnessReportPanel, vscode.CancellationTokenSource>();
  let lastActive: FairnessReportPanel | undefined;
  const client = new FairnessWorkerClient(vscode.Uri.joinPath(extensionUri, 'dist', 'workers', 'fairness-report.worker.js').fsPath);

  function failed(what: string, err: unknown): void {
    const message = (err as Error).message;
    log().error(`Fairness Report: ${what}: ${message}`);
    void vscode.window.showErrorMessage(`Responsible ML: ${what}: ${message}`, 'Show Output').then((a) => {
      if (a) log().show(true);
    });
  }

  /** The mapping of `uri`: the config's entry, or asked (and saved) when there is none or `ask` is set. */
  async function resolveSetup(uri: vscode.Uri, ask: boolean, previous?: FairnessMapping): Promise<Setup | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const configFile = configFileFor(uri);
    const baseDir = configFile ? dirname(configFile) : folder ?? dirname(uri.fsPath);
    let config: ProjectConfig = {};
    let spec;
    if (configFile) {
      try {
        ({ config, spec } = findFairnessSpec(configFile, baseDir, uri.fsPath));
      } catch (err) {
        // An invalid config: say where, and do not write into it.
        const message = (err as Error).message;
        void vscode.window.showErrorMessage(`Responsible ML: ${message}`, 'Open Config').then((a) => {
          if (a) void vscode.window.showTextDocument(vscode.Uri.file(configFile));
        });
        return undefined;
      }
    }
    const bootstrap = { ...DEFAULT_CONFIG.bootstrap, ...config.bootstrap };
    if (spec && !ask) {
      return { mapping: mappingOf(spec), thresholds: { ...DEFAULT_FAIRNESS_THRESHOLDS, ...spec.thresholds }, bootstrap, ...(configFile ? { configFile } : {}), baseDir };
    }
    const label = displayPath(uri);
    let inspected;
    try {
      inspected = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Reading the columns of ${label}`, cancellable: true },
        (_p, token) => client.inspect(uri.fsPath, token),
      );
    } catch (err) {
      if (!(err instanceof FairnessRunError && err.cancelled)) failed(`could not read the columns of ${label}`, err);
      return undefined;
    }
    if (inspected.columns.length === 0) {
      void vscode.window.showErrorMessage(`Responsible ML: found no columns in ${label}.`);
      return undefined;
    }
    const mapping = await askFairnessMapping(label, inspected.columns, previous ?? (spec ? mappingOf(spec) : undefined));
    if (!mapping) return undefined;
    const thresholds = { ...DEFAULT_FAIRNESS_THRESHOLDS, ...spec?.thresholds };
    // Remembered in the workspace's config (created when there is none); files outside a workspace are not.
    const saved = folder || configFile ? await saveFairnessSpec(configFile ? baseDir : folder!, { file: specPath(baseDir, uri.fsPath), ...mapping, thresholds }) : undefined;
    if (saved) void vscode.window.setStatusBarMessage(`Responsible ML: column mapping saved in ${displayPath(vscode.Uri.file(saved))}`, 5000);
    return { mapping, thresholds, bootstrap, ...(saved ? { configFile: saved } : {}), baseDir };
  }

  function modelCardFile(panel: FairnessReportPanel): string {
    const setup = setups.get(panel);
    const stem = basename(panel.uri.fsPath).replace(/\.[^.]+$/, '');
    return join(setup?.baseDir ?? dirname(panel.uri.fsPath), '.responsible-ml', 'fairness', `${stem}.json`);
  }

  /** Computes the report (at `threshold` when given) and shows it; undefined when cancelled or failed. */
  async function run(panel: FairnessReportPanel, threshold?: number, quiet = false): Promise<FairnessPayload | undefined> {
    const setup = setups.get(panel);
    if (!setup) return undefined;
    // A newer request (the slider settled again) replaces the one in flight.
    inFlight.get(panel)?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    inFlight.set(panel, cancel);
    panel.running = true;
    const closed = panel.onDidDispose(() => cancel.cancel());
    const started = Date.now();
    const at = threshold ?? (setup.mapping.y_pred === undefined ? setup.mapping.threshold ?? 0.5 : undefined);
    try {
      const request = {
        file: panel.uri.fsPath,
        displayName: panel.label,
        mapping: setup.mapping,
        ...(at !== undefined ? { threshold: at } : {}),
        ...(setup.bootstrap.resamples > 0 ? { bootstrap: setup.bootstrap } : {}),
        smallGroup: SMALL_GROUP,
      };
      // A run a newer one replaced says nothing more (its late progress would cover the newer report).
      const current = () => inFlight.get(panel) === cancel;
      const onProgress = (message: string, fraction?: number) => {
        if (current()) panel.showProgress(message, fraction);
      };
      panel.showProgress(!quiet ? 'Starting…' : at === undefined ? `Computing the report from ${setup.mapping.y_pred}…` : `Computing intervals at threshold ${Number(at.toPrecision(4))}…`);
      const result = quiet
        ? await client.report(request, cancel.token, onProgress)
        : await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `Fairness report of ${panel.label}`, cancellable: true },
            (progress, token) => {
              let last = 0;
              token.onCancellationRequested(() => cancel.cancel());
              return client.report(request, cancel.token, (message, fraction) => {
                const increment = fraction !== undefined ? Math.max(0, (fraction - last) * 100) : undefined;
                if (fraction !== undefined) last = fraction;
                progress.report({ message, ...(increment !== undefined ? { increment } : {}) });
                onProgress(message, fraction);
              });
            },
          );
      if (!current()) return undefined;
      const folder = vscode.workspace.getWorkspaceFolder(panel.uri);
      const context: FairnessContext = {
        file: panel.label,
        mapping: setup.mapping,
        thresholds: setup.thresholds,
        smallGroup: SMALL_GROUP,
        ...(setup.configFile ? { configFile: displayPath(vscode.Uri.file(setup.configFile)) } : {}),
        generatedAt: new Date().toISOString(),
        durationMs: result.durationMs,
        ...(at !== undefined ? { threshold: at } : {}),
        ...(result.impliedThreshold !== undefined ? { impliedThreshold: result.impliedThreshold } : {}),
        modelCardPath: folder ? displayPath(vscode.Uri.file(modelCardFile(panel))) : modelCardFile(panel),
      };
      const payload: FairnessPayload = { report: result.report, context, ...(result.bins !== undefined ? { bins: result.bins } : {}) };
      panel.showReport(payload);
      log().info(`Fairness Report: ${panel.label} (${result.report.rows} rows${at !== undefined ? `, threshold ${at}` : ''}) in ${Date.now() - started} ms`);
      return payload;
    } catch (err) {
      const cancelled = err instanceof FairnessRunError && err.cancelled;
      // A run replaced by a newer one says nothing; the newer one reports.
      if (inFlight.get(panel) !== cancel) return undefined;
      panel.showFailure((err as Error).message, cancelled);
      if (cancelled) log().info(`Fairness Report: ${panel.label} was cancelled`);
      else failed(`could not compute the fairness report of ${panel.label}`, err);
      return undefined;
    } finally {
      if (inFlight.get(panel) === cancel) {
        inFlight.delete(panel);
        panel.running = false;
      }
      closed.dispose();
      cancel.dispose();
    }
  }

  /** The payload to export: the one on screen, recomputed first when the slider moved off it. */
  async function payloadAt(panel: FairnessReportPanel, threshold?: number): Promise<FairnessPayload | undefined> {
    const current = panel.payload;
    if (!current) {
      void vscode.window.showWarningMessage('Responsible ML: the report has nothing to export yet.');
      return undefined;
    }
    if (threshold === undefined || threshold === current.context.threshold) return current;
    return run(panel, threshold, true);
  }

  async function write(target: vscode.Uri, text: string): Promise<boolean> {
    try {
      if (target.scheme === 'file') {
        mkdirSync(dirname(target.fsPath), { recursive: true });
        await writeFileAtomic(target.fsPath, text);
      } else await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
      return true;
    } catch (err) {
      void vscode.window.showErrorMessage(`Responsible ML: could not write ${target.fsPath}: ${(err as Error).message}`);
      return false;
    }
  }

  async function exportReport(panel: FairnessReportPanel, format: FairnessExportFormat, target?: vscode.Uri, threshold?: number): Promise<vscode.Uri | undefined> {
    const base = basename(panel.uri.fsPath).replace(/\.[^.]+$/, '');
    const ext = { json: 'json', markdown: 'md', html: 'html' }[format];
    target ??= await vscode.window.showSaveDialog({
      title: `Export Fairness Report (${format === 'json' ? 'JSON' : format === 'html' ? 'HTML' : 'Markdown'})`,
      defaultUri: vscode.Uri.joinPath(panel.uri, '..', `${base}.fairness.${ext}`),
      filters: format === 'json' ? { JSON: ['json'] } : format === 'html' ? { HTML: ['html', 'htm'] } : { Markdown: ['md'] },
    });
    if (!target) return undefined;
    const payload = await payloadAt(panel, threshold);
    if (!payload) return undefined;
    // JSON is the FairnessReport exactly, as `rml fairness --format json` prints it.
    const text =
      format === 'json' ? `${JSON.stringify(payload.report, null, 2)}\n` : format === 'html' ? fairnessHtml(payload.report, payload.context) : fairnessMarkdown(payload.report, payload.context);
    if (!(await write(target, text))) return undefined;
    log().info(`Fairness Report: exported ${format} to ${target.fsPath}`);
    panel.post({ type: 'saved', what: format, path: target.scheme === 'file' ? displayPath(target) : target.toString() });
    void vscode.window.showInformationMessage(`Fairness report saved to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((a) => {
      if (a) void vscode.commands.executeCommand('vscode.open', target);
    });
    return target;
  }

  /** Stores the FairnessReport where the model card picks it up: .responsible-ml/fairness/<stem>.json. */
  async function addToModelCard(panel: FairnessReportPanel, threshold?: number): Promise<vscode.Uri | undefined> {
    const payload = await payloadAt(panel, threshold);
    if (!payload) return undefined;
    const target = vscode.Uri.file(modelCardFile(panel));
    if (!(await write(target, `${JSON.stringify(payload.report, null, 2)}\n`))) return undefined;
    const shown = displayPath(target);
    log().info(`Fairness Report: stored for the model card in ${target.fsPath}`);
    panel.post({ type: 'saved', what: 'model-card', path: shown });
    void vscode.window.showInformationMessage(`Fairness report stored for the model card in ${shown}.`, 'Open').then((a) => {
      if (a) void vscode.window.showTextDocument(target);
    });
    return target;
  }

  async function remap(panel: FairnessReportPanel): Promise<void> {
    const setup = await resolveSetup(panel.uri, true, setups.get(panel)?.mapping);
    if (!setup) return;
    setups.set(panel, setup);
    void run(panel);
  }

  const actions: FairnessPanelActions = {
    rerun: (panel, threshold) => void run(panel, threshold),
    settle: (panel, threshold) => void run(panel, threshold, true),
    remap: (panel) => void remap(panel),
    export: (panel, format, threshold) => void exportReport(panel, format, undefined, threshold),
    addToModelCard: (panel, threshold) => void addToModelCard(panel, threshold),
  };

  async function open(arg?: unknown): Promise<FairnessReport | undefined> {
    const uri = await pickPredictions(arg);
    if (!uri) return undefined;
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(`Responsible ML: the Fairness Report reads files from disk; ${uri.toString()} is not a local file.`);
      return undefined;
    }
    if (!PREDICTIONS.test(uri.path)) {
      void vscode.window.showErrorMessage(`Responsible ML: ${displayPath(uri)} is not a predictions file the report can read (.csv, .tsv, .jsonl, .parquet).`);
      return undefined;
    }
    const existing = panels.get(uri.toString());
    if (existing) {
      existing.reveal();
      lastActive = existing;
      return existing.running ? undefined : (await run(existing))?.report;
    }
    const setup = await resolveSetup(uri, false);
    if (!setup) return undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) void vscode.window.showWarningMessage(`Responsible ML: ${displayPath(uri)} has unsaved changes; the report reads the file as saved on disk.`);
    const panel = new FairnessReportPanel(uri, displayPath(uri), extensionUri, actions);
    setups.set(panel, setup);
    panels.set(uri.toString(), panel);
    panel.panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) lastActive = panel;
    });
    panel.onDidDispose(() => {
      panels.delete(uri.toString());
      if (lastActive === panel) lastActive = undefined;
    });
    lastActive = panel;
    return (await run(panel))?.report;
  }

  function panelFor(source: unknown): FairnessReportPanel | undefined {
    const u = asUri(source);
    return u ? panels.get(u.toString()) : lastActive ?? [...panels.values()].pop();
  }

  return {
    open,
    export: (format: FairnessExportFormat = 'json', target?: vscode.Uri, source?: vscode.Uri, threshold?: number) => {
      const panel = panelFor(source);
      return panel ? exportReport(panel, format, target, threshold) : Promise.resolve(undefined);
    },
    addToModelCard: (source?: vscode.Uri, threshold?: number) => {
      const panel = panelFor(source);
      return panel ? addToModelCard(panel, threshold) : Promise.resolve(undefined);
    },
    state: (source?: vscode.Uri): FairnessReportState | undefined => {
      const panel = panelFor(source);
      if (!panel) return undefined;
      return {
        file: panel.label,
        running: panel.running,
        renders: panel.renders,
        cspViolations: [...panel.cspViolations],
        hasBins: panel.payload?.bins !== undefined,
        ...(panel.payload ? { report: panel.payload.report, context: panel.payload.context } : {}),
        ...(panel.lastRendered ? { rendered: panel.lastRendered } : {}),
      };
    },
    setThreshold: (threshold: number, source?: vscode.Uri) => {
      const panel = panelFor(source);
      if (!panel?.payload?.bins) return false;
      panel.post({ type: 'setThreshold', threshold });
      return true;
    },
    selectAnalysis: (key: string, source?: vscode.Uri) => {
      const panel = panelFor(source);
      if (!panel?.payload?.report.analyses[key]) return false;
      panel.post({ type: 'selectAnalysis', key });
      return true;
    },
    dispose: () => {
      [...panels.values()].forEach((p) => p.dispose());
      client.dispose();
    },
  };
}
