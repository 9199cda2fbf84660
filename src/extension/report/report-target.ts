import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config/project-config';
import { datasetGlobPattern, excludeGlobPattern } from '../settings';

/** Files the report can profile (what DuckDB and the readers take). */
export const REPORTABLE = /\.(jsonl|ndjson|csv|tsv|tab|parquet)$/i;

/** What the command was invoked on: explorer/editor (Uri), the Datasets view (an item with a uri), or nothing. */
type CommandArg = vscode.Uri | { uri?: vscode.Uri; resourceUri?: vscode.Uri } | undefined;

function asUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { uri?: unknown; resourceUri?: unknown };
    if (o.uri instanceof vscode.Uri) return o.uri;
    if (o.resourceUri instanceof vscode.Uri) return o.resourceUri;
  }
  return undefined;
}

/** The clicked dataset, else the active editor's (or active tab's) file, else one the user picks. */
export async function pickDataset(arg: CommandArg): Promise<vscode.Uri | undefined> {
  const clicked = asUri(arg);
  if (clicked) return clicked;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && REPORTABLE.test(active.path)) return active;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: unknown } | undefined;
  if (input?.uri instanceof vscode.Uri && REPORTABLE.test(input.uri.path)) return input.uri;
  const files = (await vscode.workspace.findFiles(datasetGlobPattern(), excludeGlobPattern(), 5000)).filter((f) => REPORTABLE.test(f.path));
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Responsible ML: no dataset files (.jsonl, .csv, .tsv, .parquet) in this workspace to report on.');
    return undefined;
  }
  files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  const pick = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Open Dataset Report', placeHolder: 'Which dataset?' },
  );
  return pick?.uri;
}

/**
 * The project config that applies to a dataset: the workspace folder's
 * responsible-ml.config.json (the one the linter and "Configure Dataset…" use), else the
 * nearest one above the file for files outside the workspace.
 */
export function configFileFor(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder) {
    const file = join(folder.uri.fsPath, CONFIG_FILE_NAME);
    return existsSync(file) ? file : undefined;
  }
  for (let dir = dirname(uri.fsPath); ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE_NAME);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A path for titles: relative to the workspace folder when inside one. */
export function displayPath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? relative(folder.uri.fsPath, uri.fsPath).split('\\').join('/') : uri.fsPath;
}
