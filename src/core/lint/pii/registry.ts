import type { PiiEntity } from '../finding';
import type { ModelRecognizer } from './model-recognizer';
import { resolveOverlaps } from './overlaps';
import { NO_MATCHES, type PiiMatch, type Recognizer, type RecognizerContext } from './recognizer';
import { creditCardRecognizer } from './recognizers/credit-card';
import { dateOfBirthRecognizer } from './recognizers/date-of-birth';
import { emailRecognizer } from './recognizers/email';
import { ibanRecognizer } from './recognizers/iban';
import { ipAddressRecognizer } from './recognizers/ip-address';
import { createPhoneRecognizer, DEFAULT_PHONE_REGIONS } from './recognizers/phone';
import { secretRecognizer } from './recognizers/secret';
import { urlRecognizer } from './recognizers/url';
import { usSsnRecognizer } from './recognizers/us-ssn';
import { valueHints } from './value-hints';

/** Matches below this score are not reported unless the user lowers `pii.minScore`. */
export const DEFAULT_MIN_SCORE = 0.5;

/** The recognizers a scan runs: fast pattern ones, and model-backed ones run in batches. */
export interface PiiRegistry {
  readonly recognizers: readonly Recognizer[];
  readonly modelRecognizers: readonly ModelRecognizer[];
}

export interface RegistryOptions {
  /** Regions for national-format phone numbers (ISO 3166 alpha-2); default US, GB, DE, FR, IN. */
  phoneRegions?: readonly string[];
  /** Ids of built-in recognizers to leave out, e.g. `['url']`. */
  disabled?: readonly string[];
  /** Extra pattern recognizers, run after the built-in ones. */
  recognizers?: readonly Recognizer[];
  /** Model-backed recognizers (NER); only `findPiiInValues` runs them. */
  modelRecognizers?: readonly ModelRecognizer[];
}

export interface FindPiiOptions {
  /** Matches scoring below this are dropped (0–1). */
  minScore: number;
  /** Only these entities; all when absent. */
  entities?: readonly PiiEntity[];
}

/** A registry with every built-in pattern recognizer. */
export function createDefaultRegistry(options: RegistryOptions = {}): PiiRegistry {
  const builtIn: Recognizer[] = [
    emailRecognizer,
    urlRecognizer,
    createPhoneRecognizer(options.phoneRegions ?? DEFAULT_PHONE_REGIONS),
    creditCardRecognizer,
    ibanRecognizer,
    usSsnRecognizer,
    ipAddressRecognizer,
    dateOfBirthRecognizer,
    secretRecognizer,
  ];
  const disabled = new Set(options.disabled ?? []);
  return {
    recognizers: [...builtIn.filter((r) => !disabled.has(r.id)), ...(options.recognizers ?? [])],
    modelRecognizers: [...(options.modelRecognizers ?? [])],
  };
}

function recognizerEntities(r: Recognizer): readonly PiiEntity[] {
  return typeof r.entity === 'string' ? [r.entity] : r.entity;
}

/** No built-in entity fits in fewer characters than this (`a@b.co`, `1/2/85`). */
const SHORTEST_MATCH = 6;

/** The recognizers that can find one of `entities`, remembered for the last list asked about per registry. */
const activeCache = new WeakMap<PiiRegistry, { entities: readonly PiiEntity[] | undefined; recognizers: readonly Recognizer[] }>();

function activeRecognizers(registry: PiiRegistry, entities?: readonly PiiEntity[]): readonly Recognizer[] {
  if (!entities) return registry.recognizers;
  const cached = activeCache.get(registry);
  if (cached && cached.entities === entities) return cached.recognizers;
  const recognizers = registry.recognizers.filter((r) => recognizerEntities(r).some((e) => entities.includes(e)));
  activeCache.set(registry, { entities, recognizers });
  return recognizers;
}

/** Raw matches of the pattern recognizers, before score filtering and overlap resolution. */
function patternMatches(value: string, ctx: RecognizerContext, registry: PiiRegistry, entities?: readonly PiiEntity[]): PiiMatch[] {
  let all: PiiMatch[] | undefined;
  const hints = valueHints(value);
  for (const r of activeRecognizers(registry, entities)) {
    if (r.mayMatch && !r.mayMatch(value, hints)) continue;
    const found = r.recognize(value, ctx, hints);
    if (found.length > 0) all = all ? all.concat(found) : found;
  }
  return all ?? NO_MATCHES;
}

/** Keeps matches of the wanted entities scoring at least minScore, then resolves overlaps. */
function finish(matches: readonly PiiMatch[], options: FindPiiOptions): PiiMatch[] {
  if (matches.length === 0) return NO_MATCHES;
  const wanted = matches.filter((m) => m.score >= options.minScore && (!options.entities || options.entities.includes(m.entity)));
  return resolveOverlaps(wanted);
}

/**
 * PII in one decoded string using the registry's pattern recognizers (synchronous; model-backed
 * recognizers need `findPiiInValues`). Non-overlapping matches sorted by start.
 */
export function findPiiInValue(value: string, ctx: RecognizerContext, registry: PiiRegistry, options: FindPiiOptions): PiiMatch[] {
  if (value.length < SHORTEST_MATCH) return NO_MATCHES;
  return finish(patternMatches(value, ctx, registry, options.entities), options);
}

/**
 * PII in many strings using pattern and model-backed recognizers; models get the values in
 * batches. `contexts[i]` belongs to `values[i]` (or one context for all when a single one is given).
 */
export async function findPiiInValues(
  values: readonly string[],
  contexts: readonly RecognizerContext[],
  registry: PiiRegistry,
  options: FindPiiOptions,
): Promise<PiiMatch[][]> {
  const contextOf = (i: number): RecognizerContext => contexts[contexts.length === 1 ? 0 : i] ?? {};
  // Copies: model matches are added to these lists, and a recognizer's own result may be shared.
  const raw = values.map((v, i) => (v.length < SHORTEST_MATCH ? [] : patternMatches(v, contextOf(i), registry, options.entities).slice()));
  const models = registry.modelRecognizers.filter((m) => !options.entities || m.entities.some((e) => options.entities!.includes(e)));
  for (const model of models) {
    const size = Math.max(1, model.maxBatchSize ?? values.length);
    for (let from = 0; from < values.length; from += size) {
      const batch = values.slice(from, from + size);
      const found = await model.recognizeBatch(batch, batch.map((_, j) => contextOf(from + j)));
      found.forEach((matches, j) => raw[from + j].push(...matches));
    }
  }
  return raw.map((matches) => finish(matches, options));
}
