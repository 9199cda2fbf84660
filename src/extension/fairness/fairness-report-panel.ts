import * as vscode from 'vscode';
import {
  FAIRNESS_REPORT_VIEW_TYPE,
  type FairnessExportFormat,
  type FairnessPayload,
  type FairnessToHost,
  type HostToFairness,
  type RenderedFairnessSummary,
} from '../../protocol/fairness-report-protocol';
import { log } from '../logger';
import { reportHtml } from '../report/report-html';

/** What the panel asks of whoever computes the report. */
export interface FairnessPanelActions {
  rerun(panel: FairnessReportPanel, threshold?: number): void;
  /** The slider came to rest at `threshold` (undefined: back to the mapping's own): recompute quietly, intervals included. */
  settle(panel: FairnessReportPanel, threshold: number | undefined): void;
  remap(panel: FairnessReportPanel): void;
  export(panel: FairnessReportPanel, format: FairnessExportFormat, threshold?: number): void;
  addToModelCard(panel: FairnessReportPanel, threshold?: number): void;
}

/**
 * The webview panel of one predictions file's fairness report. The webview is rebuilt whenever
 * it is shown again (no retainContextWhenHidden): the host keeps the last payload and sends it
 * again when the page says it is ready; the page keeps its selection and slider in setState.
 */
export class FairnessReportPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  /** The last report shown, with its context and bins. */
  payload?: FairnessPayload;
  /** What the webview last said it rendered (read from its DOM); the integration tests read it. */
  lastRendered?: RenderedFairnessSummary;
  renders = 0;
  running = false;
  readonly cspViolations: string[] = [];
  private disposed = false;
  private shown: HostToFairness | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedFairnessSummary>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly uri: vscode.Uri,
    readonly label: string,
    extensionUri: vscode.Uri,
    private readonly actions: FairnessPanelActions,
  ) {
    this.panel = vscode.window.createWebviewPanel(
      FAIRNESS_REPORT_VIEW_TYPE,
      `Fairness: ${label.split('/').pop()}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
      },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity-bar.svg');
    this.panel.webview.html = reportHtml(this.panel.webview, extensionUri, `Fairness Report: ${label}`, { page: 'fairness-report', name: 'Fairness Report' });
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((m: FairnessToHost) => this.onMessage(m)),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  post(message: HostToFairness): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  /** Shows progress (kept and re-sent if the page reloads before the report arrives). */
  showProgress(message: string, fraction?: number): void {
    const m: HostToFairness = { type: 'progress', file: this.label, message, ...(fraction !== undefined ? { fraction } : {}) };
    if (!this.payload) this.shown = m;
    this.post(m);
  }

  showReport(payload: FairnessPayload): void {
    this.payload = payload;
    this.shown = { type: 'report', ...payload };
    this.post(this.shown);
  }

  showFailure(message: string, cancelled: boolean): void {
    const m: HostToFairness = { type: 'failed', file: this.label, message, cancelled };
    // A cancelled re-run leaves the previous report on screen.
    if (!(cancelled && this.payload)) this.shown = m;
    this.post(m);
  }

  private onMessage(m: FairnessToHost): void {
    const threshold = (t: unknown) => (typeof t === 'number' && Number.isFinite(t) ? t : undefined);
    switch (m.type) {
      case 'ready':
        if (this.shown) this.post(this.shown);
        break;
      case 'rendered':
        this.lastRendered = m.summary;
        this.renders++;
        this.renderedEmitter.fire(m.summary);
        break;
      case 'export':
        if (m.format === 'json' || m.format === 'markdown' || m.format === 'html') this.actions.export(this, m.format, threshold(m.threshold));
        break;
      case 'addToModelCard':
        this.actions.addToModelCard(this, threshold(m.threshold));
        break;
      case 'thresholdSettled':
        if (threshold(m.threshold) !== undefined) this.actions.settle(this, m.threshold);
        break;
      case 'resetThreshold':
        this.actions.settle(this, undefined);
        break;
      case 'remap':
        this.actions.remap(this);
        break;
      case 'rerun':
        this.actions.rerun(this, this.payload?.context.threshold);
        break;
      case 'cspViolation':
        this.cspViolations.push(`${m.directive}: ${m.blocked}`);
        log().warn(`Fairness Report: the page's Content-Security-Policy blocked ${m.directive}: ${m.blocked}`);
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
