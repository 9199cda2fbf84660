import * as vscode from 'vscode';
import type { Finding } from '../../core/lint/finding';

/** The finding behind each diagnostic, for quick fixes and the Datasets view. */
const findingOf = new WeakMap<vscode.Diagnostic, Finding>();

/** Remembers which finding a diagnostic shows. */
export function rememberFinding(diagnostic: vscode.Diagnostic, finding: Finding): void {
  findingOf.set(diagnostic, finding);
}

/** The finding a diagnostic shows, when it is one of ours. */
export function findingFor(diagnostic: vscode.Diagnostic): Finding | undefined {
  return findingOf.get(diagnostic);
}
