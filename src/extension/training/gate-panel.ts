import { randomBytes } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { GateResult } from '../../core/training/run-record';

let panel: vscode.WebviewPanel | undefined;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A command link that opens `file` at the issue's place (vscode.open with a selection). */
function openLink(file: string, line: number, column: number): string {
  const uri = vscode.Uri.file(file);
  const pos = { line: line - 1, character: Math.max(0, column - 1) };
  const args = encodeURIComponent(JSON.stringify([uri.toJSON(), { selection: { start: pos, end: pos }, preview: true }]));
  return `command:vscode.open?${args}`;
}

/**
 * The responsible gate's result in a panel: counts, whether it blocks, each issue (masked
 * messages only) linking to its place, and the notes. Static HTML: no script runs in it.
 */
export function showGatePanel(gate: GateResult, title: string, baseDir: string): void {
  const nonce = randomBytes(18).toString('base64');
  panel ??= vscode.window.createWebviewPanel('responsibleMl.gate', 'Responsible Gate', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableCommandUris: ['vscode.open'], enableScripts: false });
  panel.onDidDispose(() => (panel = undefined));
  panel.title = `Gate: ${title}`;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'`;
  const rows = gate.issues
    .map((i) => {
      const file = isAbsolute(i.file) ? i.file : join(baseDir, i.file);
      return `<tr class="${i.severity}"><td>${i.severity}</td><td>${escapeHtml(i.check)}</td><td><code>${escapeHtml(i.ruleId)}</code></td><td><a href="${openLink(file, i.line, i.column)}">${escapeHtml(i.file)}:${i.line}:${i.column}</a></td><td>${escapeHtml(i.message)}</td></tr>`;
    })
    .join('\n');
  const verdict = gate.blocked
    ? `<p class="verdict error" role="alert">${gate.counts.error} error${gate.counts.error === 1 ? '' : 's'} block this run. Fix the data, or run anyway with a justification: it is stored in the run record and printed in the model card.</p>`
    : `<p class="verdict ok">No errors: the run may start.${gate.counts.warning ? ` Review the ${gate.counts.warning} warning${gate.counts.warning === 1 ? '' : 's'}.` : ''}</p>`;
  panel.webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<title>Responsible Gate</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; }
tr.error td:first-child { color: var(--vscode-errorForeground); font-weight: 600; }
tr.warning td:first-child { color: var(--vscode-editorWarning-foreground); }
.verdict { padding: 8px; border-left: 4px solid; }
.verdict.error { border-color: var(--vscode-errorForeground); }
.verdict.ok { border-color: var(--vscode-testing-iconPassed); }
a { color: var(--vscode-textLink-foreground); }
</style></head>
<body>
<h1>Responsible gate: ${escapeHtml(title)}</h1>
<p>${gate.counts.error} errors · ${gate.counts.warning} warnings · ${gate.counts.info} info — PII, integrity (duplicates, conflicting labels, train/validation leakage) and representativeness of the training data.</p>
${verdict}
${gate.issues.length ? `<table><thead><tr><th>Severity</th><th>Check</th><th>Rule</th><th>Where</th><th>Finding</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>No findings.</p>'}
${gate.notes.length ? `<h2>Notes</h2><ul>${gate.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
</body></html>`;
  panel.reveal(vscode.ViewColumn.Beside, true);
}
