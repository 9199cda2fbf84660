import * as vscode from 'vscode';
import type { FairnessExportFormat } from '../../protocol/fairness-report-protocol';
import type { FairnessReports } from './fairness-reports';

export type { FairnessReportState } from './fairness-reports';

/**
 * Registers the Fairness Report's commands. Activation stays cheap: the report's code (panels,
 * worker client, exports) is evaluated on the first use of one of them.
 */
export function registerFairnessReport(context: vscode.ExtensionContext): void {
  let reports: Promise<FairnessReports> | undefined;
  const get = () =>
    (reports ??= import('./fairness-reports').then(({ createFairnessReports }) => {
      const r = createFairnessReports(context.extensionUri);
      context.subscriptions.push(r);
      return r;
    }));
  context.subscriptions.push(
    vscode.commands.registerCommand('responsibleMl.openFairnessReport', async (arg?: unknown) => (await get()).open(arg)),
    // Not contributed to the palette: the page's buttons go through the same code, and tests and
    // keybindings can pass a target file (and a threshold) instead of answering a save dialog.
    vscode.commands.registerCommand('responsibleMl.fairnessReport.export', async (format?: FairnessExportFormat, target?: vscode.Uri, source?: vscode.Uri, threshold?: number) =>
      (await get()).export(format, target, source, threshold),
    ),
    vscode.commands.registerCommand('responsibleMl.fairnessReport.addToModelCard', async (source?: vscode.Uri, threshold?: number) => (await get()).addToModelCard(source, threshold)),
    // The page's state (its report and what it rendered) and its controls, for the integration tests.
    vscode.commands.registerCommand('responsibleMl.fairnessReport.state', async (source?: vscode.Uri) => (await get()).state(source)),
    vscode.commands.registerCommand('responsibleMl.fairnessReport.setThreshold', async (threshold: number, source?: vscode.Uri) => (await get()).setThreshold(threshold, source)),
    vscode.commands.registerCommand('responsibleMl.fairnessReport.selectAnalysis', async (key: string, source?: vscode.Uri) => (await get()).selectAnalysis(key, source)),
  );
}
