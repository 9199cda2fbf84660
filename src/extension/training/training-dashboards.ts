import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../core/training/run-record';
import { RunStore, runsRootOf } from '../../core/training/run-store';
import { requestStop } from '../../core/training/stop-request';
import type { RenderedDashboard, RunChoice } from '../../protocol/training-dashboard-protocol';
import { TrainingDashboardPanel, type AppliedMark } from './dashboard-panel';
import { FollowedRuns } from './followed-runs';
import { RunFeedClient } from './run-feed-client';
import { runChoice } from './run-summary';

/** The command the training side registers to stop a run (by id); used when it exists. */
export const STOP_RUN_COMMAND = 'responsibleMl.stopRun';

/** A dashboard panel's state, for the integration tests. */
export interface TrainingDashboardState {
  main: string;
  runs: string[];
  rendered?: RenderedDashboard;
  /** When the page last said what it rendered, on the host's clock (Date.now()). */
  renderedAt?: number;
  renders: number;
  /** When the page last took points in, on the host's clock (Date.now()). */
  applied?: AppliedMark;
  hostPoints: number;
  problems: string[];
  cspViolations: string[];
  stopResults: Array<{ run: string; ok: boolean; message: string }>;
}

export interface TrainingDashboards extends vscode.Disposable {
  open(...args: unknown[]): Promise<string[] | undefined>;
  state(run?: string): TrainingDashboardState | undefined;
  press(run: string, control: 'stop' | 'confirmStop', panelRun?: string): boolean;
}

/** Run ids from what a command was given: ids, arrays of them, tree items, run records, run folder URIs. */
export function runIdsOf(args: unknown[]): string[] {
  const ids: string[] = [];
  const take = (a: unknown): void => {
    if (typeof a === 'string') ids.push(a);
    else if (Array.isArray(a)) a.forEach(take);
    else if (a instanceof vscode.Uri) ids.push(basename(a.path === '/' ? '' : a.path.endsWith('run.json') ? dirname(a.path) : a.path));
    else if (a && typeof a === 'object') {
      const o = a as { runId?: unknown; id?: unknown; resourceUri?: unknown };
      if (typeof o.runId === 'string') ids.push(o.runId);
      else if (typeof o.id === 'string' && (o as { version?: unknown }).version !== undefined) ids.push(o.id);
      else if (o.resourceUri instanceof vscode.Uri) take(o.resourceUri);
    }
  };
  // A tree's context menu passes (clicked item, all selected items): the selection wins.
  const [first, second] = args;
  take(Array.isArray(second) && second.length > 0 ? second : first);
  if (args.length > 2) args.slice(2).forEach(take);
  return [...new Set(ids.filter((id) => id.length > 0))];
}

/**
 * "Open Training Dashboard": live charts of a run's metrics.jsonl (and runs compared with it), one
 * panel per run. Created on the first use of a dashboard command, in the heavy bundle
 * (dist/extension-heavy.js), so it is handed the extension's one output channel rather than
 * importing logger.ts (a second copy of that module would open a second channel).
 */
