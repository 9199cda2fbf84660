import * as vscode from 'vscode';
import { log } from '../logger';
import { createConfig } from './create-config';
import { configureDataset } from '../profile/configure-dataset';
import type { Views } from '../views/register-views';

/** Registers the commands every part of the extension shares. */
export function registerCoreCommands(context: vscode.ExtensionContext, views: Views): void {
  const walkthroughId = `${context.extension.id}#responsibleMl.gettingStarted`;
  context.subscriptions.push(
    vscode.commands.registerCommand('responsibleMl.showOutput', () => log().show(true)),
    vscode.commands.registerCommand('responsibleMl.createConfig', createConfig),
    vscode.commands.registerCommand('responsibleMl.configureDataset', (uri?: vscode.Uri) => configureDataset(uri)),
    vscode.commands.registerCommand('responsibleMl.openGettingStarted', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId, false),
    ),
    vscode.commands.registerCommand('responsibleMl.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', '@ext:responsible-ml.responsible-ml'),
    ),
    vscode.commands.registerCommand('responsibleMl.refreshDatasets', () => views.datasets.refresh()),
    vscode.commands.registerCommand('responsibleMl.refreshRuns', () => views.runs.refresh()),
    vscode.commands.registerCommand('responsibleMl.refreshModels', () => views.models.refresh()),
  );
}
