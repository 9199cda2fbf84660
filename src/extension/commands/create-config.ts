import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG } from '../../core/config/project-config';

/** Writes a commented starting config at the workspace root, or opens the existing one. */
export async function createConfig(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Responsible ML: open a folder first; the configuration lives at its root.');
    return undefined;
  }
  const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    const starter = {
      datasetGlobs: DEFAULT_CONFIG.datasetGlobs,
      failOn: DEFAULT_CONFIG.failOn,
      maxProblemsPerFile: DEFAULT_CONFIG.maxProblemsPerFile,
      pii: { minScore: DEFAULT_CONFIG.minScore, phoneRegions: DEFAULT_CONFIG.phoneRegions },
    };
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${JSON.stringify(starter, null, 2)}\n`, 'utf8'));
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}
