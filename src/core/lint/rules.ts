import { DEFAULT_CONFIG } from '../config/project-config';
import type { PiiEntity, Severity } from './finding';

/** A lint rule as documented in docs/rules/<id>.md and listed in SARIF. */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  defaultSeverity: Severity;
  entity?: PiiEntity;
  tags: string[];
}

const PII_DESCRIPTIONS: Record<PiiEntity, [string, string]> = {
  EMAIL: ['Email address', 'An email address identifies a person directly.'],
  PHONE: ['Phone number', 'A phone number identifies and reaches a person.'],
  CREDIT_CARD: ['Payment card number', 'A Luhn-valid payment card number with a known issuer prefix.'],
  IBAN: ['Bank account (IBAN)', 'An IBAN with a valid mod-97 checksum.'],
  US_SSN: ['US Social Security number', 'A US SSN in a valid area/group/serial range.'],
  IP_ADDRESS: ['IP address', 'An IPv4 or IPv6 address, which can identify a person or their device.'],
  URL: ['URL', 'A URL, which may point at a person or carry identifiers; credentials in it are reported as SECRET too.'],
  DATE_OF_BIRTH: ['Date of birth', 'A date next to birth/DOB context or in a date-of-birth column.'],
  SECRET: ['Secret or credential', 'A private key, access token, API key, JWT or a high-entropy string next to key/token/password words.'],
  PERSON: ["Person's name", 'A personal name.'],
  LOCATION: ['Location or address', 'A street address, city or other place tied to a person.'],
  ORGANIZATION: ['Organization', 'The name of an organization, which can narrow down who a person is.'],
};

/** The rule id of a PII entity, e.g. EMAIL → pii-email, US_SSN → pii-us-ssn. */
export function piiRuleId(entity: PiiEntity): string {
  return `pii-${entity.toLowerCase().replace(/_/g, '-')}`;
}

function piiDefaultSeverity(entity: PiiEntity): Severity {
  const s = DEFAULT_CONFIG.entitySeverity[entity];
  return s === 'off' ? 'hint' : s;
}

