import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, type ProjectConfig } from '../../core/config/project-config';
import type { Finding } from '../../core/lint/finding';
import { isModelCardName, isReadmeName, looksLikeModelCard } from '../../core/model-card/is-model-card';
import type { CardInspection } from '../../protocol/model-card-protocol';
import { log } from '../logger';
import { folderFor, projectConfig } from '../lint/lint-settings';
import { toDiagnostic } from '../lint/to-diagnostic';
import type { ModelCardWorkerClient } from './model-card-worker-client';

const DEBOUNCE_MS = 250;

/** The lint options of a card: the folder config's thresholds and rules over the settings' rules. */
export interface CardLintSettings {
  thresholds?: Record<string, number>;
  rules?: ProjectConfig['rules'];
}

/**
 * Diagnostics on model cards — `*.modelcard.md`, and a README.md whose front matter has model
 * card keys or whose folder holds a model — linted in the model card worker on open and as
 * they are edited (debounced), and kept in their own collection.
 */
export class CardDiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('responsible-ml-model-card');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly configs = new Map<string, { mtime: number; config: ProjectConfig | undefined }>();
  private readonly linted = new vscode.EventEmitter<{ uri: vscode.Uri; version: number; findings: Finding[]; inspection: CardInspection }>();
  /** Fires after each lint of a card (tests and the editor listen). */
  readonly onDidLint = this.linted.event;

  constructor(
    private readonly worker: ModelCardWorkerClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        clearTimeout(this.timers.get(d.uri.toString()));
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.fileName.endsWith(CONFIG_FILE_NAME)) for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('responsibleMl.rules')) for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** True when the document is a model card (cheap name test first, then its text or folder). */
  isCard(doc: vscode.TextDocument): boolean {
    const path = doc.uri.path;
    if (isModelCardName(path)) return true;
    if (!isReadmeName(path)) return false;
    let siblings: string[] = [];
    if (doc.uri.scheme === 'file') {
      try {
        siblings = readdirSync(dirname(doc.uri.fsPath));
      } catch {
        // An unreadable folder just means no sibling evidence.
      }
    }
    return looksLikeModelCard(path, doc.getText(), siblings);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return;
    if (!isModelCardName(doc.uri.path) && !isReadmeName(doc.uri.path)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lint(doc);
      }, delay),
    );
  }

  /** The folder config, re-read only when the file changed (a broken one is reported once). */
  private async config(uri: vscode.Uri): Promise<ProjectConfig | undefined> {
    const folder = folderFor(uri);
    if (!folder || folder.uri.scheme !== 'file') return undefined;
    const file = join(folder.uri.fsPath, CONFIG_FILE_NAME);
    const mtime = existsSync(file) ? statSync(file).mtimeMs : -1;
    const cached = this.configs.get(file);
    if (cached && cached.mtime === mtime) return cached.config;
    const config = mtime === -1 ? undefined : await projectConfig(folder);
    this.configs.set(file, { mtime, config });
    return config;
  }

  /** Thresholds and rules for a card. */
  async settingsFor(uri: vscode.Uri): Promise<CardLintSettings> {
    const config = await this.config(uri);
    const rules = { ...vscode.workspace.getConfiguration('responsibleMl', uri).get<Record<string, never>>('rules', {}), ...config?.rules };
    return { ...(config?.modelCard?.fairnessThresholds ? { thresholds: config.modelCard.fairnessThresholds } : {}), ...(Object.keys(rules).length ? { rules } : {}) };
  }

  /** Lints one card now; also used by the editor, which shows the same inspection. */
  async lint(doc: vscode.TextDocument): Promise<CardInspection | undefined> {
    if (doc.isClosed || !this.isCard(doc)) {
      this.collection.delete(doc.uri);
      return undefined;
    }
    const version = doc.version;
    try {
      const { inspection } = await this.worker.request({ type: 'inspect', text: doc.getText(), ...(await this.settingsFor(doc.uri)) }, 'inspected');
      // A newer edit has its own lint coming.
      if (doc.isClosed || doc.version !== version) return inspection;
      this.collection.set(doc.uri, inspection.findings.map((f) => toDiagnostic(f, this.extensionUri)));
      this.linted.fire({ uri: doc.uri, version, findings: inspection.findings, inspection });
      return inspection;
    } catch (err) {
      log().error(`Model card lint of ${vscode.workspace.asRelativePath(doc.uri)} failed: ${(err as Error).message}`);
      return undefined;
    }
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.disposables.forEach((d) => d.dispose());
    this.linted.dispose();
  }
}