export function createTrainingDashboards(extensionUri: vscode.Uri, logger: vscode.LogOutputChannel): TrainingDashboards {
  const panels = new Map<string, TrainingDashboardPanel>();
  let lastActive: TrainingDashboardPanel | undefined;
  const client = new RunFeedClient(vscode.Uri.joinPath(extensionUri, 'dist', 'workers', 'run-feed.worker.js').fsPath, { pollMs: 500 }, (m) =>
    logger.warn(`Training Dashboard: ${m}`),
  );
  const feeds = new FollowedRuns(client);
  const storeOf = new Map<string, RunStore>();

  function stores(): RunStore[] {
    return (vscode.workspace.workspaceFolders ?? []).map((f) => new RunStore(runsRootOf(f.uri.fsPath)));
  }

  async function listRuns(): Promise<Array<{ record: RunRecord; store: RunStore }>> {
    const out: Array<{ record: RunRecord; store: RunStore }> = [];
    for (const store of stores()) {
      const { runs, unreadable } = await store.list();
      for (const u of unreadable) logger.warn(`Training Dashboard: ${u.error}`);
      for (const record of runs) {
        storeOf.set(record.id, store);
        out.push({ record, store });
      }
    }
    return out.sort((a, b) => (a.record.id < b.record.id ? 1 : -1));
  }

  async function runDir(id: string): Promise<string | undefined> {
    const known = storeOf.get(id);
    if (known && existsSync(known.paths(id).record)) return known.paths(id).dir;
    for (const store of stores()) {
      let dir: string;
      try {
        dir = store.paths(id).dir;
      } catch {
        return undefined; // not a run id at all
      }
      if (existsSync(store.paths(id).record)) {
        storeOf.set(id, store);
        return dir;
      }
    }
    return undefined;
  }

  async function choices(): Promise<RunChoice[]> {
    return (await listRuns()).slice(0, 50).map(({ record }) => runChoice(record));
  }

  async function stop(id: string): Promise<{ ok: boolean; message: string }> {
    // The training side owns stopping (signals, scancel, the builtin trainer's flag); without it
    // the run folder's stop request is what `rml runs stop` leaves too.
    if ((await vscode.commands.getCommands(true)).includes(STOP_RUN_COMMAND)) {
      await vscode.commands.executeCommand(STOP_RUN_COMMAND, id);
      logger.info(`Training Dashboard: asked ${STOP_RUN_COMMAND} to stop ${id}`);
      return { ok: true, message: 'Stopping the run…' };
    }
    const dir = await runDir(id);
    if (!dir) return { ok: false, message: `no run '${id}' in this workspace` };
    await requestStop(dir, 'dashboard');
    logger.info(`Training Dashboard: left a stop request in ${dir}`);
    return { ok: true, message: 'Stop requested: the run stops when its trainer sees the request.' };
  }

  async function pickRun(): Promise<string | undefined> {
    const runs = await listRuns();
    if (runs.length === 0) {
      void vscode.window.showInformationMessage('Responsible ML: no training runs in this workspace yet (.responsible-ml/runs is empty).');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      runs.map(({ record }) => ({
        label: record.name,
        description: `${record.status} · ${record.id}`,
        detail: record.progress?.latest && Object.keys(record.progress.latest).length > 0
          ? Object.entries(record.progress.latest).slice(0, 4).map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`).join('  ')
          : undefined,
        id: record.id,
      })),
      { title: 'Open Training Dashboard', placeHolder: 'Which run?', matchOnDescription: true },
    );
    return pick?.id;
  }

  async function open(...args: unknown[]): Promise<string[] | undefined> {
    let ids = runIdsOf(args);
    if (ids.length === 0) {
      const picked = await pickRun();
      if (!picked) return undefined;
      ids = [picked];
    }
    const found = await Promise.all(ids.map(async (id) => ((await runDir(id)) ? id : undefined)));
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length > 0) void vscode.window.showErrorMessage(`Responsible ML: no training run ${missing.map((m) => `'${m}'`).join(', ')} in this workspace.`);
    ids = ids.filter((_, i) => found[i]);
    if (ids.length === 0) return undefined;
    const main = ids[0]!;
    let panel = panels.get(main);
    if (!panel) {
      const store = storeOf.get(main);
      const name = await store?.read(main).then((r) => r.name, () => main) ?? main;
      const p = new TrainingDashboardPanel(main, name, extensionUri, feeds, { runDir, choices, stop, warn: (m) => logger.warn(m) });
      panels.set(main, p);
      p.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) lastActive = p;
      });
      p.onDidDispose(() => {
        panels.delete(main);
        if (lastActive === p) lastActive = undefined;
      });
      panel = p;
      await panel.setRuns(ids);
    } else {
      panel.reveal();
      if (ids.length > 1) await panel.setRuns([main, ...new Set([...panel.runs.slice(1), ...ids.slice(1)])]);
    }
    lastActive = panel;
    logger.info(`Training Dashboard: showing ${panel.runs.join(', ')}`);
    return panel.runs;
  }

  function panelFor(run?: string): TrainingDashboardPanel | undefined {
    return run ? panels.get(run) : lastActive ?? [...panels.values()].pop();
  }

  return {
    open,
    state(run) {
      const p = panelFor(run);
      if (!p) return undefined;
      return {
        main: p.main,
        runs: [...p.runs],
        ...(p.lastRendered ? { rendered: p.lastRendered } : {}),
        ...(p.renderedAt !== undefined ? { renderedAt: p.renderedAt } : {}),
        renders: p.renders,
        ...(p.applied ? { applied: p.applied } : {}),
        hostPoints: p.hostPoints,
        problems: p.problems,
        cspViolations: [...p.cspViolations],
        stopResults: [...p.stopResults],
      };
    },
    press(run, control, panelRun) {
      const p = panelFor(panelRun ?? run);
      if (!p) return false;
      p.press(control, run);
      return true;
    },
    dispose() {
      for (const p of [...panels.values()]) p.dispose();
      client.dispose();
    },
  };
}
