import { join, relative } from 'node:path';
import { heavy } from '../load-heavy';
import * as vscode from 'vscode';
import type { OperatorChoice } from '../../core/anonymize/anonymize-dataset';
import { ANONYMIZE_OPERATORS, type AnonymizeOperator } from '../../core/anonymize/operator';
import { detectFormat, formatFromPath } from '../../core/dataset/format';
import { BASELINE_PATH, type BaselineCandidate } from '../../core/lint/baseline';
import { PII_ENTITIES, type Finding } from '../../core/lint/finding';
import { fileFormatFromPath } from '../../core/dataset/file-format';
import { log } from '../logger';
import type { DiagnosticsController } from './diagnostics-controller';
import { findingFor } from './finding-store';
import type { LintWorkerClient } from './lint-worker-client';
import { folderFor, lintOptionsFor, workspaceSalt } from './lint-settings';
import { findingRange, toDiagnostic } from './to-diagnostic';
import { IGNORE_OCCURRENCE_COMMAND } from './code-actions';
import { datasetGlobPattern, excludeGlobPattern } from '../settings';
import type { DatasetsView } from '../views/datasets-view';

/** A one-line summary such as "12 EMAIL, 3 IBAN" for the Datasets view. */
export function entitySummary(findings: readonly Finding[], total: number): string {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.entity) counts.set(f.entity, (counts.get(f.entity) ?? 0) + (f.scope === 'column' ? 0 : 1));
  const parts = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([e, n]) => `${n} ${e}`);
  if (parts.length === 0) return total === 0 ? 'clean' : `${total} findings`;
  return parts.join(', ') + (total > findings.length ? ` (+${total - findings.length} more)` : '');
}

/** Registers the dataset-linting commands. */
export function registerLintCommands(
  context: vscode.ExtensionContext,
  worker: LintWorkerClient,
  diagnostics: DiagnosticsController,
  datasetsView: DatasetsView,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('responsibleMl.showRuleDocumentation', async (ruleId?: string) => {
      const id = ruleId ?? (await vscode.window.showInputBox({ prompt: 'Rule id, e.g. pii-email' }));
      if (!id) return;
      const uri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    }),
    vscode.commands.registerCommand('responsibleMl.scanWorkspace', () => scanWorkspace(worker, diagnostics, datasetsView, context.extensionUri)),
    vscode.commands.registerCommand('responsibleMl.anonymizeDataset', (uri?: vscode.Uri, preset?: { operator?: AnonymizeOperator }) =>
      anonymizeCommand(uri, preset?.operator),
    ),
    vscode.commands.registerCommand('responsibleMl.acceptBaseline', () => acceptBaseline(diagnostics)),
    vscode.commands.registerCommand(IGNORE_OCCURRENCE_COMMAND, (uri: vscode.Uri, f: Finding) => ignoreOccurrence(uri, f, diagnostics)),
    diagnostics.onDidLint(({ uri }) => {
      const findings = vscode.languages.getDiagnostics(uri).map(findingFor).filter((f): f is Finding => f !== undefined);
      const total = findings.find((f) => f.ruleId === 'too-many-problems')?.count ?? 0;
      datasetsView.setSummary(uri, entitySummary(findings, findings.length + total));
    }),
  );
}

/** Lints every dataset of the workspace from disk in the worker, with progress and Cancel. */
async function scanWorkspace(worker: LintWorkerClient, diagnostics: DiagnosticsController, view: DatasetsView, extensionUri: vscode.Uri): Promise<number> {
  const files = await vscode.workspace.findFiles(datasetGlobPattern(), excludeGlobPattern());
  let total = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Responsible ML: scanning datasets', cancellable: true },
    async (progress, token) => {
      for (const [i, uri] of files.entries()) {
        if (token.isCancellationRequested) break;
        const format = fileFormatFromPath(uri.fsPath, formatFromPath(uri.fsPath));
        const rel = vscode.workspace.asRelativePath(uri);
        progress.report({ message: `${i + 1}/${files.length} ${rel}`, increment: 100 / Math.max(1, files.length) });
        if (!format) {
          log().warn(`${rel}: not scanned (unsupported file type)`);
          continue;
        }
        try {
          const r = await worker.lintFile(uri.fsPath, format, await lintOptionsFor(uri), token);
          total += r.total;
          diagnostics.scannedFromDisk.add(uri.toString());
          diagnostics.collection.set(uri, r.findings.map((f) => toDiagnostic(f, extensionUri)));
          view.setSummary(uri, entitySummary(r.findings, r.total));
        } catch (err) {
          if ((err as Error).message === 'cancelled') break;
          log().error(`${rel}: ${(err as Error).message}`);
          void vscode.window.showErrorMessage(`Responsible ML: could not scan ${rel}: ${(err as Error).message}`);
        }
      }
    },
  );
  log().info(`Workspace scan: ${total} findings in ${files.length} files`);
  return total;
}

