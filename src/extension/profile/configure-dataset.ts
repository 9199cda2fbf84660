import { existsSync, readFileSync } from 'node:fs';
import { heavy } from '../load-heavy';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, type DatasetSpec, type SensitiveAttributeSpec } from '../../core/config/project-config';
import { guessLabelColumn, proposeSensitiveColumns, sensitiveReason } from '../../core/config/sensitive-columns';
import { detectFormat } from '../../core/dataset/format';
import { log } from '../logger';
import { folderFor } from '../lint/lint-settings';

/** Numbers in the first rows decide whether an attribute is asked for bins. */
const NUMERIC = /^-?\d+(\.\d+)?$/;

async function pickDataset(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  if (uri && detectFormat({ path: uri.fsPath })) return uri;
  const files = await vscode.workspace.findFiles('**/*.{jsonl,csv,tsv}', '**/node_modules/**', 500);
  const pick = await vscode.window.showQuickPick(
    files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
    { title: 'Configure Dataset: which dataset?' },
  );
  return pick?.uri;
}

/**
 * "Configure Dataset…": proposes sensitive attributes by column name and asks the user to
 * confirm them (never assumed silently), then the label and bins, and writes the entry into
 * responsible-ml.config.json with comments and formatting kept.
 */
export async function configureDataset(target?: vscode.Uri): Promise<DatasetSpec | undefined> {
  const uri = await pickDataset(target);
  const format = uri && detectFormat({ path: uri.fsPath });
  const folder = folderFor(uri);
  if (!uri || !format || !folder) return undefined;
  const { listColumns, readDocument } = heavy();
  const columns = await listColumns(uri.fsPath, format);
  if (columns.length === 0) {
    void vscode.window.showErrorMessage(`Responsible ML: found no columns in ${vscode.workspace.asRelativePath(uri)}.`);
    return undefined;
  }
  const proposed = new Set(proposeSensitiveColumns(columns).map((p) => p.column));
  const picked = await vscode.window.showQuickPick(
    columns.map((c) => ({ label: c, description: sensitiveReason(c) ? `looks like ${sensitiveReason(c)}` : undefined, picked: proposed.has(c) })),
    {
      title: 'Configure Dataset: sensitive attributes',
      placeHolder: proposed.size > 0 ? 'Proposed by column name — confirm, add or remove' : 'No column looks sensitive by name — pick the ones that are',
      canPickMany: true,
    },
  );
  if (!picked) return undefined;
  const guess = guessLabelColumn(columns);
  const labelPick = await vscode.window.showQuickPick(
    [
      ...(guess ? [{ label: guess, value: guess as string | undefined, description: 'likely label' }] : []),
      { label: '(no label)', value: undefined as string | undefined, description: '' },
      ...columns.filter((c) => c !== guess).map((c) => ({ label: c, value: c as string | undefined, description: '' })),
    ],
    { title: 'Configure Dataset: label column' },
  );
  if (!labelPick) return undefined;

  // Numeric attributes (age) are profiled in bins the user chooses.
  const sample = readDocument(readFileSync(uri.fsPath, 'utf8').slice(0, 64 * 1024), format).records.slice(0, 50);
  const sensitive: SensitiveAttributeSpec[] = [];
  for (const { label: column } of picked) {
    const values = sample.flatMap((r) => r.fields.filter((f) => f.path === column).map((f) => f.value));
    const numeric = values.length > 0 && values.every((v) => NUMERIC.test(v.trim()));
    if (!numeric && format !== 'jsonl') {
      sensitive.push(column);
      continue;
    }
    const bins = await vscode.window.showInputBox({
      title: `Configure Dataset: bins for ${column}`,
      prompt: `Bin edges for ${column}, e.g. 30,45,65 gives <30, 30–44, 45–64, ≥65. Empty: use the values as they are.`,
      value: /age/i.test(column) ? '30,45,65' : '',
      validateInput: (v) => (v.trim() === '' || v.split(',').every((x) => Number.isFinite(Number(x.trim()))) ? undefined : 'comma-separated numbers'),
    });
    if (bins === undefined) return undefined;
    const edges = bins.trim() === '' ? [] : bins.split(',').map((x) => Number(x.trim())).sort((a, b) => a - b);
    sensitive.push(edges.length > 0 ? { column, bins: edges } : column);
  }

  const spec: DatasetSpec = {
    files: relative(folder.uri.fsPath, uri.fsPath).split('\\').join('/'),
    ...(labelPick.value ? { labelField: labelPick.value } : {}),
    sensitive,
  };
  const configFile = join(folder.uri.fsPath, CONFIG_FILE_NAME);
  const { upsertDatasetSpec } = heavy();
  const before = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '{}\n';
  const after = upsertDatasetSpec(before, spec);
  // Through the editor so the change is undoable and visible.
  const doc = await vscode.workspace.openTextDocument(existsSync(configFile) ? vscode.Uri.file(configFile) : vscode.Uri.file(configFile).with({ scheme: 'untitled' }));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), after);
  await vscode.workspace.applyEdit(edit);
  await doc.save();
  await vscode.window.showTextDocument(doc, { preview: false });
  log().info(`Configured ${spec.files}: sensitive ${JSON.stringify(sensitive)}, label ${spec.labelField ?? '(none)'}`);
  return spec;
}
