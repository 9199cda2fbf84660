import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The Model Card Editor's page. The Content-Security-Policy of the Dataset Report
 * (report-html.ts) — our script by nonce, our stylesheet from dist/webview — plus `img-src
 * data:`, because vscode-textarea draws its resize grip with a data: PNG in its styles. A data:
 * URI loads nothing from anywhere; and the card itself can put no image on the page: the
 * Markdown preview builds DOM nodes itself (no HTML from the card reaches innerHTML) and shows
 * images as their alt text.
 */
export function cardEditorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`, `img-src data:`].join('; ');
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
