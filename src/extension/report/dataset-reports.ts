import { isAbsolute, join, dirname } from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/anonymize/atomic-file';
import type { DatasetProfile } from '../../core/profile/profile-types';
import type { ExportFormat, RenderedSummary, ReportContext } from '../../protocol/dataset-report-protocol';
import { log } from '../logger';
import { DatasetReportPanel, type ReportPanelActions } from './dataset-report-panel';
import { reportMarkdown } from './report-markdown';
import { ProfileRunError, ProfileWorkerClient } from './profile-worker-client';
import { configFileFor, displayPath, pickDataset, REPORTABLE } from './report-target';

function folderOf(uri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
}

/** The state of a report panel, for the integration tests (and anyone scripting the report). */
export interface DatasetReportState {
  file: string;
  running: boolean;
  profile?: DatasetProfile;
  context?: ReportContext;
  rendered?: RenderedSummary;
  cspViolations: string[];
  /** How many times the page has rendered (it renders again after being hidden and shown). */
  renders: number;
}

/** The report commands' implementation (see register-dataset-report.ts). */
export interface DatasetReports extends vscode.Disposable {
  open(arg?: unknown): Promise<DatasetProfile | undefined>;
  export(format?: ExportFormat, target?: vscode.Uri, source?: vscode.Uri): Promise<vscode.Uri | undefined>;
  state(source?: vscode.Uri): DatasetReportState | undefined;
}

/**
 * "Open Dataset Report": profiles a dataset (group shares against the reference, intersections,
 * label rates, integrity) in a worker thread with a cancellable progress notification, and shows
 * the result in a webview panel, one per dataset. Created on the first use of a report command.
 */
