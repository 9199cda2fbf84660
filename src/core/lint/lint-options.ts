import { DEFAULT_CONFIG, type EntitySeverity, type ProjectConfig } from '../config/project-config';
import { PII_ENTITIES, type PiiEntity, type Severity } from './finding';

/** Everything a lint run needs to know, resolved from defaults, editor settings and the config file. */
export interface LintOptions {
  minScore: number;
  phoneRegions: string[];
  /** Only these fields are scanned (JSON paths or CSV columns); all when undefined. */
  fields?: string[];
  entitySeverity: Record<PiiEntity, EntitySeverity>;
  /** Most findings kept per file; 0 keeps all. */
  maxProblems: number;
  failOn: Severity;
  /** Severity per rule id from `rules`; 'off' drops the rule's findings. */
  ruleSeverity?: Record<string, EntitySeverity>;
  /** Baseline check: true hides the finding. Receives the value so it can be hashed, never stored. */
  isSuppressed?: (entity: PiiEntity, field: string, value: string) => boolean;
}

/** Settings-like input, lowest precedence first: later layers override earlier ones. */
export type LintOptionLayer = ProjectConfig & { minScore?: number };

/** Merges option layers over the defaults (later layers win). */
export function resolveLintOptions(...layers: Array<LintOptionLayer | undefined>): LintOptions {
  const options: LintOptions = {
    minScore: DEFAULT_CONFIG.minScore,
    phoneRegions: [...DEFAULT_CONFIG.phoneRegions],
    entitySeverity: { ...DEFAULT_CONFIG.entitySeverity },
    maxProblems: DEFAULT_CONFIG.maxProblemsPerFile,
    failOn: DEFAULT_CONFIG.failOn,
  };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.minScore !== undefined) options.minScore = layer.minScore;
    if (layer.pii?.minScore !== undefined) options.minScore = layer.pii.minScore;
    if (layer.pii?.phoneRegions) options.phoneRegions = [...layer.pii.phoneRegions];
    if (layer.pii?.fields) options.fields = [...layer.pii.fields];
    if (layer.maxProblemsPerFile !== undefined) options.maxProblems = layer.maxProblemsPerFile;
    if (layer.failOn) options.failOn = layer.failOn;
    if (layer.rules) options.ruleSeverity = { ...options.ruleSeverity, ...layer.rules };
    for (const entity of PII_ENTITIES) {
      const s = layer.pii?.entities?.[entity]?.severity;
      if (s) options.entitySeverity[entity] = s;
    }
  }
  return options;
}
