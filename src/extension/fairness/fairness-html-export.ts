// "Export HTML": the Fairness Report as one self-contained HTML file (no scripts, no external
// resources) that reads well in a browser, prints, and follows the reader's light or dark
// preference. Pure (no vscode). The graded headline, then per analysis bar charts drawn as plain
// SVG (overall rate dashed, intervals as whiskers) and the engine's tables (report-tables.ts),
// the same ones `rml fairness --format html` prints.
import type { FairnessAnalysis, FairnessReport, GroupMetricName } from '../../core/fairness/fairness-types';
import { reportSections, reportSummary, type ReportTable } from '../../core/fairness/report-tables';
import type { FairnessContext } from '../../protocol/fairness-report-protocol';
import { groupLabel } from './fairness-headline';
import { analysisTitle, cardText, fmt, gradingNote, headlineRows, STATUS_WORD } from './fairness-sections';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function table(caption: string, t: ReportTable): string {
  const num = (i: number) => i >= t.numericFrom;
  const th = t.head.map((h, i) => `<th scope="col"${num(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = t.rows
    .map((r) => {
      const small = r.some((c) => / \(small\)$/.test(c));
      return `<tr${small ? ' class="small"' : ''}>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td${num(i) ? ' class="num"' : ''}>${esc(c)}</td>`)).join('')}</tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

const CHART_METRICS: Array<{ metric: GroupMetricName; label: string }> = [
  { metric: 'selection_rate', label: 'Selection rate' },
  { metric: 'true_positive_rate', label: 'True positive rate' },
  { metric: 'false_positive_rate', label: 'False positive rate' },
];

/** Horizontal bars per group on a 0…1 axis, the overall value dashed, intervals as whiskers. */
function barChart(a: FairnessAnalysis, metric: GroupMetricName, label: string, smallGroup: number): string {
  const rows = a.by_group.map((g) => {
    const name = groupLabel(g, a.sensitive_features);
    return { name, value: g[metric] as number | null | undefined, ci: a.ci?.by_group[name]?.[metric], small: g.small ?? g.count < smallGroup, n: g.count };
  });
  const left = Math.min(240, Math.max(80, Math.max(...rows.map((r) => r.name.length + 8)) * 7));
  const width = 640;
  const plot = width - left - 60;
  const rowH = 22;
  const height = rows.length * rowH + 30;
  const x = (v: number) => left + Math.max(0, Math.min(1, v)) * plot;
  const overall = a.overall[metric];
  const parts: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="4" y2="${height - 22}" class="grid"/><text x="${x(t)}" y="${height - 8}" class="tick" text-anchor="middle">${t * 100}%</text>`);
  }
  rows.forEach((r, i) => {
    const y = 6 + i * rowH;
    parts.push(`<text x="${left - 6}" y="${y + 13}" text-anchor="end" class="label">${esc(r.name)}${r.small ? ' ⚠' : ''}</text>`);
    if (typeof r.value === 'number' && Number.isFinite(r.value)) {
      parts.push(`<rect x="${left}" y="${y + 3}" width="${Math.max(0.5, x(r.value) - left)}" height="${rowH - 8}" class="${r.small ? 'bar small' : 'bar'}"><title>${esc(`${r.name}: ${fmt(r.value)} (n = ${r.n})`)}</title></rect>`);
      parts.push(`<text x="${x(r.value) + 4}" y="${y + 13}" class="value">${fmt(r.value, 2)}</text>`);
    }
    if (r.ci) parts.push(`<line x1="${x(r.ci[0])}" x2="${x(r.ci[1])}" y1="${y + rowH / 2 - 1}" y2="${y + rowH / 2 - 1}" class="whisker"/>`);
  });
  if (typeof overall === 'number' && Number.isFinite(overall)) parts.push(`<line x1="${x(overall)}" x2="${x(overall)}" y1="2" y2="${height - 22}" class="overall"><title>overall ${fmt(overall)}</title></line>`);
  return `<figure><figcaption>${esc(label)} by group (dashed: overall${a.ci ? '; whiskers: interval' : ''}; ⚠ n &lt; ${smallGroup})</figcaption><svg role="img" aria-label="${esc(`${label} by group`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg></figure>`;
}

