import * as vscode from 'vscode';
import type { Views } from '../views/register-views';
import type { RunItem } from '../views/training-runs-view';
import type { StartOptions, TrainingController } from './training-controller';

const ACTIVE = new Set(['queued', 'running']);

/** A run id from a tree item, a string (tests, keybindings) or nothing (ask). */
async function runIdOf(arg: unknown, only?: 'active' | 'finished'): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  if (arg && typeof (arg as RunItem).runId === 'string') return (arg as RunItem).runId;
  const records = await vscode.workspace.findFiles('.responsible-ml/runs/*/run.json', undefined, 1000);
  const items: Array<vscode.QuickPickItem & { id: string }> = [];
  for (const uri of records) {
    try {
      const r = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as { id: string; name: string; status: string };
      if (only === 'active' && !ACTIVE.has(r.status)) continue;
      if (only === 'finished' && ACTIVE.has(r.status)) continue;
      items.push({ label: r.name, description: `${r.status} · ${r.id}`, id: r.id });
    } catch {
      // unreadable records are listed in the view with their reason
    }
  }
  items.sort((a, b) => b.id.localeCompare(a.id));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Responsible ML: no ${only ?? ''} training runs.`.replace('  ', ' '));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Training run' }))?.id;
}

/**
 * Registers "Start Fine-Tuning…", stop, re-run and open-log, and keeps the Training Runs view
 * current. The controller (and with it the training engine in the heavy bundle) loads on first
 * use, or at activation when a run was still going before a reload.
 */
export function registerTraining(context: vscode.ExtensionContext, views: Views): void {
  let controller: Promise<TrainingController> | undefined;
  const get = () =>
    (controller ??= import('./training-controller').then(({ TrainingController }) => {
      const c = new TrainingController(views.runs, context);
      context.subscriptions.push(c);
      return c;
    }));
  context.subscriptions.push(
    vscode.commands.registerCommand('responsibleMl.startFineTuning', async (uri?: vscode.Uri, options?: StartOptions) => (await get()).start(uri instanceof vscode.Uri ? uri : undefined, options)),
    vscode.commands.registerCommand('responsibleMl.stopRun', async (arg?: unknown) => {
      const c = await get();
      const id = await runIdOf(arg, 'active');
      if (id) await c.stop(id);
    }),
    vscode.commands.registerCommand('responsibleMl.rerunTraining', async (arg?: unknown, options?: StartOptions) => {
      const c = await get();
      const id = await runIdOf(arg, 'finished');
      return id ? c.rerun(id, options) : undefined;
    }),
    vscode.commands.registerCommand('responsibleMl.openRunLog', async (arg?: unknown) => {
      const c = await get();
      const id = await runIdOf(arg);
      if (id) await c.openLog(id);
    }),
    // Not contributed: the run record, for integration tests.
    vscode.commands.registerCommand('responsibleMl.training.record', async (id: string) => (await get()).record(id)),
  );

  // run.json is rewritten on every status change: refresh the view (coalescing bursts). The
  // Models view lists the models of succeeded runs; a running run rewrites run.json every few
  // seconds, so the (synchronous) model listing is redone only when a run turns succeeded or a
  // run goes away, and the records that changed are read once per burst, not once per event.
  let pending: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  const succeeded = new Set<string>();
  const watcher = vscode.workspace.createFileSystemWatcher('**/.responsible-ml/runs/*/run.json');
  const refreshModelsIfSucceeded = async (uri: string) => {
    try {
      const status = (JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))).toString('utf8')) as { status?: string }).status;
      if (status !== 'succeeded' || succeeded.has(uri)) return;
      succeeded.add(uri);
      views.models.refresh();
    } catch {
      // half-written or gone: the next change event reads it again
    }
  };
  const refresh = (uri?: vscode.Uri) => {
    if (uri) changed.add(uri.toString());
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      views.runs.refresh();
      for (const u of changed) void refreshModelsIfSucceeded(u);
      changed.clear();
    }, 300);
  };
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((uri) => refresh(uri)),
    watcher.onDidChange((uri) => refresh(uri)),
    watcher.onDidDelete((uri) => {
      refresh();
      changed.delete(uri.toString());
      succeeded.delete(uri.toString());
      views.models.refresh();
    }),
  );

  // After a reload: follow the runs that were still going (only those: no engine load otherwise).
  const reattachIfNeeded = async () => {
    if (!vscode.workspace.isTrusted) return;
    for (const uri of await vscode.workspace.findFiles('.responsible-ml/runs/*/run.json', undefined, 1000)) {
      try {
        const status = (JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as { status?: string }).status;
        if (status && ACTIVE.has(status)) {
          await (await get()).reattach();
          return;
        }
      } catch {
        // skip unreadable records
      }
    }
  };
  setTimeout(() => void reattachIfNeeded(), 1000);
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void reattachIfNeeded()));
}
