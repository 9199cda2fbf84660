import * as vscode from 'vscode';
import type { HumanFieldId } from '../../core/model-card/card-sections';
import type { EditorRendered, EditorToHost, HostToEditor } from '../../protocol/model-card-protocol';
import { log } from '../logger';
import type { CardDiagnosticsController } from './card-diagnostics-controller';
import { toWorkspaceEdit } from './card-code-actions';
import { webviewPageHtml } from '../webview-page-html';
import type { ModelCardWorkerClient } from './model-card-worker-client';

const REFRESH_MS = 120;

/**
 * One Model Card Editor: a webview (a custom editor's panel, or a panel beside a README.md)
 * bound to the card's TextDocument. The document stays the single source of truth: the form
 * posts field values, the host turns them into WorkspaceEdits (so undo, dirty state and save
 * work as for any text edit), and every change of the document is sent back to the page.
 */
export class CardEditorSession implements vscode.Disposable {
  /** What the page last said it rendered (the integration tests read it). */
  lastRendered?: EditorRendered;
  readonly cspViolations: string[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private edits: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly renderedEmitter = new vscode.EventEmitter<EditorRendered>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly document: vscode.TextDocument,
    readonly panel: vscode.WebviewPanel,
    private readonly worker: ModelCardWorkerClient,
    private readonly diagnostics: CardDiagnosticsController,
    extensionUri: vscode.Uri,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    // `img-src data:`: vscode-textarea draws its resize grip with a data: PNG in its styles. The card
    // itself puts no image on the page: the preview builds DOM nodes and shows images as alt text.
    panel.webview.html = webviewPageHtml(panel.webview, extensionUri, {
      bundle: 'model-card',
      title: `Model Card Editor: ${vscode.workspace.asRelativePath(document.uri)}`,
      name: 'Model Card Editor',
      loading: 'Loading the model card…',
      extraCsp: ['img-src data:'],
    });
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((m: EditorToHost) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length) this.scheduleRefresh();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_MS);
  }

  /** Sends the document's text and inspection to the page. */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    const version = this.document.version;
    try {
      const { inspection } = await this.worker.request({ type: 'inspect', text: this.document.getText(), ...(await this.diagnostics.settingsFor(this.document.uri)) }, 'inspected');
      if (this.disposed || this.document.version !== version) return;
      const message: HostToEditor = { type: 'document', file: vscode.workspace.asRelativePath(this.document.uri), text: this.document.getText(), version, inspection };
      void this.panel.webview.postMessage(message);
    } catch (err) {
      log().error(`Model Card Editor: ${(err as Error).message}`);
    }
  }

  /** Sets a human field through a WorkspaceEdit; edits apply one after another, each on the current text. */
  setField(field: HumanFieldId, value: string): Promise<void> {
    this.edits = this.edits.then(async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const version = this.document.version;
        const { edits } = await this.worker.request({ type: 'setField', text: this.document.getText(), field, value }, 'edits');
        // The text changed while the edit was computed (typing in the text editor): compute again.
        if (this.document.version !== version) continue;
        if (edits.every((e) => e.start === e.end && e.text === '')) return;
        if (edits.every((e) => this.document.getText().slice(e.start, e.end) === e.text)) return;
        await vscode.workspace.applyEdit(toWorkspaceEdit(this.document, edits));
        return;
      }
    });
    return this.edits.catch((err: Error) => log().error(`Model Card Editor: could not set ${field}: ${err.message}`));
  }

  private async insertMissingSections(): Promise<void> {
    const { inspection } = await this.worker.request({ type: 'inspect', text: this.document.getText() }, 'inspected');
    if (inspection.missingSections.length === 0) return;
    const { edits } = await this.worker.request({ type: 'insertSections', text: this.document.getText(), sections: inspection.missingSections }, 'edits');
    await vscode.workspace.applyEdit(toWorkspaceEdit(this.document, edits));
  }

  private onMessage(m: EditorToHost): void {
    switch (m.type) {
      case 'ready':
        void this.refresh();
        break;
      case 'setField':
        void this.setField(m.field, typeof m.value === 'string' ? m.value : '');
        break;
      case 'insertMissingSections':
        void this.insertMissingSections();
        break;
      case 'save':
        void this.edits.then(() => this.document.save());
        break;
      case 'openText':
        void vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.Beside });
        break;
      case 'rendered':
        this.lastRendered = m.summary;
        this.renderedEmitter.fire(m.summary);
        break;
      case 'cspViolation':
        this.cspViolations.push(`${m.directive}: ${m.blocked}`);
        log().warn(`Model Card Editor: the page's Content-Security-Policy blocked ${m.directive}: ${m.blocked}`);
        break;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.disposeEmitter.fire();
    this.subscriptions.forEach((s) => s.dispose());
    this.renderedEmitter.dispose();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}
