/**
 * The sections of a model card: Mitchell et al. 2019 ("Model Cards for Model Reporting") merged
 * with the Hugging Face model card template, in the order the generator writes them. Headings of
 * existing cards are matched by title at any depth, with the HF template's spellings as aliases,
 * so a card written from the HF template is recognised without renaming anything.
 */

/** The placeholder the HF template uses for a field a person must fill in. */
export const PLACEHOLDER = '[More Information Needed]';

export const SECTION_IDS = [
  'model-details',
  'intended-use',
  'factors',
  'metrics',
  'evaluation-data',
  'training-data',
  'quantitative-analyses',
  'ethical-considerations',
  'caveats',
  'environmental-impact',
  'how-to-use',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface SectionInfo {
  id: SectionId;
  title: string;
  /** Normalised titles (see normaliseTitle) that count as this section. */
  aliases: string[];
  /** Shown in the skeleton a quick fix inserts, under the heading. */
  prompt: string;
}

export const SECTIONS: SectionInfo[] = [
  { id: 'model-details', title: 'Model Details', aliases: ['model details'], prompt: 'Who developed the model, when, which version and type, how it was trained, the license, and where to send questions.' },
  { id: 'intended-use', title: 'Intended Use', aliases: ['intended use', 'intended uses', 'uses', 'intended uses limitations', 'intended use limitations'], prompt: 'The uses the model was built for, its intended users, and the uses it is not fit for.' },
  { id: 'factors', title: 'Factors', aliases: ['factors', 'relevant factors', 'evaluation factors'], prompt: 'The groups, instruments and environments whose performance the card reports, and why.' },
  { id: 'metrics', title: 'Metrics', aliases: ['metrics', 'model performance measures', 'evaluation metrics'], prompt: 'Which metrics are reported, the decision thresholds, and how uncertainty was estimated.' },
  { id: 'evaluation-data', title: 'Evaluation Data', aliases: ['evaluation data', 'testing data', 'test data', 'testing data factors metrics'], prompt: 'The datasets the model was evaluated on, why they were chosen, and how they were preprocessed.' },
  { id: 'training-data', title: 'Training Data', aliases: ['training data', 'training dataset'], prompt: 'The data the model was trained on: where it came from, who it represents, and how it was checked.' },
  { id: 'quantitative-analyses', title: 'Quantitative Analyses', aliases: ['quantitative analyses', 'quantitative analysis', 'results', 'evaluation results'], prompt: 'Results overall, per group (unitary) and per intersection of groups, with their uncertainty.' },
  { id: 'ethical-considerations', title: 'Ethical Considerations', aliases: ['ethical considerations', 'bias risks and limitations', 'bias risks limitations', 'risks and limitations'], prompt: 'Sensitive data, risks and harms, fairness gaps and how they are mitigated.' },
  { id: 'caveats', title: 'Caveats and Recommendations', aliases: ['caveats and recommendations', 'caveats recommendations', 'caveats', 'recommendations'], prompt: 'Known limitations, and recommendations for whoever uses the model.' },
  { id: 'environmental-impact', title: 'Environmental Impact', aliases: ['environmental impact'], prompt: 'Hardware type, hours used, and the estimated emissions of training.' },
  { id: 'how-to-use', title: 'How to Use', aliases: ['how to use', 'how to get started with the model', 'how to get started', 'usage'], prompt: 'A short code snippet that loads the model and runs it.' },
];

const BY_ID = new Map(SECTIONS.map((s) => [s.id, s]));

/** The catalogue entry of a section. */
export function sectionInfo(id: SectionId): SectionInfo {
  return BY_ID.get(id)!;
}

/** A heading title reduced for matching: lower case, words only, no leading numbering. */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(\d+ )+/, '')
    .replace(/\s+/g, ' ');
}

/** The canonical section a heading title names, if any. */
export function sectionIdOf(title: string): SectionId | undefined {
  const t = normaliseTitle(title);
  for (const s of SECTIONS) if (s.aliases.includes(t) || s.aliases.includes(t.replace(/ and /g, ' '))) return s.id;
  return undefined;
}

/** Fields a person fills in; the editor's form edits exactly these. */
export type HumanFieldId =
  | 'license'
  | 'language'
  | 'developers'
  | 'contact'
  | 'primary-uses'
  | 'primary-users'
  | 'out-of-scope'
  | 'risks'
  | 'limitations'
  | 'recommendations';

export interface HumanFieldInfo {
  id: HumanFieldId;
  label: string;
  /** Help shown under the field. */
  help: string;
  /** Front matter key, or a sub-heading of a section. */
  where: { kind: 'front-matter'; key: string } | { kind: 'heading'; section: SectionId; title: string; aliases: string[] };
  multiline: boolean;
}

export const HUMAN_FIELDS: HumanFieldInfo[] = [
  { id: 'license', label: 'License', help: 'An SPDX license id, e.g. apache-2.0 or mit.', where: { kind: 'front-matter', key: 'license' }, multiline: false },
  { id: 'language', label: 'Languages', help: 'ISO 639-1 codes of the languages the model handles, comma-separated (e.g. en, fr).', where: { kind: 'front-matter', key: 'language' }, multiline: false },
  { id: 'developers', label: 'Developed by', help: 'The people or organisation who built the model.', where: { kind: 'heading', section: 'model-details', title: 'Developed by', aliases: ['developed by', 'developers', 'model developers'] }, multiline: true },
  { id: 'contact', label: 'Contact', help: 'Where to send questions or comments about the model.', where: { kind: 'heading', section: 'model-details', title: 'Contact', aliases: ['contact', 'model card contact'] }, multiline: true },
  { id: 'primary-uses', label: 'Primary intended uses', help: 'What the model is for.', where: { kind: 'heading', section: 'intended-use', title: 'Primary intended uses', aliases: ['primary intended uses', 'direct use'] }, multiline: true },
  { id: 'primary-users', label: 'Primary intended users', help: 'Who the model is for.', where: { kind: 'heading', section: 'intended-use', title: 'Primary intended users', aliases: ['primary intended users'] }, multiline: true },
  { id: 'out-of-scope', label: 'Out-of-scope uses', help: 'Uses the model is not fit for, or must not be put to.', where: { kind: 'heading', section: 'intended-use', title: 'Out-of-scope uses', aliases: ['out of scope uses', 'out of scope use'] }, multiline: true },
  { id: 'risks', label: 'Risks and mitigations', help: 'Harms the model could cause, to whom, and what was done about them.', where: { kind: 'heading', section: 'ethical-considerations', title: 'Risks and mitigations', aliases: ['risks and mitigations', 'risks'] }, multiline: true },
  { id: 'limitations', label: 'Limitations', help: 'Known technical limitations: data or conditions where the model performs poorly.', where: { kind: 'heading', section: 'caveats', title: 'Limitations', aliases: ['limitations', 'known limitations'] }, multiline: true },
  { id: 'recommendations', label: 'Recommendations', help: 'What users of the model should do, or avoid.', where: { kind: 'heading', section: 'caveats', title: 'Recommendations', aliases: ['recommendations'] }, multiline: true },
];

/** The catalogue entry of a human field. */
export function humanField(id: HumanFieldId): HumanFieldInfo {
  return HUMAN_FIELDS.find((f) => f.id === id)!;
}

/** Human-field sub-headings of a section, in the order the generator writes them. */
export function headingFieldsOf(section: SectionId): HumanFieldInfo[] {
  return HUMAN_FIELDS.filter((f) => f.where.kind === 'heading' && f.where.section === section);
}
