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

/** Lists the workspace's dataset files (responsibleMl.datasetGlobs). */
export class DatasetsView implements vscode.TreeDataProvider<DatasetItem> {
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

  getTreeItem(item: DatasetItem): vscode.TreeItem {
    return item;
  }

  async getChildren(): Promise<DatasetItem[]> {
    if (!vscode.workspace.workspaceFolders?.length) return [];
    const files = await vscode.workspace.findFiles(datasetGlobPattern(), excludeGlobPattern(), 5000);
    files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
    return files.map((uri) => new DatasetItem(uri, this.summaries.get(uri.toString())));
  }
}
