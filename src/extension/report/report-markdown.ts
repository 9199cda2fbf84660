// "Export Markdown": the Dataset Report as readable Markdown tables. Pure (no vscode): the
// headline graded as on the page (report-headline.ts), the groups exactly as
// `rml profile --format md` renders them, then the integrity checks.
import { renderProfileMarkdown } from '../../core/profile/profile-markdown';
import type { DatasetProfile } from '../../core/profile/profile-types';
import type { ReportContext } from '../../protocol/dataset-report-protocol';
import { headlineCards } from './report-headline';

const num = (x: number | undefined, d = 3) => (x === undefined || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: d }));
const p = (x: number) => (x < 1e-4 ? x.toExponential(2) : x.toFixed(4));

/** Escapes a table cell: pipes and line breaks would break the row. */
function cell(s: string | number): string {
  return String(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(head: string[], rows: Array<Array<string | number>>, right: number[] = []): string {
  const align = head.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [head, align, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(cell)).join(' | ')} |`).join('\n');
}

/** The report as Markdown. */
export function reportMarkdown(profile: DatasetProfile, ctx: ReportContext): string {
  const out: string[] = [];
  out.push(`# Dataset Report: ${ctx.file}`, '');
  out.push(
    `Profiled ${ctx.generatedAt} · ${num(profile.rows, 0)} rows` +
      (profile.label ? ` · label \`${profile.label}\`${profile.positive_label !== undefined ? ` (positive: \`${profile.positive_label}\`)` : ''}` : '') +
      (ctx.configFile ? ` · settings from \`${ctx.configFile}\`` : ''),
    '',
  );
  if (ctx.sensitive.length === 0) {
    out.push('> **No sensitive attributes are configured for this dataset.** Run "Responsible ML: Configure Dataset…" to choose them; nothing is guessed.', '');
  }
  const t = ctx.thresholds;
  out.push('## Headline', '');
  out.push(
    table(
      ['Measure', 'Value', 'Status', 'Detail'],
      headlineCards(profile, t).map((c) => [c.label, c.value === null ? '—' : c.key === 'p_value' ? p(c.value) : num(c.value), c.status === 'none' ? '' : c.status, c.detail]),
    ),
    '',
  );

  // Attributes, intersections and label rates as `rml profile --format md` writes them.
  const body = renderProfileMarkdown(profile).split('\n');
  out.push(...body.slice(body[0]?.startsWith('# ') ? 1 : 0), '');

  const ig = profile.integrity;
  if (ig && !body.some((l) => l.startsWith('## Integrity'))) {
    out.push('## Integrity', '');
    out.push(
      table(
        ['Check', 'Count'],
        [
          ['Exact duplicates', ig.duplicates.exact],
          ['Normalised duplicates', ig.duplicates.normalised],
          ['Conflicting labels', ig.conflicting_labels.count],
          ['Train/test leakage', ig.leakage.count],
          ['Missing required fields', ig.missing_required.reduce((s, m) => s + m.count, 0)],
          ['Mixed types', ig.mixed_types.length],
          ['Constant columns', ig.constant_columns.length],
        ],
        [1],
      ),
      '',
    );
    const lines = (l: number[]) => l.slice(0, 20).join(', ') + (l.length > 20 ? ` (+${l.length - 20})` : '');
    if (ig.duplicates.groups.length) out.push('### Duplicates', '', table(['Kind', 'Rows', 'Lines'], ig.duplicates.groups.map((g) => [g.kind, g.count, lines(g.lines)]), [1]), '');
    if (ig.conflicting_labels.groups.length) out.push('### Conflicting labels', '', table(['Labels', 'Lines'], ig.conflicting_labels.groups.map((g) => [g.labels.join(' / '), lines(g.lines)])), '');
    if (ig.leakage.pairs.length) out.push('### Leakage', '', table(['Split', 'Line', 'Other split', 'Twin'], ig.leakage.pairs.map((x) => [x.split, x.line, x.other_split, `${x.other_file}:${x.other_line}`])), '');
    const missing = ig.missing_required.filter((m) => m.count > 0);
    if (missing.length) out.push('### Missing required fields', '', table(['Field', 'Rows', 'Lines'], missing.map((m) => [m.field, m.count, lines(m.lines)]), [1]), '');
    if (ig.mixed_types.length) out.push('### Mixed types', '', table(['Column', 'Types'], ig.mixed_types.map((m) => [m.field, Object.entries(m.types).map(([k, v]) => `${k}: ${v}`).join(', ')])), '');
    if (ig.constant_columns.length) out.push('### Constant columns', '', ig.constant_columns.map((c) => `- \`${c}\``).join('\n'), '');
  }
  return out.join('\n');
}
