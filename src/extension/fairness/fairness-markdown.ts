// "Export Markdown": the Fairness Report as Markdown. Pure (no vscode): the headline graded as
// on the page (fairness-headline.ts), then the engine's tables exactly as
// `rml fairness --format md` renders them.
import { renderFairnessMarkdown } from '../../core/fairness/fairness-markdown';
import type { FairnessReport } from '../../core/fairness/fairness-types';
import type { FairnessContext } from '../../protocol/fairness-report-protocol';
import { gradedText, gradingNote, headlineRows } from './fairness-sections';

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The report as Markdown. */
export function fairnessMarkdown(report: FairnessReport, ctx: FairnessContext): string {
  const headline = headlineRows(report, ctx);
  const labels = headline[0]?.cards.map((c) => c.label) ?? [];
  const out: string[] = [`# Fairness Report: ${ctx.file}`, '', `Generated ${ctx.generatedAt}.`, '', '## Headline', '', gradingNote(ctx), ''];
  out.push(`| Analysis | ${labels.map(cell).join(' | ')} |`, `| --- | ${labels.map(() => '---:').join(' | ')} |`);
  for (const h of headline) out.push(`| ${cell(h.title)} | ${h.cards.map((c) => cell(gradedText(c))).join(' | ')} |`);
  out.push('');
  // The engine's report, less its own title.
  const body = renderFairnessMarkdown(report, ctx.file).split('\n');
  if (body[0]?.startsWith('# ')) body.shift();
  while (body[0] === '') body.shift();
  out.push(...body);
  return out.join('\n');
}
