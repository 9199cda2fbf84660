import * as vscode from 'vscode';

/** A model folder: one that holds a config.json (shipped with the extension or on a user path). */
class ModelItem extends vscode.TreeItem {
  constructor(readonly folder: vscode.Uri, source: string) {
    super(folder.path.split('/').pop() ?? folder.path, vscode.TreeItemCollapsibleState.None);
    this.description = source;
    this.contextValue = 'responsibleMl.model';
    this.resourceUri = folder;
    this.tooltip = folder.fsPath;
  }
}

/** Lists models shipped in the extension's models/ folder and on responsibleMl.models.paths. */
export class ModelsView implements vscode.TreeDataProvider<ModelItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: ModelItem): vscode.TreeItem {
    return item;
  }

  async getChildren(): Promise<ModelItem[]> {
    const roots: Array<[vscode.Uri, string]> = [[vscode.Uri.joinPath(this.extensionUri, 'models'), 'shipped']];
    for (const p of vscode.workspace.getConfiguration('responsibleMl').get<string[]>('models.paths', [])) {
      roots.push([vscode.Uri.file(p), 'user']);
    }
    const items: ModelItem[] = [];
    for (const [root, source] of roots) {
      let entries: [string, vscode.FileType][] = [];
      try {
        entries = await vscode.workspace.fs.readDirectory(root);
      } catch {
        continue; // a missing user path is reported when a model is used, not while listing
      }
      for (const [name, type] of entries) {
        if (type !== vscode.FileType.Directory) continue;
        const folder = vscode.Uri.joinPath(root, name);
        try {
          await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'config.json'));
          items.push(new ModelItem(folder, source));
        } catch {
          // not a model folder (e.g. models/train holds the training scripts)
        }
      }
    }
    return items;
  }
}
