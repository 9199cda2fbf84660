import * as vscode from 'vscode';
import { hostFriendlyThreads } from '../../core/inference/cpu-threads';
import type { DeviceSetting } from '../../core/inference/inference-types';
import type { WorkerEngineOptions } from '../../protocol/inference-worker-protocol';

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('responsibleMl');
}

/** Where the extension keeps downloads: Hub models and the ONNX Runtime copy with CUDA providers. */
export function storageDirs(context: vscode.ExtensionContext): { hub: string; gpuRoot: string } {
  const base = context.globalStorageUri.fsPath;
  return { hub: vscode.Uri.joinPath(context.globalStorageUri, 'hub').fsPath, gpuRoot: vscode.Uri.joinPath(vscode.Uri.file(base), 'ort-gpu').fsPath };
}

/** Folders whose subfolders are models: the extension's models/ and responsibleMl.models.paths. */
export function modelSearchPaths(context: vscode.ExtensionContext): string[] {
  return [vscode.Uri.joinPath(context.extensionUri, 'models').fsPath, ...section().get<string[]>('models.paths', [])];
}

/** Engine options from settings (responsibleMl.inference.*, responsibleMl.models.*). */
export function engineOptions(context: vscode.ExtensionContext): WorkerEngineOptions {
  const s = section();
  const dirs = storageDirs(context);
  return {
    device: s.get<DeviceSetting>('inference.device', 'auto'),
    allowDownload: s.get<boolean>('models.allowDownload', false),
    cacheDir: dirs.hub,
    gpuRoot: dirs.gpuRoot,
    searchPaths: modelSearchPaths(context),
    idleMs: Math.max(0, s.get<number>('inference.idleMinutes', 5)) * 60_000,
    // The inference worker shares the machine with the extension host: leave the host a core.
    threads: hostFriendlyThreads(),
  };
}

/** responsibleMl.inference.batchSize. */
export function batchSize(): number {
  return Math.max(1, Math.floor(section().get<number>('inference.batchSize', 16)));
}

/** responsibleMl.pii.ner: the NER model for PERSON/LOCATION/ORGANIZATION (trusted workspaces only). */
export function nerEnabled(scope?: vscode.Uri): boolean {
  return vscode.workspace.isTrusted && vscode.workspace.getConfiguration('responsibleMl', scope).get<boolean>('pii.ner', true);
}
