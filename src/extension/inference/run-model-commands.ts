import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SensitiveAttributeSpec } from '../../core/config/project-config';
import { detectFormat } from '../../core/dataset/format';
import { describeModel } from '../../core/inference/model-folder';
import { InferenceCancelled, type Embedding, type InferenceTask, type TextClassification, type TokenEntity } from '../../core/inference/inference-types';
import type { DatasetPredictionSummary } from '../../core/inference/predict-dataset';
import { heavy } from '../load-heavy';
import { folderFor, projectConfig } from '../lint/lint-settings';
import { log } from '../logger';
import { ensureTrusted } from '../trust';
import type { InferenceService } from './inference-service';
import { batchSize } from './inference-settings';
import { pickModel } from './pick-model';

/** Arguments that skip the prompts (scripts, tests, keybindings). */
export interface RunModelArgs {
  model?: string;
  task?: InferenceTask;
  field?: string;
  uri?: vscode.Uri;
  labelField?: string;
  sensitive?: string[];
  /** Skip the "Open Fairness Report" offer (tests). */
  quiet?: boolean;
}

const decoration = vscode.window.createTextEditorDecorationType({
  after: { margin: '0 0 0 0.6em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
  backgroundColor: new vscode.ThemeColor('editor.wordHighlightBackground'),
});

async function modelFor(context: vscode.ExtensionContext, args: RunModelArgs | undefined, title: string): Promise<{ folder: string; task: InferenceTask; name: string } | undefined> {
  if (args?.model) {
    const info = describeModel(args.model, 'user');
    const task = args.task ?? info.task;
    return task ? { folder: args.model, task, name: info.name } : undefined;
  }
  const m = await pickModel(context, title);
  return m?.task ? { folder: m.folder, task: m.task, name: m.name } : undefined;
}

/** "Run Model on Selection": labels and scores inline (decorations) with details on hover. */
export async function runModelOnSelection(context: vscode.ExtensionContext, service: InferenceService, args?: RunModelArgs): Promise<unknown> {
  if (!(await ensureTrusted('Running a model'))) return undefined;
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Responsible ML: select text in an editor first.');
    return undefined;
  }
  const selections = editor.selections.filter((s) => !s.isEmpty);
  const ranges = selections.length ? selections : [editor.document.lineAt(editor.selection.active.line).range];
  const model = await modelFor(context, args, 'Run Model on Selection: which model?');
  if (!model) return undefined;
  const doc = editor.document;
  const texts = ranges.map((r) => doc.getText(r));
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Running ${model.name}…`, cancellable: false }, () =>
    service.client.run({ model: model.folder, task: model.task, inputs: texts, batchSize: batchSize() }),
  );
  service.setDevice('inference', service.client.device);
  const options: vscode.DecorationOptions[] = [];
  ranges.forEach((range, i) => {
    const base = doc.offsetAt(range.start);
    const r = results[i]!;
    if (model.task === 'token-classification') {
      for (const e of r as TokenEntity[]) {
        const at = new vscode.Range(doc.positionAt(base + e.start), doc.positionAt(base + e.end));
        options.push({
          range: at,
          hoverMessage: new vscode.MarkdownString(`**${e.entity}** ${e.score.toFixed(3)} — ${model.name}`),
          renderOptions: { after: { contentText: `${e.entity} ${e.score.toFixed(2)}` } },
        });
      }
    } else if (model.task === 'text-classification') {
      const c = r as TextClassification;
      const table = c.scores.map((s) => `| ${s.label} | ${s.score.toFixed(4)} |`).join('\n');
      options.push({
        range: new vscode.Range(range.end, range.end),
        hoverMessage: new vscode.MarkdownString(`**${model.name}**\n\n| label | score |\n|---|---|\n${table}`),
        renderOptions: { after: { contentText: `${c.label} ${c.score.toFixed(2)}` } },
      });
    } else {
      const v = r as Embedding;
      options.push({
        range: new vscode.Range(range.end, range.end),
        hoverMessage: new vscode.MarkdownString(`**${model.name}**: ${v.length}-dimensional embedding\n\n\`[${v.slice(0, 8).map((x) => x.toFixed(3)).join(', ')}, …]\``),
        renderOptions: { after: { contentText: `embedding ${v.length}d` } },
      });
    }
  });
  editor.setDecorations(decoration, options);
  const sub = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document === doc) {
      editor.setDecorations(decoration, []);
      sub.dispose();
    }
  });
  return results;
}

