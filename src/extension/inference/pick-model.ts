import * as vscode from 'vscode';
import type { InferenceTask } from '../../core/inference/inference-types';
import { listModels, type ModelInfo } from '../../core/inference/model-folder';
import { listRunModels } from '../../core/training/run-models';
import { runsRootOf } from '../../core/training/run-store';
import { modelSearchPaths, storageDirs } from './inference-settings';

/** Shipped, user-path, cached and trained (this workspace's runs) models, as the Models view lists them. */
export function availableModels(context: vscode.ExtensionContext): { models: ModelInfo[]; problems: string[] } {
  const [shipped, ...user] = modelSearchPaths(context);
  const listed = listModels([
    { dir: shipped!, source: 'shipped' },
    ...user.map((dir) => ({ dir, source: 'user' as const })),
    { dir: storageDirs(context).hub, source: 'cache' },
  ]);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const runs = listRunModels(runsRootOf(folder.uri.fsPath));
    listed.models.push(...runs.models);
    listed.problems.push(...runs.problems);
  }
  return listed;
}

/** Asks for a model (and remembers the choice); undefined when the user cancels or none exists. */
export async function pickModel(context: vscode.ExtensionContext, title: string, tasks?: readonly InferenceTask[]): Promise<ModelInfo | undefined> {
  const { models } = availableModels(context);
  const usable = models.filter((m) => m.task && (!tasks || tasks.includes(m.task)));
  if (usable.length === 0) {
    void vscode.window.showInformationMessage('Responsible ML: no local models found. Add a model folder with the responsibleMl.models.paths setting.');
    return undefined;
  }
  const last = context.workspaceState.get<string>('responsibleMl.lastModel');
  usable.sort((a, b) => Number(b.folder === last) - Number(a.folder === last));
  const pick = await vscode.window.showQuickPick(
    usable.map((m) => ({ label: m.name, description: `${m.task} · ${m.source}`, detail: m.labels.length ? `labels: ${m.labels.join(', ')}` : undefined, model: m })),
    { title },
  );
  if (pick) await context.workspaceState.update('responsibleMl.lastModel', pick.model.folder);
  return pick?.model;
}
