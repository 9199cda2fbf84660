/**
 * The fairness report as Markdown for a model card (`rml fairness --format md`): a summary
 * line, the warnings, then per analysis the fairness metrics, the table by group (intervals in
 * parentheses, small groups marked "n=2 (small)") and the aggregates.
 */
import type { FairnessReport } from './fairness-types';
import { reportSections, reportSummary, type ReportTable } from './report-tables';

function cell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(t: ReportTable): string[] {
  const align = t.head.map((_, i) => (i >= t.numericFrom ? '---:' : '---'));
  return [`| ${t.head.map(cell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** Renders the whole report as Markdown. */
export function renderFairnessMarkdown(report: FairnessReport, title = report.source?.file ?? 'predictions'): string {
  const out = [`# Fairness report: ${title}`, '', reportSummary(report), ''];
  out.push(
    'Metrics and aggregates as defined by Fairlearn (`MetricFrame`, `fairlearn.metrics`): a rate with no rows to measure is 0, precision with no predicted positives is 0; "between groups" compares the extreme groups (max − min, min ÷ max), "to overall" each group with everyone (largest |group − overall|, smallest ratio with ratios above 1 inverted).',
    '',
  );
  if (report.warnings.length > 0) out.push('## Warnings', '', ...report.warnings.map((w) => `- ${cell(w)}`), '');
  for (const s of reportSections(report)) {
    out.push(`## ${s.heading}`, '');
    if (s.warnings.length > 0) out.push(...s.warnings.map((w) => `- ⚠ ${cell(w)}`), '');
    for (const t of s.tables) out.push(`### ${t.title}`, '', ...markdownTable(t), '');
  }
  return out.join('\n');
}
