import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/lint/finding';
import { rememberFinding } from './finding-store';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'Responsible ML';

/** The editor range of a finding (findings are 1-based, VS Code 0-based). */
export function findingRange(f: Finding): vscode.Range {
  return new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, Math.max(f.endColumn - 1, f.line === f.endLine ? f.column : 0));
}

/** A diagnostic whose code links to the rule's documentation shipped with the extension. */
export function toDiagnostic(f: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(findingRange(f), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${f.ruleId}.md`) };
  rememberFinding(d, f);
  return d;
}
