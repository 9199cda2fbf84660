// Sections about data: Training Data (with representativeness, the PII scan, integrity and the
// pre-training gate) and Evaluation Data. Text is prefilled from what the inputs say; a missing
// input leaves the placeholder for a person instead of a guess.
import type { LintReport } from '../lint/report/lint-report';
import type { DatasetProfile, IntegrityReport } from '../profile/profile-types';
import type { GateResult, RunDataFile } from './card-run-record';
import { PLACEHOLDER } from './card-sections';
import { fairnessSplit } from './card-model-index';
import { formatCount, formatNumber, formatShare, markdownTable } from './card-format';
import type { CardInputs } from './card-types';

function fileLines(file: RunDataFile, hash: string | undefined): string[] {
  const lines = [`- **File:** \`${file.file}\``];
  const fields = [
    file.text_field ? `text \`${file.text_field}\`` : '',
    file.label_field ? `label \`${file.label_field}\`` : '',
    file.sensitive_fields?.length ? `sensitive ${file.sensitive_fields.map((f) => `\`${f}\``).join(', ')}` : '',
  ].filter(Boolean);
  if (fields.length) lines.push(`- **Fields:** ${fields.join('; ')}`);
  if (hash) lines.push(`- **sha256:** \`${hash}\``);
  return lines;
}

/**
 * Group shares against the reference, one table per attribute. Attributes are labelled in bold,
 * not with headings: a column called "metrics" must not read as the card's Metrics section.
 */
export function representativeness(profile: DatasetProfile): string[] {
  const out: string[] = [];
  for (const [name, attr] of Object.entries(profile.attributes)) {
    out.push(`**\`${name}\`**${attr.column !== name ? ` (column \`${attr.column}\`)` : ''}`, '');
    const under = new Map((attr.reference?.under_represented ?? []).map((u) => [u.value, u]));
    const hasRef = attr.groups.some((g) => g.expected_share !== undefined);
    const header = ['Group', 'Rows', 'Share', ...(hasRef ? ['Reference'] : []), 'Note'];
    const rows = attr.groups.map((g) => {
      const notes = [
        under.has(g.value) ? `under-represented (${formatCount(under.get(g.value)!.shortfall)} rows short)` : '',
        g.small ? 'small group' : '',
      ].filter(Boolean);
      return [g.value, formatCount(g.count), formatShare(g.share), ...(hasRef ? [formatShare(g.expected_share)] : []), notes.join('; ')];
    });
    out.push(markdownTable(header, rows, ['l', 'r', 'r', ...(hasRef ? ['r' as const] : []), 'l']), '');
    const ref = attr.reference;
    if (ref) {
      const p = ref.chi2.p_value;
      out.push(
        `Against ${ref.source ? `the reference (${ref.source})` : 'the reference'}: χ² = ${formatNumber(ref.chi2.statistic, 2)} with ${ref.chi2.dof} degrees of freedom (p ${p < 0.001 ? '< 0.001' : `= ${formatNumber(p, 3)}`}), total variation distance ${formatNumber(ref.tvd)}.`,
        '',
      );
    } else {
      out.push('No reference population was given for this attribute, so its shares are not judged.', '');
    }
  }
  return out;
}

/** One line per PII entity found by the scan; values are never shown. */
export function piiSummary(report: LintReport): string {
  const total = Object.values(report.summary.byEntity).reduce((a, b) => a + (b ?? 0), 0);
  const files = report.files.length;
  if (total === 0) return `The PII scan of ${formatCount(report.summary.records)} records in ${files} file${files === 1 ? '' : 's'} found no personal data or secrets.`;
  const parts = Object.entries(report.summary.byEntity)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([e, n]) => `${e} ${formatCount(n ?? 0)}`);
  return `The PII scan of ${formatCount(report.summary.records)} records in ${files} file${files === 1 ? '' : 's'} found ${formatCount(total)} values that look like personal data or secrets (${parts.join(', ')}). The card does not repeat any of them.`;
}

/** Integrity counts as a short list. */
export function integritySummary(i: IntegrityReport): string[] {
  const missing = i.missing_required.filter((m) => m.count > 0);
  return [
    `- **Duplicates:** ${formatCount(i.duplicates.exact)} exact, ${formatCount(i.duplicates.normalised)} after normalising case and punctuation`,
    `- **Texts with conflicting labels:** ${formatCount(i.conflicting_labels.count)}`,
    `- **Records leaked into other splits:** ${formatCount(i.leakage.count)}`,
    `- **Missing required fields:** ${missing.length ? missing.map((m) => `\`${m.field}\` ${formatCount(m.count)}`).join(', ') : 'none'}`,
    ...(i.mixed_types.length ? [`- **Mixed types:** ${i.mixed_types.map((m) => `\`${m.field}\``).join(', ')}`] : []),
    ...(i.constant_columns.length ? [`- **Constant columns:** ${i.constant_columns.map((c) => `\`${c}\``).join(', ')}`] : []),
  ];
}

/** The pre-training gate: each check's status, and the recorded justification of an override. */
export function gateSummary(gate: GateResult): string[] {
  const out = [
    gate.passed
      ? 'The pre-training gate passed.'
      : gate.overridden
        ? 'The pre-training gate **failed** and training went ahead on a recorded justification.'
        : 'The pre-training gate **failed**.',
    '',
  ];
  if (gate.checks.length) {
    out.push(markdownTable(['Check', 'Status', 'Findings', 'Message'], gate.checks.map((c) => [`\`${c.id}\``, c.status, c.count === undefined ? '' : formatCount(c.count), c.message])), '');
  }
  if (gate.justification) {
    const who = [gate.justification.by, gate.justification.at].filter(Boolean).join(', ');
    out.push(`Justification${who ? ` (${who})` : ''}:`, '', ...gate.justification.text.split(/\r?\n/).map((l) => `> ${l}`), '');
  }
  if (gate.notes?.length) out.push('Not checked:', '', ...gate.notes.map((n) => `- ${n}`), '');
  return out;
}

