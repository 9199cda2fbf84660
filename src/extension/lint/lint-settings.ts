import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { heavy } from '../load-heavy';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { loadOrCreateSalt } from '../../core/anonymize/workspace-salt';
import { CONFIG_FILE_NAME, type ProjectConfig } from '../../core/config/project-config';
import { BASELINE_PATH, parseBaseline } from '../../core/lint/baseline';
import { resolveLintOptions } from '../../core/lint/lint-options';
import type { NerLintOptions, WorkerLintOptions } from '../../protocol/lint-worker-protocol';
import { log } from '../logger';

/** The workspace folder a file belongs to (or the first one). */
export function folderFor(uri?: vscode.Uri): vscode.WorkspaceFolder | undefined {
  return (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
}

/** Settings as a config layer (lower precedence than responsible-ml.config.json). */
function settingsLayer(scope?: vscode.Uri): ProjectConfig {
  const s = vscode.workspace.getConfiguration('responsibleMl', scope);
  return {
    maxProblemsPerFile: s.get<number>('maxProblemsPerFile'),
    rules: s.get<ProjectConfig['rules']>('rules'),
    pii: {
      minScore: s.get<number>('pii.minScore'),
      phoneRegions: s.get<string[]>('pii.phoneRegions'),
      entities: s.get<NonNullable<ProjectConfig['pii']>['entities']>('pii.entities'),
    },
  };
}

/** responsible-ml.config.json of the folder, or undefined with a message when it is broken. */
export async function projectConfig(folder: vscode.WorkspaceFolder | undefined): Promise<ProjectConfig | undefined> {
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  const file = join(folder.uri.fsPath, CONFIG_FILE_NAME);
  if (!existsSync(file)) return undefined;
  try {
    // The validator (ajv) loads only when a workspace has a config file.
    const { loadConfigFile } = heavy();
    return loadConfigFile(file);
  } catch (err) {
    log().error((err as Error).message);
    void vscode.window.showErrorMessage(`Responsible ML: ${(err as Error).message} — using settings instead.`);
    return undefined;
  }
}

/** The workspace's secret salt (`.responsible-ml/salt`), with a .gitignore so it is never committed. */
export async function workspaceSalt(folder: vscode.WorkspaceFolder | undefined): Promise<string | undefined> {
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  const dir = join(folder.uri.fsPath, '.responsible-ml');
  const salt = await loadOrCreateSalt(dir);
  const ignore = join(dir, '.gitignore');
  if (salt.source === 'created' && !existsSync(ignore)) writeFileSync(ignore, '# The salt keys pseudonyms and baseline hashes: keep it out of version control.\nsalt\n');
  if (salt.warning) log().warn(salt.warning);
  return salt.salt;
}

let nerFor: ((uri: vscode.Uri) => NerLintOptions | undefined) | undefined;

/** Sets how the NER options of a file are found (the inference wiring knows the model and device). */
export function setNerOptions(provider: (uri: vscode.Uri) => NerLintOptions | undefined): void {
  nerFor = provider;
}

/** Lint options for a file: defaults < settings < project config, plus the baseline and the NER model. */
export async function lintOptionsFor(uri: vscode.Uri): Promise<WorkerLintOptions> {
  const folder = folderFor(uri);
  const config = await projectConfig(folder);
  const options: WorkerLintOptions = resolveLintOptions(settingsLayer(uri), config);
  const ner = config?.pii?.ner === false ? undefined : nerFor?.(uri);
  if (ner) options.ner = ner;
  if (folder?.uri.scheme === 'file') {
    const baselineFile = join(folder.uri.fsPath, BASELINE_PATH);
    if (existsSync(baselineFile)) {
      try {
        const baseline = parseBaseline(readFileSync(baselineFile, 'utf8'), baselineFile);
        const salt = await workspaceSalt(folder);
        if (salt) options.baseline = { salt, hashes: baseline.entries.map((e) => e.hash) };
      } catch (err) {
        log().error(`Baseline ignored: ${(err as Error).message}`);
      }
    }
  }
  return options;
}
