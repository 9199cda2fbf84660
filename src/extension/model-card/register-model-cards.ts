import * as vscode from 'vscode';
import { isModelCardName, isReadmeName } from '../../core/model-card/is-model-card';
import { MODEL_CARD_EDITOR_VIEW_TYPE } from '../../protocol/model-card-protocol';
import { CardCodeActions, OPEN_EDITOR_COMMAND } from './card-code-actions';
import { cardRequestOf, generateDatasheet, generateModelCard } from './card-commands';
import { CardDiagnosticsController } from './card-diagnostics-controller';
import { CardEditors } from './card-editors';
import { ModelCardWorkerClient } from './model-card-worker-client';

const CARD_SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }, { pattern: '**/*.modelcard.md' }];

/** The Markdown file a command was invoked on: the argument, else the active editor's or tab's. */
function markdownTarget(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && /\.md$/i.test(active.path)) return active;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: unknown } | undefined;
  return input?.uri instanceof vscode.Uri && /\.md$/i.test(input.uri.path) ? input.uri : undefined;
}

async function pickCard(): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles('**/*.md', '{**/node_modules/**,**/.git/**}', 2000)).filter((u) => isModelCardName(u.path) || isReadmeName(u.path));
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Responsible ML: no model card here yet. Run "Generate Model Card…" first.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    files.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Open Model Card Editor', placeHolder: 'Which model card?' },
  );
  return pick?.uri;
}

/** Wires model cards: the worker, diagnostics and quick fixes, the editor, and the commands. */
export function registerModelCards(context: vscode.ExtensionContext): { cardDiagnostics: CardDiagnosticsController } {
  const worker = new ModelCardWorkerClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'workers', 'model-card.worker.js').fsPath);
  const cardDiagnostics = new CardDiagnosticsController(worker, context.extensionUri);
  const editors = new CardEditors(worker, cardDiagnostics, context.extensionUri);
  context.subscriptions.push(
    worker,
    cardDiagnostics,
    editors,
    vscode.languages.registerCodeActionsProvider(CARD_SELECTOR, new CardCodeActions(worker, (d) => cardDiagnostics.isCard(d)), { providedCodeActionKinds: CardCodeActions.kinds }),
    vscode.window.registerCustomEditorProvider(MODEL_CARD_EDITOR_VIEW_TYPE, editors, { supportsMultipleEditorsPerDocument: false }),
    vscode.commands.registerCommand(OPEN_EDITOR_COMMAND, async (arg?: unknown) => {
      const uri = markdownTarget(arg) ?? (await pickCard());
      if (uri) await editors.open(uri);
    }),
    // Arguments: GenerateCardArgs, a run id, or a Training Runs item (its context menu).
    vscode.commands.registerCommand('responsibleMl.generateModelCard', (arg?: unknown) => {
      const { args, root } = cardRequestOf(arg);
      return generateModelCard(worker, args, root);
    }),
    vscode.commands.registerCommand('responsibleMl.generateDatasheet', (arg?: unknown, target?: vscode.Uri) => generateDatasheet(worker, arg, target)),
    // Not contributed: the integration tests read what an editor's page rendered.
    vscode.commands.registerCommand('responsibleMl.modelCardEditor.state', (uri: vscode.Uri) => editors.state(uri)),
  );
  return { cardDiagnostics };
}