export function createDatasetReports(extensionUri: vscode.Uri): DatasetReports {
  const panels = new Map<string, DatasetReportPanel>();
  let lastActive: DatasetReportPanel | undefined;
  const client = new ProfileWorkerClient(vscode.Uri.joinPath(extensionUri, 'dist', 'workers', 'profile.worker.js').fsPath);

  async function run(panel: DatasetReportPanel): Promise<DatasetProfile | undefined> {
    panel.running = true;
    const configFile = configFileFor(panel.uri);
    const started = Date.now();
    // Cancel from the notification, or by closing the report while it is being made.
    const cancel = new vscode.CancellationTokenSource();
    const closed = panel.onDidDispose(() => cancel.cancel());
    try {
      panel.showProgress('Starting…');
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Profiling ${panel.label}`, cancellable: true },
        (progress, token) => {
          let last = 0;
          token.onCancellationRequested(() => cancel.cancel());
          return client.profile({ file: panel.uri.fsPath, ...(configFile ? { configFile } : {}) }, cancel.token, (message, fraction) => {
            const increment = fraction !== undefined ? Math.max(0, (fraction - last) * 100) : undefined;
            if (fraction !== undefined) last = fraction;
            progress.report({ message, ...(increment !== undefined ? { increment } : {}) });
            panel.showProgress(message, fraction);
          });
        },
      );
      const ctx: ReportContext = {
        file: panel.label,
        linesRevealable: !/\.parquet$/i.test(panel.uri.path),
        thresholds: result.thresholds,
        sensitive: result.sensitive,
        ...(configFile ? { configFile: displayPath(vscode.Uri.file(configFile)) } : {}),
        generatedAt: new Date().toISOString(),
        ...(folderOf(panel.uri) ? { displayRoot: `${folderOf(panel.uri)}/` } : {}),
        durationMs: result.durationMs,
      };
      panel.showProfile(result.profile, ctx);
      log().info(`Dataset Report: profiled ${panel.label} (${result.profile.rows} rows) in ${Date.now() - started} ms`);
      return result.profile;
    } catch (err) {
      const cancelled = err instanceof ProfileRunError && err.cancelled;
      const message = (err as Error).message;
      panel.showFailure(message, cancelled);
      if (cancelled) log().info(`Dataset Report: profiling ${panel.label} was cancelled`);
      else {
        log().error(`Dataset Report: profiling ${panel.label} failed: ${message}`);
        void vscode.window.showErrorMessage(`Responsible ML: could not profile ${panel.label}: ${message}`, 'Show Output').then((a) => {
          if (a) log().show(true);
        });
      }
      return undefined;
    } finally {
      panel.running = false;
      closed.dispose();
      cancel.dispose();
    }
  }

  async function exportReport(panel: DatasetReportPanel, format: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!panel.profile || !panel.context) {
      void vscode.window.showWarningMessage('Responsible ML: the report has nothing to export yet.');
      return undefined;
    }
    const base = panel.uri.path.split('/').pop()!.replace(/\.[^.]+$/, '');
    const name = format === 'json' ? `${base}.profile.json` : `${base}.report.md`;
    target ??= await vscode.window.showSaveDialog({
      title: format === 'json' ? 'Export Dataset Profile (JSON)' : 'Export Dataset Report (Markdown)',
      defaultUri: vscode.Uri.joinPath(panel.uri, '..', name),
      filters: format === 'json' ? { JSON: ['json'] } : { Markdown: ['md'] },
    });
    if (!target) return undefined;
    // JSON is the DatasetProfile exactly, as `rml profile --format json` prints it.
    const text = format === 'json' ? `${JSON.stringify(panel.profile, null, 2)}\n` : reportMarkdown(panel.profile, panel.context);
    try {
      if (target.scheme === 'file') await writeFileAtomic(target.fsPath, text);
      else await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    } catch (err) {
      void vscode.window.showErrorMessage(`Responsible ML: could not write ${target.fsPath}: ${(err as Error).message}`);
      return undefined;
    }
    log().info(`Dataset Report: exported ${format} to ${target.fsPath}`);
    void vscode.window.showInformationMessage(`Dataset Report saved to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((a) => {
      if (a) void vscode.window.showTextDocument(target!);
    });
    return target;
  }

  /** Only the profiled file and the leakage twins the profile names can be opened from the page. */
  async function reveal(panel: DatasetReportPanel, file: string, line: number): Promise<void> {
    const profile = panel.profile;
    if (!profile) return;
    let uri: vscode.Uri | undefined;
    if (file === profile.file || file === panel.label || file === panel.uri.fsPath) uri = panel.uri;
    else if (profile.integrity?.leakage.pairs.some((p) => p.other_file === file)) {
      const configFile = configFileFor(panel.uri);
      const base = configFile ? dirname(configFile) : vscode.workspace.getWorkspaceFolder(panel.uri)?.uri.fsPath ?? dirname(panel.uri.fsPath);
      uri = vscode.Uri.file(isAbsolute(file) ? file : join(base, file));
    }
    if (!uri) {
      log().warn(`Dataset Report: ignored a request to show ${file}, which the report does not name`);
      return;
    }
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const at = doc.lineAt(Math.min(line, doc.lineCount) - 1).range;
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: at, preview: true });
      editor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (err) {
      void vscode.window.showErrorMessage(`Responsible ML: could not open ${file}: ${(err as Error).message}`);
    }
  }

  const actions: ReportPanelActions = {
    rerun: (panel) => void run(panel),
    export: (panel, format) => void exportReport(panel, format),
    reveal: (panel, file, line) => void reveal(panel, file, line),
    configure: async (panel) => {
      try {
        const spec = await vscode.commands.executeCommand<unknown>('responsibleMl.configureDataset', panel.uri);
        // A spec came back: the config changed, so the report is stale.
        if (spec && !panel.running) void run(panel);
      } catch (err) {
        void vscode.window.showErrorMessage(`Responsible ML: Configure Dataset is not available: ${(err as Error).message}`);
      }
    },
  };

  async function open(arg?: unknown): Promise<DatasetProfile | undefined> {
    const uri = await pickDataset(arg as Parameters<typeof pickDataset>[0]);
    if (!uri) return undefined;
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(`Responsible ML: the Dataset Report reads files from disk; ${uri.toString()} is not a local file.`);
      return undefined;
    }
    if (!REPORTABLE.test(uri.path)) {
      void vscode.window.showErrorMessage(`Responsible ML: ${displayPath(uri)} is not a dataset the report can read (.jsonl, .csv, .tsv, .parquet).`);
      return undefined;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) void vscode.window.showWarningMessage(`Responsible ML: ${displayPath(uri)} has unsaved changes; the report profiles the file as saved on disk.`);
    let panel = panels.get(uri.toString());
    if (panel) {
      panel.reveal();
      if (panel.running) return undefined;
    } else {
      panel = new DatasetReportPanel(uri, displayPath(uri), extensionUri, actions);
      panels.set(uri.toString(), panel);
      const p = panel;
      p.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) lastActive = p;
      });
      p.onDidDispose(() => {
        panels.delete(uri.toString());
        if (lastActive === p) lastActive = undefined;
      });
    }
    lastActive = panel;
    return run(panel);
  }

  function panelFor(uri: unknown): DatasetReportPanel | undefined {
    const u = uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.file(uri) : undefined;
    return u ? panels.get(u.toString()) : lastActive ?? [...panels.values()].pop();
  }

  return {
    open,
    export: (format: ExportFormat = 'json', target?: vscode.Uri, source?: vscode.Uri) => {
      const panel = panelFor(source);
      return panel ? exportReport(panel, format, target) : Promise.resolve(undefined);
    },
    state: (source?: vscode.Uri): DatasetReportState | undefined => {
      const panel = panelFor(source);
      if (!panel) return undefined;
      return {
        file: panel.label,
        running: panel.running,
        renders: panel.renders,
        cspViolations: [...panel.cspViolations],
        ...(panel.profile ? { profile: panel.profile } : {}),
        ...(panel.context ? { context: panel.context } : {}),
        ...(panel.lastRendered ? { rendered: panel.lastRendered } : {}),
      };
    },
    dispose: () => {
      [...panels.values()].forEach((p) => p.dispose());
      client.dispose();
    },
  };
}
