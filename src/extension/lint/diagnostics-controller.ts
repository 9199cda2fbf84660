import * as vscode from 'vscode';
import { detectFormat, type DatasetFormat } from '../../core/dataset/format';
import type { LintEdit } from '../../core/lint/lint-session';
import type { LintWorkerResponse } from '../../protocol/lint-worker-protocol';
import { log } from '../logger';
import type { LintWorkerClient } from './lint-worker-client';
import { lintOptionsFor } from './lint-settings';
import { toDiagnostic } from './to-diagnostic';

/** Edits arriving within this window are sent to the worker together. */
const EDIT_DEBOUNCE_MS = 120;

interface OpenDoc {
  format: DatasetFormat;
  pending: LintEdit[];
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Keeps the Problems panel in step with open dataset documents: opens are linted whole in the
 * worker, edits are sent as line edits so only touched lines are re-scanned.
 */
export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('responsible-ml');
  private readonly docs = new Map<string, OpenDoc>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly results = new vscode.EventEmitter<{ uri: vscode.Uri; total: number; ms: number; models?: boolean }>();
  /** Fires when a document's findings arrive (tests and the Datasets view listen). */
  readonly onDidLint = this.results.event;
  /** Files linted from disk by a workspace scan; their diagnostics stay when the editor closes. */
  readonly scannedFromDisk = new Set<string>();

  constructor(
    private readonly worker: LintWorkerClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      this.collection,
      worker.onMessage((m) => this.onWorkerMessage(m)),
      vscode.workspace.onDidOpenTextDocument((d) => void this.open(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.change(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.close(d)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.fileName.endsWith('responsible-ml.config.json') || d.fileName.endsWith('pii-baseline.json')) this.relintAll();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('responsibleMl')) this.relintAll();
      }),
    );
    for (const d of vscode.workspace.textDocuments) void this.open(d);
  }

  /** Re-reads settings and re-lints every open dataset document. */
  relintAll(): void {
    for (const d of vscode.workspace.textDocuments) {
      if (this.docs.has(d.uri.toString())) void this.open(d, true);
    }
  }

  /** Starts (or restarts) linting a document if it is a dataset. */
  async open(doc: vscode.TextDocument, force = false): Promise<void> {
    const key = doc.uri.toString();
    if (this.docs.has(key) && !force) return;
    const format = detectFormat({ languageId: doc.languageId, path: doc.uri.path });
    if (!format || doc.uri.scheme === 'output' || doc.uri.scheme === 'vscode-userdata') return;
    if (format === 'text' && !this.lintsText(doc)) return;
    this.docs.set(key, { format, pending: [] });
    const options = await lintOptionsFor(doc.uri);
    this.worker.post({ type: 'open', uri: key, version: doc.version, format, text: doc.getText(), options });
  }

  /** Plain text and Markdown are linted only with responsibleMl.lintTextFiles (else every README would be). */
  private lintsText(doc: vscode.TextDocument): boolean {
    return vscode.workspace.getConfiguration('responsibleMl', doc.uri).get<boolean>('lintTextFiles', false);
  }

  private change(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const state = this.docs.get(key);
    if (!state || e.contentChanges.length === 0) return;
    for (const c of e.contentChanges) {
      state.pending.push({
        startLine: c.range.start.line,
        startCharacter: c.range.start.character,
        endLine: c.range.end.line,
        endCharacter: c.range.end.character,
        text: c.text,
      });
    }
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      const edits = state.pending.splice(0);
      const lineBased = state.format === 'jsonl' || state.format === 'text';
      this.worker.post({
        type: 'edit',
        uri: key,
        version: e.document.version,
        edits,
        ...(lineBased ? {} : { text: e.document.getText() }),
      });
    }, EDIT_DEBOUNCE_MS);
  }

  private close(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const state = this.docs.get(key);
    if (!state) return;
    clearTimeout(state.timer);
    this.docs.delete(key);
    this.worker.post({ type: 'close', uri: key });
    if (!this.scannedFromDisk.has(key)) this.collection.delete(doc.uri);
  }

  private onWorkerMessage(m: LintWorkerResponse): void {
    if (m.type === 'error' && m.uri) {
      log().error(`Linting ${m.uri} failed: ${m.message}`);
      return;
    }
    if (m.type !== 'documentResult') return;
    const uri = vscode.Uri.parse(m.uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === m.uri);
    // A result for an older version is dropped; the newer edit's result follows.
    if (!this.docs.has(m.uri) || (doc && doc.version !== m.version)) return;
    this.collection.set(uri, m.findings.map((f) => toDiagnostic(f, this.extensionUri)));
    log().debug(`Linted ${vscode.workspace.asRelativePath(uri)}: ${m.total} findings, ${m.records} records, ${m.ms.toFixed(1)} ms`);
    this.results.fire({ uri, total: m.total, ms: m.ms, ...(m.models ? { models: true } : {}) });
  }

  dispose(): void {
    for (const s of this.docs.values()) clearTimeout(s.timer);
    this.disposables.forEach((d) => d.dispose());
    this.results.dispose();
  }
}
