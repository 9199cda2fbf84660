import { join } from 'node:path';
import { heavy } from '../load-heavy';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config/project-config';
import type { Finding } from '../../core/lint/finding';
import { log } from '../logger';
import type { LintWorkerClient } from '../lint/lint-worker-client';
import { folderFor, projectConfig } from '../lint/lint-settings';
import { toDiagnostic } from '../lint/to-diagnostic';

const DATASET_FILE = /\.(jsonl|ndjson|csv|tsv|parquet)$/i;

/**
 * Dataset-level diagnostics (duplicates, leakage, missing fields, representativeness) for files
 * that a `datasets[]` entry of responsible-ml.config.json covers. They are computed from the file
 * on disk in the lint worker, on open and on save, and kept in their own collection.
 */
export class DatasetChecksController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('responsible-ml-dataset');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private readonly done = new vscode.EventEmitter<{ uri: vscode.Uri; findings: Finding[] }>();
  /** Fires when a file's dataset checks finished (tests listen). */
  readonly onDidCheck = this.done.event;

  constructor(
    private readonly worker: LintWorkerClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => void this.check(d.uri)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.fileName.endsWith(CONFIG_FILE_NAME)) this.recheckAll();
        else void this.check(d.uri);
      }),
    );
    for (const d of vscode.workspace.textDocuments) void this.check(d.uri);
  }

  /** Re-runs the checks of every file that has dataset diagnostics or is open. */
  recheckAll(): void {
    const uris = new Map<string, vscode.Uri>();
    this.collection.forEach((uri) => uris.set(uri.toString(), uri));
    for (const d of vscode.workspace.textDocuments) uris.set(d.uri.toString(), d.uri);
    for (const uri of uris.values()) void this.check(uri);
  }

  /** Runs the checks of one file if the project config covers it. */
  async check(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file' || !DATASET_FILE.test(uri.fsPath)) return;
    const key = uri.toString();
    if (this.running.has(key)) await this.running.get(key);
    const run = this.run(uri).finally(() => this.running.delete(key));
    this.running.set(key, run);
    await run;
  }

  private async run(uri: vscode.Uri): Promise<void> {
    const folder = folderFor(uri);
    const config = await projectConfig(folder);
    if (!folder || !config?.datasets?.length) {
      this.collection.delete(uri);
      return;
    }
    const { resolveDatasetSpec } = heavy();
    const spec = resolveDatasetSpec(config, uri.fsPath, folder.uri.fsPath);
    if (!spec) {
      this.collection.delete(uri);
      return;
    }
    try {
      const started = Date.now();
      const { findings } = await this.worker.datasetChecks({
        file: uri.fsPath,
        spec,
        configDir: join(folder.uri.fsPath),
        ...(config.bootstrap ? { bootstrap: config.bootstrap } : {}),
        rules: { ...vscode.workspace.getConfiguration('responsibleMl', uri).get<Record<string, never>>('rules', {}), ...config.rules },
      });
      this.collection.set(uri, findings.map((f) => withRelated(toDiagnostic(f, this.extensionUri), f)));
      log().info(`Dataset checks of ${vscode.workspace.asRelativePath(uri)}: ${findings.length} findings in ${Date.now() - started} ms`);
      this.done.fire({ uri, findings });
    } catch (err) {
      log().error(`Dataset checks of ${vscode.workspace.asRelativePath(uri)} failed: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.done.dispose();
  }
}

/** Adds the finding's related places (the twin line, the other split) to its diagnostic. */
function withRelated(d: vscode.Diagnostic, f: Finding): vscode.Diagnostic {
  if (f.related?.length) {
    d.relatedInformation = f.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.file(r.path), new vscode.Range(r.line - 1, r.column - 1, (r.endLine ?? r.line) - 1, (r.endColumn ?? r.column) - 1)),
          r.message,
        ),
    );
  }
  return d;
}
