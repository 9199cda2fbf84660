/**
 * What to profile in one file: the sensitive attributes, their intersections, the label, the
 * reference populations, thresholds and bootstrap settings. Resolved from the DatasetSpec of the
 * project config whose `files` glob matches the file, then overridden by CLI flags.
 */
import { DEFAULT_CONFIG, type DatasetSpec, type ProjectConfig, type SensitiveAttributeSpec } from '../config/project-config';
import { checkBinEdges } from './bin-labels';

/** A sensitive attribute after normalisation: a display name, a column or JSON path, optional bins. */
export interface SensitiveAttribute {
  name: string;
  column: string;
  bins?: number[];
}

/** A reference population of one attribute: value → share (normalised when compared). */
export interface ReferencePopulation {
  source?: string;
  proportions: Record<string, number>;
}

export type ProfileThresholds = typeof DEFAULT_CONFIG.thresholds;
export type BootstrapSettings = typeof DEFAULT_CONFIG.bootstrap;

/** Everything `profileDataset` needs to know besides the file. */
export interface ProfileSpec {
  attributes: SensitiveAttribute[];
  /** Sets of attribute names to cross. */
  intersections: string[][];
  label?: string;
  positiveLabel?: string | number | boolean;
  /** Keyed by attribute name. */
  reference: Record<string, ReferencePopulation>;
  thresholds: ProfileThresholds;
  bootstrap: BootstrapSettings;
}

/** What the CLI (or the editor's quick pick) adds to or overrides in the configured spec. */
export interface ProfileOverrides {
  /** Added to the configured attributes; one with the same name replaces the configured one. */
  sensitive?: SensitiveAttributeSpec[];
  label?: string;
  positiveLabel?: string | number | boolean;
  /** Keyed by attribute name or column; replaces the configured reference of that attribute. */
  reference?: Record<string, ReferencePopulation>;
  intersections?: string[][];
  bootstrap?: Partial<BootstrapSettings>;
}

/** A spec the user wrote that cannot be used (unknown attribute in an intersection, bad bins). */
export class ProfileSpecError extends Error {}

/** Normalises `"age"` or `{column: "age", bins: […]}` to {name, column, bins}. */
export function normaliseAttribute(spec: SensitiveAttributeSpec): SensitiveAttribute {
  if (typeof spec === 'string') return { name: spec, column: spec };
  const attr: SensitiveAttribute = { name: spec.name ?? spec.column, column: spec.column };
  if (spec.bins) {
    const problem = checkBinEdges(spec.bins);
    if (problem) throw new ProfileSpecError(`sensitive attribute '${attr.name}': ${problem}`);
    attr.bins = [...spec.bins];
  }
  return attr;
}

/**
 * Combines the configured DatasetSpec (may be undefined), the config's bootstrap settings and
 * the overrides into a ProfileSpec. References given by file are read by the caller first
 * (see reference-population.ts) and passed in `references`. A reference for an attribute that
 * is not listed as sensitive adds that attribute: a reference says the column matters.
 */
export function resolveProfileSpec(args: {
  dataset?: DatasetSpec;
  config?: ProjectConfig;
  references?: Record<string, ReferencePopulation>;
  overrides?: ProfileOverrides;
}): ProfileSpec {
  const { dataset, config, overrides = {} } = args;
  const attributes: SensitiveAttribute[] = (dataset?.sensitive ?? []).map(normaliseAttribute);
  for (const extra of (overrides.sensitive ?? []).map(normaliseAttribute)) {
    const at = attributes.findIndex((a) => a.name === extra.name || (a.column === extra.column && !a.bins === !extra.bins));
    if (at >= 0) attributes[at] = extra;
    else attributes.push(extra);
  }

  const reference: Record<string, ReferencePopulation> = {};
  const attach = (key: string, pop: ReferencePopulation): void => {
    let attr = attributes.find((a) => a.name === key) ?? attributes.find((a) => a.column === key);
    if (!attr) {
      attr = { name: key, column: key };
      attributes.push(attr);
    }
    reference[attr.name] = pop;
  };
  for (const [key, pop] of Object.entries(args.references ?? {})) attach(key, pop);
  for (const [key, pop] of Object.entries(overrides.reference ?? {})) attach(key, pop);

  const names = new Set(attributes.map((a) => a.name));
  const configured = overrides.intersections ?? dataset?.intersections;
  for (const set of configured ?? []) {
    for (const n of set) if (!names.has(n)) throw new ProfileSpecError(`intersection [${set.join(', ')}] names '${n}', which is not a sensitive attribute (${[...names].join(', ') || 'none'})`);
  }
  // Without a configured list every pair is crossed: intersectional gaps are the point of the report.
  const intersections = configured ?? pairs(attributes.map((a) => a.name));

  return {
    attributes,
    intersections,
    label: overrides.label ?? dataset?.labelField,
    positiveLabel: overrides.positiveLabel ?? dataset?.positiveLabel,
    reference,
    thresholds: { ...DEFAULT_CONFIG.thresholds, ...definedOnly(dataset?.thresholds ?? {}) },
    bootstrap: { ...DEFAULT_CONFIG.bootstrap, ...definedOnly(config?.bootstrap ?? {}), ...definedOnly(overrides.bootstrap ?? {}) },
  };
}

function pairs(names: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) out.push([names[i]!, names[j]!]);
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
