import * as vscode from 'vscode';
import { datasetGlobPattern, excludeGlobPattern } from '../settings';

/** A dataset file in the workspace, with a summary line filled in by the linter when known. */
export class DatasetItem extends vscode.TreeItem {
  constructor(readonly uri: vscode.Uri, description?: string) {
    super(vscode.workspace.asRelativePath(uri), vscode.TreeItemCollapsibleState.None);
    this.resourceUri = uri;
    this.description = description;
    this.contextValue = 'responsibleMl.dataset';
    this.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
  }
}

function restrictedNote(): vscode.TreeItem {
  const note = new vscode.TreeItem('Restricted Mode: names, places and organizations (NER) are not checked');
  note.iconPath = new vscode.ThemeIcon('shield');
  note.tooltip = 'The NER model runs only in trusted workspaces. Pattern checks (email, phone, cards, …) still run.';
  note.contextValue = 'responsibleMl.restrictedNote';
  note.command = { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' };
  return note;
}

/** Lists the workspace's dataset files (responsibleMl.datasetGlobs). */
export class DatasetsView implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly summaries = new Map<string, string>();

  refresh(): void {
    this.changed.fire();
  }

  /** Sets the one-line summary shown beside a file (e.g. "3 EMAIL, 1 IBAN"). */
  setSummary(uri: vscode.Uri, summary: string | undefined): void {
    if (summary) this.summaries.set(uri.toString(), summary);
    else this.summaries.delete(uri.toString());
    this.changed.fire();
  }

  getTreeItem(item: vscode.TreeItem): vscode.TreeItem {
    return item;
  }

  async getChildren(): Promise<vscode.TreeItem[]> {
    if (!vscode.workspace.workspaceFolders?.length) return [];
    const files = await vscode.workspace.findFiles(datasetGlobPattern(), excludeGlobPattern(), 5000);
    files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
    const items: vscode.TreeItem[] = files.map((uri) => new DatasetItem(uri, this.summaries.get(uri.toString())));
    // Restricted Mode runs no model: say that names, places and organizations are not checked.
    if (!vscode.workspace.isTrusted && items.length > 0) items.unshift(restrictedNote());
    return items;
  }
}
