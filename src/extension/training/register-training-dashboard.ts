import * as vscode from 'vscode';
import { heavy } from '../load-heavy';
import { log } from '../logger';
import type { TrainingDashboards } from './training-dashboards';

export type { TrainingDashboardState } from './training-dashboards';

/**
 * Registers the Training Dashboard's commands. Activation stays cheap: the dashboard's code
 * (panels, the run store, the run feed worker's client) is in the heavy bundle, required on the
 * first use of one of them.
 */
export function registerTrainingDashboard(context: vscode.ExtensionContext): void {
  let dashboards: Promise<TrainingDashboards> | undefined;
  const get = () =>
    (dashboards ??= Promise.resolve().then(() => {
      const d = heavy().createTrainingDashboards(context.extensionUri, log());
      context.subscriptions.push(d);
      return d;
    }));
  context.subscriptions.push(
    // Run ids (or a Training Runs tree item, a run record, a run folder URI) open those runs, the
    // first as the main one and the rest compared with it; without arguments a quick pick asks.
    vscode.commands.registerCommand('responsibleMl.openTrainingDashboard', async (...args: unknown[]) => (await get()).open(...args)),
    // Not contributed: the state of a dashboard panel (what its page rendered), for the integration tests.
    vscode.commands.registerCommand('responsibleMl.trainingDashboard.state', async (run?: string) => (await get()).state(run)),
    // Not contributed: presses a control in the page (its own click handler runs), for the integration tests.
    vscode.commands.registerCommand('responsibleMl.trainingDashboard.press', async (run: string, control: 'stop' | 'confirmStop', panelRun?: string) =>
      (await get()).press(run, control, panelRun),
    ),
  );
}
