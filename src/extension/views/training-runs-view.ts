import * as vscode from 'vscode';

/** A run folder under .responsible-ml/runs with its recorded status. */
class RunItem extends vscode.TreeItem {
  constructor(readonly runId: string, status: string, readonly folder: vscode.Uri) {
    super(runId, vscode.TreeItemCollapsibleState.None);
    this.description = status;
    this.contextValue = 'responsibleMl.run';
    this.resourceUri = folder;
  }
}

/** Lists training runs recorded in the workspace run store. */
export class TrainingRunsView implements vscode.TreeDataProvider<RunItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: RunItem): vscode.TreeItem {
    return item;
  }

  async getChildren(): Promise<RunItem[]> {
    const records = await vscode.workspace.findFiles('.responsible-ml/runs/*/run.json', undefined, 1000);
    const items: RunItem[] = [];
    for (const uri of records) {
      const folder = vscode.Uri.joinPath(uri, '..');
      const runId = folder.path.split('/').pop() ?? folder.path;
      let status = 'unknown';
      try {
        const record = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
        status = typeof record.status === 'string' ? record.status : status;
      } catch {
        status = 'unreadable run.json';
      }
      items.push(new RunItem(runId, status, folder));
    }
    return items.sort((a, b) => b.runId.localeCompare(a.runId));
  }
}
