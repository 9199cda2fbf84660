import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The Training Dashboard's page, under the same policy as the Dataset Report
 * (src/extension/report/report-html.ts explains each directive):
 *
 *   default-src 'none'; script-src 'nonce-…'; style-src <webview.cspSource>
 *
 * Colours of legend swatches are set through the CSSOM (element.style), which the policy allows;
 * no inline style attribute or element is ever written.
 */
export function dashboardHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('training-dashboard.css')}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="app" aria-busy="true" aria-label="Training Dashboard"><p>Loading the run…</p></main>
<script nonce="${nonce}" src="${asset('training-dashboard.js')}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