export const RULES: RuleInfo[] = [
  ...(Object.keys(PII_DESCRIPTIONS) as PiiEntity[]).map((entity) => ({
    id: piiRuleId(entity),
    title: PII_DESCRIPTIONS[entity][0],
    description: PII_DESCRIPTIONS[entity][1],
    defaultSeverity: piiDefaultSeverity(entity),
    entity,
    tags: ['pii', 'privacy'],
  })),
  {
    id: 'malformed-record',
    title: 'Malformed record',
    description: 'A line that is not valid JSON, or a CSV row whose cell count differs from the header. The rest of the file is still scanned.',
    defaultSeverity: 'error',
    tags: ['integrity'],
  },
  {
    id: 'unreadable-file',
    title: 'Unreadable file',
    description: 'A binary file, a file that is not valid UTF-8, or a file that could not be read.',
    defaultSeverity: 'error',
    tags: ['integrity'],
  },
  {
    id: 'too-many-problems',
    title: 'More problems than shown',
    description: 'The file has more findings than responsibleMl.maxProblemsPerFile allows to show; this one says how many more.',
    defaultSeverity: 'info',
    tags: ['meta'],
  },
  {
    id: 'duplicate-text',
    title: 'Duplicate text',
    description: 'A record whose text repeats an earlier one, exactly or after folding case, punctuation and whitespace; related information points at the first occurrence.',
    defaultSeverity: 'warning',
    tags: ['integrity'],
  },
  {
    id: 'conflicting-labels',
    title: 'Conflicting labels',
    description: 'The same (normalised) text carries different labels in different records.',
    defaultSeverity: 'warning',
    tags: ['integrity'],
  },
  {
    id: 'split-leakage',
    title: 'Split leakage',
    description: 'The same (normalised) text is in two splits, e.g. train and test; related information points at the file and line in the other split.',
    defaultSeverity: 'error',
    tags: ['integrity'],
  },
  {
    id: 'missing-required-field',
    title: 'Missing required field',
    description: 'A record lacks a field listed in requiredFields (or the label field), or has it empty or null.',
    defaultSeverity: 'warning',
    tags: ['integrity'],
  },
  {
    id: 'mixed-types',
    title: 'Mixed types in a column',
    description: 'A column holds numbers in some records and text (or booleans) in others, each kind in at least 1% of its values.',
    defaultSeverity: 'info',
    tags: ['integrity'],
  },
  {
    id: 'constant-column',
    title: 'Constant column',
    description: 'Every non-empty value of a column is the same, so it carries no information.',
    defaultSeverity: 'info',
    tags: ['integrity'],
  },
  {
    id: 'reference-mismatch',
    title: 'Differs from the reference population',
    description: "An attribute's group shares differ from its reference population both significantly (chi-square p below thresholds.pValue) and materially (total variation distance at least thresholds.tvd).",
    defaultSeverity: 'warning',
    tags: ['representativeness'],
  },
  {
    id: 'under-represented-group',
    title: 'Under-represented group',
    description: 'A group has less than 80% of the share the reference population implies, and its confidence interval lies wholly below that share; the message names the shortfall in rows.',
    defaultSeverity: 'warning',
    tags: ['representativeness'],
  },
  {
    id: 'small-group',
    title: 'Small group',
    description: 'Groups or intersectional cells with fewer rows than thresholds.smallCell (default 30): their shares and label rates are unreliable.',
    defaultSeverity: 'info',
    tags: ['representativeness'],
  },
  {
    id: 'group-imbalance',
    title: 'Group imbalance',
    description: 'The largest group of an attribute has at least thresholds.imbalanceRatio (default 10) times the rows of the smallest. Info when a reference population judges the attribute.',
    defaultSeverity: 'warning',
    tags: ['representativeness'],
  },
  {
    id: 'label-rate-gap',
    title: 'Label-rate gap between groups',
    description: 'The positive-label rate differs between groups by at least thresholds.labelRateGap (default 0.1): an early demographic-parity warning.',
    defaultSeverity: 'warning',
    tags: ['representativeness', 'fairness'],
  },
  {
    id: 'card-invalid-yaml',
    title: 'Invalid model card front matter',
    description: "The YAML front matter of a model card does not parse (reported at the parser's line and column), is never closed, or is not a mapping of keys to values.",
    defaultSeverity: 'error',
    tags: ['model-card'],
  },
  {
    id: 'card-model-index-schema',
    title: 'model-index does not follow the Hugging Face schema',
    description: 'The model-index of a model card lacks a required key (name, results, task.type, dataset.type/name, metrics[].type/value), has a key of the wrong type, or has a key the schema does not know.',
    defaultSeverity: 'error',
    tags: ['model-card'],
  },
  {
    id: 'card-missing-section',
    title: 'Model card section missing',
    description: 'A section of Mitchell et al. (2019) merged with the Hugging Face template is missing (matched by heading at any level, HF spellings included). The quick fix inserts its skeleton.',
    defaultSeverity: 'warning',
    tags: ['model-card'],
  },
  {
    id: 'card-placeholder',
    title: 'Placeholder left in a model card',
    description: 'Placeholder text a person must replace: [More Information Needed], TODO, TBD, FIXME, XXX or a {{template slot}} (outside code for all but the first).',
    defaultSeverity: 'warning',
    tags: ['model-card'],
  },
  {
    id: 'card-aggregate-only',
    title: 'Metrics only in aggregate',
    description: 'The model-index reports metrics but none per group (a metric config such as sex=female) and no fairness metric: readers cannot see for whom the model works less well.',
    defaultSeverity: 'warning',
    tags: ['model-card', 'fairness'],
  },
  {
    id: 'card-fairness-undiscussed',
    title: 'Fairness gap not discussed',
    description: 'A fairness metric in the model-index lies beyond its threshold (modelCard.fairnessThresholds) and no paragraph of Ethical Considerations outside placeholder text names the metric and the attribute.',
    defaultSeverity: 'warning',
    tags: ['model-card', 'fairness'],
  },
  {
    id: 'card-unknown-license',
    title: 'License not in the SPDX list',
    description: "The card's license is not an SPDX license id (compared without case, as the Hugging Face Hub writes them); 'other' is accepted with a license_name.",
    defaultSeverity: 'warning',
    tags: ['model-card'],
  },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** Looks a rule up by id. */
export function ruleById(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}
