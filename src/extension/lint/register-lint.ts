import * as vscode from 'vscode';
import type { Views } from '../views/register-views';
import { PiiCodeActions } from './code-actions';
import { DiagnosticsController } from './diagnostics-controller';
import { registerLintCommands } from './lint-commands';
import { LintWorkerClient } from './lint-worker-client';
import { DatasetChecksController } from '../profile/dataset-checks-controller';
import type { InferenceService } from '../inference/inference-service';
import { batchSize, engineOptions, nerEnabled } from '../inference/inference-settings';
import { hasShippedNer } from '../inference/run-model-commands';
import { setNerOptions } from './lint-settings';

const DATASET_SELECTOR: vscode.DocumentSelector = [
  { language: 'jsonl' },
  { language: 'csv' },
  { language: 'tsv' },
  { pattern: '**/*.{jsonl,ndjson,csv,tsv}' },
];

/** Wires the dataset linter: worker, diagnostics, quick fixes and commands. */
export function registerLint(context: vscode.ExtensionContext, views: Views, inference?: InferenceService): { diagnostics: DiagnosticsController; datasetChecks: DatasetChecksController } {
  const worker = new LintWorkerClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'workers', 'lint.worker.js').fsPath);
  // PERSON/LOCATION/ORGANIZATION come from the shipped NER model, run inside the lint worker,
  // in trusted workspaces only (Restricted Mode runs no model).
  const nerModel = vscode.Uri.joinPath(context.extensionUri, 'models', 'pii-ner').fsPath;
  setNerOptions((uri) => {
    if (!nerEnabled(uri) || !hasShippedNer(context)) return undefined;
    const o = engineOptions(context);
    return { model: nerModel, device: o.device ?? 'auto', ...(o.gpuRoot ? { gpuRoot: o.gpuRoot } : {}), batchSize: batchSize() };
  });
  context.subscriptions.push(
    worker.onMessage((m) => {
      if (m.type !== 'modelStatus') return;
      if (m.message) inference?.tell(m.message);
      if (m.device) inference?.setDevice('lint', m.device);
    }),
  );
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
