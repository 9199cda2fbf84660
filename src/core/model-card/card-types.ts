/**
 * The model card's data: Hugging Face metadata (the README's YAML front matter, with the
 * model-index of structured results) and the inputs the generator prefills it from.
 */
import type { FairnessReport } from '../fairness/fairness-types';
import type { LintReport } from '../lint/report/lint-report';
import type { DatasetProfile } from '../profile/profile-types';
import type { RunRecord } from './card-run-record';
import type { SectionId } from './card-sections';

/** One metric of a model-index result (HF: type and value required). */
export interface ModelIndexMetric {
  type: string;
  value: number | string;
  name?: string;
  /**
   * HF: the metric configuration. Disaggregated metrics put their slice here as
   * `attribute=value` (several joined with `,`), fairness metrics the attribute(s) they compare.
   */
  config?: string;
  args?: Record<string, unknown>;
  verified?: boolean;
}

export interface ModelIndexResult {
  task: { type: string; name?: string };
  dataset: { type: string; name: string; config?: string; split?: string; revision?: string; args?: Record<string, unknown> };
  metrics: ModelIndexMetric[];
}

export interface ModelIndexEntry {
  name: string;
  results: ModelIndexResult[];
}

/** The YAML front matter of a Hugging Face model card, in the order the generator writes keys. */
export interface CardMetadata {
  language?: string | string[];
  license?: string;
  library_name?: string;
  tags?: string[];
  datasets?: string[];
  base_model?: string;
  pipeline_tag?: string;
  metrics?: string[];
  'model-index'?: ModelIndexEntry[];
}

/** Fairness metric name → the threshold beyond which a card must discuss it. */
export type FairnessThresholds = Record<string, number>;

/** What the workspace knows, each part optional: the generator fills in what it can. */
export interface CardInputs {
  /** The model's name (model-index name, title); defaults to the run id or the model folder. */
  modelName?: string;
  /** The trained model's folder, relative to where the card is written (How to Use). */
  modelDir?: string;
  /** File names in the model folder (detects the library: config.json, *.onnx, …). */
  modelFiles?: string[];
  run?: RunRecord;
  /** Profile of the training data (representativeness vs the reference). */
  profile?: DatasetProfile;
  /** `rml lint --format json` of the training data (the PII scan summary). */
  lintReport?: LintReport;
  fairness?: FairnessReport;
  /** Split of the data the fairness report was computed on (default: validation when it is the run's, else test). */
  fairnessSplit?: string;
  thresholds?: FairnessThresholds;
  license?: string;
  language?: string[];
}

/** A generated section: its canonical id, title and Markdown body (sub-headings included). */
export interface DraftSection {
  id: SectionId;
  title: string;
  body: string;
}

/** A card before rendering: metadata, title, summary line and sections. */
export interface CardDraft {
  metadata: CardMetadata;
  title: string;
  summary: string;
  sections: DraftSection[];
}