/** Asks for an operator per entity (or one for all) and writes `<name>.anonymized.<ext>`. */
async function anonymizeCommand(target?: vscode.Uri, presetOperator?: AnonymizeOperator): Promise<vscode.Uri | undefined> {
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  const format = uri && detectFormat({ path: uri.fsPath });
  if (!uri || uri.scheme !== 'file' || !format) {
    void vscode.window.showErrorMessage('Responsible ML: open or select a .jsonl, .csv or .tsv dataset to anonymize.');
    return undefined;
  }
  const salt = await workspaceSalt(folderFor(uri));
  // Tests and keybindings may pass the operator; people get a quick pick.
  const pick = presetOperator ? { op: presetOperator } : await vscode.window.showQuickPick(
    [
      { label: 'Pseudonymize', description: 'realistic fakes, the same fake for the same value', op: 'pseudonymize' as AnonymizeOperator },
      { label: 'Redact', description: 'replace with [ENTITY]', op: 'redact' as AnonymizeOperator },
      { label: 'Mask', description: 'keep the last characters, e.g. ***-**-6789', op: 'mask' as AnonymizeOperator },
      { label: 'Hash', description: 'salted hash, e.g. <EMAIL:3f9a1c2e>', op: 'hash' as AnonymizeOperator },
      { label: 'Choose per entity…', op: undefined },
    ],
    { title: 'Anonymize dataset: how should PII be replaced?' },
  );
  if (!pick) return undefined;
  let operators: OperatorChoice = {};
  if (pick.op) for (const e of PII_ENTITIES) operators[e] = pick.op;
  else {
    for (const e of PII_ENTITIES) {
      const choice = await vscode.window.showQuickPick([...ANONYMIZE_OPERATORS, 'keep'], { title: `Anonymize dataset: ${e}` });
      if (!choice) return undefined;
      if (choice !== 'keep') operators[e] = choice as AnonymizeOperator;
    }
  }
  const { anonymizeDataset, anonymizedPath } = heavy();
  const output = anonymizedPath(uri.fsPath);
  const options = await lintOptionsFor(uri);
  const { baseline: _ignored, ...lint } = options;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Anonymizing ${vscode.workspace.asRelativePath(uri)}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let last = 0;
      try {
        return await anonymizeDataset({
          input: uri.fsPath,
          output,
          format,
          lint,
          operators,
          ...(salt ? { salt } : {}),
          signal: controller.signal,
          onProgress: (f) => {
            progress.report({ increment: Math.max(0, (f - last) * 100) });
            last = f;
          },
        });
      } catch (err) {
        if (!controller.signal.aborted) void vscode.window.showErrorMessage(`Responsible ML: anonymizing failed, nothing was written: ${(err as Error).message}`);
        return undefined;
      }
    },
  );
  if (!summary) return undefined;
  const counts = Object.entries(summary.replaced).map(([e, n]) => `${n} ${e}`).join(', ') || 'nothing';
  log().info(`Anonymized ${uri.fsPath} → ${output}: replaced ${counts}`);
  const outUri = vscode.Uri.file(output);
  if (!presetOperator) void vscode.window.showInformationMessage(`Responsible ML: wrote ${vscode.workspace.asRelativePath(outUri)} (replaced ${counts}). The original is unchanged.`, 'Open').then((c) => {
    if (c === 'Open') void vscode.window.showTextDocument(outUri);
  });
  return outUri;
}

/** Baseline candidates from the current diagnostics of a file (values read back from the text). */
async function candidatesOf(uri: vscode.Uri, only?: Finding): Promise<BaselineCandidate[]> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const format = detectFormat({ languageId: doc.languageId, path: uri.fsPath });
  if (!format) return [];
  const { decodeSourceSlice } = heavy();
  const findings = only ? [only] : vscode.languages.getDiagnostics(uri).map(findingFor).filter((f): f is Finding => !!f);
  const rel = vscode.workspace.asRelativePath(uri, false);
  return findings
    .filter((f) => f.scope === 'value' && f.entity && f.field)
    .map((f) => ({ entity: f.entity!, field: f.field!, value: decodeSourceSlice(doc.getText(findingRange(f)), format, f.quotedField === true), file: rel }));
}

async function saveBaseline(uri: vscode.Uri, add: BaselineCandidate[]): Promise<number> {
  const folder = folderFor(uri);
  const salt = await workspaceSalt(folder);
  if (!folder || !salt) throw new Error('open a folder first; the baseline lives in its .responsible-ml/');
  const file = join(folder.uri.fsPath, BASELINE_PATH);
  const { createBaseline, loadBaseline, writeBaselineAtomic } = heavy();
  const existing = await loadBaseline(file);
  const fresh = createBaseline(add, salt);
  const known = new Set(existing.entries.map((e) => e.hash));
  const merged = { ...fresh, entries: [...existing.entries, ...fresh.entries.filter((e) => !known.has(e.hash))] };
  merged.entries.sort((a, b) => a.file.localeCompare(b.file) || a.hash.localeCompare(b.hash));
  await writeBaselineAtomic(file, merged);
  return merged.entries.length - existing.entries.length;
}

async function ignoreOccurrence(uri: vscode.Uri, f: Finding, diagnostics: DiagnosticsController): Promise<void> {
  const added = await saveBaseline(uri, await candidatesOf(uri, f));
  log().info(`Baseline: ${added} entry added (${f.entity} in ${f.field})`);
  diagnostics.relintAll();
}

/** Writes every current value finding of the open datasets into the baseline. */
async function acceptBaseline(diagnostics: DiagnosticsController): Promise<void> {
  const uris = [...diagnostics.collection].map(([uri]) => uri);
  if (uris.length === 0) {
    void vscode.window.showInformationMessage('Responsible ML: no findings to accept. Open a dataset or run "Scan Workspace Datasets" first.');
    return;
  }
  let added = 0;
  for (const uri of uris) {
    const c = await candidatesOf(uri);
    if (c.length > 0) added += await saveBaseline(uri, c);
  }
  const folder = folderFor(uris[0]);
  void vscode.window.showInformationMessage(
    `Responsible ML: ${added} finding${added === 1 ? '' : 's'} accepted into ${folder ? relative(folder.uri.fsPath, join(folder.uri.fsPath, BASELINE_PATH)) : BASELINE_PATH} (values stored only as salted hashes).`,
  );
  diagnostics.relintAll();
}
