import { basename, extname, relative } from 'node:path';
import * as vscode from 'vscode';
import { guessLabelColumn, proposeSensitiveColumns } from '../../core/config/sensitive-columns';
import type { TrainSpec } from '../../core/training/train-spec';
import { heavy } from '../load-heavy';

const DATA_GLOB = '**/*.{jsonl,ndjson,csv,tsv}';
const EXCLUDE = '{**/node_modules/**,**/.responsible-ml/**,**/.git/**}';

type Pick = vscode.QuickPickItem & { value: string };

async function pickOne(title: string, items: Pick[], placeHolder: string): Promise<string | undefined> {
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true, matchOnDescription: true });
  return choice?.value;
}

async function askNumber(title: string, value: number, check: (n: number) => string | undefined): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({ title, value: String(value), ignoreFocusOut: true, validateInput: (t) => (Number.isFinite(Number(t)) ? check(Number(t)) : 'a number, please') });
  return text === undefined ? undefined : Number(text);
}

/**
 * "Start Fine-Tuning…" without a spec: quick picks and input boxes with sensible defaults, then
 * `<name>.train.json` written at the workspace root (validated and completed by its schema) and
 * opened. Returns the new spec's URI, or undefined when the user cancels.
 */
export async function runSpecWizard(folder: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  const title = 'Start Fine-Tuning';
  const files = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, DATA_GLOB), EXCLUDE, 500)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  if (files.length === 0) {
    void vscode.window.showWarningMessage('Responsible ML: no .jsonl, .csv or .tsv files in this workspace to train on.');
    return undefined;
  }
  const rel = (u: vscode.Uri) => relative(folder.uri.fsPath, u.fsPath);
  const train = await pickOne(`${title} (1/7): training data`, files.map((f) => ({ label: rel(f), value: f.fsPath })), 'The file the model learns from');
  if (!train) return undefined;
  const noValidation: Pick = { label: '$(circle-slash) No validation file', description: 'hold out a seeded 10% of the training data', value: '' };
  const validation = await pickOne(
    `${title} (2/7): validation data`,
    [...files.filter((f) => f.fsPath !== train).map((f) => ({ label: rel(f), value: f.fsPath, ...(/valid|test|dev|eval/i.test(rel(f)) ? { description: 'looks like a validation split' } : {}) })), noValidation],
    'Measured after every epoch: loss, accuracy, macro-F1, per-group metrics',
  );
  if (validation === undefined) return undefined;
  const format = (['.csv', '.tsv'].includes(extname(train).toLowerCase()) ? extname(train).slice(1).toLowerCase() : 'jsonl') as 'csv' | 'tsv' | 'jsonl';
  const columns = await heavy().listColumns(train, format);
  if (columns.length === 0) {
    void vscode.window.showWarningMessage(`Responsible ML: found no fields in ${rel(vscode.Uri.file(train))}.`);
    return undefined;
  }
  const columnItems = (guess?: string): Pick[] => [...(guess ? [guess] : []), ...columns.filter((c) => c !== guess)].map((c) => ({ label: c, value: c, ...(c === guess ? { description: 'suggested' } : {}) }));
  const textGuess = columns.find((c) => /^(text|sentence|content|review|message|body|input)$/i.test(c)) ?? columns[0];
  const textField = await pickOne(`${title} (3/7): text field`, columnItems(textGuess), 'The field holding the text to classify');
  if (!textField) return undefined;
  const labelField = await pickOne(`${title} (4/7): label field`, columnItems(guessLabelColumn(columns.filter((c) => c !== textField))), 'The field holding the class label');
  if (!labelField) return undefined;
  const proposed = new Set(proposeSensitiveColumns(columns).map((p) => p.column));
  const sensitive = await vscode.window.showQuickPick(
    columns.filter((c) => c !== textField && c !== labelField).map((c) => ({ label: c, picked: proposed.has(c), ...(proposed.has(c) ? { description: 'looks sensitive' } : {}) })),
    { title: `${title} (5/7): sensitive fields`, placeHolder: 'Profiled by the gate and used for per-group validation metrics; never model inputs', canPickMany: true, ignoreFocusOut: true },
  );
  if (!sensitive) return undefined;
  const choice = (await pickOne(
    `${title} (6/7): runner`,
    [
      { label: 'builtin', description: 'fastText-style classifier in a background Node process; no Python needed', value: 'builtin' },
      { label: 'builtin: encoder head', description: 'a classifier on frozen embeddings of a local encoder (pii-ner-encoder ships), in a background Node process; no Python needed', value: 'builtin-encoder' },
      { label: 'process', description: 'your command (python train.py, accelerate launch …, torchrun …)', value: 'process' },
      { label: 'slurm', description: 'your command as an sbatch job', value: 'slurm' },
    ],
    'Where the training runs',
  )) as TrainSpec['runner'] | 'builtin-encoder' | undefined;
  if (!choice) return undefined;
  const runner: NonNullable<TrainSpec['runner']> = choice === 'builtin-encoder' ? 'builtin' : choice;
  let command: string | undefined;
  let baseModel: string | undefined;
  if (choice === 'builtin-encoder') {
    baseModel = await vscode.window.showInputBox({
      title: `${title}: encoder`,
      value: 'pii-ner-encoder',
      prompt: 'A local feature-extraction model folder (config.json, tokenizer.json, onnx/model.onnx) or a shipped model name; a hub id only with responsibleMl.models.allowDownload on',
      ignoreFocusOut: true,
      validateInput: (t) => (t.trim() ? undefined : 'an encoder, please'),
    });
    if (!baseModel) return undefined;
  }
  if (runner !== 'builtin') {
    command = await vscode.window.showInputBox({ title: `${title}: command`, value: 'python templates/hf-trainer/train.py', prompt: 'Run in the workspace folder with RML_* variables set (see templates/hf-trainer/README.md)', ignoreFocusOut: true, validateInput: (t) => (t.trim() ? undefined : 'a command, please') });
    if (command === undefined) return undefined;
    baseModel = await vscode.window.showInputBox({ title: `${title}: base model`, value: 'distilbert-base-uncased', prompt: 'A local folder or a Hugging Face hub id (RML_BASE_MODEL); empty for none', ignoreFocusOut: true });
    if (baseModel === undefined) return undefined;
  }
  const builtin = runner === 'builtin';
  const epochs = await askNumber(`${title} (7/7): epochs`, builtin ? 10 : 3, (n) => (Number.isInteger(n) && n >= 1 ? undefined : 'a whole number ≥ 1'));
  if (epochs === undefined) return undefined;
  const learningRate = await askNumber(`${title}: learning rate`, builtin ? 0.01 : 5e-5, (n) => (n > 0 ? undefined : 'a positive number'));
  if (learningRate === undefined) return undefined;
  const batchSize = await askNumber(`${title}: batch size`, builtin ? 32 : 16, (n) => (Number.isInteger(n) && n >= 1 ? undefined : 'a whole number ≥ 1'));
  if (batchSize === undefined) return undefined;
  const defaultName = basename(train, extname(train)).replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'model';
  const name = await vscode.window.showInputBox({ title: `${title}: name`, value: defaultName, prompt: 'Names the spec file and the runs', ignoreFocusOut: true, validateInput: (t) => (/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(t) ? undefined : 'letters, digits, . _ - (starting with a letter or digit)') });
  if (!name) return undefined;

  const spec: TrainSpec = {
    name,
    task: 'text-classification',
    data: { train: rel(vscode.Uri.file(train)), ...(validation ? { validation: rel(vscode.Uri.file(validation)) } : {}), textField, labelField, sensitiveFields: sensitive.map((s) => s.label) },
    ...(baseModel ? { baseModel } : {}),
    runner,
    ...(choice === 'builtin-encoder' ? { builtin: { model: 'encoder-head' as const } } : {}),
    hyperparameters: { epochs, learningRate, batchSize, seed: 42, earlyStoppingPatience: 2 },
    ...(command ? { command } : {}),
  };
  let target = vscode.Uri.joinPath(folder.uri, `${name}.train.json`);
  for (let n = 2; await exists(target); n++) target = vscode.Uri.joinPath(folder.uri, `${name}-${n}.train.json`);
  await vscode.workspace.fs.writeFile(target, Buffer.from(`${JSON.stringify(spec, null, 2)}\n`));
  await vscode.window.showTextDocument(target, { preview: false, preserveFocus: true });
  return target;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
