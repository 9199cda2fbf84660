import * as vscode from 'vscode';
import type { Views } from '../views/register-views';
import type { ModelItem } from '../views/models-view';
import { enableGpu } from './enable-gpu';
import { InferenceService } from './inference-service';
import { availableModels } from './pick-model';
import { runModelOnDataset, runModelOnSelection, type RunModelArgs } from './run-model-commands';

/** Wires inference: the worker, the device status bar item, the Models view and the commands. */
export function registerInference(context: vscode.ExtensionContext, views: Views): InferenceService {
  const service = new InferenceService(context);
  views.models.source = () => availableModels(context);
  views.models.device = () => {
    const d = [...new Set(service.deviceInUse.values())];
    return d.length ? d.map((x) => x.toUpperCase()).join('+') : undefined;
  };
  context.subscriptions.push(
    service,
    vscode.commands.registerCommand('responsibleMl.runModelOnSelection', (args?: RunModelArgs) => runModelOnSelection(context, service, args)),
    vscode.commands.registerCommand('responsibleMl.runModelOnDataset', (target?: vscode.Uri | RunModelArgs) => runModelOnDataset(context, service, target)),
    vscode.commands.registerCommand('responsibleMl.enableGpu', () => enableGpu(context)),
    vscode.commands.registerCommand('responsibleMl.openModelCard', async (item?: ModelItem) => {
      const card = item?.model.card;
      if (!card) {
        void vscode.window.showInformationMessage('Responsible ML: this model has no model card (README.md).');
        return;
      }
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(card));
    }),
  );
  return service;
}
