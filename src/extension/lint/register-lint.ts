import * as vscode from 'vscode';
import type { Views } from '../views/register-views';
import { PiiCodeActions } from './code-actions';
import { DiagnosticsController } from './diagnostics-controller';
import { registerLintCommands } from './lint-commands';
import { LintWorkerClient } from './lint-worker-client';
import { DatasetChecksController } from '../profile/dataset-checks-controller';

const DATASET_SELECTOR: vscode.DocumentSelector = [
  { language: 'jsonl' },
  { language: 'csv' },
  { language: 'tsv' },
  { pattern: '**/*.{jsonl,ndjson,csv,tsv}' },
];

/** Wires the dataset linter: worker, diagnostics, quick fixes and commands. */
export function registerLint(context: vscode.ExtensionContext, views: Views): { diagnostics: DiagnosticsController; datasetChecks: DatasetChecksController } {
  const worker = new LintWorkerClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'workers', 'lint.worker.js').fsPath);
  const diagnostics = new DiagnosticsController(worker, context.extensionUri);
  const datasetChecks = new DatasetChecksController(worker, context.extensionUri);
  context.subscriptions.push(
    datasetChecks,
    worker,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(DATASET_SELECTOR, new PiiCodeActions(), { providedCodeActionKinds: PiiCodeActions.kinds }),
  );
  registerLintCommands(context, worker, diagnostics, views.datasets);
  return { diagnostics, datasetChecks };
}
