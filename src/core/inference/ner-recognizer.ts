import type { ModelRecognizer } from '../lint/pii/model-recognizer';
import type { PiiMatch } from '../lint/pii/recognizer';
import type { InferenceEngine } from './inference-engine';
import type { TokenEntity } from './inference-types';
import { nameLexiconOf, type NameLexicon } from './name-lexicon';
import { applySpanRules, type NerSpan } from './ner-span-rules';

/** NER tags (CoNLL, OntoNotes, Presidio spellings) → our entities; other tags are ignored. */
const TAGS: Record<string, NerSpan['entity']> = {
  PER: 'PERSON',
  PERSON: 'PERSON',
  LOC: 'LOCATION',
  LOCATION: 'LOCATION',
  GPE: 'LOCATION',
  ADDRESS: 'LOCATION',
  STREET_ADDRESS: 'LOCATION',
  ORG: 'ORGANIZATION',
  ORGANIZATION: 'ORGANIZATION',
};

const EDGE = /[\s\p{P}\p{S}]/u;
/** A capitalised word of at most four letters before a final dot: an initial or abbreviation ("J.", "Inc.", "Jr."). */
const ABBREVIATION = /(?:^|[\s.])\p{Lu}\p{L}{0,3}$/u;

/**
 * The span without punctuation, symbols or spaces at its edges. A model can give a word-piece
 * tokenizer's separate punctuation tokens the tag of the name beside them ("Maclean's" → the
 * apostrophe, "(Smith)." → the parenthesis and dot); a finding must cover the name only, so that
 * a redaction or a mask does not eat the text around it. A final dot stays after an initial or a
 * short abbreviation.
 */
export function trimEntitySpan(text: string, start: number, end: number): { start: number; end: number } {
  // Whole code points are tested, so an emoji (a surrogate pair) goes as one.
  const first = (at: number): string => String.fromCodePoint(text.codePointAt(at)!);
  const last = (at: number): string => (at >= 2 && /[\uDC00-\uDFFF]/.test(text[at - 1]!) && /[\uD800-\uDBFF]/.test(text[at - 2]!) ? text.slice(at - 2, at) : text[at - 1]!);
  while (start < end && EDGE.test(first(start))) start += first(start).length;
  while (end > start && EDGE.test(last(end))) {
    if (text[end - 1] === '.' && ABBREVIATION.test(text.slice(start, end - 1))) break;
    end -= last(end).length;
  }
  return { start, end };
}

/** Letters and digits a span needs to name anyone or anything: a lone letter ("I", an initial) does not. */
const MIN_NAME_CHARACTERS = 2;

/**
 * Maps a token-classification result on `text` to PII matches. With the text, spans lose
 * punctuation at their edges and go through the linguistic rules of `ner-span-rules.ts`
 * (casing, trailing lower-case words, function words, sentence starts, split names).
 */
export function nerMatches(entities: readonly TokenEntity[], recognizer: string, text?: string, lexicon?: NameLexicon): PiiMatch[] {
  const spans: NerSpan[] = [];
  for (const e of entities) {
    const entity = TAGS[e.entity.toUpperCase()];
    if (!entity) continue;
    const { start, end } = text === undefined ? e : trimEntitySpan(text, e.start, e.end);
    if (end <= start) continue;
    spans.push({ entity, start, end, score: e.score });
  }
  const ruled = text === undefined ? spans : applySpanRules(spans, text, lexicon).map((s) => ({ ...s, ...trimEntitySpan(text, s.start, s.end) }));
  const out: PiiMatch[] = [];
  for (const { entity, start, end, score } of ruled) {
    if (end <= start) continue;
    if (text !== undefined && (text.slice(start, end).match(/[\p{L}\p{N}]/gu)?.length ?? 0) < MIN_NAME_CHARACTERS) continue;
    out.push({ entity, start, end, score, recognizer });
  }
  return out;
}

/**
 * The PII linter's PERSON/LOCATION/ORGANIZATION recognizer: a token-classification model run
 * through the engine, batched, in whichever thread the engine lives in (the lint worker, or the
 * CLI's process).
 */
export function createNerRecognizer(engine: InferenceEngine, model: string, batchSize = 16): ModelRecognizer {
  const lexicon = nameLexiconOf(model);
  return {
    id: 'ner',
    entities: ['PERSON', 'LOCATION', 'ORGANIZATION'],
    maxBatchSize: 256,
    async recognizeBatch(values) {
      const results = (await engine.run({ model, task: 'token-classification', inputs: values, batchSize })) as TokenEntity[][];
      return results.map((r, i) => nerMatches(r, 'ner', values[i], lexicon));
    },
  };
}
