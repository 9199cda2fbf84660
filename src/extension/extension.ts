import * as vscode from 'vscode';
import { msSinceLoad } from './activation-timer';
import { registerCoreCommands } from './commands/register-commands';
import { log } from './logger';
import { registerViews } from './views/register-views';

/** What the extension exports to other extensions and to its integration tests. */
export interface ResponsibleMlApi {
  /** Milliseconds from loading the bundle to the end of activate(). */
  activationMs: number;
}

/** Activation stays cheap: heavy modules (ONNX Runtime, DuckDB, transformers.js) load on first use. */
export function activate(context: vscode.ExtensionContext): ResponsibleMlApi {
  const views = registerViews(context);
  registerCoreCommands(context, views);
  const syncTrustContext = () =>
    void vscode.commands.executeCommand('setContext', 'responsibleMl.restricted', !vscode.workspace.isTrusted);
  syncTrustContext();
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(syncTrustContext));
  const activationMs = msSinceLoad();
  log().info(`Activated in ${activationMs.toFixed(1)} ms${vscode.workspace.isTrusted ? '' : ' (Restricted Mode: linting only)'}`);
  return { activationMs };
}

export function deactivate(): void {}
