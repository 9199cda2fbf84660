import type { PiiEntity, Severity } from '../lint/finding';

export type EntitySeverity = Severity | 'off';

/** The shape of `responsible-ml.config.json` (see schemas/responsible-ml.config.schema.json). */
export interface ProjectConfig {
  datasetGlobs?: string[];
  exclude?: string[];
  failOn?: Severity;
  maxProblemsPerFile?: number;
  pii?: {
    minScore?: number;
    phoneRegions?: string[];
    fields?: string[];
    entities?: Partial<Record<PiiEntity, { severity?: EntitySeverity }>>;
  };
}

export const CONFIG_FILE_NAME = 'responsible-ml.config.json';

/** Defaults applied when neither the config file nor the editor settings say otherwise. */
export const DEFAULT_CONFIG = {
  datasetGlobs: ['**/*.{jsonl,csv,tsv,parquet}'],
  exclude: [] as string[],
  failOn: 'error' as Severity,
  maxProblemsPerFile: 1000,
  minScore: 0.5,
  phoneRegions: ['US', 'GB', 'DE', 'FR', 'IN'],
  entitySeverity: {
    EMAIL: 'warning',
    PHONE: 'warning',
    CREDIT_CARD: 'error',
    IBAN: 'error',
    US_SSN: 'error',
    IP_ADDRESS: 'info',
    URL: 'info',
    DATE_OF_BIRTH: 'warning',
    SECRET: 'error',
    PERSON: 'warning',
    LOCATION: 'info',
    ORGANIZATION: 'hint',
  } as Record<PiiEntity, EntitySeverity>,
};
