import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config/project-config';
import { fileStem } from '../../core/model-card/card-format';
import type { CardInputPaths } from '../../core/model-card/load-card-inputs';
import { parseRunRecord, RUNS_DIR } from '../../core/model-card/card-run-record';
import { log } from '../logger';
import { folderFor } from '../lint/lint-settings';
import { pickDataset } from '../report/report-target';
import { ModelCardJobError, type ModelCardWorkerClient } from './model-card-worker-client';

/** What "Generate Model Card…" can be given instead of asking (tests, keybindings, other commands). */
export interface GenerateCardArgs extends CardInputPaths {
  /** The card to write (absolute path). */
  out?: string;
  /** Replace an existing file without asking. */
  overwrite?: boolean;
}

type ReportKind = 'fairness' | 'profile' | 'lintReport';

/** What the command was invoked with, sorted out: card arguments, and the project root when the caller knows it. */
export interface GenerateCardRequest {
  args?: GenerateCardArgs;
  /** The folder holding `.responsible-ml/runs` (a Training Runs item knows it). */
  root?: string;
}

/**
 * Reads the command's argument: GenerateCardArgs, a run id (string), or a Training Runs tree
 * item (`{ runId, folder }` with folder = <root>/.responsible-ml/runs/<id>); anything else
 * (a URI from a menu) asks.
 */
export function cardRequestOf(arg: unknown): GenerateCardRequest {
  if (typeof arg === 'string') return arg ? { args: { run: arg } } : {};
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri) return {};
  const item = arg as { runId?: unknown; folder?: unknown };
  if (typeof item.runId === 'string' && item.folder instanceof vscode.Uri) {
    return { args: { run: item.runId }, root: dirname(dirname(dirname(item.folder.fsPath))) };
  }
  return { args: arg as GenerateCardArgs };
}

/** A run's status and base model for the picker, and its model folder (relative to root), from run.json in either format. */
function runSummary(root: string, id: string): { description: string; outputDir?: string } {
  try {
    const { record } = parseRunRecord(JSON.parse(readFileSync(join(root, RUNS_DIR, id, 'run.json'), 'utf8')), id, { root });
    return { description: [record.status, record.spec.base_model].filter(Boolean).join(' · '), ...(record.spec.output_dir ? { outputDir: record.spec.output_dir } : {}) };
  } catch {
    return { description: 'unreadable run.json' };
  }
}

/** Report JSON files in the workspace, recognised by their shape (small files only). */
async function findReports(): Promise<Array<{ uri: vscode.Uri; kind: ReportKind; mtime: number }>> {
  const files = await vscode.workspace.findFiles('**/*.json', '{**/node_modules/**,**/.git/**,**/.vscode-test/**,**/package*.json,**/tsconfig*.json}', 500);
  const out: Array<{ uri: vscode.Uri; kind: ReportKind; mtime: number }> = [];
  for (const uri of files) {
    if (uri.scheme !== 'file' || basename(uri.fsPath) === CONFIG_FILE_NAME) continue;
    try {
      const s = statSync(uri.fsPath);
      if (s.size > 20_000_000) continue;
      const v = JSON.parse(readFileSync(uri.fsPath, 'utf8')) as Record<string, unknown>;
      const kind: ReportKind | undefined =
        typeof v.analyses === 'object' && typeof v.rows === 'number' ? 'fairness' : typeof v.attributes === 'object' && typeof v.rows === 'number' ? 'profile' : Array.isArray(v.files) && typeof v.summary === 'object' ? 'lintReport' : undefined;
      if (kind) out.push({ uri, kind, mtime: s.mtimeMs });
    } catch {
      // Not JSON, or unreadable: not a report.
    }
  }
  return out.sort((a, b) => b.mtime - a.mtime);
}

const KIND_LABEL: Record<ReportKind, string> = { fairness: 'fairness report', profile: 'dataset profile', lintReport: 'PII scan (lint report)' };

