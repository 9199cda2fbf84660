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
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** Looks a rule up by id. */
export function ruleById(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}
