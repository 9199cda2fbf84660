/**
 * The fairness report as one self-contained HTML page (`rml fairness --format html`): inline CSS
 * only — no scripts, fonts or images from anywhere — light and dark by the reader's preference.
 * The same tables as the Markdown.
 */
import type { FairnessReport } from './fairness-types';
import { reportSections, reportSummary, type ReportTable } from './report-tables';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function code(s: string): string {
  // The summary marks column names with backticks, as in Markdown.
  return escapeHtml(s).replace(/`([^`]*)`/g, '<code>$1</code>');
}

function htmlTable(t: ReportTable): string {
  const th = t.head.map((h, i) => `<th${i >= t.numericFrom ? ' class="n"' : ''} scope="col">${escapeHtml(h)}</th>`).join('');
  const rows = t.rows
    .map((r) => {
      const small = r.some((c) => / \(small\)$/.test(c));
      const cells = r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td${i >= t.numericFrom ? ' class="n"' : ''}>${escapeHtml(c)}</td>`)).join('');
      return `<tr${small ? ' class="small"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<h3>${escapeHtml(t.title)}</h3>\n<div class="scroll"><table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${rows}\n</tbody></table></div>`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --warn-bg: #fff8c5; --small-bg: #fff1e5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --warn-bg: #3b2e00; --small-bg: #3d2400; } }
body { font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); } h3 { font-size: 1rem; }
p.summary, p.note { color: var(--muted); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; white-space: nowrap; }
.n { text-align: right; }
tr.small { background: var(--small-bg); }
ul.warnings li { background: var(--warn-bg); margin: 0.2rem 0; padding: 0.2rem 0.5rem; list-style: none; }
code { font-family: ui-monospace, monospace; }
`;

/** Renders the whole report as a self-contained HTML document. */
export function renderFairnessHtml(report: FairnessReport, title = report.source?.file ?? 'predictions'): string {
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing is loaded from anywhere: inline styles only.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>Fairness report: ${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>Fairness report: ${escapeHtml(title)}</h1>`,
    `<p class="summary">${code(reportSummary(report))}</p>`,
    '<p class="note">Metrics and aggregates as defined by Fairlearn: a rate with no rows to measure is 0; "between groups" compares the extreme groups (max − min, min ÷ max), "to overall" each group with everyone. Shaded rows are small groups.</p>',
  ];
  if (report.warnings.length > 0) parts.push('<h2>Warnings</h2>', `<ul class="warnings">${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
  for (const s of reportSections(report)) {
    parts.push(`<h2>${escapeHtml(s.heading)}</h2>`);
    if (s.warnings.length > 0) parts.push(`<ul class="warnings">${s.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
    for (const t of s.tables) parts.push(htmlTable(t));
  }
  parts.push('</body></html>', '');
  return parts.join('\n');
}
