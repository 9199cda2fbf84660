import * as vscode from 'vscode';
import type { ModelInfo } from '../../core/inference/model-folder';

function size(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A model folder: shipped with the extension, on a user path, or downloaded into the cache. */
export class ModelItem extends vscode.TreeItem {
  constructor(readonly model: ModelInfo, device: string | undefined) {
    super(model.name, vscode.TreeItemCollapsibleState.None);
    this.description = [model.task ?? 'unknown task', size(model.sizeBytes), model.source, device].filter(Boolean).join(' · ');
    this.contextValue = model.card ? 'responsibleMl.model.withCard' : 'responsibleMl.model';
    this.resourceUri = vscode.Uri.file(model.folder);
    this.iconPath = new vscode.ThemeIcon(model.task === 'token-classification' ? 'symbol-key' : model.task === 'feature-extraction' ? 'symbol-array' : 'symbol-enum');
    const md = new vscode.MarkdownString(`**${model.name}** (${model.source})\n\n`);
    md.appendMarkdown(`- task: ${model.task ?? 'unknown'}\n- size: ${size(model.sizeBytes)}\n`);
    if (model.modelType) md.appendMarkdown(`- architecture: ${model.modelType}\n`);
    if (model.labels.length) md.appendMarkdown(`- labels: ${model.labels.join(', ')}\n`);
    md.appendMarkdown(`- device: ${device ?? 'not loaded yet (responsibleMl.inference.device)'}\n\n`);
    md.appendText(model.folder);
    this.tooltip = md;
    if (model.card) this.command = { command: 'responsibleMl.openModelCard', title: 'Reveal Model Card', arguments: [this] };
  }
}

/** Lists shipped, user and cached models with task, size, labels and the device in use. */
export class ModelsView implements vscode.TreeDataProvider<ModelItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Set by the inference wiring: the models and the device models run on. */
  source: (() => { models: ModelInfo[]; problems: string[] }) | undefined;
  device: (() => string | undefined) | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: ModelItem): vscode.TreeItem {
    return item;
  }

  async getChildren(): Promise<ModelItem[]> {
    if (!this.source) return [];
    const { models } = this.source();
    const device = this.device?.();
    return models.map((m) => new ModelItem(m, device));
  }

  /** The extension's models/ folder (for messages). */
  get shippedDir(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'models');
  }
}
