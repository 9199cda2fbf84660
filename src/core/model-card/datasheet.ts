import { stringify } from 'yaml';
import type { LintReport } from '../lint/report/lint-report';
import type { DatasetProfile, IntegrityReport } from '../profile/profile-types';
import { PLACEHOLDER } from './card-sections';
import { integritySummary, piiSummary, representativeness } from './card-body-data';
import { fileStem, formatCount, formatNumber, formatShare, markdownTable } from './card-format';

/** What the datasheet is prefilled from; only the file is required. */
export interface DatasheetInputs {
  /** The dataset as the user named it (relative path). */
  file: string;
  /** sha256 of the file's bytes. */
  sha256?: string;
  /** Bytes on disk. */
  bytes?: number;
  profile?: DatasetProfile;
  /** Integrity checks, when they ran without a profile (no sensitive attributes configured). */
  integrity?: IntegrityReport;
  lintReport?: LintReport;
}

/** The sections of Gebru et al. (2021), "Datasheets for Datasets". */
export const DATASHEET_SECTIONS = ['Motivation', 'Composition', 'Collection Process', 'Preprocessing, Cleaning and Labelling', 'Uses', 'Distribution', 'Maintenance'] as const;

/** A question of the datasheet a person must answer, with the placeholder under it. */
function ask(question: string): string {
  return `**${question}**\n\n${PLACEHOLDER}\n`;
}

/** Hugging Face dataset card size category for a row count. */
export function sizeCategory(rows: number): string {
  const bounds: Array<[number, string]> = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
    [1e8, '10M<n<100M'],
    [1e9, '100M<n<1B'],
  ];
  return bounds.find(([b]) => rows < b)?.[1] ?? 'n>1B';
}

function rowsOf(inputs: DatasheetInputs): number | undefined {
  return inputs.profile?.rows ?? inputs.integrity?.rows ?? inputs.lintReport?.files.find((f) => f.path === inputs.file)?.records ?? inputs.lintReport?.summary.records;
}

