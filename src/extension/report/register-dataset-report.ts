import * as vscode from 'vscode';
import type { ExportFormat } from '../../protocol/dataset-report-protocol';
import type { DatasetReports } from './dataset-reports';

export type { DatasetReportState } from './dataset-reports';

/**
 * Registers the Dataset Report's commands. Activation stays cheap: the report's code (panels,
 * worker client, Markdown export) is evaluated on the first use of one of them.
 */
export function registerDatasetReport(context: vscode.ExtensionContext): void {
  let reports: Promise<DatasetReports> | undefined;
  const get = () =>
    (reports ??= import('./dataset-reports').then(({ createDatasetReports }) => {
      const r = createDatasetReports(context.extensionUri);
      context.subscriptions.push(r);
      return r;
    }));
  context.subscriptions.push(
    vscode.commands.registerCommand('responsibleMl.openDatasetReport', async (arg?: unknown) => (await get()).open(arg)),
    // Not contributed to the palette: the report's Export buttons go through the same code, and
    // tests and keybindings can pass a target file instead of answering a save dialog.
    vscode.commands.registerCommand('responsibleMl.datasetReport.export', async (format?: ExportFormat, target?: vscode.Uri, source?: vscode.Uri) =>
      (await get()).export(format, target, source),
    ),
    // The state of a report panel (its profile and what its page rendered), for the integration tests.
    vscode.commands.registerCommand('responsibleMl.datasetReport.state', async (source?: vscode.Uri) => (await get()).state(source)),
  );
}
