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
  return `{**/node_modules/**,**/.git/**,**/.vscode-test/**${extra.map((g) => `,${g}`).join('')}}`;
}
