import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The Model Card Editor's page. The same Content-Security-Policy as the Dataset Report
 * (report-html.ts): our script by nonce, our stylesheet from dist/webview, nothing else — the
 * Markdown preview builds DOM nodes itself, so no HTML from the card ever reaches innerHTML,
 * and images in the card are shown as their alt text (no remote resources).
 */
export function cardEditorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('model-card.css')}">
<title>${title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</title>
</head>
<body>
<main id="app" aria-busy="true" aria-label="Model Card Editor"><p>Loading the model card…</p></main>
<script nonce="${nonce}" src="${asset('model-card.js')}"></script>
</body>
</html>`;
}
