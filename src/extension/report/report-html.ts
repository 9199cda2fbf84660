import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * A report's page (the Dataset Report's by default, or the Fairness Report's).
 * Content-Security-Policy, the smallest that works (verified in the real host, where the webview
 * reports any violation back to the output channel):
 *
 *   default-src 'none'; script-src 'nonce-…'; style-src <webview.cspSource>
 *
 * - Scripts: only our bundle, by nonce. No eval: neither Observable Plot nor Lit needs it.
 * - Styles: only our stylesheet, from dist/webview. No 'unsafe-inline' and no nonce are needed:
 *   Lit (under @vscode-elements/elements) styles its shadow roots with constructable stylesheets,
 *   which CSP does not govern; Observable Plot sets SVG presentation attributes and CSSOM
 *   properties (`element.style.x = …`), which CSP allows; the one inline <style> Plot appends
 *   to each chart is removed and its rules ship in our CSS (webview/shared/plot-figure.ts).
 * - No images, fonts, frames or connections: nothing is loaded from anywhere else.
 */
export function reportHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  title: string,
  /** Which webview app (dist/webview/<page>.js and .css) and its accessible name; the Dataset Report by default. */
  app: { page: string; name: string } = { page: 'dataset-report', name: 'Dataset Report' },
): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset(`${app.page}.css`)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="app" aria-busy="true" aria-label="${escapeHtml(app.name)}"><p>Loading the report…</p></main>
<script nonce="${nonce}" src="${asset(`${app.page}.js`)}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
