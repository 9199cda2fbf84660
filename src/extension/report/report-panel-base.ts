import * as vscode from 'vscode';
import { log } from '../logger';
import { webviewPageHtml } from '../webview-page-html';

/** Messages every report page sends: ready, what it rendered, a CSP violation. */
type PageMessage<Summary> = { type: 'ready' } | { type: 'rendered'; summary: Summary } | { type: 'cspViolation'; directive: string; blocked: string } | { type: string };
/** Messages every report page understands besides its result: progress and failure. */
type HostMessage = { type: string };

export interface ReportPanelOptions {
  viewType: string;
  /** Tab title, e.g. "Fairness: loan.csv". */
  title: string;
  /** The page's <title>. */
  pageTitle: string;
  /** Which webview app (dist/webview/<bundle>.js) and its accessible name. */
  bundle: string;
  name: string;
}

/**
 * A report's webview panel (dataset report, fairness report). The webview is rebuilt whenever it
 * is shown again (no retainContextWhenHidden), so the host keeps the last thing it showed and
 * sends it again when the page says it is ready; the page keeps its own state with setState.
 * Subclasses hold the result and answer the page's own messages.
 */
export abstract class ReportPanelBase<ToPage extends HostMessage, FromPage extends { type: string }, Summary> implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  /** What the webview last said it rendered (read from its DOM); the integration tests read it. */
  lastRendered?: Summary;
  /** How many times the page has rendered (again after each hide and show). */
  renders = 0;
  /** True while a run for this panel is in flight. */
  running = false;
  /** Content-Security-Policy violations the page reported (none expected). */
  readonly cspViolations: string[] = [];
  private disposed = false;
  /** What the page shows now, sent again when it reloads. */
  protected shown: ToPage | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<Summary>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly uri: vscode.Uri,
    readonly label: string,
    extensionUri: vscode.Uri,
    private readonly options: ReportPanelOptions,
  ) {
    this.panel = vscode.window.createWebviewPanel(
      options.viewType,
      options.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
      },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity-bar.svg');
    this.panel.webview.html = webviewPageHtml(this.panel.webview, extensionUri, { bundle: options.bundle, title: options.pageTitle, name: options.name, loading: 'Loading the report…' });
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((m: FromPage) => this.onMessage(m)),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  /** True once a result is on screen (progress then no longer replaces it). */
  protected abstract hasResult(): boolean;

  /** The page's own messages (export, re-run…). */
  protected abstract onPageMessage(m: FromPage): void;

  post(message: ToPage): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  /** Shows progress (kept and re-sent if the page reloads before the result arrives). */
  showProgress(message: string, fraction?: number): void {
    const m = { type: 'progress', file: this.label, message, ...(fraction !== undefined ? { fraction } : {}) } as unknown as ToPage;
    if (!this.hasResult()) this.shown = m;
    this.post(m);
  }

  showFailure(message: string, cancelled: boolean): void {
    const m = { type: 'failed', file: this.label, message, cancelled } as unknown as ToPage;
    // A cancelled re-run leaves the previous report on screen.
    if (!(cancelled && this.hasResult())) this.shown = m;
    this.post(m);
  }

  /** Shows a result and keeps it for the page's next reload. */
  protected showResult(m: ToPage): void {
    this.shown = m;
    this.post(m);
  }

  private onMessage(m: FromPage): void {
    const msg = m as PageMessage<Summary>;
    if (msg.type === 'ready') {
      if (this.shown) this.post(this.shown);
    } else if (msg.type === 'rendered' && 'summary' in msg) {
      this.lastRendered = msg.summary;
      this.renders++;
      this.renderedEmitter.fire(msg.summary);
    } else if (msg.type === 'cspViolation' && 'directive' in msg) {
      this.cspViolations.push(`${msg.directive}: ${msg.blocked}`);
      log().warn(`${this.options.name}: the page's Content-Security-Policy blocked ${msg.directive}: ${msg.blocked}`);
    } else this.onPageMessage(m);
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