/** Training Data: the file and its hash, representativeness, PII, integrity and the gate. */
export function trainingDataBody(inputs: CardInputs, depth: number): string {
  const { run, profile, lintReport } = inputs;
  const out: string[] = [];
  if (run) out.push(...fileLines(run.spec.train, run.dataset_hashes[run.spec.train.file]));
  else if (profile) out.push(`- **File:** \`${profile.file}\``);
  if (profile) out.push(`- **Rows:** ${formatCount(profile.rows)}${profile.label ? ` (label \`${profile.label}\`${profile.positive_label !== undefined ? `, positive \`${profile.positive_label}\`` : ''})` : ''}`);
  if (out.length === 0) out.push(PLACEHOLDER);
  out.push('');
  const sub = '#'.repeat(depth + 1);
  if (profile && Object.keys(profile.attributes).length) {
    out.push(`${sub} Representativeness`, '', 'Group shares of the sensitive attributes in the training data, against the reference population where one was given.', '');
    out.push(...representativeness(profile));
  }
  if (lintReport) out.push(`${sub} Personal data`, '', piiSummary(lintReport), '');
  if (profile?.integrity) out.push(`${sub} Integrity`, '', ...integritySummary(profile.integrity), '');
  if (run?.gate) out.push(`${sub} Pre-training gate`, '', ...gateSummary(run.gate));
  return out.join('\n');
}

/** Evaluation Data: the file the fairness report (or the run's validation) used. */
export function evaluationDataBody(inputs: CardInputs): string {
  const { run, fairness } = inputs;
  const out: string[] = [];
  if (fairness) {
    const src = fairness.source;
    const file = src?.file;
    out.push(`- **File:** ${file ? `\`${file}\`` : 'not recorded in the fairness report'} (split: ${fairnessSplit(inputs)})`);
    const hash = file ? run?.dataset_hashes[file] : undefined;
    if (hash) out.push(`- **sha256:** \`${hash}\``);
    out.push(`- **Rows:** ${formatCount(fairness.rows)}`);
    if (src) {
      const cols = [`labels \`${src.y_true}\``, src.y_pred ? `predictions \`${src.y_pred}\`` : '', src.score ? `scores \`${src.score}\`${src.threshold !== undefined ? ` (threshold ${src.threshold})` : ''}` : ''].filter(Boolean);
      out.push(`- **Columns:** ${cols.join(', ')}${src.positive_label !== undefined ? `; positive label \`${src.positive_label}\`` : ''}`);
    }
    if (fairness.warnings.length) out.push('', 'Warnings from the evaluation:', '', ...fairness.warnings.map((w) => `- ${w}`));
  } else if (run?.spec.validation) {
    out.push(...fileLines(run.spec.validation, run.dataset_hashes[run.spec.validation.file]), '- **Split:** validation');
  } else {
    out.push(PLACEHOLDER);
  }
  return out.join('\n') + '\n';
}
