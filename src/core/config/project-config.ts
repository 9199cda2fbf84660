import type { PiiEntity, Severity } from '../lint/finding';

export type EntitySeverity = Severity | 'off';

/** The shape of `responsible-ml.config.json` (see schemas/responsible-ml.config.schema.json). */
export interface ProjectConfig {
  datasetGlobs?: string[];
  exclude?: string[];
  failOn?: Severity;
  maxProblemsPerFile?: number;
  datasets?: DatasetSpec[];
  /** Severity per rule id; 'off' hides the rule. */
  rules?: Record<string, EntitySeverity>;
  bootstrap?: { resamples?: number; seed?: number; confidence?: number };
  pii?: {
    minScore?: number;
    phoneRegions?: string[];
    fields?: string[];
    entities?: Partial<Record<PiiEntity, { severity?: EntitySeverity }>>;
    /** The NER model for PERSON/LOCATION/ORGANIZATION (default on; off in Restricted Mode). */
    ner?: boolean;
  };
  /** Model card generation and lint. */
  modelCard?: {
    /** Fairlearn metric name → threshold (differences: above is beyond; ratios: below is). */
    fairnessThresholds?: Record<string, number>;
  };
  /** Fairness reports of prediction files: column mappings and grading limits. */
  fairness?: FairnessConfig;
}

/** A sensitive attribute: a column, or a column with a display name and bins. */
export type SensitiveAttributeSpec = string | { name?: string; column: string; bins?: number[] };

/** Reference population of one attribute. */
export interface ReferenceSpec {
  source?: string;
  proportions?: Record<string, number>;
  /** CSV with columns value,proportion, relative to the config file. */
  file?: string;
}

/** Settings for the datasets matched by `files`. */
export interface DatasetSpec {
  files: string | string[];
  textFields?: string[];
  labelField?: string;
  positiveLabel?: string | number | boolean;
  sensitive?: SensitiveAttributeSpec[];
  intersections?: string[][];
  splits?: Record<string, string>;
  reference?: Record<string, ReferenceSpec>;
  requiredFields?: string[];
  thresholds?: { smallCell?: number; pValue?: number; tvd?: number; imbalanceRatio?: number; labelRateGap?: number };
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
  thresholds: { smallCell: 30, pValue: 0.01, tvd: 0.1, imbalanceRatio: 10, labelRateGap: 0.1 },
  bootstrap: { resamples: 1000, seed: 42, confidence: 0.95 },
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

/** The `fairness` section: one remembered report setup per predictions file. */
export interface FairnessConfig {
  reports?: FairnessReportSpec[];
}

/** How a predictions file maps to a fairness report (keys as in the FairnessReport's `source`). */
export interface FairnessReportSpec {
  /** The predictions file, relative to the config file's folder. */
  file: string;
  y_true: string;
  y_pred?: string;
  score?: string;
  /** Decision threshold on `score` when there is no `y_pred`. */
  threshold?: number;
  sensitive: string[];
  intersections?: string[][];
  positive_label?: string | number | boolean;
  thresholds?: FairnessThresholds;
}

/** Limits the fairness headline is graded against. */
export interface FairnessThresholds {
  dp_ratio_min?: number;
  dp_difference_max?: number;
  eo_difference_max?: number;
  eopp_difference_max?: number;
}

/** Grading limits when the config sets none: the four-fifths rule and 0.1 differences. */
export const DEFAULT_FAIRNESS_THRESHOLDS: Required<FairnessThresholds> = {
  dp_ratio_min: 0.8,
  dp_difference_max: 0.1,
  eo_difference_max: 0.1,
  eopp_difference_max: 0.1,
};