const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --bar: #1a73e8; --ok: #1a7f37; --warn: #9a6700; --fail: #cf222e; --bg: #fff; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --bar: #4493f8; --ok: #3fb950; --warn: #d29922; --fail: #f85149; --bg: #0d1117; } }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 1000px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 1.6em; margin-bottom: 4px; } h2 { margin-top: 28px; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
.muted, caption, figcaption { color: var(--muted); }
table { border-collapse: collapse; margin: 8px 0 16px; } caption { text-align: left; padding: 4px 0; font-weight: 600; color: var(--fg); }
.scroll { overflow-x: auto; }
th, td { border-bottom: 1px solid var(--border); padding: 3px 8px; text-align: left; white-space: nowrap; } .num { text-align: right; font-variant-numeric: tabular-nums; }
tr.small th, tr.small td { color: var(--warn); }
.ok { color: var(--ok); } .warn { color: var(--warn); font-weight: 600; } .fail { color: var(--fail); font-weight: 600; }
.callout { border-left: 3px solid var(--warn); padding: 4px 10px; margin: 8px 0; }
svg { max-width: 100%; height: auto; font-size: 11px; } svg text { fill: var(--fg); } svg .tick { fill: var(--muted); }
svg .grid { stroke: var(--border); } svg .bar { fill: var(--bar); } svg .bar.small { fill: none; stroke: var(--bar); stroke-dasharray: 3 2; }
svg .whisker { stroke: var(--fg); stroke-width: 1.5; } svg .overall { stroke: var(--muted); stroke-dasharray: 4 3; stroke-width: 1.5; }
@media print { body { margin: 0; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
`;

/** The report as a standalone HTML document. */
export function fairnessHtml(report: FairnessReport, ctx: FairnessContext): string {
  const out: string[] = [];
  out.push(`<h1>Fairness Report: ${esc(ctx.file)}</h1>`);
  out.push(`<p class="muted">Generated ${esc(ctx.generatedAt)} · ${esc(reportSummary(report).replace(/`/g, ''))}</p>`);
  for (const w of report.warnings) out.push(`<p class="callout">⚠ ${esc(w)}</p>`);
  out.push('<h2>Headline</h2>', `<p>${esc(gradingNote(ctx))}</p>`);
  const headline = headlineRows(report, ctx);
  const labels = headline[0]?.cards.map((c) => c.label) ?? [];
  const th = ['Analysis', ...labels].map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const rows = headline
    .map((h) => `<tr><th scope="row">${esc(h.title)}</th>${h.cards.map((c) => `<td class="num ${c.status}">${esc(cardText(c))}${c.status !== 'none' ? ` (${STATUS_WORD[c.status]})` : ''}</td>`).join('')}</tr>`)
    .join('\n');
  out.push(`<div class="scroll"><table><caption>Headline per analysis</caption><thead><tr>${th}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`);
  const sections = reportSections(report);
  for (const [key, a] of Object.entries(report.analyses)) {
    const title = analysisTitle(key, a);
    out.push(`<h2>${esc(title)}</h2>`);
    const small = a.by_group.filter((r) => r.small ?? r.count < ctx.smallGroup).length;
    if (small) out.push(`<p class="callout">⚠ ${small} of ${a.by_group.length} groups have fewer than ${ctx.smallGroup} rows: their rates are unreliable.</p>`);
    for (const c of CHART_METRICS) if (a.by_group.some((g) => g[c.metric] !== undefined)) out.push(barChart(a, c.metric, c.label, ctx.smallGroup));
    const section = sections.find((s) => s.title === key);
    for (const w of section?.warnings ?? []) out.push(`<p class="muted">${esc(w)}</p>`);
    for (const t of section?.tables ?? []) out.push(table(`${title}: ${t.title.toLowerCase()}`, t));
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Fairness Report: ${esc(ctx.file)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${out.join('\n')}
</main>
</body>
</html>
`;
}
