import * as vscode from 'vscode';
import type { RunRecord, RunStatus } from '../../core/training/run-record';

const ICONS: Record<RunStatus, [string, string?]> = {
  queued: ['clock', 'charts.yellow'],
  running: ['sync~spin', 'charts.blue'],
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  stopped: ['debug-stop', 'disabledForeground'],
  interrupted: ['warning', 'list.warningForeground'],
};

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));

/** A run folder under .responsible-ml/runs with its recorded status and progress. */
export class RunItem extends vscode.TreeItem {
  constructor(
    readonly runId: string,
    readonly folder: vscode.Uri,
    readonly record: RunRecord | undefined,
    problem?: string,
  ) {
    super(record?.name ? `${record.name}` : runId, vscode.TreeItemCollapsibleState.None);
    this.id = runId;
    this.resourceUri = folder;
    if (!record) {
      this.description = problem ?? 'unreadable run.json';
      this.iconPath = new vscode.ThemeIcon('question');
      this.contextValue = 'responsibleMl.run.unreadable';
      return;
    }
    const [icon, color] = ICONS[record.status] ?? ['question'];
    this.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const total = record.resolved?.hyperparameters?.epochs;
    const epoch = record.progress?.epoch;
    const acc = record.progress?.latest?.['eval/accuracy'];
    const parts: string[] = [record.status];
    if (epoch !== undefined && total) parts.push(`epoch ${fmt(epoch)}/${total}`);
    if (acc !== undefined) parts.push(`acc ${fmt(acc)}`);
    parts.push(record.runner);
    this.description = parts.join(' · ');
    const final = record.status === 'succeeded' || record.status === 'failed' || record.status === 'stopped' || record.status === 'interrupted';
    this.contextValue = `responsibleMl.run.${final ? 'finished' : 'active'}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${record.name}** — ${record.status}\n\n`);
    md.appendMarkdown(`\`${runId}\`  \nrunner: ${record.runner}${record.slurm ? ` (job ${record.slurm.jobId})` : ''}  \nstarted: ${record.timings.startedAt ?? record.timings.createdAt}\n\n`);
    if (record.error) md.appendMarkdown(`${record.error}\n\n`);
    if (record.gate?.justification) md.appendMarkdown(`Gate errors accepted: _${record.gate.justification}_\n\n`);
    const latest = Object.entries(record.progress?.latest ?? {}).filter(([n]) => !n.includes('/group/')).slice(0, 8);
    if (latest.length) md.appendMarkdown(latest.map(([n, v]) => `${n}: ${fmt(v)}`).join('  \n'));
    this.tooltip = md;
    this.command = { command: 'responsibleMl.openRunLog', title: 'Open Run Log', arguments: [this] };
  }
}

/** Lists training runs recorded in the workspace run store, newest first. */
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
      try {
        const record = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as RunRecord;
        items.push(new RunItem(runId, folder, typeof record?.status === 'string' ? record : undefined));
      } catch (err) {
        items.push(new RunItem(runId, folder, undefined, `unreadable run.json: ${(err as Error).message}`));
      }
    }
    return items.sort((a, b) => b.runId.localeCompare(a.runId));
  }
}
