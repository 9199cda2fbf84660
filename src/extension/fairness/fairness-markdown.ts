// "Export Markdown": the Fairness Report as readable Markdown tables. Pure (no vscode): the
// headline graded as on the page (fairness-headline.ts), then per analysis its fairness metrics
// and by-group table, small groups marked.
import type { FairnessReport } from '../../core/fairness/fairness-types';
import type { FairnessContext } from '../../protocol/fairness-report-protocol';
import { analysisTitle, cardText, fairnessMetricRows, groupTable, headlineRows, provenance, STATUS_WORD } from './fairness-sections';

/** Escapes a table cell: pipes and line breaks would break the row. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(head: string[], rows: string[][], right: number[] = []): string {
  const align = head.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [head.map(cell), align, ...rows.map((r) => r.map(cell))].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** The report as Markdown. */
export function fairnessMarkdown(report: FairnessReport, ctx: FairnessContext): string {
  const out: string[] = [];
  const t = ctx.thresholds;
  out.push(`# Fairness Report: ${ctx.file}`, '');
  out.push(`Generated ${ctx.generatedAt} · ${provenance(report, ctx)}${ctx.configFile ? ` · mapping from \`${ctx.configFile}\`` : ''}`, '');
  if (report.warnings.length) out.push(...report.warnings.map((w) => `> ⚠ ${w}`), '');
  out.push('## Headline', '');
  out.push(
    `Graded between groups: demographic parity difference ≤ ${t.dp_difference_max}, ratio ≥ ${t.dp_ratio_min}; equalized odds difference ≤ ${t.eo_difference_max}; equal opportunity difference ≤ ${t.eopp_difference_max}. A value that passes while its interval crosses the limit is a warning.`,
    '',
  );
  const headline = headlineRows(report, ctx);
  const labels = headline[0]?.cards.map((c) => c.label) ?? [];
  out.push(
    table(
      ['Analysis', ...labels],
      headline.map((h) => [h.title, ...h.cards.map((c) => `${cardText(c)}${c.status !== 'none' ? ` (${STATUS_WORD[c.status]})` : ''}`)]),
      labels.map((_, i) => i + 1),
    ),
    '',
  );
  for (const [key, a] of Object.entries(report.analyses)) {
    out.push(`## ${analysisTitle(key, a)}`, '');
    out.push(table(['Metric', 'Between groups', 'Interval', 'To overall'], fairnessMetricRows(a), [1, 2, 3]), '');
    const g = groupTable(a, ctx.smallGroup);
    out.push(table(g.head, g.rows, g.numeric), '');
    const small = a.by_group.filter((r) => r.small ?? r.count < ctx.smallGroup).length;
    if (small) out.push(`> ⚠ ${small} of ${a.by_group.length} groups have fewer than ${ctx.smallGroup} rows: their rates are unreliable.`, '');
    if (a.warnings.length) out.push(...a.warnings.map((w) => `- ${w}`), '');
  }
  return out.join('\n');
}
