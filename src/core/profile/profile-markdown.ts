/**
 * The profile as readable Markdown (`rml profile --format md`): one table per attribute and
 * intersection, the reference statistics, findings and warnings.
 */
import type { Finding } from '../lint/finding';
import type { AttributeProfile, DatasetProfile, GroupProfile, Interval } from './profile-types';

const pct = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`);
const ci = (c: Interval | undefined): string => (c ? `${(c[0] * 100).toFixed(1)}–${(c[1] * 100).toFixed(1)}%` : '—');
const int = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));
const num = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : '∞');
const pv = (p: number): string => (p === 0 ? '< 1e-300' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4));

function cell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(head: string[], rows: string[][], rightFrom = 1): string[] {
  const align = head.map((_, i) => (i >= rightFrom ? '---:' : '---'));
  return [head, align, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(cell)).join(' | ')} |`);
}

function groupRows(groups: GroupProfile[], withRef: boolean, withLabel: boolean, withRate: boolean): { head: string[]; rows: string[][] } {
  const head = ['Group', 'Rows', 'Share', 'Share CI'];
  if (withRef) head.push('Reference', 'Expected rows', 'Share compared');
  if (withRate) head.push('Label rate', 'Label rate CI');
  if (withLabel) head.push('Label missing');
  const rows = groups.map((g) => {
    const r = [g.value + (g.small ? ' ⚠' : ''), int(g.count), pct(g.share), ci(g.share_ci)];
    if (withRef) r.push(pct(g.expected_share), int(g.expected_count), pct(g.compared_share));
    if (withRate) r.push(pct(g.label_rate), ci(g.label_rate_ci));
    if (withLabel) r.push(pct(g.missing_rate));
    return r;
  });
  return { head, rows };
}

function attributeSection(name: string, attr: AttributeProfile, profile: DatasetProfile): string[] {
  const out = [`## ${name}${attr.column !== name ? ` (\`${attr.column}\`)` : ''}`, ''];
  const withLabel = profile.label !== undefined;
  const withRate = attr.groups.some((g) => g.label_rate !== undefined);
  const { head, rows } = groupRows(attr.groups, attr.reference !== undefined, withLabel, withRate);
  out.push(...table(head, rows), '');
  const facts = [`imbalance ratio ${num(attr.imbalance_ratio, 1)}`, `missing ${int(attr.missing)}`];
  if (attr.label_rate_gap !== undefined) facts.push(`label-rate gap ${(attr.label_rate_gap * 100).toFixed(1)} points`);
  out.push(facts.join(' · '), '');
  const ref = attr.reference;
  if (ref) {
    out.push(
      `Reference${ref.source ? ` (${ref.source})` : ''}: χ² ${num(ref.chi2.statistic, 2)} (dof ${ref.chi2.dof}, p ${pv(ref.chi2.p_value)}) · ` +
        `TVD ${num(ref.tvd)} · KL ${num(ref.kl, 4)} · JS distance ${num(ref.js, 4)} · ${int(ref.compared_rows)} rows compared`,
      '',
    );
    const pooled = (ref.categories ?? []).filter((c) => c.pooled);
    for (const c of pooled) out.push(`Pooled into "${c.value}": ${c.pooled!.join(', ')}.`, '');
    if (ref.excluded?.length) out.push(`Left out (not in the reference): ${ref.excluded.map((e) => `${e.value} (${int(e.count)})`).join(', ')}.`, '');
    if (ref.under_represented.length > 0) {
      out.push('Under the reference (observed vs expected rows):', '');
      for (const u of ref.under_represented) out.push(`- ${u.value}: ${int(u.observed)} vs ${int(u.expected)} — ${int(u.shortfall)} short`);
      out.push('');
    }
  }
  return out;
}

/** Renders the profile (and the findings computed from it) as Markdown. */
export function renderProfileMarkdown(profile: DatasetProfile, findings: Finding[] = []): string {
  const out = [`# Dataset profile: ${profile.file}`, ''];
  const head = [`${int(profile.rows)} rows`];
  if (profile.label) head.push(`label \`${profile.label}\`${profile.positive_label !== undefined ? ` (positive: ${profile.positive_label})` : ''}`);
  if (profile.bootstrap) head.push(`intervals: ${Math.round(profile.bootstrap.confidence * 100)}% percentile bootstrap, ${profile.bootstrap.resamples} resamples, seed ${profile.bootstrap.seed}`);
  out.push(head.join(' · '), '');
  for (const [name, attr] of Object.entries(profile.attributes)) out.push(...attributeSection(name, attr, profile));
  const inter = Object.values(profile.intersections);
  if (inter.length > 0) {
    out.push('## Intersections', '');
    for (const x of inter) {
      out.push(`### ${x.attributes.join(' × ')}`, '');
      const withRate = x.groups.some((g) => g.label_rate !== undefined);
      const { head: h, rows } = groupRows(x.groups, false, profile.label !== undefined, withRate);
      out.push(...table(['Cell', ...h.slice(1)], rows), '');
    }
  }
  if (findings.length > 0) {
    out.push('## Findings', '');
    for (const f of findings) out.push(`- **${f.severity}** \`${f.ruleId}\`: ${f.message}`);
    out.push('');
  }
  if (profile.warnings.length > 0) {
    out.push('## Warnings', '');
    for (const w of profile.warnings) out.push(`- ${w}`);
    out.push('');
  }
  out.push('⚠ marks groups smaller than the small-cell threshold.');
  return out.join('\n');
}
