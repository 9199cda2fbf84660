// The graded headline the Fairness Report's exports (Markdown, HTML) start with: per analysis,
// the four fairness metrics and the smallest group, graded as on the page. Pure; the tables
// after it are the engine's (src/core/fairness/report-tables.ts), as `rml fairness` prints them.
import type { FairnessAnalysis, FairnessReport } from '../../core/fairness/fairness-types';
import type { FairnessContext } from '../../protocol/fairness-report-protocol';
import { fairnessCards, type FairnessCard } from './fairness-headline';

export const STATUS_WORD = { ok: 'pass', warn: 'warn', fail: 'fail', none: '' } as const;

/** "race,sex" → "race × sex". */
export function analysisTitle(key: string, analysis?: FairnessAnalysis): string {
  return (analysis?.sensitive_features ?? key.split(',')).join(' × ');
}

export function fmt(v: number | null | undefined, digits = 3): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—';
}

/** Where the mapping came from and what the limits are, in one paragraph. */
export function gradingNote(ctx: FairnessContext): string {
  const t = ctx.thresholds;
  return (
    `Graded between groups: demographic parity difference ≤ ${t.dp_difference_max}, ratio ≥ ${t.dp_ratio_min}; ` +
    `equalized odds difference ≤ ${t.eo_difference_max}; equal opportunity difference ≤ ${t.eopp_difference_max}. ` +
    `A value that passes while its interval crosses the limit is a warning; groups under ${ctx.smallGroup} rows are small.` +
    (ctx.configFile ? ` Mapping and limits from ${ctx.configFile}.` : '')
  );
}

export interface HeadlineRow {
  key: string;
  title: string;
  cards: FairnessCard[];
}

/** The headline of every analysis (attributes, then intersections, as the report lists them). */
export function headlineRows(report: FairnessReport, ctx: FairnessContext): HeadlineRow[] {
  return Object.entries(report.analyses).map(([key, a]) => ({ key, title: analysisTitle(key, a), cards: fairnessCards(a, ctx.thresholds, ctx.smallGroup) }));
}

/** A card as text: "0.268 [0.218, 0.317]", or "n = 2". */
export function cardText(c: FairnessCard): string {
  if (c.value === null) return '—';
  if (c.key === 'smallest_group') return `n = ${c.value.toLocaleString('en-US')}`;
  return `${fmt(c.value)}${c.ci ? ` [${fmt(c.ci[0])}, ${fmt(c.ci[1])}]` : ''}`;
}

/** A card as a table cell with its grade. */
export function gradedText(c: FairnessCard): string {
  return `${cardText(c)}${c.status !== 'none' ? ` (${STATUS_WORD[c.status]})` : ''}`;
}