function composition(inputs: DatasheetInputs): string[] {
  const { profile } = inputs;
  const rows = rowsOf(inputs);
  const out = [
    `- **File:** \`${inputs.file}\`${profile?.format ? ` (${profile.format})` : ''}`,
    ...(rows !== undefined ? [`- **Instances:** ${formatCount(rows)} records`] : []),
    ...(inputs.bytes !== undefined ? [`- **Size:** ${formatCount(inputs.bytes)} bytes`] : []),
    ...(inputs.sha256 ? [`- **sha256:** \`${inputs.sha256}\``] : []),
    '',
    ask('What do the instances represent (people, documents, transactions…), and is this all of them or a sample? If a sample, of what, and how was it drawn?'),
  ];
  if (profile?.label) {
    const counts = Object.entries(profile.label_counts ?? {}).sort((a, b) => b[1] - a[1]);
    out.push(`**Labels.** Each record carries the label \`${profile.label}\`${profile.positive_label !== undefined ? ` (positive value \`${profile.positive_label}\`)` : ''}.`, '');
    if (counts.length) out.push(markdownTable(['Label', 'Records', 'Share'], counts.map(([v, n]) => [v, formatCount(n), formatShare(n / profile.rows)]), ['l', 'r', 'r']), '');
    if (profile.label_missing) out.push(`${formatCount(profile.label_missing)} records have no label.`, '');
  }
  if (profile && Object.keys(profile.attributes).length) {
    out.push('**Who is in the data.** Group shares of the sensitive attributes, against a reference population where one is configured:', '', ...representativeness(profile));
    const missing = Object.entries(profile.attributes).filter(([, a]) => a.missing > 0);
    if (missing.length) out.push(`Missing values: ${missing.map(([n, a]) => `\`${n}\` ${formatCount(a.missing)}`).join(', ')}.`, '');
    const gaps = Object.entries(profile.attributes).filter(([, a]) => a.label_rate_gap !== undefined);
    if (gaps.length) out.push(`Label-rate gap between groups (largest minus smallest positive rate): ${gaps.map(([n, a]) => `\`${n}\` ${formatNumber(a.label_rate_gap)}`).join(', ')}.`, '');
  } else {
    out.push('No sensitive attributes are configured for this dataset (`datasets[].sensitive` in `responsible-ml.config.json`), so who it represents was not measured.', '');
  }
  out.push('**Personal and confidential data.**', '');
  out.push(inputs.lintReport ? piiSummary(inputs.lintReport) : 'No PII scan was run for this datasheet.', '');
  out.push(ask('Does the dataset contain data that might be considered confidential or sensitive beyond what the scan recognises (health, beliefs, criminal records…)? Can individuals be identified, directly or in combination?'));
  const integrity = profile?.integrity ?? inputs.integrity;
  out.push('**Errors, noise and redundancy.**', '');
  if (integrity) out.push(...integritySummary(integrity), '');
  else out.push('The integrity checks did not run for this datasheet.', '');
  return out;
}

/**
 * A datasheet for a dataset (Gebru et al.): Motivation, Composition, Collection Process,
 * Preprocessing/Cleaning/Labelling, Uses, Distribution, Maintenance. Composition is prefilled
 * from the profile, the integrity checks and the PII scan; questions only the dataset's creators
 * can answer hold the placeholder `[More Information Needed]`.
 */
export function generateDatasheet(inputs: DatasheetInputs): string {
  const rows = rowsOf(inputs);
  const meta: Record<string, unknown> = { pretty_name: fileStem(inputs.file) };
  if (rows !== undefined) meta.size_categories = [sizeCategory(rows)];
  meta.license = PLACEHOLDER;
  const integrity = inputs.profile?.integrity ?? inputs.integrity;
  const under = Object.entries(inputs.profile?.attributes ?? {}).flatMap(([n, a]) => (a.reference?.under_represented ?? []).map((u) => `\`${u.value}\` (${n})`));
  const parts = [
    `---\n${stringify(meta, { lineWidth: 0, indentSeq: true })}---`,
    '',
    `# Datasheet for ${fileStem(inputs.file)}`,
    '',
    `Questions after Gebru et al. (2021), *Datasheets for Datasets*. Generated by Responsible ML from the dataset profile, the integrity checks and the PII scan; the answers still marked "More Information Needed" need the people who made the dataset.`,
    '',
    '## Motivation',
    '',
    ask('For what purpose was the dataset created? Was there a specific task in mind, or a gap to fill?'),
    ask('Who created the dataset, on behalf of which entity, and who funded it?'),
    '## Composition',
    '',
    ...composition(inputs),
    '## Collection Process',
    '',
    ask('How was the data acquired (observed, reported by people, derived, scraped), over what time frame, and by whom?'),
    ask('Were the people the data is about told, and did they consent? How can consent be revoked?'),
    '## Preprocessing, Cleaning and Labelling',
    '',
    ...(integrity ? [`The integrity checks above found ${formatCount(integrity.duplicates.exact + integrity.duplicates.normalised)} duplicate records and ${formatCount(integrity.conflicting_labels.count)} texts with conflicting labels${integrity.leakage.count ? `, and ${formatCount(integrity.leakage.count)} records shared with another split` : ''}.`, ''] : []),
    ask('What preprocessing, cleaning or labelling was done (removing instances, tokenising, bucketing…)? Who labelled, with what instructions, and how was agreement checked?'),
    ask('Is the raw data kept next to the processed data?'),
    '## Uses',
    '',
    ...(under.length ? [`Groups under-represented against the reference: ${under.join(', ')}. Models trained on this data may serve these groups less well; say so in their model cards.`, ''] : []),
    ask('What tasks has the dataset been used for, and what should it not be used for?'),
    '## Distribution',
    '',
    ask('Will the dataset be shared outside its owners? Under which license or terms of use (set `license` above to its SPDX id)?'),
    '## Maintenance',
    '',
    ask('Who maintains the dataset and how can they be contacted? Will it be updated, and how will users learn of errors or changes?'),
  ];
  return parts.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n');
}
