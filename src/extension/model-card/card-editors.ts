import * as vscode from 'vscode';
import { isModelCardName } from '../../core/model-card/is-model-card';
import { MODEL_CARD_EDITOR_VIEW_TYPE, type EditorRendered } from '../../protocol/model-card-protocol';
import type { CardDiagnosticsController } from './card-diagnostics-controller';
import { CardEditorSession } from './card-editor-session';
import type { ModelCardWorkerClient } from './model-card-worker-client';

/** What a test can ask of the editors of one card. */
export interface CardEditorState {
  open: number;
  rendered?: EditorRendered;
  cspViolations: string[];
}

/**
 * The Model Card Editors: the custom text editor for `*.modelcard.md` and, for any other
 * Markdown card (a README.md next to a model), a webview panel beside the text. Both are the
 * same session over the document.
 */
export class CardEditors implements vscode.CustomTextEditorProvider, vscode.Disposable {
  private readonly sessions = new Set<CardEditorSession>();

  constructor(
    private readonly worker: ModelCardWorkerClient,
    private readonly diagnostics: CardDiagnosticsController,
    private readonly extensionUri: vscode.Uri,
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    this.track(new CardEditorSession(document, panel, this.worker, this.diagnostics, this.extensionUri));
  }

  private track(session: CardEditorSession): CardEditorSession {
    this.sessions.add(session);
    session.onDidDispose(() => this.sessions.delete(session));
    return session;
  }

  /** Opens the editor on a card: the custom editor for *.modelcard.md, a panel beside the text otherwise. */
  async open(uri: vscode.Uri): Promise<void> {
    if (isModelCardName(uri.path)) {
      await vscode.commands.executeCommand('vscode.openWith', uri, MODEL_CARD_EDITOR_VIEW_TYPE, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
      return;
    }
    const existing = [...this.sessions].find((s) => s.document.uri.toString() === uri.toString());
    if (existing) {
      existing.panel.reveal(undefined, false);
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const panel = vscode.window.createWebviewPanel(MODEL_CARD_EDITOR_VIEW_TYPE, `Model Card Editor: ${uri.path.split('/').slice(-2).join('/')}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {});
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity-bar.svg');
    this.track(new CardEditorSession(document, panel, this.worker, this.diagnostics, this.extensionUri));
  }

  /** The state of the editors open on a card (for the integration tests). */
  state(uri: vscode.Uri): CardEditorState {
    const mine = [...this.sessions].filter((s) => s.document.uri.toString() === uri.toString());
    const rendered = mine.find((s) => s.lastRendered)?.lastRendered;
    return { open: mine.length, ...(rendered ? { rendered } : {}), cspViolations: mine.flatMap((s) => s.cspViolations) };
  }

  dispose(): void {
    for (const s of this.sessions) s.dispose();
    this.sessions.clear();
  }
}
