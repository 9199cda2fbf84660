import * as vscode from 'vscode';

/**
 * Guards features that run a model or a process. In Restricted Mode they are refused with a
 * message that says why and offers to manage trust; linting stays available.
 */
export async function ensureTrusted(feature: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showWarningMessage(
    `Responsible ML: ${feature} runs code on this machine and is disabled in Restricted Mode. Dataset linting still works. Trust this workspace to enable it.`,
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
