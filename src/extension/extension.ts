import * as vscode from 'vscode';
import { performance } from 'node:perf_hooks';
import { markModulesEvaluated, moduleEvaluationMs } from './activation-timer';
import { registerCoreCommands } from './commands/register-commands';
import { log } from './logger';
import { registerViews } from './views/register-views';
import { registerLint } from './lint/register-lint';
import { registerDatasetReport } from './report/register-dataset-report';
import { registerInference } from './inference/register-inference';
import type { InferenceService } from './inference/inference-service';
import { registerFairnessReport } from './fairness/register-fairness-report';
import { registerTrainingDashboard } from './training/register-training-dashboard';
import { registerTraining } from './training/register-training';
import type { DiagnosticsController } from './lint/diagnostics-controller';
import type { DatasetChecksController } from './profile/dataset-checks-controller';
import { registerModelCards } from './model-card/register-model-cards';
import type { CardDiagnosticsController } from './model-card/card-diagnostics-controller';

/** What the extension exports to other extensions and to its integration tests. */
export interface ResponsibleMlApi {
  /**
   * Evaluating the bundle plus running activate(), in milliseconds: the extension's own cost,
   * without the time the host spends between loading the module and calling activate().
   */
  activationMs: number;
  /** Of which evaluating the bundle's modules took this long (the rest is activate() itself). */
  moduleLoadMs: number;
  /** Dataset diagnostics (integration tests wait on its onDidLint). */
  diagnostics: DiagnosticsController;
  /** Dataset-level diagnostics (integrity, representativeness). */
  datasetChecks: DatasetChecksController;
  /** The inference worker and the device in use. */
  inference: InferenceService;
  /** Model card diagnostics (integration tests wait on its onDidLint). */
  cardDiagnostics: CardDiagnosticsController;
}

/** Activation stays cheap: heavy modules (ONNX Runtime, DuckDB, transformers.js) load on first use. */
export function activate(context: vscode.ExtensionContext): ResponsibleMlApi {
  const started = performance.now();
  const moduleLoadMs = moduleEvaluationMs();
  const views = registerViews(context);
  registerCoreCommands(context, views);
  registerDatasetReport(context);
  const inference = registerInference(context, views);
  const { diagnostics, datasetChecks } = registerLint(context, views, inference);
  const { cardDiagnostics } = registerModelCards(context);
  registerFairnessReport(context);
  registerTrainingDashboard(context);
  registerTraining(context, views);
  const syncTrustContext = () =>
    void vscode.commands.executeCommand('setContext', 'responsibleMl.restricted', !vscode.workspace.isTrusted);
  syncTrustContext();
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      syncTrustContext();
      views.datasets.refresh();
      diagnostics.relintAll();
    }),
  );
  const activationMs = moduleLoadMs + (performance.now() - started);
  log().info(`Activated in ${activationMs.toFixed(1)} ms (modules ${moduleLoadMs.toFixed(1)} ms)${vscode.workspace.isTrusted ? '' : ' (Restricted Mode: linting only)'}`);
  return { activationMs, moduleLoadMs, diagnostics, datasetChecks, inference, cardDiagnostics };
}

export function deactivate(): void {}

markModulesEvaluated();
