import * as vscode from 'vscode';
import { DEFAULT_CONFIG } from '../core/config/project-config';

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('responsibleMl');
}

/** responsibleMl.datasetGlobs as one glob pattern for findFiles. */
export function datasetGlobPattern(): string {
  const globs = section().get<string[]>('datasetGlobs', DEFAULT_CONFIG.datasetGlobs);
  return globs.length === 1 ? globs[0]! : `{${globs.join(',')}}`;
}

/** node_modules and .git are never scanned, plus responsibleMl.exclude. */
export function excludeGlobPattern(): string {
  const extra = section().get<string[]>('exclude', []);
  // .responsible-ml holds the extension's own outputs (a run's metrics.jsonl is not a dataset);
  // the CLI's globs skip dot folders already.
  return `{**/node_modules/**,**/.git/**,**/.vscode-test/**,**/.responsible-ml/**${extra.map((g) => `,${g}`).join('')}}`;
}
