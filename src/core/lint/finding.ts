/** Severity of a finding, in the order users configure failure thresholds. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** The PII entity names, spelled exactly as in the docs, SARIF and JSON output. */
export const PII_ENTITIES = [
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'IBAN',
  'US_SSN',
  'IP_ADDRESS',
  'URL',
  'DATE_OF_BIRTH',
  'SECRET',
  'PERSON',
  'LOCATION',
  'ORGANIZATION',
] as const;
export type PiiEntity = (typeof PII_ENTITIES)[number];

/** A 1-based line/column range of exact source characters (columns count UTF-16 code units). */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * One problem found in a dataset file. Value findings point at exact characters of one field of
 * one record; column findings sit on a CSV header cell / JSON key and carry a count.
 */
export interface Finding extends SourceRange {
  ruleId: string;
  entity?: PiiEntity;
  severity: Severity;
  /** Confidence 0–1 (1 for structural problems such as malformed lines). */
  score: number;
  scope: 'value' | 'column' | 'file' | 'record' | 'dataset';
  message: string;
  /** 0-based record index (value/record findings). */
  record?: number;
  /** Field path, e.g. `messages[2].content` or a CSV column name. */
  field?: string;
  /** UTF-16 offsets inside the decoded field value (value findings). */
  start?: number;
  end?: number;
  /** The value masked for display; never the value in clear. */
  masked?: string;
  /** Number of values behind a column finding. */
  count?: number;
  /** Other places that belong to this finding (the twin of a duplicate, the test-split copy). */
  related?: Array<{ path: string; line: number; column: number; endLine?: number; endColumn?: number; message: string }>;
  /** CSV/TSV: the value sits in a quoted field (fixes escape replacements accordingly). Not printed. */
  quotedField?: boolean;
}