/** Asks for the run (unless `given` names one), the reports and the output; undefined when the user cancels. */
async function askForInputs(root: string, given: GenerateCardArgs = {}): Promise<GenerateCardArgs | undefined> {
  const args: GenerateCardArgs = { ...given };
  const runsDir = join(root, RUNS_DIR);
  let outputDir: string | undefined;
  if (args.run) {
    outputDir = runSummary(root, args.run).outputDir;
  } else {
    const runs = existsSync(runsDir) ? readdirSync(runsDir).filter((id) => existsSync(join(runsDir, id, 'run.json'))) : [];
    if (runs.length) {
      const none = { label: '$(circle-slash) No training run', id: undefined as string | undefined };
      const items = runs.sort().reverse().map((id) => ({ label: id, description: runSummary(root, id).description, id: id as string | undefined }));
      const pick = await vscode.window.showQuickPick([...items, none], { title: 'Generate Model Card (1/3): the training run', placeHolder: 'Which run does the card describe?' });
      if (!pick) return undefined;
      if (pick.id) {
        args.run = pick.id;
        outputDir = runSummary(root, pick.id).outputDir;
      }
    }
  }
  const reports = await findReports();
  if (reports.length) {
    const newest = new Set<ReportKind>();
    const items = reports.map((r) => {
      const picked = !newest.has(r.kind);
      newest.add(r.kind);
      return { label: vscode.workspace.asRelativePath(r.uri), description: KIND_LABEL[r.kind], picked, report: r };
    });
    const chosen = await vscode.window.showQuickPick(items, { title: 'Generate Model Card (2/3): reports to prefill from', placeHolder: 'The newest of each kind is ticked', canPickMany: true });
    if (!chosen) return undefined;
    for (const c of chosen) args[c.report.kind] = c.report.uri.fsPath;
  }
  const defaultUri = vscode.Uri.file(outputDir ? join(root, outputDir, 'README.md') : join(root, `${args.run ? fileStem(args.run) : 'model'}.modelcard.md`));
  const target = await vscode.window.showSaveDialog({ title: 'Generate Model Card (3/3): where to write it', defaultUri, filters: { Markdown: ['md'] }, saveLabel: 'Generate' });
  if (!target) return undefined;
  args.out = target.fsPath;
  return args;
}

/** "Generate Model Card…": prefills a card from the run, the reports and the model folder, then opens it. */
export async function generateModelCard(worker: ModelCardWorkerClient, given?: GenerateCardArgs, rootHint?: string): Promise<vscode.Uri | undefined> {
  const root = rootHint ?? folderFor(vscode.window.activeTextEditor?.document.uri)?.uri.fsPath;
  if (!root) {
    void vscode.window.showInformationMessage('Responsible ML: open a workspace folder to generate a model card.');
    return undefined;
  }
  const args = given?.out ? given : await askForInputs(root, given);
  if (!args?.out) return undefined;
  const target = vscode.Uri.file(args.out);
  if (existsSync(target.fsPath) && !args.overwrite) {
    const replace = await vscode.window.showWarningMessage(`${basename(target.fsPath)} exists. Replace it with a generated card? Edits in it would be lost.`, { modal: true }, 'Replace');
    if (replace !== 'Replace') return undefined;
  }
  const configFile = join(root, CONFIG_FILE_NAME);
  try {
    const { text, warnings, placeholders } = await worker.request(
      {
        type: 'generate',
        paths: { ...args },
        cwd: root,
        root,
        outDir: dirname(target.fsPath),
        ...(existsSync(configFile) ? { configFile } : {}),
      },
      'text',
    );
    for (const w of warnings) log().warn(`Generate Model Card: ${w}`);
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(`Model card written to ${relative(root, target.fsPath)}: ${placeholders} placeholder${placeholders === 1 ? '' : 's'} need you.`, 'Open Model Card Editor').then((choice) => {
      if (choice) void vscode.commands.executeCommand('responsibleMl.openModelCardEditor', target);
    });
    return target;
  } catch (err) {
    void vscode.window.showErrorMessage(`Responsible ML: could not generate the model card: ${(err as Error).message}`);
    return undefined;
  }
}

/** "Generate Datasheet…": profiles, checks and scans a dataset in the worker and writes its datasheet beside it. */
export async function generateDatasheet(worker: ModelCardWorkerClient, arg?: unknown, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const dataset = await pickDataset(arg as vscode.Uri | undefined);
  if (!dataset) return undefined;
  const folder = folderFor(dataset);
  const root = folder?.uri.fsPath ?? dirname(dataset.fsPath);
  const target =
    given ??
    (await vscode.window.showSaveDialog({
      title: 'Generate Datasheet: where to write it',
      defaultUri: vscode.Uri.file(join(dirname(dataset.fsPath), `${fileStem(dataset.fsPath)}.datasheet.md`)),
      filters: { Markdown: ['md'] },
      saveLabel: 'Generate',
    }));
  if (!target) return undefined;
  const configFile = join(root, CONFIG_FILE_NAME);
  const display = relative(root, dataset.fsPath).split('\\').join('/');
  try {
    const { text, placeholders } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Datasheet for ${display}: profiling, integrity checks and PII scan…`, cancellable: true },
      (_progress, token) =>
        worker.request({ type: 'datasheet', file: dataset.fsPath, display, configDir: root, version: String(vscode.extensions.getExtension('responsible-ml.responsible-ml')?.packageJSON.version ?? ''), ...(existsSync(configFile) ? { configFile } : {}) }, 'text', token),
    );
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(`Datasheet written to ${vscode.workspace.asRelativePath(target)}: ${placeholders} answers need the dataset's creators.`);
    return target;
  } catch (err) {
    if (err instanceof ModelCardJobError && err.cancelled) return undefined;
    void vscode.window.showErrorMessage(`Responsible ML: could not generate the datasheet: ${(err as Error).message}`);
    return undefined;
  }
}