function attributeColumn(a: SensitiveAttributeSpec): string {
  return typeof a === 'string' ? a : a.column;
}

/** "Run Model on Dataset…": model, task and field; writes predictions next to the dataset with progress and Cancel. */
export async function runModelOnDataset(context: vscode.ExtensionContext, service: InferenceService, target?: vscode.Uri | RunModelArgs): Promise<DatasetPredictionSummary | undefined> {
  if (!(await ensureTrusted('Running a model'))) return undefined;
  const args: RunModelArgs = target instanceof vscode.Uri ? { uri: target } : (target ?? {});
  const uri = args.uri ?? vscode.window.activeTextEditor?.document.uri;
  const format = uri && detectFormat({ path: uri.fsPath });
  if (!uri || !format || format === 'text' || uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Responsible ML: open or choose a dataset file (JSONL, CSV, TSV) to run a model on.');
    return undefined;
  }
  const model = await modelFor(context, args, 'Run Model on Dataset: which model?');
  if (!model) return undefined;
  const folder = folderFor(uri);
  const config = await projectConfig(folder);
  const spec = folder ? heavy().resolveDatasetSpec(config, uri.fsPath, folder.uri.fsPath) : undefined;
  let field = args.field ?? spec?.textFields?.[0];
  if (!field) {
    const columns = await heavy().listColumns(uri.fsPath, format);
    const pick = await vscode.window.showQuickPick(columns.length ? columns : ['text'], { title: `Run ${model.name}: which field holds the text?` });
    if (!pick) return undefined;
    field = pick;
  }
  const sensitive = args.sensitive ?? (spec?.sensitive ?? []).map(attributeColumn);
  const labelField = args.labelField ?? spec?.labelField;
  try {
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Running ${model.name} on ${vscode.workspace.asRelativePath(uri)}`, cancellable: true },
      (progress, token) => {
        let shown = 0;
        return service.client.predictDataset(
          { input: uri.fsPath, model: model.folder, task: model.task, field: field!, sensitive, batchSize: batchSize(), ...(labelField ? { labelField } : {}) },
          token,
          (done, bytesRead, totalBytes) => {
            const pct = totalBytes ? (100 * bytesRead) / totalBytes : 0;
            progress.report({ message: `${done} records`, increment: Math.max(0, pct - shown) });
            shown = Math.max(shown, pct);
          },
        );
      },
    );
    service.setDevice('inference', service.client.device);
    log().info(`Run Model on Dataset: ${summary.predicted}/${summary.records} records → ${summary.output} (${summary.ms} ms)`);
    for (const p of summary.problems) log().warn(p);
    if (!args.quiet) void offerNext(summary);
    return summary;
  } catch (err) {
    if (err instanceof InferenceCancelled) {
      void vscode.window.showInformationMessage('Responsible ML: the model run was cancelled; no predictions file was written.');
      return undefined;
    }
    void vscode.window.showErrorMessage(`Responsible ML: ${(err as Error).message}`);
    return undefined;
  }
}

async function offerNext(summary: DatasetPredictionSummary): Promise<void> {
  const open = 'Open Predictions';
  const fairness = 'Open Fairness Report';
  const choice = await vscode.window.showInformationMessage(
    `Responsible ML: ${summary.predicted} predictions written to ${vscode.workspace.asRelativePath(summary.output)}${summary.skipped ? ` (${summary.skipped} records without the field skipped)` : ''}.`,
    fairness,
    open,
  );
  const file = vscode.Uri.file(summary.output);
  if (choice === open) await vscode.window.showTextDocument(file);
  if (choice === fairness) await openFairnessReport(file);
}

/** The fairness report is its own feature; when this build has no such command, say so. */
export async function openFairnessReport(file: vscode.Uri): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('responsibleMl.openFairnessReport')) await vscode.commands.executeCommand('responsibleMl.openFairnessReport', file);
  else void vscode.window.showInformationMessage(`Responsible ML: the Fairness Report is not available in this version; run \`rml fairness ${join('.', vscode.workspace.asRelativePath(file))}\` when it is.`);
}

/** True when the extension ships the NER model (models/pii-ner). */
export function hasShippedNer(context: vscode.ExtensionContext): boolean {
  return existsSync(vscode.Uri.joinPath(context.extensionUri, 'models', 'pii-ner', 'config.json').fsPath);
}
