import * as vscode from 'vscode';
import { heavy } from '../load-heavy';
import type { AnonymizeOperator } from '../../core/anonymize/operator';
import { detectFormat, type DatasetFormat } from '../../core/dataset/format';
import type { Finding } from '../../core/lint/finding';
import { findingFor } from './finding-store';
import { folderFor, workspaceSalt } from './lint-settings';
import { DIAGNOSTIC_SOURCE, findingRange } from './to-diagnostic';

const OPERATOR_TITLES: Record<AnonymizeOperator, string> = {
  redact: 'Redact',
  mask: 'Mask',
  pseudonymize: 'Pseudonymize',
  hash: 'Hash',
};

/** The command that adds one occurrence to the baseline (registered by the baseline module). */
export const IGNORE_OCCURRENCE_COMMAND = 'responsibleMl.ignoreOccurrence';

/** Quick fixes on PII diagnostics: replace the value, fix all of a kind, ignore, read the docs. */
export class PiiCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const format = detectFormat({ languageId: doc.languageId, path: doc.uri.path });
    if (!format) return [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const salt = await workspaceSalt(folderFor(doc.uri));
    // Loaded on first use: the fake-value generators are the heaviest part of the extension.
    const fixes = await loadFixes(doc, format);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const f = findingFor(diagnostic);
      if (!f) continue;
      if (f.scope === 'value' && f.entity) {
        for (const op of ['redact', 'mask', 'pseudonymize', 'hash'] as const) {
          if ((op === 'pseudonymize' || op === 'hash') && !salt) continue;
          const action = new vscode.CodeAction(`${OPERATOR_TITLES[op]} ${f.entity}`, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = op === 'redact';
          action.edit = new vscode.WorkspaceEdit();
          const r = fixes.replacementFor(f, op, salt);
          action.edit.replace(doc.uri, r.range, r.text);
          actions.push(action);
        }
        const all = this.fixAll(doc, fixes, f, salt);
        if (all) actions.push(all);
        const ignore = new vscode.CodeAction(`Ignore this ${f.entity} (add to baseline)`, vscode.CodeActionKind.QuickFix);
        ignore.diagnostics = [diagnostic];
        ignore.command = { command: IGNORE_OCCURRENCE_COMMAND, title: ignore.title, arguments: [doc.uri, f] };
        actions.push(ignore);
      }
      const docs = new vscode.CodeAction(`Show documentation for ${f.ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.diagnostics = [diagnostic];
      docs.command = { command: 'responsibleMl.showRuleDocumentation', title: docs.title, arguments: [f.ruleId] };
      actions.push(docs);
    }
    return actions;
  }

  /** One undoable edit that redacts (or pseudonymizes) every value finding of the entity in the file. */
  private fixAll(doc: vscode.TextDocument, fixes: Fixes, f: Finding, salt: string | undefined): vscode.CodeAction | undefined {
    const same = vscode.languages
      .getDiagnostics(doc.uri)
      .map(findingFor)
      .filter((x): x is Finding => x !== undefined && x.scope === 'value' && x.entity === f.entity);
    if (same.length < 2) return undefined;
    const op: AnonymizeOperator = salt ? 'pseudonymize' : 'redact';
    const action = new vscode.CodeAction(`${OPERATOR_TITLES[op]} all ${same.length} ${f.entity} findings in this file`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const x of same) {
      const r = fixes.replacementFor(x, op, salt);
      action.edit.replace(doc.uri, r.range, r.text);
    }
    return action;
  }
}

interface Fixes {
  /** The source range of a finding and the escaped text that replaces it. */
  replacementFor(f: Finding, op: AnonymizeOperator, salt: string | undefined): { range: vscode.Range; text: string };
}

async function loadFixes(doc: vscode.TextDocument, format: DatasetFormat): Promise<Fixes> {
  const { anonymizeValue, decodeSourceSlice, encodeForSource, sniffDelimiter, SNIFF_SAMPLE_CHARS } = heavy();
  let delimiter: string | undefined;
  if (format === 'csv') {
    const sample = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 200), 0)).slice(0, SNIFF_SAMPLE_CHARS);
    delimiter = sniffDelimiter(sample, doc.lineCount <= 200);
  }
  return {
    replacementFor(f, op, salt) {
      const range = findingRange(f);
      const quoted = f.quotedField === true;
      const original = decodeSourceSlice(doc.getText(range), format, quoted);
      const replacement = anonymizeValue(f.entity!, original, op, salt ? { salt } : {});
      return { range, text: encodeForSource(replacement, format, quoted, delimiter) };
    },
  };
}
