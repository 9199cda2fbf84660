import * as vscode from 'vscode';
import { sectionInfo, type SectionId } from '../../core/model-card/card-sections';
import type { TextEdit } from '../../core/model-card/card-edits';
import { findingFor } from '../lint/finding-store';
import { DIAGNOSTIC_SOURCE } from '../lint/to-diagnostic';
import type { ModelCardWorkerClient } from './model-card-worker-client';

/** The command that opens the form editor on a card (registered in register-model-cards.ts). */
export const OPEN_EDITOR_COMMAND = 'responsibleMl.openModelCardEditor';

/** Turns offset edits computed on `doc`'s text into a WorkspaceEdit. */
export function toWorkspaceEdit(doc: vscode.TextDocument, edits: TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
  return we;
}

/**
 * Quick fixes on model card diagnostics: insert a missing section's skeleton (or all of them in
 * one undoable edit), fill placeholders in the form editor, read the rule's documentation.
 */
export class CardCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly worker: ModelCardWorkerClient,
    private readonly isCard: (doc: vscode.TextDocument) => boolean,
  ) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && String(typeof d.code === 'object' ? d.code.value : d.code).startsWith('card-'));
    if (ours.length === 0 || !this.isCard(doc)) return [];
    const text = doc.getText();
    const actions: vscode.CodeAction[] = [];
    const missing = vscode.languages
      .getDiagnostics(doc.uri)
      .map(findingFor)
      .filter((f) => f?.ruleId === 'card-missing-section' && f.field)
      .map((f) => f!.field as SectionId);
    for (const d of ours) {
      const f = findingFor(d);
      if (!f) continue;
      if (f.ruleId === 'card-missing-section' && f.field) {
        const id = f.field as SectionId;
        const { edits } = await this.worker.request({ type: 'insertSections', text, sections: [id] }, 'edits');
        const action = new vscode.CodeAction(`Insert "${sectionInfo(id).title}" section skeleton`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = true;
        action.edit = toWorkspaceEdit(doc, edits);
        actions.push(action);
        if (missing.length > 1 && id === missing[0]) {
          const all = await this.worker.request({ type: 'insertSections', text, sections: missing }, 'edits');
          const fixAll = new vscode.CodeAction(`Insert all ${missing.length} missing sections`, vscode.CodeActionKind.QuickFix);
          fixAll.edit = toWorkspaceEdit(doc, all.edits);
          actions.push(fixAll);
        }
      }
      if (f.ruleId === 'card-placeholder') {
        const open = new vscode.CodeAction('Fill in with the Model Card Editor', vscode.CodeActionKind.QuickFix);
        open.diagnostics = [d];
        open.command = { command: OPEN_EDITOR_COMMAND, title: open.title, arguments: [doc.uri] };
        actions.push(open);
      }
      const docs = new vscode.CodeAction(`Show documentation for ${f.ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.diagnostics = [d];
      docs.command = { command: 'responsibleMl.showRuleDocumentation', title: docs.title, arguments: [f.ruleId] };
      actions.push(docs);
    }
    // The same placeholder fix offered once, not once per placeholder under the cursor.
    const seen = new Set<string>();
    return actions.filter((a) => {
      const key = a.title;
      if (seen.has(key) && a.command?.command === OPEN_EDITOR_COMMAND) return false;
      seen.add(key);
      return true;
    });
  }
}
