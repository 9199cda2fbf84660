import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  /** The webview app: dist/webview/<bundle>.js and .css. */
  bundle: string;
  /** The page's <title>. */
  title: string;
  /** Accessible name of the app's root. */
  name: string;
  /** What the page says until its script has drawn it. */
  loading: string;
  /** Extra CSP sources, e.g. `img-src data:` (the Model Card Editor's textarea grip). */
  extraCsp?: string[];
}

/**
 * The HTML of every page of the extension (Dataset and Fairness Report, Training Dashboard,
 * Model Card Editor), under the smallest Content-Security-Policy that works (verified in the real
 * host, where each page reports any violation back to the output channel):
 *
 *   default-src 'none'; script-src 'nonce-…'; style-src <webview.cspSource>
 *
 * - Scripts: only our bundle, by nonce. No eval: neither Observable Plot nor Lit needs it.
 * - Styles: only our stylesheet, from dist/webview. No 'unsafe-inline' and no nonce are needed:
 *   Lit (under @vscode-elements/elements) styles its shadow roots with constructable stylesheets,
 *   which CSP does not govern; Observable Plot sets SVG presentation attributes and CSSOM
 *   properties (`element.style.x = …`), which CSP allows; the one inline <style> Plot appends
 *   to each chart is removed and its rules ship in our CSS (webview/shared/plot-figure.ts).
 *   Legend swatches are coloured through the CSSOM too; no inline style is ever written.
 * - No images, fonts, frames or connections: nothing is loaded from anywhere else (a page may
 *   add `img-src data:`, which loads nothing either).
 */
export function webviewPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`, ...(page.extraCsp ?? [])].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset(`${page.bundle}.css`)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<main id="app" aria-busy="true" aria-label="${escapeHtml(page.name)}"><p>${escapeHtml(page.loading)}</p></main>
<script nonce="${nonce}" src="${asset(`${page.bundle}.js`)}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
