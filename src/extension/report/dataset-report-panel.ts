import * as vscode from 'vscode';
import type { DatasetProfile } from '../../core/profile/profile-types';
import {
  DATASET_REPORT_VIEW_TYPE,
  type HostToReport,
  type RenderedSummary,
  type ReportContext,
  type ReportToHost,
} from '../../protocol/dataset-report-protocol';
import { log } from '../logger';
import { reportHtml } from './report-html';

/** What the panel asks of whoever runs the profile. */
export interface ReportPanelActions {
  rerun(panel: DatasetReportPanel): void;
  configure(panel: DatasetReportPanel): void;
  export(panel: DatasetReportPanel, format: 'markdown' | 'json'): void;
  reveal(panel: DatasetReportPanel, file: string, line: number): void;
}

/**
 * The webview panel of one dataset's report. The webview is rebuilt whenever it is shown again
 * (no retainContextWhenHidden), so the host keeps the last thing it showed and sends it again
 * when the page says it is ready; the page keeps its selected tab with getState/setState.
 */
export class DatasetReportPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  /** The last profile shown, with its context. */
  profile?: DatasetProfile;
  context?: ReportContext;
  /** What the webview last said it rendered (read from its DOM); the integration tests read it. */
  lastRendered?: RenderedSummary;
  /** How many times the page has rendered (again after each hide and show). */
  renders = 0;
  /** True while a profile run for this panel is in flight. */
  running = false;
  /** Content-Security-Policy violations the page reported (none expected). */
  readonly cspViolations: string[] = [];
  private disposed = false;
  private shown: HostToReport | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedSummary>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly uri: vscode.Uri,
    readonly label: string,
    extensionUri: vscode.Uri,
    private readonly actions: ReportPanelActions,
  ) {
    this.panel = vscode.window.createWebviewPanel(
      DATASET_REPORT_VIEW_TYPE,
      `Dataset Report: ${label.split('/').pop()}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
      },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity-bar.svg');
    this.panel.webview.html = reportHtml(this.panel.webview, extensionUri, `Dataset Report: ${label}`);
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((m: ReportToHost) => this.onMessage(m)),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(message: HostToReport): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  /** Shows progress (kept and re-sent if the page reloads before the profile arrives). */
  showProgress(message: string, fraction?: number): void {
    const m: HostToReport = { type: 'progress', file: this.label, message, ...(fraction !== undefined ? { fraction } : {}) };
    if (!this.profile) this.shown = m;
    this.post(m);
  }

  showProfile(profile: DatasetProfile, context: ReportContext): void {
    this.profile = profile;
    this.context = context;
    this.shown = { type: 'profile', profile, context };
    this.post(this.shown);
  }

  showFailure(message: string, cancelled: boolean): void {
    const m: HostToReport = { type: 'failed', file: this.label, message, cancelled };
    // A cancelled re-run leaves the previous report on screen.
    if (!(cancelled && this.profile)) this.shown = m;
    this.post(m);
  }

  private onMessage(m: ReportToHost): void {
    switch (m.type) {
      case 'ready':
        if (this.shown) this.post(this.shown);
        break;
      case 'rendered':
        this.lastRendered = m.summary;
        this.renders++;
        this.renderedEmitter.fire(m.summary);
        break;
      case 'revealLine':
        if (typeof m.file === 'string' && Number.isInteger(m.line) && m.line > 0) this.actions.reveal(this, m.file, m.line);
        break;
      case 'export':
        if (m.format === 'json' || m.format === 'markdown') this.actions.export(this, m.format);
        break;
      case 'configure':
        this.actions.configure(this);
        break;
      case 'rerun':
        if (!this.running) this.actions.rerun(this);
        break;
      case 'cspViolation':
        this.cspViolations.push(`${m.directive}: ${m.blocked}`);
        log().warn(`Dataset Report: the page's Content-Security-Policy blocked ${m.directive}: ${m.blocked}`);
        break;
    }
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
    this.subscriptions.forEach((s) => s.dispose());
    this.subscriptions.length = 0;
    this.renderedEmitter.dispose();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}
